//! The object store behind the simulated API server: an ordered persistent map from key to object, the
//! global resourceVersion, indexes by uid and by owner, and the log of watch events since the last drain.
//!
//! The map is `imbl::OrdMap`, so cloning the store (a snapshot for rewind or a what-if branch) is O(1)
//! and shares every object. Only [`crate::api::Api`] writes here; it enforces the API semantics.

use std::sync::Arc;

use imbl::{OrdMap, OrdSet};

use crate::kinds::GroupKind;
use crate::object::{Object, ObjectKey};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeType {
    Added,
    Modified,
    Deleted,
}

/// One watch event.
#[derive(Clone, Debug)]
pub struct Change {
    pub change: ChangeType,
    pub key: ObjectKey,
    /// The object after the change (for Deleted: its last state).
    pub object: Arc<Object>,
    /// The object before the change, for Modified.
    pub old: Option<Arc<Object>>,
}

#[derive(Clone, Debug, Default)]
pub struct Store {
    objects: OrdMap<ObjectKey, Arc<Object>>,
    by_uid: OrdMap<String, ObjectKey>,
    /// Owner uid → keys of the objects that name it in their ownerReferences.
    dependents: OrdMap<String, OrdSet<ObjectKey>>,
    /// Objects without a controller ownerReference: the candidates a controller may adopt.
    uncontrolled: OrdSet<ObjectKey>,
    resource_version: u64,
    changes: Vec<Change>,
}

impl Store {
    pub fn get(&self, key: &ObjectKey) -> Option<&Arc<Object>> {
        self.objects.get(key)
    }

    pub fn get_by_uid(&self, uid: &str) -> Option<&Arc<Object>> {
        self.by_uid.get(uid).and_then(|k| self.objects.get(k))
    }

    pub fn len(&self) -> usize {
        self.objects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    pub fn resource_version(&self) -> u64 {
        self.resource_version
    }

    /// Objects of one kind, in (namespace, name) order; `namespace: None` lists every namespace.
    pub fn list<'a>(&'a self, gk: &GroupKind, namespace: Option<&str>) -> impl Iterator<Item = &'a Arc<Object>> + 'a {
        let lo = ObjectKey::new(gk.clone(), namespace.unwrap_or(""), "");
        let gk2 = gk.clone();
        let ns = namespace.map(str::to_string);
        self.objects
            .range(lo..)
            .take_while(move |(k, _)| k.gk == gk2 && ns.as_ref().is_none_or(|n| &k.namespace == n))
            .map(|(_, v)| v)
    }

    /// Every object in the store, in key order.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<Object>> {
        self.objects.values()
    }

    pub fn has_dependents(&self, owner_uid: &str) -> bool {
        self.dependents.contains_key(owner_uid)
    }

    /// Keys of the objects that have an ownerReference to `owner_uid`.
    pub fn dependents_of(&self, owner_uid: &str) -> Vec<ObjectKey> {
        self.dependents.get(owner_uid).map(|s| s.iter().cloned().collect()).unwrap_or_default()
    }

    /// Keys of the objects of one kind in one namespace that no controller owns, in key order.
    pub fn uncontrolled<'a>(&'a self, gk: &GroupKind, namespace: &str) -> impl Iterator<Item = &'a ObjectKey> + 'a {
        let lo = ObjectKey::new(gk.clone(), namespace, "");
        let gk2 = gk.clone();
        let ns = namespace.to_string();
        self.uncontrolled.range(lo..).take_while(move |k| k.gk == gk2 && k.namespace == ns)
    }

    /// Objects of one kind that `owner_uid` owns (by any ownerReference), plus the uncontrolled ones in
    /// `namespace` it might adopt; in key order. A controller's claim without scanning its namespace.
    pub fn owned_or_adoptable(&self, owner_uid: &str, gk: &GroupKind, namespace: &str) -> Vec<Arc<Object>> {
        let mut keys: Vec<&ObjectKey> = Vec::new();
        if let Some(set) = self.dependents.get(owner_uid) {
            keys.extend(set.iter().filter(|k| &k.gk == gk));
        }
        keys.extend(self.uncontrolled(gk, namespace));
        keys.sort();
        keys.dedup();
        keys.into_iter().filter_map(|k| self.objects.get(k).cloned()).collect()
    }

    /// Objects of one kind that name `owner_uid` in their ownerReferences, in key order.
    pub fn owned_by(&self, owner_uid: &str, gk: &GroupKind) -> Vec<Arc<Object>> {
        self.dependents
            .get(owner_uid)
            .map(|set| set.iter().filter(|k| &k.gk == gk).filter_map(|k| self.objects.get(k).cloned()).collect())
            .unwrap_or_default()
    }

    /// Watch events since the last call.
    pub fn drain_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.changes)
    }

    pub(crate) fn next_resource_version(&mut self) -> u64 {
        self.resource_version += 1;
        self.resource_version
    }

    /// Writes an object (new or replacing), stamping the next resourceVersion.
    pub(crate) fn put(&mut self, mut obj: Object) -> Arc<Object> {
        let rv = self.next_resource_version();
        obj.meta_mut().resource_version = Some(rv.to_string());
        let key = obj.key();
        let arc = Arc::new(obj);
        let old = self.objects.insert(key.clone(), arc.clone());
        if let Some(o) = &old {
            self.unindex(o);
        }
        self.index(&arc);
        self.changes.push(Change {
            change: if old.is_some() { ChangeType::Modified } else { ChangeType::Added },
            key,
            object: arc.clone(),
            old,
        });
        arc
    }

    pub(crate) fn remove(&mut self, key: &ObjectKey) -> Option<Arc<Object>> {
        let old = self.objects.remove(key)?;
        self.unindex(&old);
        self.next_resource_version();
        self.changes.push(Change { change: ChangeType::Deleted, key: key.clone(), object: old.clone(), old: None });
        Some(old)
    }

    fn index(&mut self, obj: &Arc<Object>) {
        let key = obj.key();
        if let Some(uid) = &obj.meta().uid {
            self.by_uid.insert(uid.clone(), key.clone());
        }
        for r in obj.meta().owner_references.iter().flatten() {
            self.dependents.entry(r.uid.clone()).or_default().insert(key.clone());
        }
        if !obj.meta().owner_references.iter().flatten().any(|r| r.controller == Some(true)) {
            self.uncontrolled.insert(key);
        }
    }

    fn unindex(&mut self, obj: &Arc<Object>) {
        let key = obj.key();
        self.uncontrolled.remove(&key);
        if let Some(uid) = &obj.meta().uid {
            self.by_uid.remove(uid);
        }
        for r in obj.meta().owner_references.iter().flatten() {
            if let Some(set) = self.dependents.get_mut(&r.uid) {
                set.remove(&key);
                if set.is_empty() {
                    self.dependents.remove(&r.uid);
                }
            }
        }
    }
}
