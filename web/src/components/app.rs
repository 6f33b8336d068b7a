//! The page: clock bar, editor, the cluster/workloads/events views, terminal and inspector around one
//! playground. The playground lives in a `RefCell` owned by this component; every change bumps its
//! version, and the views are recomputed from the store only when the version changes.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use super::Selection;
use super::clock_bar::ClockBar;
use super::editor::Editor;
use super::events::Events;
use super::inspector::{Inspection, Inspector};
use super::nodes_view::NodesView;
use super::terminal::Terminal;
use super::workloads::Workloads;
use crate::browser;
use crate::model::completion::{self, Completion, CompletionContext};
use crate::model::playground::{Playground, Progress};
use crate::model::share::{self, SharePayload};
use crate::model::view::container_states;

/// The main views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Cluster,
    Workloads,
    Events,
}

impl View {
    pub const ALL: [View; 3] = [View::Cluster, View::Workloads, View::Events];

    pub fn id(self) -> &'static str {
        match self {
            View::Cluster => "cluster",
            View::Workloads => "workloads",
            View::Events => "events",
        }
    }

    pub fn parse(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.id() == s)
    }

    fn label(self) -> &'static str {
        match self {
            View::Cluster => "Cluster",
            View::Workloads => "Workloads",
            View::Events => "Events",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

/// What the page starts with: a restored or default playground, the open view, and what to tell the user.
pub struct Boot {
    pub playground: Playground,
    pub view: View,
    pub notice: Option<Notice>,
}

impl Boot {
    /// Decides where the page starts: a share link in the fragment, else the autosave, else the example.
    pub fn from_sources(fragment: &str, autosave: Option<&str>, crash: Option<&str>) -> Boot {
        let restore = |text: &str| -> Result<(Playground, View), String> {
            let payload = share::decode_fragment(text).map_err(|e| e.to_string())?;
            let scenario = kubeplay_kubectl::scenario::Scenario::parse(&payload.scenario_yaml)
                .map_err(|e| format!("line {}, column {}: {}", e.line, e.column, e.message))?;
            Ok((Playground::from_scenario(&scenario), View::parse(&payload.view).unwrap_or(View::Cluster)))
        };
        let mut notice = crash.map(|c| {
            Notice::Error(format!(
                "The last session stopped on a bug in the simulation ({c}). It was restored up to the step before."
            ))
        });
        if !fragment.is_empty() && !matches!(share::decode_fragment(fragment), Err(share::ShareError::NotAShareLink)) {
            match restore(fragment) {
                Ok((playground, view)) => {
                    return Boot {
                        playground,
                        view,
                        notice: notice.or(Some(Notice::Info("Restored the scenario from the link.".into()))),
                    };
                }
                Err(e) => notice = Some(Notice::Error(format!("This link cannot be opened: {e}"))),
            }
        }
        if let Some(saved) = autosave {
            match restore(saved) {
                Ok((playground, view)) => return Boot { playground, view, notice },
                Err(e) => {
                    notice = notice.or(Some(Notice::Error(format!("The autosaved session could not be restored: {e}"))))
                }
            }
        }
        Boot { playground: Playground::default(), view: View::Cluster, notice }
    }
}

#[derive(Properties)]
pub struct AppProps {
    pub boot: Rc<RefCell<Option<Boot>>>,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.boot, &other.boot)
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let boot = use_mut_ref(|| props.boot.borrow_mut().take().unwrap_or_else(|| Boot::from_sources("", None, None)));
    let pg = use_mut_ref(|| std::mem::take(&mut boot.borrow_mut().playground));
    let force = use_force_update();
    let view = use_state(|| boot.borrow().view);
    let notice = use_state(|| boot.borrow().notice.clone());
    let active = use_state(|| pg.borrow().files().first().map(|f| f.name.clone()).unwrap_or_default());
    let playing = use_state(|| false);
    let speed = use_state(|| 1u32);
    let idle_running = use_state(|| false);
    let system = use_state(|| false);
    let selection = use_state(|| None::<Selection>);
    let share_url = use_state(|| None::<String>);
    let applies = use_state(|| 0u64);
    let frame = use_mut_ref(|| None::<gloo::render::AnimationFrame>);
    let last_save = use_mut_ref(|| 0f64);

    let version = pg.borrow().version();
    // What the views draw changes only when the store does; the clock alone does not rebuild them.
    let store_version = pg.borrow().session().engine.api.store.resource_version();
    let now_ms = pg.borrow().now().millis();
    let cluster = {
        let pg = pg.clone();
        use_memo((store_version, *system), move |(_, system)| pg.borrow().view(*system))
    };
    let rollouts = {
        let pg = pg.clone();
        let cluster = cluster.clone();
        use_memo((store_version, *system), move |_| {
            let pg = pg.borrow();
            cluster.deployments.iter().map(|d| (d.uid.clone(), pg.rollout(&d.uid).to_vec())).collect::<Vec<_>>()
        })
    };
    let terminal_entries = {
        let generation = pg.borrow().terminal_generation();
        let pg = pg.clone();
        use_memo(generation, move |_| pg.borrow().terminal().to_vec())
    };
    // The events list is the biggest part of the store; it is read only while its view is open.
    let event_list = {
        let pg = pg.clone();
        let open = *view == View::Events;
        use_memo((store_version, open), move |(_, open)| {
            if *open { crate::model::view::events(&pg.borrow().session().engine.api.store) } else { Vec::new() }
        })
    };
    let event_count = {
        let pg = pg.clone();
        *use_memo(store_version, move |_| {
            pg.borrow()
                .session()
                .engine
                .api
                .store
                .list(&kubeplay_engine::kinds::GroupKind::new("", "Event"), None)
                .count()
        })
    };
    let active_text = pg.borrow().file(&active).map(|f| f.text.clone()).unwrap_or_default();
    let diagnostics = {
        let pg = pg.clone();
        let name = (*active).clone();
        use_memo((name, active_text, *applies), move |(name, text, _)| {
            kubeplay_kubectl::diagnostics::check_file(pg.borrow().session(), name, text)
        })
    };
    let inspection = {
        let pg = pg.clone();
        use_memo(((*selection).clone(), store_version), move |(sel, _)| {
            sel.as_ref().map(|s| inspect(&mut pg.borrow_mut(), s))
        })
    };

    // The clock: one animation frame at a time while playing or running until idle.
    {
        let pg = pg.clone();
        let force = force.clone();
        let frame = frame.clone();
        let idle_running = idle_running.clone();
        use_effect_with((*playing, *speed, *idle_running), move |&(playing, speed, idle)| {
            *frame.borrow_mut() = None;
            if playing || idle {
                let last = Rc::new(Cell::new(None::<f64>));
                let carry = Rc::new(Cell::new(0f64));
                let start_ms = pg.borrow().now().millis();
                schedule(frame.clone(), move |ts| {
                    if idle {
                        let budget_end = browser::wall_ms() + 12.0;
                        loop {
                            let progress = pg.borrow_mut().run_until_idle(start_ms, 25);
                            if progress == Progress::Idle {
                                idle_running.set(false);
                                force.force_update();
                                return false;
                            }
                            if browser::wall_ms() >= budget_end {
                                break;
                            }
                        }
                    } else {
                        let dt = last.get().map(|prev| (ts - prev).clamp(0.0, 100.0)).unwrap_or(0.0);
                        last.set(Some(ts));
                        let ms = dt * f64::from(speed) + carry.get();
                        let whole = ms.floor();
                        carry.set(ms - whole);
                        pg.borrow_mut().advance(whole as u64);
                    }
                    force.force_update();
                    true
                });
            }
            move || drop(frame.borrow_mut().take())
        });
    }

    // Autosave: after every edit at once, while the clock runs at most once a second.
    {
        let pg = pg.clone();
        let view = *view;
        let running = *playing || *idle_running;
        use_effect_with(version, move |_| {
            let now = browser::wall_ms();
            if !running || now - *last_save.borrow() > 1000.0 {
                *last_save.borrow_mut() = now;
                let payload =
                    SharePayload { scenario_yaml: pg.borrow().to_scenario().to_yaml(), view: view.id().into() };
                browser::storage_set(browser::AUTOSAVE_KEY, &share::encode_fragment(&payload));
                browser::storage_remove(browser::CRASH_KEY);
            }
        });
    }

    let on_toggle = {
        let playing = playing.clone();
        let idle_running = idle_running.clone();
        Callback::from(move |()| {
            idle_running.set(false);
            playing.set(!*playing);
        })
    };
    let on_step = {
        let (pg, force, playing) = (pg.clone(), force.clone(), playing.clone());
        Callback::from(move |()| {
            playing.set(false);
            pg.borrow_mut().step();
            force.force_update();
        })
    };
    let on_speed = {
        let speed = speed.clone();
        Callback::from(move |s: u32| speed.set(s))
    };
    let on_idle = {
        let (idle_running, playing) = (idle_running.clone(), playing.clone());
        Callback::from(move |()| {
            playing.set(false);
            idle_running.set(!*idle_running);
        })
    };

    // Global shortcuts: Space plays/pauses, `.` steps, Escape closes the inspector (not while typing).
    {
        let (on_toggle, on_step, selection) = (on_toggle.clone(), on_step.clone(), selection.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "keydown", move |e| {
                    use wasm_bindgen::JsCast;
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                    let typing = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
                    if typing || e.ctrl_key() || e.meta_key() || e.alt_key() {
                        return;
                    }
                    match e.key().as_str() {
                        " " => {
                            e.prevent_default();
                            on_toggle.emit(());
                        }
                        "." => on_step.emit(()),
                        "Escape" => selection.set(None),
                        _ => {}
                    }
                })
            });
            move || drop(listener)
        });
    }

    // Callbacks handed to child components are made once (`use_callback` with no dependencies), so a
    // frame that only moves the clock does not re-render the editor, the terminal or the views.
    let on_change = {
        let (pg, force) = (pg.clone(), force.clone());
        use_callback((), move |(name, text): (String, String), _| {
            pg.borrow_mut().set_file_text(&name, &text);
            force.force_update();
        })
    };
    let on_apply = {
        let (pg, force, applies) = (pg.clone(), force.clone(), applies.clone());
        use_callback((), move |name: String, _| {
            pg.borrow_mut().apply(&name);
            applies.set(pg.borrow().terminal_generation());
            force.force_update();
        })
    };
    let on_select_file = {
        let active = active.clone();
        use_callback((), move |name: String, _| active.set(name))
    };
    let on_add = {
        let (pg, active) = (pg.clone(), active.clone());
        use_callback((), move |(), _| active.set(pg.borrow_mut().add_file()))
    };
    let on_rename = {
        let (pg, active, force) = (pg.clone(), active.clone(), force.clone());
        use_callback((), move |(old, new): (String, String), _| {
            pg.borrow_mut().rename_file(&old, &new)?;
            active.set(new.trim().to_string());
            force.force_update();
            Ok(())
        })
    };
    let on_delete = {
        let (pg, active, force) = (pg.clone(), active.clone(), force.clone());
        use_callback((), move |name: String, _| {
            pg.borrow_mut().delete_file(&name);
            active.set(pg.borrow().files().first().map(|f| f.name.clone()).unwrap_or_default());
            force.force_update();
        })
    };
    let on_run = {
        let (pg, force) = (pg.clone(), force.clone());
        use_callback((), move |line: String, _| {
            pg.borrow_mut().run_command(&line);
            force.force_update();
        })
    };
    let on_clear = {
        let (pg, force) = (pg.clone(), force.clone());
        use_callback((), move |(), _| {
            pg.borrow_mut().clear_terminal();
            force.force_update();
        })
    };
    let on_complete = {
        let pg = pg.clone();
        use_callback((), move |(line, cursor): (String, usize), _| -> Completion {
            complete(&mut pg.borrow_mut(), &line, cursor)
        })
    };
    let on_select = {
        let selection = selection.clone();
        use_callback((), move |s: Selection, _| selection.set(Some(s)))
    };
    let on_select_pod = {
        let selection = selection.clone();
        use_callback((), move |(ns, name): (String, String), _| {
            selection.set(Some(Selection::new("pod", Some(&ns), &name)))
        })
    };
    let on_select_node = {
        let selection = selection.clone();
        use_callback((), move |name: String, _| selection.set(Some(Selection::new("node", None, &name))))
    };
    let on_close = {
        let selection = selection.clone();
        use_callback((), move |(), _| selection.set(None))
    };
    let on_toggle_system = {
        let system = system.clone();
        use_callback((), move |v: bool, _| system.set(v))
    };
    let on_share = {
        let (pg, share_url, view) = (pg.clone(), share_url.clone(), *view);
        Callback::from(move |_: MouseEvent| {
            let payload = SharePayload { scenario_yaml: pg.borrow().to_scenario().to_yaml(), view: view.id().into() };
            let url = browser::set_fragment(&share::encode_fragment(&payload));
            share_url.set(Some(url));
        })
    };
    let on_download = {
        let pg = pg.clone();
        Callback::from(move |_: MouseEvent| {
            browser::download("kubeplay-scenario.yaml", &pg.borrow().to_scenario().to_yaml(), "application/yaml")
        })
    };
    let on_open = {
        let (pg, force, notice, active, selection) =
            (pg.clone(), force.clone(), notice.clone(), active.clone(), selection.clone());
        let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|l| l.get(0)) else { return };
            input.set_value("");
            let file = gloo::file::File::from(file);
            let name = file.name();
            let (pg, force, notice, active, selection) =
                (pg.clone(), force.clone(), notice.clone(), active.clone(), selection.clone());
            let task = gloo::file::callbacks::read_as_text(&file, move |text| {
                let result = text.map_err(|e| e.to_string()).and_then(|t| {
                    kubeplay_kubectl::scenario::Scenario::parse(&t)
                        .map_err(|e| format!("{name}:{}:{}: {}", e.line, e.column, e.message))
                });
                match result {
                    Ok(s) => {
                        *pg.borrow_mut() = Playground::from_scenario(&s);
                        active.set(pg.borrow().files().first().map(|f| f.name.clone()).unwrap_or_default());
                        selection.set(None);
                        notice.set(Some(Notice::Info(format!("Opened {name}."))));
                    }
                    Err(e) => notice.set(Some(Notice::Error(format!("This scenario file cannot be opened: {e}")))),
                }
                force.force_update();
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let on_reset = {
        let (pg, force, active, selection, playing) =
            (pg.clone(), force.clone(), active.clone(), selection.clone(), playing.clone());
        Callback::from(move |_: MouseEvent| {
            let ok = web_sys::window()
                .and_then(|w| w.confirm_with_message("Start over with a fresh cluster? Your files stay; the cluster, its clock and the terminal are reset.").ok())
                .unwrap_or(false);
            if !ok {
                return;
            }
            let files = pg.borrow().files().to_vec();
            *pg.borrow_mut() = Playground::new(None, pg.borrow().seed(), files);
            playing.set(false);
            selection.set(None);
            active.set((*active).clone());
            force.force_update();
        })
    };
    let dismiss = {
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| notice.set(None))
    };
    let close_share = {
        let share_url = share_url.clone();
        Callback::from(move |_: MouseEvent| share_url.set(None))
    };

    let selected_pod = (*selection)
        .as_ref()
        .filter(|s| s.resource == "pod")
        .map(|s| (s.namespace.clone().unwrap_or_default(), s.name.clone()));
    let files = pg.borrow().files().to_vec();
    let title = pg.borrow().name.clone();
    let v = cluster.clone();
    let main_view = match *view {
        View::Cluster => html! {
            <NodesView view={v.clone()} selected_pod={selected_pod.clone()} on_select_pod={on_select_pod.clone()} {on_select_node} />
        },
        View::Workloads => html! {
            <Workloads view={v.clone()} rollouts={rollouts.clone()} selected_pod={selected_pod.clone()}
                on_select={on_select.clone()} system={*system} {on_toggle_system} />
        },
        View::Events => html! { <Events events={event_list.clone()} {now_ms} on_select={on_select.clone()} /> },
    };
    html! {
        <div class="app">
            <header class="topbar">
                <h1 class="brand" title="A Kubernetes v1.37 cluster, simulated in this tab">
                    <img src="static/favicon.svg" alt="" width="22" height="22" />{"kubeplay"}
                </h1>
                if let Some(t) = title { <span class="scenario-name">{t}</span> }
                <ClockBar playing={*playing} speed={*speed} now_ms={now_ms} idle_running={*idle_running}
                    {on_toggle} {on_step} {on_speed} {on_idle} />
                <div class="topbar__actions">
                    <button id="share" class="button" onclick={on_share} title="Put the whole scenario into a link">{"↗ Share"}</button>
                    <button id="download" class="button" onclick={on_download} title="Download the scenario file (runs with `kubeplay run`)">{"↓ Download"}</button>
                    <label class="button" title="Open a scenario file">{"↑ Open"}
                        <input id="open-file" type="file" accept=".yaml,.yml,text/yaml" class="visually-hidden" onchange={on_open} />
                    </label>
                    <button id="reset" class="button" onclick={on_reset} title="A fresh cluster with the same files">{"↺ Reset"}</button>
                </div>
            </header>
            if let Some(n) = &*notice {
                <div class={classes!("notice", matches!(n, Notice::Error(_)).then_some("notice--error"))} role="status" id="notice">
                    <span>{match n { Notice::Info(t) | Notice::Error(t) => t.clone() }}</span>
                    <button class="icon-button" onclick={dismiss} aria-label="Dismiss">{"✕"}</button>
                </div>
            }
            if let Some(url) = &*share_url {
                <div class="share" role="dialog" aria-label="Share link" id="share-dialog">
                    <p>{"This link holds the whole scenario: files, every step, the seed and the clock. Anyone who opens it gets the same cluster at the same time."}</p>
                    <input id="share-url" readonly=true value={url.clone()} aria-label="Share link"
                        onfocus={Callback::from(|e: FocusEvent| { if let Some(el) = e.target_dyn_into::<web_sys::HtmlInputElement>() { el.select(); } })} />
                    <div class="share__actions">
                        <button class="button button--primary" onclick={{ let u = url.clone(); Callback::from(move |_: MouseEvent| browser::copy_to_clipboard(&u)) }}>{"Copy"}</button>
                        <span class="muted">{format!("{} characters", url.len())}</span>
                        <button class="button" onclick={close_share}>{"Close"}</button>
                    </div>
                </div>
            }
            <main class="layout">
                <div class="pane pane--editor">
                    <Editor files={files} active={(*active).clone()} diagnostics={(*diagnostics).clone()}
                        on_select={on_select_file} {on_change} {on_apply} {on_add} {on_rename} {on_delete} />
                </div>
                <div class="pane pane--main">
                    <nav class="views" role="tablist" aria-label="Views">
                        { for View::ALL.iter().map(|&vw| {
                            let view = view.clone();
                            let count = match vw {
                                View::Cluster => format!("{} nodes · {}/{} pods running", v.nodes.len(), v.pod_running, v.pod_total),
                                View::Workloads => format!("{} deployments", v.deployments.len()),
                                View::Events => format!("{event_count}"),
                            };
                            html! {
                                <button id={format!("view-{}", vw.id())} role="tab" aria-selected={(*view == vw).to_string()}
                                    class={classes!("tab", (*view == vw).then_some("tab--active"))}
                                    onclick={Callback::from(move |_: MouseEvent| view.set(vw))}>
                                    {vw.label()}<span class="tab__count">{count}</span>
                                </button>
                            }
                        }) }
                    </nav>
                    <div class="view" role="tabpanel">{main_view}</div>
                    <Terminal entries={terminal_entries.clone()} {on_run} {on_complete} {on_clear} />
                </div>
                if let (Some(sel), Some(Some(ins))) = (&*selection, inspection.as_ref().as_ref().map(Some)) {
                    <Inspector selection={sel.clone()} inspection={ins.clone()} {on_close} />
                }
            </main>
        </div>
    }
}

/// Runs `tick` on every animation frame until it returns false or the handle in `slot` is dropped.
fn schedule(slot: Rc<RefCell<Option<gloo::render::AnimationFrame>>>, tick: impl FnMut(f64) -> bool + 'static) {
    let tick = Rc::new(RefCell::new(tick));
    fn go(slot: Rc<RefCell<Option<gloo::render::AnimationFrame>>>, tick: Rc<RefCell<dyn FnMut(f64) -> bool>>) {
        let slot2 = slot.clone();
        let handle = gloo::render::request_animation_frame(move |ts| {
            if (tick.borrow_mut())(ts) {
                go(slot2, tick);
            }
        });
        *slot.borrow_mut() = Some(handle);
    }
    go(slot, tick);
}

fn inspect(pg: &mut Playground, sel: &Selection) -> Inspection {
    let args = sel.args();
    let yaml = pg.query(&format!("kubectl get {args} -o yaml"));
    let describe = pg.query(&format!("kubectl describe {args}"));
    let (status, containers) = if sel.resource == "pod" {
        let ns = sel.namespace.clone().unwrap_or_default();
        let view = pg.view(true);
        let status = view
            .nodes
            .iter()
            .flat_map(|n| &n.pods)
            .chain(&view.pending)
            .find(|p| p.namespace == ns && p.name == sel.name)
            .map(|p| format!("{} · ready {} · restarts {}", p.status, p.ready, p.restarts));
        (status, container_states(&pg.session().engine.api.store, &ns, &sel.name, pg.now()))
    } else {
        (None, Vec::new())
    };
    Inspection { yaml, describe, containers, status }
}

fn complete(pg: &mut Playground, line: &str, cursor: usize) -> Completion {
    let types: Vec<String> = kubeplay_engine::kinds::KINDS
        .iter()
        .flat_map(|k| {
            let mut v = vec![k.plural.to_string(), k.singular()];
            v.extend(k.short_names.iter().map(|s| s.to_string()));
            v
        })
        .collect();
    let files: Vec<String> = pg.files().iter().map(|f| f.name.clone()).collect();
    let names = |resource: &str, namespace: Option<&str>| -> Vec<String> {
        let Some(info) = kubeplay_engine::kinds::resolve_resource(resource) else { return Vec::new() };
        let ns = if info.namespaced { Some(namespace.unwrap_or("default")) } else { None };
        pg.session().engine.api.store.list(&info.group_kind(), ns).map(|o| o.name().to_string()).collect()
    };
    completion::complete(line, cursor, &CompletionContext { resource_types: &types, names: &names, files: &files })
}
