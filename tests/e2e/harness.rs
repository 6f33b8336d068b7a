//! The browser end-to-end harness: serves the built site (`dist/`) on 127.0.0.1, runs Debian's
//! chromedriver, opens headless Chromium sessions with fresh profiles, reads the browser console through
//! chromedriver's log endpoint and saves screenshots under `target/e2e/`.
//!
//! Every child process leads its own process group; dropping the [`Harness`] kills the groups (so also the
//! browsers chromedriver started), whether the test passed, panicked or ran out of time. Every WebDriver
//! command and every wait has a time limit, so a stuck browser fails the test instead of hanging it.

use std::fs::File;
use std::future::Future;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::wd::{TimeoutConfiguration, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// The longest one WebDriver command may take.
const COMMAND_LIMIT: Duration = Duration::from_secs(30);
/// The longest a wait for the page to reach a state may take.
const WAIT_LIMIT: Duration = Duration::from_secs(60);
/// The longest the web server and chromedriver may take to listen.
const START_LIMIT: Duration = Duration::from_secs(20);
/// A backstop for a whole test; single steps are bounded by the limits above.
const TEST_LIMIT: Duration = Duration::from_secs(180);

/// Chromium's flags: headless, no sandbox (containers), and no network traffic of its own.
const CHROME_ARGS: [&str; 10] = [
    "--headless=new",
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,800",
];

/// One browser at a time: two cores do not run several Chromiums and a simulation each without timeouts.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Runs one end-to-end test: starts the web server and chromedriver, then `body` on a fresh runtime.
pub fn run<F, Fut>(name: &'static str, body: F)
where
    F: FnOnce(Harness) -> Fut,
    Fut: Future<Output = ()>,
{
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
    runtime.block_on(async {
        let harness = Harness::start(name).await;
        // On timeout the body's future is dropped, and the harness in it with its child processes.
        if tokio::time::timeout(TEST_LIMIT, body(harness)).await.is_err() {
            panic!("{name}: did not finish within {TEST_LIMIT:?}");
        }
    });
}

/// The workspace root (this package is `tests/`).
fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    root.canonicalize().unwrap_or(root)
}

/// The built site: `KUBEPLAY_DIST` if set, else `<root>/dist`.
fn dist_dir() -> PathBuf {
    match std::env::var_os("KUBEPLAY_DIST") {
        Some(dir) => PathBuf::from(dir),
        None => workspace_root().join("dist"),
    }
}

/// `target/e2e/` of the workspace target directory (`CARGO_TARGET_DIR` or `<root>/target`).
pub fn artifacts_dir() -> PathBuf {
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if Path::new(&dir).is_absolute() => PathBuf::from(dir),
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    };
    target.join("e2e")
}

/// Two ports nobody listens on now; both sockets are held until both are chosen so they differ.
fn free_ports() -> (u16, u16) {
    let a = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let b = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    (a.local_addr().unwrap().port(), b.local_addr().unwrap().port())
}

/// The web server and chromedriver of one test, and the profile directories its browsers used.
pub struct Harness {
    name: &'static str,
    children: Vec<(&'static str, Child)>,
    profiles: Vec<PathBuf>,
    /// `http://127.0.0.1:PORT/`, where `dist/` is served.
    pub site: String,
    driver: String,
}

impl Harness {
    async fn start(name: &'static str) -> Harness {
        let dist = dist_dir();
        assert!(
            dist.join("index.html").is_file(),
            "{} is missing: build the site first with `trunk build --release --offline` \
             (scripts/test.sh does it before `cargo test`), or point KUBEPLAY_DIST at a built dist/",
            dist.join("index.html").display()
        );
        let logs = artifacts_dir().join("logs");
        std::fs::create_dir_all(&logs).expect("create target/e2e/logs");
        // Failure screenshots of an earlier run would be mistaken for this run's.
        for stale in ["timeout", "console"] {
            let _ = std::fs::remove_file(artifacts_dir().join(format!("{name}-{stale}.png")));
        }
        let (site_port, driver_port) = free_ports();
        let mut h = Harness {
            name,
            children: Vec::new(),
            profiles: Vec::new(),
            site: format!("http://127.0.0.1:{site_port}/"),
            driver: format!("http://127.0.0.1:{driver_port}"),
        };
        let mut server = Command::new("python3");
        server.args(["-m", "http.server", &site_port.to_string(), "--bind", "127.0.0.1", "--directory"]).arg(&dist);
        h.spawn("web server", server, &logs.join(format!("{name}.http.log")));
        let chromedriver = std::env::var_os("CHROMEDRIVER").unwrap_or_else(|| "chromedriver".into());
        let mut driver = Command::new(chromedriver);
        driver.arg(format!("--port={driver_port}"));
        h.spawn("chromedriver", driver, &logs.join(format!("{name}.chromedriver.log")));
        h.wait_for_port(0, site_port).await;
        h.wait_for_port(1, driver_port).await;
        h
    }

    fn spawn(&mut self, what: &'static str, mut cmd: Command, log: &Path) {
        let out = File::create(log).unwrap_or_else(|e| panic!("create {}: {e}", log.display()));
        let err = out.try_clone().expect("clone a log file handle");
        cmd.stdin(Stdio::null()).stdout(out).stderr(err).process_group(0);
        let child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start the {what} ({:?}): {e}", cmd.get_program()));
        self.children.push((what, child));
    }

    async fn wait_for_port(&mut self, child: usize, port: u16) {
        let deadline = Instant::now() + START_LIMIT;
        let (what, process) = &mut self.children[child];
        loop {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return;
            }
            if let Ok(Some(status)) = process.try_wait() {
                panic!(
                    "the {what} exited ({status}) before listening on port {port}; see {}",
                    artifacts_dir().join("logs").display()
                );
            }
            assert!(Instant::now() < deadline, "the {what} did not listen on port {port} within {START_LIMIT:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// A new Chromium session with a fresh profile (nothing in local storage), not yet on any page.
    pub async fn browser(&mut self) -> Browser {
        static PROFILES: AtomicUsize = AtomicUsize::new(0);
        let profile = std::env::temp_dir().join(format!(
            "kubeplay-e2e-{}-{}-{}",
            std::process::id(),
            self.name,
            PROFILES.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).expect("create a browser profile directory");
        self.profiles.push(profile.clone());
        let mut args: Vec<String> = CHROME_ARGS.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let capabilities = json!({
            "goog:chromeOptions": { "args": args },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let Value::Object(capabilities) = capabilities else { unreachable!() };
        let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(capabilities);
        let client = limit("open a Chromium session", builder.connect(&self.driver)).await;
        let timeouts = TimeoutConfiguration::new(Some(COMMAND_LIMIT), Some(COMMAND_LIMIT), Some(Duration::ZERO));
        limit("set the WebDriver timeouts", client.update_timeouts(timeouts)).await;
        Browser { client, name: self.name, console: Vec::new() }
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        for (_, child) in self.children.iter_mut().rev() {
            // Each child leads its own process group, which also holds the Chromium processes chromedriver
            // started: killing only chromedriver would leave them running.
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            let _ = child.kill();
            let _ = child.wait();
        }
        for profile in &self.profiles {
            let _ = std::fs::remove_dir_all(profile);
        }
    }
}

/// Awaits a WebDriver command for at most [`COMMAND_LIMIT`] and panics with `what` if it fails.
async fn limit<T, E: std::fmt::Debug>(what: &str, fut: impl Future<Output = Result<T, E>>) -> T {
    match tokio::time::timeout(COMMAND_LIMIT, fut).await {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => panic!("{what}: {e:?}"),
        Err(_) => panic!("{what}: no answer within {COMMAND_LIMIT:?}"),
    }
}

/// chromedriver's log endpoint (`POST /session/{id}/se/log`, type `browser`): the console messages,
/// uncaught exceptions and failed requests since the last call, including those during page load.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/se/log", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "type": "browser" }).to_string()))
    }
}

/// One browser console entry.
#[derive(Clone, Debug)]
pub struct ConsoleEntry {
    pub level: String,
    pub message: String,
}

/// One Chromium session.
pub struct Browser {
    client: Client,
    name: &'static str,
    console: Vec<ConsoleEntry>,
}

/// A snapshot of what the page shows, for failure messages.
const PAGE_STATE: &str = r#"
    const q = (s) => Array.from(document.querySelectorAll(s));
    const t = (s) => { const e = document.querySelector(s); return e ? e.textContent : null; };
    return JSON.stringify({
        url: location.href.slice(0, 120),
        clock: t('#clock'),
        untilIdle: t('#until-idle'),
        pods: q('#cluster-view .pod').map(p => p.dataset.pod + '=' + p.dataset.status),
        diagnostics: q('#diagnostics li').map(l => l.textContent),
        notice: t('#notice'),
        crash: t('.crash'),
    });
"#;

impl Browser {
    /// Navigates to `url` and returns when it has loaded.
    pub async fn goto(&self, url: &str) {
        limit(&format!("open {url}"), self.client.goto(url)).await;
    }

    /// Opens `url` and waits until the app has rendered the editor and the cluster's nodes.
    pub async fn open(&mut self, url: &str) {
        self.goto(url).await;
        self.wait_for(
            "the app to render the editor and the nodes",
            "return document.querySelector('#editor-input') && document.querySelectorAll('#cluster-view .node').length > 0",
        )
        .await;
    }

    pub async fn reload(&mut self) {
        limit("reload the page", self.client.refresh()).await;
        self.wait_for(
            "the app to render again after the reload",
            "return document.querySelector('#editor-input') && document.querySelectorAll('#cluster-view .node').length > 0",
        )
        .await;
    }

    pub async fn current_url(&self) -> String {
        limit("read the current URL", self.client.current_url()).await.to_string()
    }

    /// Runs `script` (a function body) with `args` and returns its result.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        limit(&format!("run {script:?}"), self.client.execute(script, args)).await
    }

    /// The element `css` selects; it must exist now.
    pub async fn find(&self, css: &str) -> Element {
        limit(&format!("find {css}"), self.client.find(Locator::Css(css))).await
    }

    pub async fn click(&self, css: &str) {
        let el = self.find(css).await;
        limit(&format!("click {css}"), el.click()).await;
    }

    /// Types `keys` into the element `css` selects, as a user would (key events, not a value change).
    pub async fn type_into(&self, css: &str, keys: &str) {
        let el = self.find(css).await;
        limit(&format!("type into {css}"), el.send_keys(keys)).await;
    }

    pub async fn text(&self, css: &str) -> String {
        let v = self
            .js("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", vec![json!(css)])
            .await;
        match v {
            Value::String(s) => s,
            _ => panic!("{css} is not on the page; page state: {}", self.state().await),
        }
    }

    /// The `value` of the input or textarea `css` selects.
    pub async fn value(&self, css: &str) -> String {
        let v = self
            .js("const e = document.querySelector(arguments[0]); return e ? e.value : null;", vec![json!(css)])
            .await;
        match v {
            Value::String(s) => s,
            _ => panic!("{css} is not on the page; page state: {}", self.state().await),
        }
    }

    pub async fn count(&self, css: &str) -> usize {
        let v = self.js("return document.querySelectorAll(arguments[0]).length;", vec![json!(css)]).await;
        v.as_u64().expect("a count") as usize
    }

    /// Polls `script` (a function body) until it returns something other than null, false, 0 or "";
    /// returns that. After [`WAIT_LIMIT`] saves `<test>-timeout.png` and panics with the page's state.
    pub async fn wait_for(&mut self, what: &str, script: &str) -> Value {
        let deadline = Instant::now() + WAIT_LIMIT;
        loop {
            let v = self.js(script, Vec::new()).await;
            let done = match &v {
                Value::Null | Value::Bool(false) => false,
                Value::Number(n) => n.as_f64() != Some(0.0),
                Value::String(s) => !s.is_empty(),
                _ => true,
            };
            if done {
                return v;
            }
            if Instant::now() >= deadline {
                let shot = self.screenshot(&format!("{}-timeout.png", self.name)).await;
                let state = self.state().await;
                let console = self.console_text().await;
                panic!(
                    "waited {WAIT_LIMIT:?} for {what}; last result {v}\npage state: {state}\nconsole: {console}\nscreenshot: {}",
                    shot.display()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// What the page shows (clock, pods, diagnostics, notices), as JSON for failure messages.
    pub async fn state(&self) -> String {
        match tokio::time::timeout(COMMAND_LIMIT, self.client.execute(PAGE_STATE, Vec::new())).await {
            Ok(Ok(Value::String(s))) => s,
            other => format!("(unavailable: {other:?})"),
        }
    }

    /// Saves a PNG of the window as `target/e2e/<file>` and returns its path.
    pub async fn screenshot(&self, file: &str) -> PathBuf {
        let png = limit("take a screenshot", self.client.screenshot()).await;
        let dir = artifacts_dir();
        std::fs::create_dir_all(&dir).expect("create target/e2e");
        let path = dir.join(file);
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        path
    }

    // ---- the app's controls ----

    /// Replaces the active file's text by selecting all and typing `text` (which must not hold tabs: the
    /// editor indents on Tab), then checks the textarea holds exactly `text`.
    pub async fn set_editor_text(&mut self, text: &str) {
        assert!(!text.contains('\t'), "the editor turns Tab into indentation; type spaces");
        let select_all_and_delete =
            format!("{}a{}{}", char::from(Key::Control), char::from(Key::Null), char::from(Key::Backspace));
        self.type_into("#editor-input", &select_all_and_delete).await;
        self.type_into("#editor-input", text).await;
        let typed = self.value("#editor-input").await;
        assert_eq!(typed, text, "the editor does not hold the text that was typed");
    }

    /// Clicks Apply.
    pub async fn apply(&self) {
        self.click("#apply").await;
    }

    /// The simulated time the clock shows (`.clock__elapsed`).
    pub async fn clock(&self) -> String {
        self.text("#clock .clock__elapsed").await
    }

    /// Clicks "Until idle" and waits until the run is over: the button no longer says "Running…" and
    /// the clock has moved (so the run really happened). Only for states where something is left to do.
    pub async fn run_until_idle(&mut self) {
        let before = self.clock().await;
        self.click("#until-idle").await;
        let script = format!(
            "const b = document.querySelector('#until-idle'); const c = document.querySelector('#clock .clock__elapsed');
             return !!b && !!c && !b.textContent.includes('Running') && c.textContent !== {};",
            json!(before)
        );
        self.wait_for(&format!("\"Until idle\" to finish (clock was {before})"), &script).await;
    }

    /// Every pod chip in the cluster view as `(data-pod, data-status)`, sorted by name.
    pub async fn pods(&self) -> Vec<(String, String)> {
        let v = self
            .js(
                "return Array.from(document.querySelectorAll('#cluster-view .pod')).map(p => [p.dataset.pod, p.dataset.status]);",
                Vec::new(),
            )
            .await;
        let mut pods: Vec<(String, String)> = v
            .as_array()
            .expect("a list of pods")
            .iter()
            .map(|p| (p[0].as_str().unwrap_or_default().to_string(), p[1].as_str().unwrap_or_default().to_string()))
            .collect();
        pods.sort();
        pods
    }

    // ---- the console ----

    /// Reads the console entries logged since the last read into `self.console`.
    async fn try_drain_console(&mut self) -> Result<(), String> {
        let v = match tokio::time::timeout(COMMAND_LIMIT, self.client.issue_cmd(BrowserLog)).await {
            Ok(Ok(v)) => v,
            Ok(Err(e)) => return Err(format!("reading the browser console failed: {e:?}")),
            Err(_) => return Err(format!("reading the browser console took over {COMMAND_LIMIT:?}")),
        };
        for e in v.as_array().into_iter().flatten() {
            self.console.push(ConsoleEntry {
                level: e["level"].as_str().unwrap_or_default().to_string(),
                message: e["message"].as_str().unwrap_or_default().to_string(),
            });
        }
        Ok(())
    }

    /// Everything the console has shown in this session.
    pub async fn console(&mut self) -> Vec<ConsoleEntry> {
        if let Err(e) = self.try_drain_console().await {
            panic!("{e}");
        }
        self.console.clone()
    }

    /// The console so far, for failure messages (never panics).
    async fn console_text(&mut self) -> String {
        match self.try_drain_console().await {
            Ok(()) => format!("{:?}", self.console),
            Err(e) => format!("{:?} ({e})", self.console),
        }
    }

    /// Fails if the console showed an error (level SEVERE: console.error, an uncaught exception, a failed
    /// request), except a missing favicon.
    pub async fn assert_no_console_errors(&mut self) {
        self.console().await;
        let errors: Vec<&ConsoleEntry> =
            self.console.iter().filter(|e| e.level == "SEVERE" && !e.message.contains("favicon")).collect();
        if !errors.is_empty() {
            let shot = self.screenshot(&format!("{}-console.png", self.name)).await;
            panic!("the browser console shows errors: {errors:#?}\nscreenshot: {}", shot.display());
        }
    }

    /// Checks the console and ends the session (Chromium exits).
    pub async fn finish(mut self) {
        self.assert_no_console_errors().await;
        limit("close the Chromium session", self.client.close()).await;
    }
}
