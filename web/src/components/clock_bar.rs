//! The simulated clock: play/pause, step to the next event, speed, run until idle, and the time.

use yew::prelude::*;

use crate::model::fmt;

pub const SPEEDS: [u32; 3] = [1, 10, 60];

#[derive(Properties, PartialEq)]
pub struct ClockBarProps {
    pub playing: bool,
    pub speed: u32,
    pub now_ms: u64,
    pub idle_running: bool,
    pub on_toggle: Callback<()>,
    pub on_step: Callback<()>,
    pub on_speed: Callback<u32>,
    pub on_idle: Callback<()>,
}

#[component]
pub fn ClockBar(props: &ClockBarProps) -> Html {
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let now = kubeplay_engine::SimTime(props.now_ms);
    html! {
        <div class="clock" role="group" aria-label="Simulated clock">
            <button id="play" class={classes!("button", props.playing.then_some("button--on"))} onclick={click(&props.on_toggle)}
                aria-pressed={props.playing.to_string()} title="Play or pause the clock (Space)">
                {if props.playing { "❚❚ Pause" } else { "▶ Play" }}
            </button>
            <button id="step" class="button" onclick={click(&props.on_step)} title="Step to the next event (.)">{"⇥ Step"}</button>
            <span class="clock__speeds" role="radiogroup" aria-label="Speed">
                { for SPEEDS.iter().map(|&s| {
                    let cb = props.on_speed.clone();
                    html! {
                        <button id={format!("speed-{s}")} role="radio" aria-checked={(props.speed == s).to_string()}
                            class={classes!("button", "button--small", (props.speed == s).then_some("button--on"))}
                            onclick={Callback::from(move |_: MouseEvent| cb.emit(s))} title={format!("{s}× real time")}>
                            {format!("{s}×")}
                        </button>
                    }
                }) }
            </span>
            <button id="until-idle" class={classes!("button", props.idle_running.then_some("button--on"))} onclick={click(&props.on_idle)}
                title="Run until nothing is left to do (at most 10 simulated minutes)">
                {if props.idle_running { "» Running…" } else { "» Until idle" }}
            </button>
            <span class="clock__time" id="clock" title={fmt::wall_clock(now)} aria-live="off">
                <span class="clock__elapsed">{fmt::elapsed(props.now_ms)}</span>
                <span class="clock__wall">{fmt::wall_clock(now)}</span>
            </span>
        </div>
    }
}
