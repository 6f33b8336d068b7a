//! Component tests: the views rendered natively with Yew's server renderer from a real playground, compared
//! with snapshots in `tests/snapshots/` (`UPDATE_EXPECT=1 cargo test -p kubeplay-web` rewrites them).
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;
use std::rc::Rc;

use expect_test::expect_file;
use kubeplay_web::components::clock_bar::{ClockBar, ClockBarProps};
use kubeplay_web::components::editor::{Editor, EditorProps};
use kubeplay_web::components::events::{Events, EventsProps};
use kubeplay_web::components::nodes_view::{NodesView, NodesViewProps};
use kubeplay_web::components::terminal::{Terminal, TerminalProps};
use kubeplay_web::components::workloads::{Workloads, WorkloadsProps};
use kubeplay_web::components::{App, AppProps, Boot};
use kubeplay_web::model::completion::Completion;
use kubeplay_web::model::playground::{EXAMPLE_FILE, EXAMPLE_MANIFEST, Playground};
use yew::{BaseComponent, Callback, LocalServerRenderer};

fn render<C: BaseComponent>(props: C::Properties) -> String {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let local = tokio::task::LocalSet::new();
    let html = local.block_on(&rt, LocalServerRenderer::<C>::with_props(props).hydratable(false).render());
    // One element per line, so snapshot diffs point at the element that changed.
    html.replace("><", ">\n<")
}

/// The example Deployment applied and rolled from nginx:1.14.2 to 1.16.1, one minute apart.
fn rolled_out() -> Playground {
    let mut p = Playground::default();
    p.apply(EXAMPLE_FILE);
    p.advance(60_000);
    p.set_file_text(EXAMPLE_FILE, &EXAMPLE_MANIFEST.replace("nginx:1.14.2", "nginx:1.16.1"));
    p.apply(EXAMPLE_FILE);
    p.advance(60_000);
    p
}

#[test]
fn cluster_view_shows_nodes_pods_and_the_pending_lane() {
    let mut p = rolled_out();
    // A pod no node can hold waits in the Pending lane with the scheduler's reason.
    let name = p.add_file();
    p.set_file_text(&name, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: app\n    image: nginx\n    resources:\n      requests:\n        cpu: \"64\"\n");
    let out = p.apply(&name);
    assert_eq!(out.output, "pod/big created\n");
    p.advance(5_000);
    let view = Rc::new(p.view(false));
    assert!(view.pending.iter().any(|pod| pod.name == "big"), "{:?}", view.pending);
    let html = render::<NodesView>(NodesViewProps {
        view,
        selected_pod: None,
        on_select_pod: Callback::noop(),
        on_select_node: Callback::noop(),
    });
    expect_file!["snapshots/nodes_view.html"].assert_eq(&html);
}

#[test]
fn workloads_view_shows_the_tree_and_the_rollout_chart() {
    let p = rolled_out();
    let view = Rc::new(p.view(false));
    let rollouts = Rc::new(view.deployments.iter().map(|d| (d.uid.clone(), p.rollout(&d.uid).to_vec())).collect());
    let html = render::<Workloads>(WorkloadsProps {
        view,
        rollouts,
        selected_pod: None,
        on_select: Callback::noop(),
        system: false,
        on_toggle_system: Callback::noop(),
    });
    expect_file!["snapshots/workloads.html"].assert_eq(&html);
}

#[test]
fn editor_marks_diagnostics_at_their_line() {
    let p = Playground::default();
    let text = EXAMPLE_MANIFEST.replace("  replicas: 3", "  replicass: 3");
    let diagnostics = kubeplay_kubectl::diagnostics::check_file(p.session(), EXAMPLE_FILE, &text);
    assert_eq!(diagnostics.iter().map(|d| d.line).collect::<Vec<_>>(), vec![8]);
    let files = vec![kubeplay_web::model::playground::EditorFile { name: EXAMPLE_FILE.into(), text }];
    let html = render::<Editor>(EditorProps {
        files,
        active: EXAMPLE_FILE.into(),
        diagnostics,
        on_select: Callback::noop(),
        on_change: Callback::noop(),
        on_apply: Callback::noop(),
        on_add: Callback::noop(),
        on_rename: Callback::from(|_| Ok(())),
        on_delete: Callback::noop(),
    });
    expect_file!["snapshots/editor.html"].assert_eq(&html);
}

#[test]
fn terminal_prints_what_the_cli_prints() {
    let mut p = rolled_out();
    p.run_command("kubectl get deploy");
    p.run_command("kubectl get nope");
    let html = render::<Terminal>(TerminalProps {
        entries: Rc::new(p.terminal().to_vec()),
        on_run: Callback::noop(),
        on_complete: Callback::from(|_| Completion {
            replace_from: 0,
            candidates: vec![],
            common_prefix: String::new(),
        }),
        on_clear: Callback::noop(),
    });
    expect_file!["snapshots/terminal.html"].assert_eq(&html);
}

#[test]
fn events_and_clock() {
    let p = rolled_out();
    let html = render::<Events>(EventsProps {
        events: Rc::new(kubeplay_web::model::view::events(&p.session().engine.api.store)),
        now_ms: p.now().millis(),
        on_select: Callback::noop(),
    });
    expect_file!["snapshots/events.html"].assert_eq(&html);
    let html = render::<ClockBar>(ClockBarProps {
        playing: true,
        speed: 60,
        now_ms: p.now().millis(),
        idle_running: false,
        on_toggle: Callback::noop(),
        on_step: Callback::noop(),
        on_speed: Callback::noop(),
        on_idle: Callback::noop(),
    });
    expect_file!["snapshots/clock_bar.html"].assert_eq(&html);
}

#[test]
fn first_open_shows_the_example_and_the_default_cluster() {
    let boot = Boot::from_sources("", None, None);
    let html = render::<App>(AppProps { boot: Rc::new(RefCell::new(Some(boot))) });
    expect_file!["snapshots/app_first_open.html"].assert_eq(&html);
}

#[test]
fn a_share_link_from_a_newer_version_says_so() {
    let boot = Boot::from_sources("s9.cluster.AAAA", None, None);
    let html = render::<App>(AppProps { boot: Rc::new(RefCell::new(Some(boot))) });
    assert!(html.contains("newer kubeplay"), "{html}");
    assert!(html.contains("nginx-deployment.yaml"), "the example is still there");
}
