//! `kubectl describe` for Namespaces (with their ResourceQuotas and LimitRanges), ConfigMaps and Secrets
//! (`describeNamespace`, `DescribeResourceQuotas`, `DescribeLimitRanges`, the ConfigMap describer,
//! `describeSecret`).

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
    w.write(
        0,
        &format!("Status:\t{}\n", status.phase.as_deref().unwrap_or("")),
    );
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
            w.write(
                1,
                &format!("Name:\t{}\n", q.metadata.name.as_deref().unwrap_or("")),
            );
            let mut scopes: Vec<String> = q
                .spec
                .as_ref()
                .and_then(|s| s.scopes.clone())
                .unwrap_or_default();
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
                let used = used
                    .get(&resource)
                    .map(|u| super::qty::canonical(&u.0))
                    .unwrap_or_else(|| "0".into());
                w.write(
                    1,
                    &format!("{resource}\t{used}\t{}\n", super::qty::canonical(&hard.0)),
                );
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
        w.write(
            0,
            " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n",
        );
        for range in &ranges {
            for item in range
                .spec
                .as_ref()
                .map(|s| s.limits.as_slice())
                .unwrap_or(&[])
            {
                let lists = [
                    &item.min,
                    &item.max,
                    &item.default_request,
                    &item.default,
                    &item.max_limit_request_ratio,
                ];
                // Upstream walks a Go map here, so its row order varies; kubeplay sorts by resource name.
                let names: BTreeSet<&String> = lists
                    .iter()
                    .flat_map(|l| l.iter().flat_map(|m| m.keys()))
                    .collect();
                for resource in names {
                    let cell = |list: &Option<
                        std::collections::BTreeMap<
                            String,
                            k8s_openapi::apimachinery::pkg::api::resource::Quantity,
                        >,
                    >| {
                        list.as_ref()
                            .and_then(|m| m.get(resource))
                            .map(|q| super::qty::canonical(&q.0))
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
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")),
    );
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
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")),
    );
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    let type_ = secret.type_.as_deref().unwrap_or("");
    w.write(0, &format!("\nType:\t{type_}\n"));
    w.write(0, "\nData\n====\n");
    for (key, value) in secret.data.iter().flatten() {
        if key == "token" && type_ == "kubernetes.io/service-account-token" {
            w.write(
                0,
                &format!("{key}:\t{}\n", String::from_utf8_lossy(&value.0)),
            );
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
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")),
    );
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    let names: Vec<&str> = sa
        .image_pull_secrets
        .iter()
        .flatten()
        .map(|s| s.name.as_str())
        .collect();
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
