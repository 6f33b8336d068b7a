//! The image catalog: common images with their real tags, sizes and behaviour (serve HTTP on a port, run
//! a shell command line, exit). A tag missing from the catalog does not exist, so pulling it fails as a
//! registry would answer.

/// What a container of this image does when started without a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    /// A long-running server listening on these TCP ports; stops promptly on SIGTERM.
    Server(&'static [i32]),
    /// A shell: runs its command line; with none, exits 0 at once.
    Shell,
    /// Runs a fixed job and exits 0 after this many milliseconds (perl computing pi).
    Job(u64),
    /// A control-plane component or agent that runs until stopped.
    Daemon,
}

pub struct ImageInfo {
    /// The repository as written without registry (`nginx`, `registry.k8s.io/hpa-example`).
    pub repo: &'static str,
    pub tags: &'static [&'static str],
    /// Compressed size in bytes, as the kubelet's `Image size:` reports.
    pub size: u64,
    pub behaviour: Behaviour,
}

pub static CATALOG: &[ImageInfo] = &[
    ImageInfo {
        repo: "nginx",
        tags: &[
            "latest",
            "stable",
            "mainline",
            "alpine",
            "1.14",
            "1.14.2",
            "1.15",
            "1.16",
            "1.16.0",
            "1.16.1",
            "1.17",
            "1.17.0",
            "1.18",
            "1.18.0",
            "1.19",
            "1.19.0",
            "1.20",
            "1.20.0",
            "1.21",
            "1.21.6",
            "1.22",
            "1.23",
            "1.23.4",
            "1.24",
            "1.25",
            "1.25.3",
            "1.26",
            "1.27",
            "1.27.3",
            "1.28",
            "1.29",
            "1.29.1",
            "1.7.9",
            "1.9.1",
            "1.25-alpine",
            "1.27-alpine",
            "stable-alpine",
            "mainline-alpine",
        ],
        size: 72_195_292,
        behaviour: Behaviour::Server(&[80]),
    },
    ImageInfo {
        repo: "httpd",
        tags: &["latest", "alpine", "2.4", "2.4.58", "2.4.62", "2.4-alpine"],
        size: 58_132_960,
        behaviour: Behaviour::Server(&[80]),
    },
    ImageInfo {
        repo: "redis",
        tags: &["latest", "alpine", "6", "6.2", "7", "7.0", "7.2", "7.4", "8", "5.0.4"],
        size: 45_915_404,
        behaviour: Behaviour::Server(&[6379]),
    },
    ImageInfo {
        repo: "busybox",
        tags: &["latest", "1.28", "1.34", "1.35", "1.36", "1.36.1", "1.37", "stable", "musl", "glibc", "uclibc"],
        size: 2_160_406,
        behaviour: Behaviour::Shell,
    },
    ImageInfo {
        repo: "alpine",
        tags: &["latest", "3", "3.18", "3.19", "3.20", "3.21", "3.22", "edge"],
        size: 3_642_219,
        behaviour: Behaviour::Shell,
    },
    ImageInfo {
        repo: "ubuntu",
        tags: &["latest", "20.04", "22.04", "24.04", "focal", "jammy", "noble"],
        size: 29_754_422,
        behaviour: Behaviour::Shell,
    },
    ImageInfo {
        repo: "debian",
        tags: &["latest", "bookworm", "bookworm-slim", "12", "12-slim", "trixie"],
        size: 48_495_260,
        behaviour: Behaviour::Shell,
    },
    ImageInfo {
        repo: "perl",
        tags: &["latest", "5.34", "5.34.0", "5.38", "5.40", "slim"],
        size: 335_046_392,
        behaviour: Behaviour::Job(9_000),
    },
    ImageInfo {
        repo: "registry.k8s.io/hpa-example",
        tags: &["latest"],
        size: 181_223_904,
        behaviour: Behaviour::Server(&[80]),
    },
    ImageInfo {
        repo: "k8s.gcr.io/hpa-example",
        tags: &["latest"],
        size: 181_223_904,
        behaviour: Behaviour::Server(&[80]),
    },
    ImageInfo {
        repo: "php",
        tags: &["latest", "apache", "8.2-apache", "8.3-apache"],
        size: 187_000_000,
        behaviour: Behaviour::Server(&[80]),
    },
    ImageInfo {
        repo: "registry.k8s.io/e2e-test-images/agnhost",
        tags: &["2.39", "2.40", "2.43", "2.45", "2.47", "2.52", "2.53"],
        size: 51_542_318,
        behaviour: Behaviour::Server(&[80, 8080]),
    },
    ImageInfo {
        repo: "registry.k8s.io/echoserver",
        tags: &["1.4", "1.10"],
        size: 46_237_695,
        behaviour: Behaviour::Server(&[8080]),
    },
    ImageInfo {
        repo: "hashicorp/http-echo",
        tags: &["latest", "0.2.3", "1.0"],
        size: 3_497_088,
        behaviour: Behaviour::Server(&[5678]),
    },
    ImageInfo {
        repo: "ealen/echo-server",
        tags: &["latest", "0.9.2"],
        size: 46_900_000,
        behaviour: Behaviour::Server(&[80]),
    },
    ImageInfo {
        repo: "gcr.io/google-samples/hello-app",
        tags: &["1.0", "2.0"],
        size: 4_856_543,
        behaviour: Behaviour::Server(&[8080]),
    },
    ImageInfo {
        repo: "us-docker.pkg.dev/google-samples/containers/gke/hello-app",
        tags: &["1.0", "2.0"],
        size: 4_856_543,
        behaviour: Behaviour::Server(&[8080]),
    },
    ImageInfo {
        repo: "mysql",
        tags: &["latest", "5.7", "8", "8.0", "8.4", "9"],
        size: 172_000_000,
        behaviour: Behaviour::Server(&[3306]),
    },
    ImageInfo {
        repo: "postgres",
        tags: &["latest", "14", "15", "16", "17", "16-alpine"],
        size: 153_000_000,
        behaviour: Behaviour::Server(&[5432]),
    },
    ImageInfo {
        repo: "mongo",
        tags: &["latest", "6", "7", "8"],
        size: 262_000_000,
        behaviour: Behaviour::Server(&[27017]),
    },
    ImageInfo {
        repo: "registry.k8s.io/pause",
        tags: &["3.9", "3.10", "3.10.1"],
        size: 320_368,
        behaviour: Behaviour::Daemon,
    },
    ImageInfo { repo: "registry.k8s.io/etcd", tags: &["3.6.5-0"], size: 23_653_491, behaviour: Behaviour::Daemon },
    ImageInfo {
        repo: "registry.k8s.io/kube-apiserver",
        tags: &["v1.37.0"],
        size: 30_113_832,
        behaviour: Behaviour::Daemon,
    },
    ImageInfo {
        repo: "registry.k8s.io/kube-controller-manager",
        tags: &["v1.37.0"],
        size: 27_003_240,
        behaviour: Behaviour::Daemon,
    },
    ImageInfo {
        repo: "registry.k8s.io/kube-scheduler",
        tags: &["v1.37.0"],
        size: 21_094_530,
        behaviour: Behaviour::Daemon,
    },
    ImageInfo {
        repo: "registry.k8s.io/kube-proxy",
        tags: &["v1.37.0"],
        size: 31_120_528,
        behaviour: Behaviour::Daemon,
    },
    ImageInfo {
        repo: "registry.k8s.io/coredns/coredns",
        tags: &["v1.12.1"],
        size: 22_384_805,
        behaviour: Behaviour::Server(&[53, 8080, 8181, 9153]),
    },
    ImageInfo {
        repo: "kindest/kindnetd",
        tags: &["v20250512-df8de77b"],
        size: 44_375_501,
        behaviour: Behaviour::Daemon,
    },
    ImageInfo {
        repo: "kindest/local-path-provisioner",
        tags: &["v20250214-acbabc1a"],
        size: 22_541_737,
        behaviour: Behaviour::Daemon,
    },
];

/// An image reference split into its parts, with Docker Hub's implicit `docker.io/library/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// The repository without the default registry (`nginx`, `registry.k8s.io/pause`).
    pub repo: String,
    pub tag: String,
    pub digest: Option<String>,
    /// The fully qualified name containerd resolves (`docker.io/library/nginx:1.14.2`).
    pub full: String,
}

pub fn parse_image(image: &str) -> ImageRef {
    let (name, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d.to_string())),
        None => (image, None),
    };
    let last_slash = name.rfind('/').map(|i| i + 1).unwrap_or(0);
    let (repo, tag) = match name[last_slash..].rfind(':') {
        Some(i) => (&name[..last_slash + i], name[last_slash + i + 1..].to_string()),
        None => (name, "latest".to_string()),
    };
    let mut repo = repo.to_string();
    for prefix in ["docker.io/library/", "docker.io/", "index.docker.io/library/", "library/"] {
        if let Some(r) = repo.strip_prefix(prefix) {
            repo = r.to_string();
            break;
        }
    }
    let first = repo.split('/').next().unwrap_or("");
    let has_registry = repo.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let full_repo = if has_registry {
        repo.clone()
    } else if repo.contains('/') {
        format!("docker.io/{repo}")
    } else {
        format!("docker.io/library/{repo}")
    };
    let full = match &digest {
        Some(d) => format!("{full_repo}@{d}"),
        None => format!("{full_repo}:{tag}"),
    };
    ImageRef { repo, tag, digest, full }
}

/// Why a pull fails, in containerd's words, or the image's catalog entry.
pub fn lookup(image: &str) -> Result<&'static ImageInfo, String> {
    let r = parse_image(image);
    match CATALOG.iter().find(|i| i.repo == r.repo) {
        Some(info) if r.digest.is_some() || info.tags.contains(&r.tag.as_str()) => Ok(info),
        Some(_) => Err(format!(
            "rpc error: code = NotFound desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": {full}: not found",
            full = r.full
        )),
        None => Err(format!(
            "rpc error: code = Unknown desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed",
            full = r.full
        )),
    }
}

/// Whether an image name is syntactically valid (`InvalidImageName` otherwise).
pub fn valid_name(image: &str) -> bool {
    !image.is_empty()
        && !image.contains(char::is_whitespace)
        && image.chars().all(|c| c.is_ascii_alphanumeric() || "._-/:@".contains(c))
        && !image.chars().any(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_hub_names_are_qualified() {
        assert_eq!(parse_image("nginx").full, "docker.io/library/nginx:latest");
        assert_eq!(parse_image("nginx:1.14.2").full, "docker.io/library/nginx:1.14.2");
        assert_eq!(parse_image("hashicorp/http-echo").full, "docker.io/hashicorp/http-echo:latest");
        assert_eq!(parse_image("registry.k8s.io/pause:3.10").repo, "registry.k8s.io/pause");
        assert_eq!(parse_image("localhost:5000/app").full, "localhost:5000/app:latest");
    }

    #[test]
    fn unknown_tags_fail_like_containerd() {
        assert!(lookup("nginx:1.16.1").is_ok());
        let e = lookup("nginx:1.161").err().unwrap_or_default();
        assert!(e.ends_with("docker.io/library/nginx:1.161: not found"), "{e}");
    }
}
