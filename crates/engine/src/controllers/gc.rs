//! The garbage collector: deletes dependents whose owners are gone (background), deletes dependents
//! before their owner (foreground), or strips ownerReferences (orphan).
//!
//! Follows `pkg/controller/garbagecollector/garbagecollector.go` (attemptToDeleteItem,
//! processDeletingDependentsItem, orphanDependents); the owner→dependents graph is the store's index.

use crate::api::{Api, DeleteOptions, Propagation};

pub fn reconcile(api: &mut Api, owner_uid: &str) -> Option<u64> {
    let owner = api.store.get_by_uid(owner_uid).cloned();
    let dependents = api.store.dependents_of(owner_uid);
    match owner {
        None => {
            for key in dependents {
                let Some(dep) = api.get(&key) else { continue };
                let live_owner = dep
                    .meta()
                    .owner_references
                    .iter()
                    .flatten()
                    .any(|r| r.uid != owner_uid && api.store.get_by_uid(&r.uid).is_some());
                if live_owner {
                    let mut d = (*dep).clone();
                    if let Some(refs) = d.meta_mut().owner_references.as_mut() {
                        refs.retain(|r| r.uid != owner_uid);
                    }
                    let _ = api.write_through(d);
                } else if dep.meta().deletion_timestamp.is_none() {
                    let _ = api.delete(
                        &key,
                        DeleteOptions { propagation: Some(Propagation::Background), grace_period_seconds: None },
                    );
                }
            }
        }
        Some(owner) => {
            owner.meta().deletion_timestamp.as_ref()?;
            let finalizers = owner.meta().finalizers.clone().unwrap_or_default();
            let owner_key = owner.key();
            if finalizers.iter().any(|f| f == "orphan") {
                for key in &dependents {
                    let Some(dep) = api.get(key) else { continue };
                    let mut d = (*dep).clone();
                    if let Some(refs) = d.meta_mut().owner_references.as_mut() {
                        refs.retain(|r| r.uid != owner_uid);
                        if refs.is_empty() {
                            d.meta_mut().owner_references = None;
                        }
                    }
                    let _ = api.write_through(d);
                }
                api.remove_finalizer(&owner_key, "orphan");
            } else if finalizers.iter().any(|f| f == "foregroundDeletion") {
                let mut blocking = 0;
                for key in &dependents {
                    let Some(dep) = api.get(key) else { continue };
                    let blocks = dep
                        .meta()
                        .owner_references
                        .iter()
                        .flatten()
                        .any(|r| r.uid == owner_uid && r.block_owner_deletion == Some(true));
                    if blocks {
                        blocking += 1;
                    }
                    if dep.meta().deletion_timestamp.is_none() {
                        let _ = api.delete(
                            key,
                            DeleteOptions { propagation: Some(Propagation::Foreground), grace_period_seconds: None },
                        );
                    }
                }
                if blocking == 0 {
                    api.remove_finalizer(&owner_key, "foregroundDeletion");
                }
            }
        }
    }
    None
}
