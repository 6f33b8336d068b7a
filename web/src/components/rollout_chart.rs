//! The rollout-steps chart: each ReplicaSet's desired (solid) and ready (dashed) replicas over simulated
//! time, with the Deployment's events as markers along the top.

use yew::prelude::*;

use crate::model::fmt;
use crate::model::playground::RolloutSeries;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    pub at_ms: u64,
    pub reason: String,
    pub message: String,
}

#[derive(Properties, PartialEq)]
pub struct RolloutChartProps {
    pub series: Vec<RolloutSeries>,
    pub markers: Vec<Marker>,
}

const W: f64 = 640.0;
const H: f64 = 180.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 18.0;
const BOTTOM: f64 = 24.0;

#[component]
pub fn RolloutChart(props: &RolloutChartProps) -> Html {
    // The time axis spans the changes (plus a margin), not the clock, so a chart redraws only when its
    // data changes: a hundred charts stay cheap while the clock runs.
    let times =
        props.series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).chain(props.markers.iter().map(|m| m.at_ms));
    let (first, last) = times.fold((u64::MAX, 0), |(lo, hi), t| (lo.min(t), hi.max(t)));
    let start = if first == u64::MAX { 0 } else { first };
    let span = last.saturating_sub(start).max(10_000);
    let end = start + span + span / 10;
    let max_y = props.series.iter().flat_map(|s| s.points.iter().map(|p| p.1.max(p.2))).max().unwrap_or(1).max(1);
    let x = |t: u64| LEFT + (t.saturating_sub(start)) as f64 / (end - start) as f64 * (W - LEFT - RIGHT);
    let y = |v: i32| H - BOTTOM - f64::from(v) / f64::from(max_y) * (H - TOP - BOTTOM);
    let path = |points: &[(u64, i32, i32)], pick: fn(&(u64, i32, i32)) -> i32| -> String {
        let mut d = String::new();
        for (i, p) in points.iter().enumerate() {
            if i == 0 {
                d.push_str(&format!("M{:.1} {:.1}", x(p.0), y(pick(p))));
            } else {
                d.push_str(&format!(" H{:.1} V{:.1}", x(p.0), y(pick(p))));
            }
        }
        if let Some(last) = points.last() {
            d.push_str(&format!(" H{:.1}", x(end).max(x(last.0))));
        }
        d
    };
    let y_ticks: Vec<i32> = if max_y <= 6 { (0..=max_y).collect() } else { vec![0, max_y / 2, max_y] };
    let x_ticks = [start, start + (end - start) / 2, end];
    let newest = props.series.iter().map(|s| s.revision.parse::<i64>().unwrap_or(0)).max().unwrap_or(0);
    html! {
        <figure class="chart">
            <svg viewBox={format!("0 0 {W} {H}")} role="img" class="chart__svg"
                aria-label="Replicas of each ReplicaSet over time">
                { for y_ticks.iter().map(|&v| html! {
                    <g class="chart__grid">
                        <line x1={LEFT.to_string()} x2={(W - RIGHT).to_string()} y1={y(v).to_string()} y2={y(v).to_string()} />
                        <text x={(LEFT - 6.0).to_string()} y={(y(v) + 4.0).to_string()} text-anchor="end">{v}</text>
                    </g>
                }) }
                { for x_ticks.iter().map(|&t| html! {
                    <text class="chart__axis" x={x(t).to_string()} y={(H - 6.0).to_string()} text-anchor="middle">
                        {fmt::axis_duration(t - start)}
                    </text>
                }) }
                { for props.markers.iter().filter(|m| m.at_ms >= start).map(|m| html! {
                    <g class={classes!("chart__marker", (m.reason != "ScalingReplicaSet").then_some("chart__marker--other"))}>
                        <line x1={x(m.at_ms).to_string()} x2={x(m.at_ms).to_string()} y1={(TOP - 8.0).to_string()} y2={(H - BOTTOM).to_string()} />
                        <circle cx={x(m.at_ms).to_string()} cy={(TOP - 8.0).to_string()} r="3.5">
                            <title>{format!("{} {}: {}", fmt::axis_duration(m.at_ms - start), m.reason, m.message)}</title>
                        </circle>
                    </g>
                }) }
                { for props.series.iter().enumerate().map(|(i, s)| {
                    let is_new = s.revision.parse::<i64>().unwrap_or(0) == newest;
                    let class = classes!("chart__series", format!("chart__series--{}", i % 6), is_new.then_some("chart__series--new"));
                    html! {
                        <g {class}>
                            <path class="chart__desired" d={path(&s.points, |p| p.1)}>
                                <title>{format!("{} (revision {}) desired replicas", s.replica_set, s.revision)}</title>
                            </path>
                            <path class="chart__ready" d={path(&s.points, |p| p.2)}>
                                <title>{format!("{} (revision {}) ready replicas", s.replica_set, s.revision)}</title>
                            </path>
                        </g>
                    }
                }) }
            </svg>
            <figcaption class="chart__legend">
                { for props.series.iter().enumerate().map(|(i, s)| html! {
                    <span class={classes!("legend", format!("chart__series--{}", i % 6))}>
                        <span class="legend__swatch" aria-hidden="true"></span>
                        {format!("{} · rev {} · {} desired / {} ready", s.replica_set, s.revision,
                            s.points.last().map(|p| p.1).unwrap_or(0), s.points.last().map(|p| p.2).unwrap_or(0))}
                    </span>
                }) }
                <span class="legend legend--hint">{"solid: desired · dashed: ready · dots: events"}</span>
            </figcaption>
        </figure>
    }
}
