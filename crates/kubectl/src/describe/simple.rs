//! `kubectl describe` for Namespaces (with their ResourceQuotas and LimitRanges), ConfigMaps and Secrets
//! (`describeNamespace`, `DescribeResourceQuotas`, `DescribeLimitRanges`, the ConfigMap describer,
//! `describeSecret`).

use kubeplay_engine::quantity::canonical_or_verbatim;
use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::{ConfigMap, LimitRange, Namespace, ResourceQuota, Secret};
use kubeplay_engine::kinds::GroupKind;

use super::{DescribeContext, Writer, annotations, events, events_of, labels};
use crate::table::format;

pub(crate) fn describe_namespace(ns: &Namespace, ctx: &dyn DescribeContext, w: &mut Writer) {
    let meta = &ns.metadata;
    let name = meta.name.as_deref().unwrap_or("");
    w.write(0, &format!("Name:\t{name}\n"));
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    let status = ns.status.clone().unwrap_or_default();
    w.write(0, &format!("Status:\t{}\n", status.phase.as_deref().unwrap_or("")));
    let conditions = status.conditions.unwrap_or_default();
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n");
        w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
        w.write(1, "----\t------\t------------------\t------\t-------\n");
        for c in &conditions {
            w.write(
                1,
                &format!(
                    "{}\t{}\t{}\t{}\t{}\n",
                    c.type_,
                    c.status,
                    format::rfc1123z(c.last_transition_time.as_ref().map(|t| &t.0)),
                    c.reason.as_deref().unwrap_or(""),
                    c.message.as_deref().unwrap_or("")
                ),
            );
        }
    }

    let mut quotas: Vec<ResourceQuota> = ctx
        .list(&GroupKind::new("", "ResourceQuota"), name)
        .iter()
        .filter_map(|o| serde_json::from_value(o.to_value()).ok())
        .collect();
    w.write(0, "\n");
    if quotas.is_empty() {
        w.write(0, "No resource quota.\n");
    } else {
        quotas.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
        w.write(0, "Resource Quotas\n");
        for q in &quotas {
            w.write(1, &format!("Name:\t{}\n", q.metadata.name.as_deref().unwrap_or("")));
            let mut scopes: Vec<String> = q.spec.as_ref().and_then(|s| s.scopes.clone()).unwrap_or_default();
            if !scopes.is_empty() {
                scopes.sort();
                w.write(1, &format!("Scopes:\t{}\n", scopes.join(", ")));
                for scope in &scopes {
                    if let Some(help) = scope_help(scope) {
                        w.write(1, &format!("* {help}\n"));
                    }
                }
            }
            w.write(1, "Resource\tUsed\tHard\n");
            w.write(1, "--------\t---\t---\n");
            let status = q.status.clone().unwrap_or_default();
            let used = status.used.unwrap_or_default();
            for (resource, hard) in status.hard.unwrap_or_default() {
                let used = used.get(&resource).map(|u| canonical_or_verbatim(&u.0)).unwrap_or_else(|| "0".into());
                w.write(1, &format!("{resource}\t{used}\t{}\n", canonical_or_verbatim(&hard.0)));
            }
        }
    }

    let ranges: Vec<LimitRange> = ctx
        .list(&GroupKind::new("", "LimitRange"), name)
        .iter()
        .filter_map(|o| serde_json::from_value(o.to_value()).ok())
        .collect();
    w.write(0, "\n");
    if ranges.is_empty() {
        w.write(0, "No LimitRange resource.\n");
    } else {
        w.write(
            0,
            "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n",
        );
        w.write(0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
        for range in &ranges {
            for item in range.spec.as_ref().map(|s| s.limits.as_slice()).unwrap_or(&[]) {
                let lists = [&item.min, &item.max, &item.default_request, &item.default, &item.max_limit_request_ratio];
                // Upstream walks a Go map here, so its row order varies; kubeplay sorts by resource name.
                let names: BTreeSet<&String> = lists.iter().flat_map(|l| l.iter().flat_map(|m| m.keys())).collect();
                for resource in names {
                    let cell = |list: &Option<
                        std::collections::BTreeMap<String, k8s_openapi::apimachinery::pkg::api::resource::Quantity>,
                    >| {
                        list.as_ref()
                            .and_then(|m| m.get(resource))
                            .map(|q| canonical_or_verbatim(&q.0))
                            .unwrap_or_else(|| "-".to_string())
                    };
                    w.write(
                        0,
                        &format!(
                            " {}\t{resource}\t{}\t{}\t{}\t{}\t{}\n",
                            item.type_,
                            cell(&item.min),
                            cell(&item.max),
                            cell(&item.default_request),
                            cell(&item.default),
                            cell(&item.max_limit_request_ratio)
                        ),
                    );
                }
            }
        }
    }
}

fn scope_help(scope: &str) -> Option<&'static str> {
    Some(match scope {
        "Terminating" => {
            "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system."
        }
        "NotTerminating" => {
            "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate."
        }
        "BestEffort" => {
            "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service."
        }
        "NotBestEffort" => {
            "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service."
        }
        _ => return None,
    })
}

pub(crate) fn describe_config_map(cm: &ConfigMap, ctx: &dyn DescribeContext, w: &mut Writer) {
    let meta = &cm.metadata;
    w.write(0, &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")));
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    w.write(0, "\nData\n====\n");
    for (key, value) in cm.data.iter().flatten() {
        w.write(0, &format!("{key}:\n----\n"));
        w.write(0, &format!("{value}\n"));
        w.write(0, "\n");
    }
    w.write(0, "\nBinaryData\n====\n");
    for (key, value) in cm.binary_data.iter().flatten() {
        w.write(0, &format!("{key}: {} bytes\n", value.0.len()));
    }
    w.write(0, "\n");
    events(w, events_of(meta, ctx), ctx.now());
}

pub(crate) fn describe_secret(secret: &Secret, w: &mut Writer) {
    let meta = &secret.metadata;
    w.write(0, &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")));
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    let type_ = secret.type_.as_deref().unwrap_or("");
    w.write(0, &format!("\nType:\t{type_}\n"));
    w.write(0, "\nData\n====\n");
    for (key, value) in secret.data.iter().flatten() {
        if key == "token" && type_ == "kubernetes.io/service-account-token" {
            w.write(0, &format!("{key}:\t{}\n", String::from_utf8_lossy(&value.0)));
        } else {
            w.write(0, &format!("{key}:\t{} bytes\n", value.0.len()));
        }
    }
}

pub(crate) fn describe_service_account(
    sa: &k8s_openapi::api::core::v1::ServiceAccount,
    ctx: &dyn DescribeContext,
    w: &mut Writer,
) {
    let meta = &sa.metadata;
    w.write(0, &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")));
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    let names: Vec<&str> = sa.image_pull_secrets.iter().flatten().map(|s| s.name.as_str()).collect();
    if names.is_empty() {
        w.write(0, "Image pull secrets:\t<none>\n");
    } else {
        // Later names line up under the first with a blank header of the same width.
        let mut header = "Image pull secrets:";
        for name in names {
            w.write(0, &format!("{header}\t{name}\n"));
            header = "                   ";
        }
    }
    events(w, events_of(meta, ctx), ctx.now());
}

/// `kubectl describe pvc` (`describePersistentVolumeClaim`, `printPersistentVolumeClaim`, `getPodsForPVC`):
/// class, phase, the bound volume, capacity and access modes once bound, and the pods that mount it.
pub(crate) fn describe_pvc(
    pvc: &k8s_openapi::api::core::v1::PersistentVolumeClaim,
    ctx: &dyn DescribeContext,
    w: &mut Writer,
) {
    let meta = &pvc.metadata;
    let namespace = meta.namespace.as_deref().unwrap_or("");
    let name = meta.name.as_deref().unwrap_or("");
    let spec = pvc.spec.clone().unwrap_or_default();
    let status = pvc.status.clone().unwrap_or_default();
    w.write(0, &format!("Name:\t{name}\n"));
    w.write(0, &format!("Namespace:\t{namespace}\n"));
    let class = meta
        .annotations
        .as_ref()
        .and_then(|a| a.get("volume.beta.kubernetes.io/storage-class"))
        .cloned()
        .or(spec.storage_class_name.clone())
        .unwrap_or_default();
    w.write(0, &format!("StorageClass:\t{class}\n"));
    match meta.deletion_timestamp.as_ref() {
        Some(t) => w.write(0, &format!("Status:\tTerminating (lasts {})\n", format::since(ctx.now(), Some(t)))),
        None => w.write(0, &format!("Status:\t{}\n", status.phase.as_deref().unwrap_or(""))),
    }
    let volume = spec.volume_name.clone().unwrap_or_default();
    w.write(0, &format!("Volume:\t{volume}\n"));
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    w.write(0, &format!("Finalizers:\t[{}]\n", meta.finalizers.clone().unwrap_or_default().join(" ")));
    let (capacity, modes) = if volume.is_empty() {
        (String::new(), String::new())
    } else {
        (
            status
                .capacity
                .as_ref()
                .and_then(|c| c.get("storage"))
                .map(|q| canonical_or_verbatim(&q.0))
                .unwrap_or_else(|| "0".to_string()),
            crate::table::access_modes(status.access_modes.as_deref().unwrap_or(&[])),
        )
    };
    w.write(0, &format!("Capacity:\t{capacity}\n"));
    w.write(0, &format!("Access Modes:\t{modes}\n"));
    if let Some(mode) = spec.volume_mode.as_deref() {
        w.write(0, &format!("VolumeMode:\t{mode}\n"));
    }
    if let Some(source) = spec.data_source.as_ref() {
        w.write(0, "DataSource:\n");
        if let Some(group) = source.api_group.as_deref() {
            w.write(1, &format!("APIGroup:\t{group}\n"));
        }
        w.write(1, &format!("Kind:\t{}\n", source.kind));
        w.write(1, &format!("Name:\t{}\n", source.name));
    }
    // Pods that mount the claim, then owner pods not already listed; printed sorted by name.
    let pods = ctx.list(&GroupKind::new("", "Pod"), namespace);
    let mut users: Vec<(String, String)> = Vec::new();
    for obj in &pods {
        let Some(pod) = obj.as_pod() else { continue };
        for volume in pod.spec.as_ref().and_then(|s| s.volumes.as_ref()).into_iter().flatten() {
            if volume.persistent_volume_claim.as_ref().is_some_and(|c| c.claim_name == name) {
                users.push((obj.name().to_string(), pod.metadata.uid.clone().unwrap_or_default()));
            }
        }
    }
    for owner in meta.owner_references.iter().flatten().filter(|r| r.kind == "Pod") {
        let found = pods.iter().find(|p| p.meta().uid.as_deref() == Some(owner.uid.as_str()));
        if let Some(pod) = found
            && !users.iter().any(|(_, uid)| *uid == owner.uid)
        {
            users.push((pod.name().to_string(), owner.uid.clone()));
        }
    }
    users.sort_by(|a, b| a.0.cmp(&b.0));
    w.write(0, "Used By:\t");
    if users.is_empty() {
        w.line("<none>");
    } else {
        for (i, (pod, _)) in users.iter().enumerate() {
            if i != 0 {
                w.write(0, "\t");
            }
            w.write(0, &format!("{pod}\n"));
        }
    }
    let conditions = status.conditions.unwrap_or_default();
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n");
        w.write(1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n");
        w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
        for c in &conditions {
            w.write(
                1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}\n",
                    c.type_,
                    c.status,
                    format::rfc1123z(c.last_probe_time.as_ref().map(|t| &t.0)),
                    format::rfc1123z(c.last_transition_time.as_ref().map(|t| &t.0)),
                    c.reason.as_deref().unwrap_or(""),
                    c.message.as_deref().unwrap_or("")
                ),
            );
        }
    }
    events(w, events_of(meta, ctx), ctx.now());
}
