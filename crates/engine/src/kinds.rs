//! The API resources the simulated server serves, as `kubectl api-resources` lists them for v1.37.
//!
//! The table drives type resolution (`kubectl get deploy`), printing of `kind.group/name`, the scope of
//! each kind, and which kinds have a typed representation in [`crate::object::Object`].

/// One resource served by the API server.
#[derive(Debug, PartialEq, Eq)]
pub struct KindInfo {
    pub kind: &'static str,
    pub group: &'static str,
    pub version: &'static str,
    /// The resource name (`deployments`).
    pub plural: &'static str,
    pub short_names: &'static [&'static str],
    pub namespaced: bool,
    pub verbs: &'static [&'static str],
}

impl KindInfo {
    /// The singular resource name (`deployment`): the lower-cased kind.
    pub fn singular(&self) -> String {
        self.kind.to_ascii_lowercase()
    }

    pub fn api_version(&self) -> String {
        if self.group.is_empty() { self.version.to_string() } else { format!("{}/{}", self.group, self.version) }
    }

    /// `deployments.apps`, `pods`: how kubectl names the resource in messages.
    pub fn qualified_plural(&self) -> String {
        if self.group.is_empty() { self.plural.to_string() } else { format!("{}.{}", self.plural, self.group) }
    }

    /// `deployment.apps`, `pod`: the prefix of `-o name` and of verb echoes.
    pub fn qualified_singular(&self) -> String {
        let lower = self.kind.to_ascii_lowercase();
        if self.group.is_empty() { lower } else { format!("{lower}.{}", self.group) }
    }

    pub fn group_kind(&self) -> GroupKind {
        GroupKind::new(self.group, self.kind)
    }
}

/// A kind within its API group: the identity of a type regardless of version.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupKind {
    pub group: std::borrow::Cow<'static, str>,
    pub kind: std::borrow::Cow<'static, str>,
}

impl GroupKind {
    pub const fn new(group: &'static str, kind: &'static str) -> GroupKind {
        GroupKind { group: std::borrow::Cow::Borrowed(group), kind: std::borrow::Cow::Borrowed(kind) }
    }

    pub fn owned(group: &str, kind: &str) -> GroupKind {
        match find_kind(group, kind) {
            Some(info) => info.group_kind(),
            None => GroupKind { group: group.to_string().into(), kind: kind.to_string().into() },
        }
    }

    pub fn info(&self) -> Option<&'static KindInfo> {
        find_kind(&self.group, &self.kind)
    }
}

const ALL: &[&str] = &["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
const CREATE_ONLY: &[&str] = &["create"];
const GET_ONLY: &[&str] = &["get"];
const NO_COLLECTION: &[&str] = &["create", "delete", "get", "list", "patch", "update", "watch"];

macro_rules! kinds {
    ($( $kind:literal, $group:literal, $version:literal, $plural:literal, [$($short:literal),*], $ns:literal, $verbs:ident; )*) => {
        /// Every built-in resource, in discovery order (the order `kubectl api-resources` prints).
        pub static KINDS: &[KindInfo] = &[
            $(KindInfo {
                kind: $kind,
                group: $group,
                version: $version,
                plural: $plural,
                short_names: &[$($short),*],
                namespaced: $ns,
                verbs: $verbs,
            },)*
        ];
    };
}

kinds! {
    "Binding", "", "v1", "bindings", [], true, CREATE_ONLY;
    "ComponentStatus", "", "v1", "componentstatuses", ["cs"], false, GET_ONLY;
    "ConfigMap", "", "v1", "configmaps", ["cm"], true, ALL;
    "Endpoints", "", "v1", "endpoints", ["ep"], true, ALL;
    "Event", "", "v1", "events", ["ev"], true, ALL;
    "LimitRange", "", "v1", "limitranges", ["limits"], true, ALL;
    "Namespace", "", "v1", "namespaces", ["ns"], false, NO_COLLECTION;
    "Node", "", "v1", "nodes", ["no"], false, ALL;
    "PersistentVolumeClaim", "", "v1", "persistentvolumeclaims", ["pvc"], true, ALL;
    "PersistentVolume", "", "v1", "persistentvolumes", ["pv"], false, ALL;
    "Pod", "", "v1", "pods", ["po"], true, ALL;
    "PodTemplate", "", "v1", "podtemplates", [], true, ALL;
    "ReplicationController", "", "v1", "replicationcontrollers", ["rc"], true, ALL;
    "ResourceQuota", "", "v1", "resourcequotas", ["quota"], true, ALL;
    "Secret", "", "v1", "secrets", [], true, ALL;
    "ServiceAccount", "", "v1", "serviceaccounts", ["sa"], true, ALL;
    "Service", "", "v1", "services", ["svc"], true, ALL;
    "MutatingAdmissionPolicy", "admissionregistration.k8s.io", "v1", "mutatingadmissionpolicies", [], false, ALL;
    "MutatingAdmissionPolicyBinding", "admissionregistration.k8s.io", "v1", "mutatingadmissionpolicybindings", [], false, ALL;
    "MutatingWebhookConfiguration", "admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", [], false, ALL;
    "ValidatingAdmissionPolicy", "admissionregistration.k8s.io", "v1", "validatingadmissionpolicies", [], false, ALL;
    "ValidatingAdmissionPolicyBinding", "admissionregistration.k8s.io", "v1", "validatingadmissionpolicybindings", [], false, ALL;
    "ValidatingWebhookConfiguration", "admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", [], false, ALL;
    "CustomResourceDefinition", "apiextensions.k8s.io", "v1", "customresourcedefinitions", ["crd", "crds"], false, ALL;
    "APIService", "apiregistration.k8s.io", "v1", "apiservices", [], false, ALL;
    "ControllerRevision", "apps", "v1", "controllerrevisions", [], true, ALL;
    "DaemonSet", "apps", "v1", "daemonsets", ["ds"], true, ALL;
    "Deployment", "apps", "v1", "deployments", ["deploy"], true, ALL;
    "ReplicaSet", "apps", "v1", "replicasets", ["rs"], true, ALL;
    "StatefulSet", "apps", "v1", "statefulsets", ["sts"], true, ALL;
    "SelfSubjectReview", "authentication.k8s.io", "v1", "selfsubjectreviews", [], false, CREATE_ONLY;
    "TokenReview", "authentication.k8s.io", "v1", "tokenreviews", [], false, CREATE_ONLY;
    "LocalSubjectAccessReview", "authorization.k8s.io", "v1", "localsubjectaccessreviews", [], true, CREATE_ONLY;
    "SelfSubjectAccessReview", "authorization.k8s.io", "v1", "selfsubjectaccessreviews", [], false, CREATE_ONLY;
    "SelfSubjectRulesReview", "authorization.k8s.io", "v1", "selfsubjectrulesreviews", [], false, CREATE_ONLY;
    "SubjectAccessReview", "authorization.k8s.io", "v1", "subjectaccessreviews", [], false, CREATE_ONLY;
    "HorizontalPodAutoscaler", "autoscaling", "v2", "horizontalpodautoscalers", ["hpa"], true, ALL;
    "CronJob", "batch", "v1", "cronjobs", ["cj"], true, ALL;
    "Job", "batch", "v1", "jobs", [], true, ALL;
    "CertificateSigningRequest", "certificates.k8s.io", "v1", "certificatesigningrequests", ["csr"], false, ALL;
    "Lease", "coordination.k8s.io", "v1", "leases", [], true, ALL;
    "EndpointSlice", "discovery.k8s.io", "v1", "endpointslices", [], true, ALL;
    "Event", "events.k8s.io", "v1", "events", ["ev"], true, ALL;
    "FlowSchema", "flowcontrol.apiserver.k8s.io", "v1", "flowschemas", [], false, ALL;
    "PriorityLevelConfiguration", "flowcontrol.apiserver.k8s.io", "v1", "prioritylevelconfigurations", [], false, ALL;
    "IngressClass", "networking.k8s.io", "v1", "ingressclasses", [], false, ALL;
    "Ingress", "networking.k8s.io", "v1", "ingresses", ["ing"], true, ALL;
    "IPAddress", "networking.k8s.io", "v1", "ipaddresses", ["ip"], false, ALL;
    "NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies", ["netpol"], true, ALL;
    "ServiceCIDR", "networking.k8s.io", "v1", "servicecidrs", [], false, ALL;
    "RuntimeClass", "node.k8s.io", "v1", "runtimeclasses", [], false, ALL;
    "PodDisruptionBudget", "policy", "v1", "poddisruptionbudgets", ["pdb"], true, ALL;
    "ClusterRoleBinding", "rbac.authorization.k8s.io", "v1", "clusterrolebindings", [], false, ALL;
    "ClusterRole", "rbac.authorization.k8s.io", "v1", "clusterroles", [], false, ALL;
    "RoleBinding", "rbac.authorization.k8s.io", "v1", "rolebindings", [], true, ALL;
    "Role", "rbac.authorization.k8s.io", "v1", "roles", [], true, ALL;
    "DeviceClass", "resource.k8s.io", "v1", "deviceclasses", [], false, ALL;
    "ResourceClaim", "resource.k8s.io", "v1", "resourceclaims", [], true, ALL;
    "ResourceClaimTemplate", "resource.k8s.io", "v1", "resourceclaimtemplates", [], true, ALL;
    "ResourceSlice", "resource.k8s.io", "v1", "resourceslices", [], false, ALL;
    "PriorityClass", "scheduling.k8s.io", "v1", "priorityclasses", ["pc"], false, ALL;
    "CSIDriver", "storage.k8s.io", "v1", "csidrivers", [], false, ALL;
    "CSINode", "storage.k8s.io", "v1", "csinodes", [], false, ALL;
    "CSIStorageCapacity", "storage.k8s.io", "v1", "csistoragecapacities", [], true, ALL;
    "StorageClass", "storage.k8s.io", "v1", "storageclasses", ["sc"], false, ALL;
    "VolumeAttachment", "storage.k8s.io", "v1", "volumeattachments", [], false, ALL;
    "VolumeAttributesClass", "storage.k8s.io", "v1", "volumeattributesclasses", ["vac"], false, ALL;
}

/// Versions each group serves besides the preferred one in [`KINDS`] (`autoscaling/v1` for HPAs).
pub fn served_versions(group: &str, kind: &str) -> &'static [&'static str] {
    match (group, kind) {
        ("autoscaling", "HorizontalPodAutoscaler") => &["v2", "v1"],
        _ => &[],
    }
}

pub fn find_kind(group: &str, kind: &str) -> Option<&'static KindInfo> {
    KINDS.iter().find(|k| k.group == group && k.kind == kind)
}

/// The kind served at `apiVersion` + `kind`, or None when the server has no such version
/// (`no matches for kind "Ingress" in version "extensions/v1beta1"`).
pub fn find_by_api_version(api_version: &str, kind: &str) -> Option<&'static KindInfo> {
    let (group, version) = split_api_version(api_version);
    let info = find_kind(group, kind)?;
    if info.version == version || served_versions(group, kind).contains(&version) { Some(info) } else { None }
}

pub fn split_api_version(api_version: &str) -> (&str, &str) {
    match api_version.split_once('/') {
        Some((g, v)) => (g, v),
        None => ("", api_version),
    }
}

/// Resolves what a user typed after `kubectl get` (`po`, `pods`, `pod`, `deployments.apps`, `Deployment`)
/// the way kubectl's RESTMapper does. `events` prefers the core group, as kubectl does.
pub fn resolve_resource(input: &str) -> Option<&'static KindInfo> {
    let lower = input.to_ascii_lowercase();
    let (name, group) = match lower.split_once('.') {
        Some((n, g)) => (n.to_string(), Some(g.to_string())),
        None => (lower.clone(), None),
    };
    KINDS.iter().find(|k| {
        let group_ok = match &group {
            Some(g) => k.group == g || (g == "core" && k.group.is_empty()),
            None => true,
        };
        group_ok
            && (k.plural == name
                || k.kind.to_ascii_lowercase() == name
                || k.short_names.contains(&name.as_str())
                || k.kind.eq_ignore_ascii_case(&name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_kubectl() {
        assert_eq!(resolve_resource("po").map(|k| k.kind), Some("Pod"));
        assert_eq!(resolve_resource("deploy").map(|k| k.plural), Some("deployments"));
        assert_eq!(resolve_resource("deployments.apps").map(|k| k.kind), Some("Deployment"));
        assert_eq!(resolve_resource("Deployment").map(|k| k.kind), Some("Deployment"));
        assert_eq!(resolve_resource("events").map(|k| k.group), Some(""));
        assert_eq!(resolve_resource("ingress").map(|k| k.plural), Some("ingresses"));
        assert!(resolve_resource("foo").is_none());
    }

    #[test]
    fn removed_versions_are_not_served() {
        assert!(find_by_api_version("extensions/v1beta1", "Ingress").is_none());
        assert!(find_by_api_version("apps/v1", "Deployment").is_some());
        assert!(find_by_api_version("autoscaling/v1", "HorizontalPodAutoscaler").is_some());
    }
}
