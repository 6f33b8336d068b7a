//! The few browser services the app uses: local storage, the URL fragment, file download, wall-clock
//! frame timing and the panic banner. Compiled natively too (the server renderer never calls them).

use wasm_bindgen::JsCast;

pub const AUTOSAVE_KEY: &str = "kubeplay.autosave";
pub const CRASH_KEY: &str = "kubeplay.crash";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn storage_get(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

pub fn storage_set(key: &str, value: &str) -> bool {
    window().and_then(|w| w.local_storage().ok().flatten()).is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn storage_remove(key: &str) {
    if let Some(s) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.remove_item(key);
    }
}

/// The URL fragment without its `#`.
pub fn fragment() -> String {
    window().and_then(|w| w.location().hash().ok()).map(|h| h.trim_start_matches('#').to_string()).unwrap_or_default()
}

/// Replaces the URL fragment without adding a history entry; returns the full URL.
pub fn set_fragment(fragment: &str) -> String {
    let Some(w) = window() else { return String::new() };
    let loc = w.location();
    let base = loc.href().unwrap_or_default();
    let base = base.split('#').next().unwrap_or_default().to_string();
    let url = format!("{base}#{fragment}");
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
    url
}

/// Milliseconds from the page's performance clock (frame pacing only; never reaches the engine).
pub fn wall_ms() -> f64 {
    window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Offers `text` as a file download.
pub fn download(name: &str, text: &str, mime: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(doc) = window().and_then(|w| w.document())
        && let Ok(a) = doc.create_element("a")
        && let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>()
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

pub fn copy_to_clipboard(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// After a bug in the engine the wasm instance cannot go on; say so on the page, keep what was typed
/// (autosaved on every edit) and offer a reload that rebuilds the cluster from the recorded steps.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("kubeplay: {message}").into());
        storage_set(CRASH_KEY, &message);
        let Some(doc) = window().and_then(|w| w.document()) else { return };
        let Ok(banner) = doc.create_element("div") else { return };
        banner.set_class_name("crash");
        banner.set_attribute("role", "alert").ok();
        banner.set_inner_html(
            "<strong>The simulation hit a bug and stopped.</strong> Your files and every step up to the last \
             one are saved in this browser. <button onclick=\"location.reload()\">Reload</button> \
             rebuilds the cluster from them (without the step that failed). <details><summary>Details</summary>\
             <pre></pre></details>",
        );
        if let Ok(Some(pre)) = banner.query_selector("pre") {
            pre.set_text_content(Some(&message));
        }
        if let Some(body) = doc.body() {
            let _ = body.prepend_with_node_1(&banner);
        }
    }));
}
