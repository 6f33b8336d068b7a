//! What one animation frame costs natively at 60× on a scenario: the clock advance and the view rebuild.
//! `cargo run --release -p kubeplay-web --example frame_cost -- examples/scale-50-nodes.yaml`

use std::time::Instant;

use kubeplay_kubectl::scenario::Scenario;
use kubeplay_web::model::playground::Playground;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "examples/scale-50-nodes.yaml".into());
    let text = std::fs::read_to_string(&path).expect("scenario file");
    let scenario = Scenario::parse(&text).expect("scenario");
    let t = Instant::now();
    let mut p = Playground::from_scenario(&scenario);
    println!("restore: {:?}", t.elapsed());
    let frames = |p: &mut Playground, label: &str| {
        let (mut advance, mut build, mut changed) = (0u128, 0u128, 0);
        for _ in 0..120 {
            let rv = p.session().engine.api.store.resource_version();
            let t = Instant::now();
            p.advance(1000);
            advance += t.elapsed().as_micros();
            if p.session().engine.api.store.resource_version() != rv {
                changed += 1;
                let t = Instant::now();
                std::hint::black_box(p.view(false));
                build += t.elapsed().as_micros();
            }
        }
        println!(
            "{label}: 120 frames of 1 s: advance {} µs/frame, store changed in {changed} frames, view build {} µs each",
            advance / 120,
            if changed > 0 { build / changed } else { 0 }
        );
    };
    frames(&mut p, "steady");
    p.run_command("kubectl apply -f rollout.yaml");
    frames(&mut p, "rolling");
    let store = &p.session().engine.api.store;
    let events = store.list(&kubeplay_engine::kinds::GroupKind::new("", "Event"), None).count();
    let pods = store.list(&kubeplay_engine::kinds::GroupKind::new("", "Pod"), None).count();
    println!("store: {} objects, {events} events, {pods} pods", store.len());
    let t = Instant::now();
    for _ in 0..20 {
        std::hint::black_box(p.view(false));
    }
    println!("view build after the rollout: {:?} each", t.elapsed() / 20);
}
