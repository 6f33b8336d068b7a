//! The scenario corpus compiled to wasm32 and run under Node: each transcript must equal the native one
//! byte for byte (the native run writes and checks the `.transcript` files; see tests/scenarios.rs).
//! `tests/tidy.rs` checks that every scenario of the corpus is listed here.
#![cfg(target_arch = "wasm32")]

use kubeplay_kubectl::scenario::Scenario;
use wasm_bindgen_test::wasm_bindgen_test;

macro_rules! scenario {
    ($name:ident, $path:literal) => {
        #[wasm_bindgen_test]
        fn $name() {
            let yaml = include_str!(concat!("../../../tests/scenarios/", $path, ".yaml"));
            let expected = include_str!(concat!("../../../tests/scenarios/", $path, ".transcript"));
            let scenario = Scenario::parse(yaml).expect("the corpus parses");
            assert_eq!(scenario.run(), expected);
        }
    };
}

scenario!(deployment_min_ready_and_deadline, "deployment/min-ready-and-deadline");
scenario!(deployment_nginx_rolling_update, "deployment/nginx-rolling-update");
scenario!(deployment_pause_resume_history, "deployment/pause-resume-history");
scenario!(deployment_proportional_scaling, "deployment/proportional-scaling");
scenario!(deployment_recreate, "deployment/recreate");
scenario!(errors_invalid_manifests, "errors/invalid-manifests");
scenario!(errors_invalid_objects, "errors/invalid-objects");
scenario!(gc_cascading_deletion, "gc/cascading-deletion");
scenario!(kubectl_create_and_inspect, "kubectl/create-and-inspect");
scenario!(nodes_cordon_and_taint, "nodes/cordon-and-taint");
scenario!(pods_crashloop_and_restarts, "pods/crashloop-and-restarts");
scenario!(pods_phases_without_think_time, "pods/phases-without-think-time");
scenario!(replicaset_adopts_bare_pod, "replicaset/adopts-bare-pod");
scenario!(scheduling_pending_until_labelled, "scheduling/pending-until-labelled");
