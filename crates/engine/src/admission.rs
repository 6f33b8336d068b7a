//! The admission chain in front of the store, as kube-apiserver runs it for every client — kubectl and the
//! controllers alike: defaulting, mutating admission (pods), the registry's create/update preparation,
//! allocation of Service cluster IPs, validation, then the write.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::api::{Api, ApiError};
use crate::kinds::GroupKind;
use crate::object::Object;
use crate::validation::{self, FieldError};

/// Defaults, admits, validates and creates an object.
pub fn create(api: &mut Api, mut obj: Object) -> Result<Arc<Object>, ApiError> {
    prepare(api, &mut obj)?;
    api.create(obj)
}

/// Everything the API server does to an object on create short of storing it (`--dry-run=server`).
pub fn prepare(api: &mut Api, obj: &mut Object) -> Result<(), ApiError> {
    let errors = create_errors(api, obj);
    if !errors.is_empty() {
        return Err(ApiError::invalid(validation::invalid_message(obj.kind(), obj.name(), &errors)));
    }
    Ok(())
}

/// The create chain short of storing, with validation's errors as a list rather than one 422 message, so
/// an editor can place each error at its field. Draws names and cluster IPs from `api`'s RNG.
pub fn create_errors(api: &mut Api, obj: &mut Object) -> Vec<FieldError> {
    validation::apply_defaults(obj);
    if obj.meta().name.as_deref().unwrap_or("").is_empty()
        && let Some(prefix) = obj.meta().generate_name.clone().filter(|p| !p.is_empty())
    {
        let suffix = api.rng.name_suffix("names", 5);
        obj.meta_mut().name = Some(format!("{prefix}{suffix}"));
    }
    if let Object::Pod(pod) = obj {
        let suffix = api.rng.name_suffix("names", 5);
        validation::admission::admit_pod(pod, &suffix);
    }
    validation::prepare_for_create(obj);
    if let Object::Service(svc) = obj
        && let Some(spec) = svc.spec.as_mut()
    {
        let headless = spec.cluster_ip.as_deref() == Some("None");
        let external = spec.type_.as_deref() == Some("ExternalName");
        if spec.cluster_ip.as_deref().unwrap_or("").is_empty() && !headless && !external {
            let ip = allocate_cluster_ip(api);
            spec.cluster_ip = Some(ip.clone());
            spec.cluster_ips = Some(vec![ip]);
        }
    }
    validation::validate(obj)
}

/// Defaults and validates an update against the stored object, then writes it.
pub fn update(api: &mut Api, mut obj: Object) -> Result<Arc<Object>, ApiError> {
    let key = obj.key();
    let Some(old) = api.get(&key) else {
        return Err(ApiError::not_found_gk(&key.gk, &key.name));
    };
    let errors = update_errors(&old, &mut obj);
    if !errors.is_empty() {
        return Err(ApiError::invalid(validation::invalid_message(obj.kind(), obj.name(), &errors)));
    }
    api.update(obj)
}

/// The update chain against the stored object `old`, short of writing: defaulting, update preparation and
/// update validation, with the errors as a list.
pub fn update_errors(old: &Object, obj: &mut Object) -> Vec<FieldError> {
    validation::apply_defaults(obj);
    validation::prepare_for_update(obj, old);
    validation::validate_update(old, obj)
}

/// A free address from the Service CIDR 10.96.0.0/12, drawn at random from the upper band first as the
/// allocator does (`pkg/registry/core/service/ipallocator`); the lower 256 addresses are for static picks.
fn allocate_cluster_ip(api: &mut Api) -> String {
    let used: BTreeSet<String> = api
        .store
        .list(&GroupKind::new("", "Service"), None)
        .filter_map(|s| s.as_service().and_then(|s| s.spec.as_ref()).and_then(|s| s.cluster_ip.clone()))
        .collect();
    const SIZE: u64 = 1 << 20;
    const STATIC_BAND: u64 = 256;
    for _ in 0..64 {
        let offset = STATIC_BAND + 1 + api.rng.below("cluster-ips", SIZE - STATIC_BAND - 2);
        let ip = offset_ip(offset);
        if !used.contains(&ip) {
            return ip;
        }
    }
    (1..SIZE - 1).map(offset_ip).find(|ip| !used.contains(ip)).unwrap_or_else(|| offset_ip(SIZE - 2))
}

fn offset_ip(offset: u64) -> String {
    let base: u64 = (10 << 24) | (96 << 16);
    let v = base + offset;
    format!("{}.{}.{}.{}", (v >> 24) & 255, (v >> 16) & 255, (v >> 8) & 255, v & 255)
}
