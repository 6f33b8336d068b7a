//! Entry point of the browser build: picks the starting scenario (share link, autosave or the example)
//! and mounts the app on the page.

use std::cell::RefCell;
use std::rc::Rc;

use kubeplay_web::browser;
use kubeplay_web::components::{App, AppProps, Boot};

fn main() {
    browser::install_panic_hook();
    let crash = browser::storage_get(browser::CRASH_KEY);
    let autosave = browser::storage_get(browser::AUTOSAVE_KEY);
    let boot = Boot::from_sources(&browser::fragment(), autosave.as_deref(), crash.as_deref());
    browser::storage_remove(browser::CRASH_KEY);
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        el.remove();
    }
    let props = AppProps { boot: Rc::new(RefCell::new(Some(boot))) };
    yew::Renderer::<App>::with_props(props).render();
}
