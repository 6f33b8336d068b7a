//! ImageLocality: favours nodes that already have the pod's images, weighted by image size and by how
//! many nodes have the image (to avoid piling pods onto the one node that has it).
//!
//! Follows `pkg/scheduler/framework/plugins/imagelocality/image_locality.go`: per container and init
//! container whose normalised image (`:latest` added when there is no tag or digest) the node lists,
//! `size × nodesHavingImage / totalNodes`; the sum is clamped to [23 MiB, 1000 MiB × containers] and mapped
//! to 0..100. The spread factor is computed in `f64` as upstream does.

use k8s_openapi::api::core::v1::Pod;

use super::cache::NodeFacts;

pub const NAME: &str = "ImageLocality";

const MB: i64 = 1024 * 1024;
/// `minThreshold`: images smaller than this hardly matter.
const MIN_THRESHOLD: i64 = 23 * MB;
/// `maxContainerThreshold`.
const MAX_CONTAINER_THRESHOLD: i64 = 1000 * MB;

/// `normalizedImageName`.
pub fn normalized_image_name(name: &str) -> String {
    let last_colon = name.rfind(':').map(|i| i as i64).unwrap_or(-1);
    let last_slash = name.rfind('/').map(|i| i as i64).unwrap_or(-1);
    if last_colon <= last_slash { format!("{name}:latest") } else { name.to_string() }
}

/// The pod's images (init containers first), normalised.
pub(crate) fn pod_images(pod: &Pod) -> Vec<String> {
    let Some(spec) = pod.spec.as_ref() else {
        return Vec::new();
    };
    spec.init_containers
        .iter()
        .flatten()
        .chain(spec.containers.iter())
        .map(|c| normalized_image_name(c.image.as_deref().unwrap_or("")))
        .collect()
}

/// `scaledImageScore`.
fn scaled_image_score(size: i64, num_nodes: u32, total_nodes: usize) -> i64 {
    let spread = f64::from(num_nodes) / total_nodes as f64;
    (size as f64 * spread) as i64
}

/// `calculatePriority`.
pub fn calculate_priority(sum_scores: i64, num_containers: usize) -> i64 {
    let max_threshold = MAX_CONTAINER_THRESHOLD.saturating_mul(num_containers as i64);
    let sum = if sum_scores < MIN_THRESHOLD {
        MIN_THRESHOLD
    } else if sum_scores > max_threshold {
        max_threshold
    } else {
        sum_scores
    };
    100 * (sum - MIN_THRESHOLD) / (max_threshold - MIN_THRESHOLD)
}

/// The score of one node; `nodes_having` tells how many known nodes list an image.
pub(crate) fn score(
    images: &[String],
    node: &NodeFacts,
    nodes_having: impl Fn(&str) -> u32,
    total_nodes: usize,
) -> i64 {
    let mut sum = 0i64;
    for image in images {
        if let Some(size) = node.images.get(image) {
            sum = sum.saturating_add(scaled_image_score(*size, nodes_having(image), total_nodes.max(1)));
        }
    }
    calculate_priority(sum, images.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(images: &[(&str, i64)]) -> NodeFacts {
        NodeFacts { images: images.iter().map(|(n, s)| (n.to_string(), *s)).collect(), ..Default::default() }
    }

    /// `TestImageLocalityPriority` in image_locality_test.go: two nodes, machine1 has gcr.io/40:latest
    /// (40 MB) and gcr.io/300:latest (300 MB), machine2 has gcr.io/250:latest (250 MB) and gcr.io/10:latest.
    #[test]
    fn cases_from_upstream() {
        let m1 =
            node(&[("gcr.io/40:latest", 40 * MB), ("gcr.io/300:latest", 300 * MB), ("gcr.io/2000:latest", 2000 * MB)]);
        let m2 = node(&[("gcr.io/250:latest", 250 * MB), ("gcr.io/10:latest", 10 * MB)]);
        let one = |_: &str| 1u32;
        // "two images spread on two nodes, prefer the larger image one": pod gcr.io/40, gcr.io/250.
        // machine1: 40×1/2 = 20 MB → below 23 MB → 0; machine2: 250×1/2 = 125 MB → 100×(125−23)/(2000−23) = 5.
        let images = vec![normalized_image_name("gcr.io/40"), normalized_image_name("gcr.io/250")];
        assert_eq!(score(&images, &m1, one, 2), 0);
        assert_eq!(score(&images, &m2, one, 2), 5);
        // "two images on one node, prefer this node": pod gcr.io/40, gcr.io/300: machine1 (40+300)/2 = 170 MB
        // → 100×(170−23)/(2000−23) = 7; machine2 0.
        let images = vec![normalized_image_name("gcr.io/40"), normalized_image_name("gcr.io/300")];
        assert_eq!(score(&images, &m1, one, 2), 7);
        assert_eq!(score(&images, &m2, one, 2), 0);
        // "if exceed limit, use limit": pod gcr.io/300, gcr.io/2000: machine1 (300+2000)/2 = 1150 MB
        // → 100×(1150−23)/(2000−23) = 57; machine2 0.
        let images = vec![normalized_image_name("gcr.io/300"), normalized_image_name("gcr.io/2000")];
        assert_eq!(score(&images, &m1, one, 2), 57);
        assert_eq!(score(&images, &m2, one, 2), 0);
    }

    #[test]
    fn image_names_are_normalised() {
        assert_eq!(normalized_image_name("nginx"), "nginx:latest");
        assert_eq!(normalized_image_name("nginx:1.27"), "nginx:1.27");
        assert_eq!(normalized_image_name("localhost:5000/app"), "localhost:5000/app:latest");
        assert_eq!(normalized_image_name("repo/app@sha256:abc"), "repo/app@sha256:abc");
    }

    #[test]
    fn no_containers_scores_zero() {
        assert_eq!(calculate_priority(0, 0), 0);
    }
}
