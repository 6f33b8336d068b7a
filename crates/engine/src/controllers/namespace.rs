//! The namespace controller: deletes everything in a terminating namespace, then the namespace itself.
//!
//! Follows `pkg/controller/namespace/deletion/namespaced_resources_deleter.go`.

use crate::api::{Api, DeleteOptions};
use crate::kinds::GroupKind;
use crate::object::ObjectKey;

pub fn reconcile(api: &mut Api, name: &str) -> Option<u64> {
    let key = ObjectKey::new(GroupKind::new("", "Namespace"), "", name);
    let ns = api.get(&key)?;
    ns.meta().deletion_timestamp.as_ref()?;
    let contents: Vec<ObjectKey> = api.store.iter().filter(|o| o.namespace() == name).map(|o| o.key()).collect();
    let mut remaining = 0;
    for k in contents {
        let Some(o) = api.get(&k) else { continue };
        if k.gk.kind == "Event" {
            // Events go with the namespace, without grace.
            let _ = api.delete(&k, DeleteOptions::default());
            continue;
        }
        remaining += 1;
        if o.meta().deletion_timestamp.is_none() {
            let _ = api.delete(&k, DeleteOptions::default());
        }
    }
    let left = api.store.iter().filter(|o| o.namespace() == name).count();
    if left == 0 {
        api.finish_deletion(&key);
        return None;
    }
    // Woken again by every deletion in the namespace; the periodic check is a backstop.
    (remaining > 0).then_some(5_000)
}
