//! Browser end-to-end tests: the built site (`dist/`, from `trunk build --release --offline`) served on
//! 127.0.0.1 and driven in headless Chromium over WebDriver, as a visitor would use it. Every number the
//! tests compare comes from the page; screenshots go to `target/e2e/`. `KUBEPLAY_DIST` points the tests at
//! another built `dist/`.

#[path = "e2e/harness.rs"]
mod harness;

use std::collections::BTreeSet;

use fantoccini::key::Key;
use harness::{Browser, Harness, run};

/// A Deployment as a visitor would type it (no tabs: the editor indents on Tab).
fn web_deployment(image: &str) -> String {
    format!(
        "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 4
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: {image}
        ports:
        - containerPort: 80
"
    )
}

const WEB_REPLICAS: usize = 4;

/// Opens the site in a fresh session.
async fn open_site(h: &mut Harness) -> Browser {
    let mut b = h.browser().await;
    let site = h.site.clone();
    b.open(&site).await;
    b
}

/// Types the `web` Deployment, applies it and runs the cluster until idle.
async fn apply_web_and_settle(b: &mut Browser) {
    b.set_editor_text(&web_deployment("nginx:1.25")).await;
    b.apply().await;
    b.run_until_idle().await;
}

fn web_pods(pods: &[(String, String)]) -> Vec<&(String, String)> {
    pods.iter().filter(|(name, _)| name.starts_with("web-")).collect()
}

#[test]
fn the_harness_sees_console_errors_during_page_load() {
    run("harness-console", |mut h| async move {
        let mut b = h.browser().await;
        // A page that fails while it loads, before any script of the test could run in it.
        let page = "data:text/html,<script>console.error('e2e-probe'); throw new Error('e2e-throw')</script>";
        b.goto(page).await;
        let console = b.console().await;
        let severe: Vec<_> = console.iter().filter(|e| e.level == "SEVERE").map(|e| e.message.clone()).collect();
        assert!(severe.iter().any(|m| m.contains("e2e-probe")), "console.error not seen: {console:?}");
        assert!(severe.iter().any(|m| m.contains("e2e-throw")), "uncaught exception not seen: {console:?}");
    });
}

#[test]
fn first_load_shows_four_nodes_without_console_errors() {
    run("first-load", |mut h| async move {
        let b = open_site(&mut h).await;
        let nodes = b
            .js("return Array.from(document.querySelectorAll('#cluster-view .node')).map(n => n.dataset.node);", vec![])
            .await;
        let nodes: Vec<&str> = nodes.as_array().unwrap().iter().map(|n| n.as_str().unwrap_or_default()).collect();
        assert_eq!(nodes.len(), 4, "node cards: {nodes:?}");
        assert_eq!(nodes.iter().collect::<BTreeSet<_>>().len(), 4, "node names repeat: {nodes:?}");
        assert!(nodes.iter().all(|n| !n.is_empty()), "a node card without data-node: {nodes:?}");
        b.screenshot("first-load.png").await;
        b.finish().await;
    });
}

#[test]
fn a_deployment_runs_then_rolls_out_a_new_image() {
    run("rollout", |mut h| async move {
        let mut b = open_site(&mut h).await;
        apply_web_and_settle(&mut b).await;
        let pods = b.pods().await;
        let web = web_pods(&pods);
        assert_eq!(web.len(), WEB_REPLICAS, "web pods after running until idle: {pods:?}");
        assert!(web.iter().all(|(_, s)| s == "Running"), "web pods after running until idle: {pods:?}");
        b.screenshot("cluster-running.png").await;

        b.click("#view-workloads").await;
        b.wait_for(
            "the web Deployment with its chart",
            "return document.querySelector('#workloads-view article.deployment[data-deployment=\"web\"] svg.chart__svg');",
        )
        .await;
        let series = "#workloads-view article.deployment[data-deployment=\"web\"] g.chart__series";
        assert_eq!(b.count(series).await, 1, "one ReplicaSet before the rollout");

        b.set_editor_text(&web_deployment("nginx:1.26")).await;
        b.apply().await;
        b.run_until_idle().await;
        assert_eq!(b.count(series).await, 2, "the chart's series after the rollout; page: {}", b.state().await);
        // The new ReplicaSet runs every replica with the new image; the old one has none left.
        let replica_sets = b
            .js(
                "return Array.from(document.querySelectorAll('#workloads-view article.deployment[data-deployment=\"web\"] li.tree__rs'))
                    .map(rs => [rs.querySelector('.tree__image').textContent,
                                Array.from(rs.querySelectorAll('.pod')).map(p => p.dataset.status)]);",
                vec![],
            )
            .await;
        let replica_sets = replica_sets.as_array().unwrap();
        assert_eq!(replica_sets.len(), 2, "ReplicaSets of web: {replica_sets:?}");
        let new: Vec<_> = replica_sets.iter().filter(|rs| rs[0].as_str().unwrap().contains("nginx:1.26")).collect();
        assert_eq!(new.len(), 1, "ReplicaSets of web: {replica_sets:?}");
        let statuses = new[0][1].as_array().unwrap();
        assert_eq!(statuses.len(), WEB_REPLICAS, "pods of the new ReplicaSet: {replica_sets:?}");
        assert!(statuses.iter().all(|s| s == "Running"), "pods of the new ReplicaSet: {replica_sets:?}");
        let old: Vec<_> = replica_sets.iter().filter(|rs| rs[0].as_str().unwrap().contains("nginx:1.25")).collect();
        assert!(old.len() == 1 && old[0][1].as_array().unwrap().is_empty(), "ReplicaSets of web: {replica_sets:?}");
        b.screenshot("workloads-rollout.png").await;

        // A pod chip opens the inspector on that pod.
        b.click("#view-cluster").await;
        let pods = b.pods().await;
        let first = web_pods(&pods)[0].0.clone();
        b.click(&format!("#cluster-view .pod[data-pod=\"{first}\"]")).await;
        let shown = b
            .wait_for("the inspector", "const i = document.querySelector('#inspector'); return i && i.textContent;")
            .await;
        assert!(shown.as_str().unwrap().contains(&first), "the inspector does not name {first}: {shown}");
        b.finish().await;
    });
}

#[test]
fn an_unknown_field_is_reported_at_its_line() {
    run("diagnostic", |mut h| async move {
        let mut b = open_site(&mut h).await;
        let text = web_deployment("nginx:1.25").replace("  replicas:", "  replicass:");
        let (index, line_text) = text.lines().enumerate().find(|(_, l)| l.contains("replicass")).unwrap();
        let line = index + 1;
        let column = line_text.find("replicass").unwrap() + 1;
        b.set_editor_text(&text).await;

        let item = format!("#diagnostics li.diagnostic[data-line=\"{line}\"]");
        let message = b
            .wait_for(
                &format!("a diagnostic at line {line}"),
                &format!("const d = document.querySelector('{item}'); return d && d.textContent;"),
            )
            .await;
        let message = message.as_str().unwrap();
        assert!(message.contains("replicass"), "the diagnostic does not name the field: {message:?}");
        let file = b.text(".editor__tabs .tab--active .tab__name").await;
        assert!(
            message.starts_with(&format!("{file}:{line}:{column} ")),
            "the diagnostic should start with {file}:{line}:{column}: {message:?}"
        );
        let at_column = b.find(&item).await.attr("data-column").await.unwrap();
        assert_eq!(at_column.as_deref(), Some(column.to_string().as_str()), "data-column of {message:?}");
        assert_eq!(b.count(&format!(".gutter__line.gutter--error[data-line=\"{line}\"]")).await, 1, "the gutter mark");
        assert_eq!(b.count(".gutter__line.gutter--error").await, 1, "only line {line} is marked");
        let summary = b.text("#diagnostics-summary").await;
        assert!(summary.contains("1 problem"), "summary: {summary:?}");
        b.screenshot("diagnostic.png").await;
        b.finish().await;
    });
}

#[test]
fn kubectl_get_pods_in_the_terminal() {
    run("terminal", |mut h| async move {
        let mut b = open_site(&mut h).await;
        apply_web_and_settle(&mut b).await;
        let all = b.pods().await;
        // The cluster view also shows kube-system; the default namespace holds only the web pods.
        let pods = web_pods(&all);
        assert_eq!(pods.len(), WEB_REPLICAS, "web pods: {all:?}");

        b.type_into("#terminal-input", &format!("kubectl get pods{}", char::from(Key::Enter))).await;
        let output = b
            .wait_for(
                "the output of kubectl get pods",
                "const o = document.querySelector('#terminal-output').textContent;
                 return o.includes('$ kubectl get pods\\n') && o.includes('NAME') ? o : null;",
            )
            .await;
        let output = output.as_str().unwrap();
        let printed = output.split("$ kubectl get pods\n").nth(1).unwrap();
        let mut lines = printed.lines();
        let header: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
        assert_eq!(header, ["NAME", "READY", "STATUS", "RESTARTS", "AGE"], "header in {printed:?}");
        let rows: Vec<Vec<&str>> =
            lines.map(|l| l.split_whitespace().collect()).filter(|r: &Vec<&str>| !r.is_empty()).collect();
        let names: Vec<&str> = rows.iter().map(|r| r[0]).collect();
        let expected: Vec<&str> = pods.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, expected, "pods in the terminal vs the cluster view; output:\n{printed}");
        for (row, (name, status)) in rows.iter().zip(pods) {
            assert_eq!(row.len(), 5, "row of {name}: {row:?}");
            assert_eq!(row[2], status, "STATUS of {name} in the terminal vs its chip");
        }
        b.screenshot("terminal.png").await;
        b.finish().await;
    });
}

#[test]
fn a_share_link_opens_the_same_cluster_at_the_same_time() {
    run("share", |mut h| async move {
        let mut b = open_site(&mut h).await;
        apply_web_and_settle(&mut b).await;
        let pods = b.pods().await;
        let clock = b.text("#clock").await;
        assert_eq!(web_pods(&pods).len(), WEB_REPLICAS, "web pods: {pods:?}");

        b.click("#share").await;
        let url = b
            .wait_for("the share link", "const i = document.querySelector('#share-url'); return i && i.value;")
            .await
            .as_str()
            .unwrap()
            .to_string();
        let fragment = url.split_once('#').map(|(_, f)| f).unwrap_or_else(|| panic!("no fragment in {url:?}"));
        assert!(fragment.starts_with("s1.cluster."), "share fragment: {fragment:?}");
        assert!(url.starts_with(&h.site), "the link {url:?} is not on the site {}", h.site);
        let location = b.current_url().await;
        assert_eq!(location, url, "the location is the share link");
        b.finish().await;

        // A fresh profile: no autosave, so only the link can bring the cluster back.
        let mut fresh = h.browser().await;
        fresh.open(&url).await;
        fresh
            .wait_for("pods in the restored cluster", "return document.querySelectorAll('#cluster-view .pod').length;")
            .await;
        let restored_pods = fresh.pods().await;
        let names = |p: &[(String, String)]| p.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(names(&restored_pods), names(&pods), "pod names after opening the link");
        assert_eq!(restored_pods, pods, "pod statuses after opening the link");
        assert_eq!(fresh.text("#clock").await, clock, "the clock after opening the link");
        fresh.screenshot("share-restored.png").await;
        fresh.finish().await;
    });
}

#[test]
fn a_reload_keeps_the_editor_text() {
    run("reload", |mut h| async move {
        let mut b = open_site(&mut h).await;
        let before = b.value("#editor-input").await;
        let end = format!("{}{}{}", char::from(Key::Control), char::from(Key::End), char::from(Key::Null));
        let comment = "# kept across reloads\n";
        b.type_into("#editor-input", &format!("{end}{comment}")).await;
        let edited = b.value("#editor-input").await;
        assert_eq!(edited, format!("{before}{comment}"), "the comment is appended");
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        b.reload().await;
        assert_eq!(b.value("#editor-input").await, edited, "the editor after the reload");
        b.screenshot("reload.png").await;
        b.finish().await;
    });
}
