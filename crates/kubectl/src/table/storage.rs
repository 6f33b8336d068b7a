//! Tables for PersistentVolumeClaims, PersistentVolumes and StorageClasses (`printPersistentVolumeClaim`,
//! `printPersistentVolume`, `printStorageClass`).

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kubeplay_engine::{Object, SimTime};

use super::{Column, NAME, Printer, age, col, wide};
use kubeplay_engine::quantity::canonical_or_verbatim;

pub(crate) const PVC: Printer = Printer { columns: PVC_COLUMNS, row: pvc };
pub(crate) const PV: Printer = Printer { columns: PV_COLUMNS, row: pv };
pub(crate) const STORAGE_CLASS: Printer = Printer { columns: SC_COLUMNS, row: storage_class };

const PVC_COLUMNS: &[Column] = &[
    NAME,
    col("Status"),
    col("Volume"),
    col("Capacity"),
    col("Access Modes"),
    col("StorageClass"),
    col("VolumeAttributesClass"),
    col("Age"),
    wide("VolumeMode"),
];
const PV_COLUMNS: &[Column] = &[
    NAME,
    col("Capacity"),
    col("Access Modes"),
    col("Reclaim Policy"),
    col("Status"),
    col("Claim"),
    col("StorageClass"),
    col("VolumeAttributesClass"),
    col("Reason"),
    col("Age"),
    wide("VolumeMode"),
];
const SC_COLUMNS: &[Column] = &[
    NAME,
    col("Provisioner"),
    col("ReclaimPolicy"),
    col("VolumeBindingMode"),
    col("AllowVolumeExpansion"),
    col("Age"),
];

const BETA_STORAGE_CLASS_ANNOTATION: &str = "volume.beta.kubernetes.io/storage-class";

/// `GetAccessModesAsString`: RWO, ROX, RWX, RWOP in that order.
pub(crate) fn access_modes(modes: &[String]) -> String {
    [("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP")]
        .iter()
        .filter(|(mode, _)| modes.iter().any(|m| m == mode))
        .map(|(_, short)| *short)
        .collect::<Vec<_>>()
        .join(",")
}

fn storage(map: Option<&BTreeMap<String, Quantity>>) -> String {
    map.and_then(|m| m.get("storage")).map(|q| canonical_or_verbatim(&q.0)).unwrap_or_else(|| "0".to_string())
}

fn beta_class(meta: &ObjectMeta) -> Option<String> {
    meta.annotations.as_ref().and_then(|a| a.get(BETA_STORAGE_CLASS_ANNOTATION)).cloned()
}

fn pvc(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::PersistentVolumeClaim(pvc) = obj else {
        return None;
    };
    let spec = pvc.spec.as_ref();
    let status = pvc.status.as_ref();
    let mut phase = status.and_then(|s| s.phase.clone()).unwrap_or_default();
    if pvc.metadata.deletion_timestamp.is_some() {
        phase = "Terminating".to_string();
    }
    let volume = spec.and_then(|s| s.volume_name.clone()).unwrap_or_default();
    let (capacity, modes) = if volume.is_empty() {
        (String::new(), String::new())
    } else {
        (
            storage(status.and_then(|s| s.capacity.as_ref())),
            access_modes(status.and_then(|s| s.access_modes.as_deref()).unwrap_or(&[])),
        )
    };
    let class =
        beta_class(&pvc.metadata).or_else(|| spec.and_then(|s| s.storage_class_name.clone())).unwrap_or_default();
    Some(vec![
        obj.name().to_string(),
        phase,
        volume,
        capacity,
        modes,
        class,
        spec.and_then(|s| s.volume_attributes_class_name.clone()).unwrap_or_else(|| "<unset>".to_string()),
        age(obj, now),
        spec.and_then(|s| s.volume_mode.clone()).unwrap_or_else(|| "<unset>".to_string()),
    ])
}

fn pv(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::PersistentVolume(pv) = obj else {
        return None;
    };
    let spec = pv.spec.as_ref();
    let status = pv.status.as_ref();
    let claim = spec
        .and_then(|s| s.claim_ref.as_ref())
        .map(|c| format!("{}/{}", c.namespace.as_deref().unwrap_or(""), c.name.as_deref().unwrap_or("")))
        .unwrap_or_default();
    let mut phase = status.and_then(|s| s.phase.clone()).unwrap_or_default();
    if pv.metadata.deletion_timestamp.is_some() {
        phase = "Terminating".to_string();
    }
    let class =
        beta_class(&pv.metadata).or_else(|| spec.and_then(|s| s.storage_class_name.clone())).unwrap_or_default();
    Some(vec![
        obj.name().to_string(),
        storage(spec.and_then(|s| s.capacity.as_ref())),
        access_modes(spec.and_then(|s| s.access_modes.as_deref()).unwrap_or(&[])),
        spec.and_then(|s| s.persistent_volume_reclaim_policy.clone()).unwrap_or_default(),
        phase,
        claim,
        class,
        spec.and_then(|s| s.volume_attributes_class_name.clone()).unwrap_or_else(|| "<unset>".to_string()),
        status.and_then(|s| s.reason.clone()).unwrap_or_default(),
        age(obj, now),
        spec.and_then(|s| s.volume_mode.clone()).unwrap_or_else(|| "<unset>".to_string()),
    ])
}

/// `storageutil.IsDefaultAnnotation`.
pub(crate) fn is_default_class(meta: &ObjectMeta) -> bool {
    let annotations = meta.annotations.as_ref();
    ["storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"]
        .iter()
        .any(|key| annotations.and_then(|a| a.get(*key)).is_some_and(|v| v == "true"))
}

fn storage_class(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::StorageClass(sc) = obj else {
        return None;
    };
    let mut name = obj.name().to_string();
    if is_default_class(&sc.metadata) {
        name.push_str(" (default)");
    }
    Some(vec![
        name,
        sc.provisioner.clone(),
        sc.reclaim_policy.clone().unwrap_or_else(|| "Delete".to_string()),
        sc.volume_binding_mode.clone().unwrap_or_else(|| "Immediate".to_string()),
        sc.allow_volume_expansion.unwrap_or(false).to_string(),
        age(obj, now),
    ])
}
