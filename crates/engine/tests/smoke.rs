//! End-to-end smoke tests of the engine: a Deployment settles, a rollout steps, determinism holds.

use kubeplay_engine::cluster::ClusterSpec;
use kubeplay_engine::engine::Engine;
use kubeplay_engine::kinds::GroupKind;
use kubeplay_engine::manifest;
use kubeplay_engine::{SimTime, admission};

const NGINX: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
";

fn summary(e: &Engine) -> Vec<String> {
    e.api
        .store
        .list(&GroupKind::new("", "Pod"), Some("default"))
        .map(|p| {
            let pod = p.as_pod().unwrap();
            let st = pod.status.clone().unwrap_or_default();
            format!(
                "{} {} {}",
                p.name(),
                st.phase.unwrap_or_default(),
                pod.spec.as_ref().unwrap().node_name.clone().unwrap_or_default()
            )
        })
        .collect()
}

#[test]
fn nginx_deployment_settles() {
    let mut e = Engine::new(&ClusterSpec::default(), 1);
    let doc = &manifest::parse_documents(NGINX).unwrap()[0];
    let obj = manifest::decode_document(doc).unwrap();
    let mut obj = obj;
    obj.meta_mut().namespace = Some("default".into());
    admission::create(&mut e.api, obj).unwrap();
    e.run_until(SimTime::from_secs(30));
    let pods = summary(&e);
    assert_eq!(pods.len(), 3, "{pods:?}");
    assert!(pods.iter().all(|p| p.contains(" Running worker-")), "{pods:?}");
}

#[test]
fn debug_dump() {
    let mut e = Engine::new(&ClusterSpec::default(), 1);
    let doc = &manifest::parse_documents(NGINX).unwrap()[0];
    let mut obj = manifest::decode_document(doc).unwrap();
    obj.meta_mut().namespace = Some("default".into());
    admission::create(&mut e.api, obj).unwrap();
    e.run_until(SimTime::from_secs(30));
    for o in e.api.store.iter() {
        if o.namespace() == "default" {
            eprintln!("{} {}", o.kind(), o.name());
        }
    }
}
