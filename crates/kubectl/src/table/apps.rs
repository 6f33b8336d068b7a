//! Tables for the apps group: ReplicaSet, Deployment, DaemonSet, StatefulSet, ControllerRevision
//! (`printReplicaSet`, `printDeployment`, `printDaemonSet`, `printStatefulSet`, `printControllerRevision`).

use kubeplay_engine::{Object, SimTime};

use super::{Column, NAME, Printer, age, col, container_cells, format, wide};

pub(crate) const REPLICA_SET: Printer = Printer { columns: RS_COLUMNS, row: replica_set };
pub(crate) const DEPLOYMENT: Printer = Printer { columns: DEPLOY_COLUMNS, row: deployment };
pub(crate) const DAEMON_SET: Printer = Printer { columns: DS_COLUMNS, row: daemon_set };
pub(crate) const STATEFUL_SET: Printer = Printer { columns: STS_COLUMNS, row: stateful_set };
pub(crate) const CONTROLLER_REVISION: Printer = Printer { columns: CR_COLUMNS, row: controller_revision };

const RS_COLUMNS: &[Column] = &[
    NAME,
    col("Desired"),
    col("Current"),
    col("Ready"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
    wide("Selector"),
];

const DEPLOY_COLUMNS: &[Column] = &[
    NAME,
    col("Ready"),
    col("Up-to-date"),
    col("Available"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
    wide("Selector"),
];

const DS_COLUMNS: &[Column] = &[
    NAME,
    col("Desired"),
    col("Current"),
    col("Ready"),
    col("Up-to-date"),
    col("Available"),
    col("Node Selector"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
    wide("Selector"),
];

const STS_COLUMNS: &[Column] = &[NAME, col("Ready"), col("Age"), wide("Containers"), wide("Images")];

const CR_COLUMNS: &[Column] = &[NAME, col("Controller"), col("Revision"), col("Age")];

fn containers_of(
    template: Option<&k8s_openapi::api::core::v1::PodTemplateSpec>,
) -> &[k8s_openapi::api::core::v1::Container] {
    template.and_then(|t| t.spec.as_ref()).map(|s| s.containers.as_slice()).unwrap_or(&[])
}

fn replica_set(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let rs = obj.as_replica_set()?;
    let spec = &rs.spec;
    let status = rs.status.as_ref();
    let (names, images) = container_cells(containers_of(spec.template.as_ref()));
    Some(vec![
        obj.name().to_string(),
        spec.replicas.unwrap_or(1).to_string(),
        status.map(|s| s.replicas).unwrap_or(0).to_string(),
        status.and_then(|s| s.ready_replicas).unwrap_or(0).to_string(),
        age(obj, now),
        names,
        images,
        format::format_label_selector(Some(&spec.selector)),
    ])
}

fn deployment(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let d = obj.as_deployment()?;
    let spec = &d.spec;
    let status = d.status.as_ref();
    let desired = spec.replicas.unwrap_or(1);
    let ready = status.and_then(|s| s.ready_replicas).unwrap_or(0);
    let (names, images) = container_cells(containers_of(Some(&spec.template)));
    // printDeployment uses the selector's String() directly: an empty selector prints as nothing.
    let selector = format::selector_string(Some(&spec.selector)).unwrap_or_else(|()| "<invalid>".to_string());
    Some(vec![
        obj.name().to_string(),
        format!("{ready}/{desired}"),
        status.and_then(|s| s.updated_replicas).unwrap_or(0).to_string(),
        status.and_then(|s| s.available_replicas).unwrap_or(0).to_string(),
        age(obj, now),
        names,
        images,
        selector,
    ])
}

fn daemon_set(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::DaemonSet(ds) = obj else {
        return None;
    };
    let spec = &ds.spec;
    let status = ds.status.as_ref();
    let (names, images) = container_cells(containers_of(Some(&spec.template)));
    let node_selector = spec.template.spec.as_ref().and_then(|s| s.node_selector.as_ref());
    Some(vec![
        obj.name().to_string(),
        status.map(|s| s.desired_number_scheduled).unwrap_or(0).to_string(),
        status.map(|s| s.current_number_scheduled).unwrap_or(0).to_string(),
        status.map(|s| s.number_ready).unwrap_or(0).to_string(),
        status.and_then(|s| s.updated_number_scheduled).unwrap_or(0).to_string(),
        status.and_then(|s| s.number_available).unwrap_or(0).to_string(),
        format::format_labels(node_selector),
        age(obj, now),
        names,
        images,
        format::format_label_selector(Some(&spec.selector)),
    ])
}

fn stateful_set(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::StatefulSet(sts) = obj else {
        return None;
    };
    let spec = &sts.spec;
    let desired = spec.replicas.unwrap_or(1);
    let ready = sts.status.as_ref().and_then(|s| s.ready_replicas).unwrap_or(0);
    let (names, images) = container_cells(containers_of(Some(&spec.template)));
    Some(vec![obj.name().to_string(), format!("{ready}/{desired}"), age(obj, now), names, images])
}

fn controller_revision(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::ControllerRevision(cr) = obj else {
        return None;
    };
    let controller = cr
        .metadata
        .owner_references
        .iter()
        .flatten()
        .find(|r| r.controller == Some(true))
        .map(|r| {
            let group = r.api_version.split_once('/').map(|(g, _)| g).unwrap_or("");
            let kind = if group.is_empty() { r.kind.clone() } else { format!("{}.{group}", r.kind) };
            format!("{}/{}", kind.to_lowercase(), r.name)
        })
        .unwrap_or_else(|| "<none>".to_string());
    Some(vec![obj.name().to_string(), controller, cr.revision.unwrap_or(0).to_string(), age(obj, now)])
}
