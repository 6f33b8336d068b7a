//! Share links: a scenario and the open view packed into the URL fragment, so a link reproduces a cluster
//! without any server.
//!
//! The fragment is `s<version>.<view>.<data>`, where `data` is the scenario YAML compressed with raw
//! deflate (level 9) and written in unpadded base64url, which needs no percent-encoding in a URL. The
//! version comes first so that an older kubeplay can tell a newer link from a damaged one, and the whole
//! format is recognisable by its `s<digits>.` prefix so the app can leave other fragments alone.
//!
//! Decoding treats the fragment as hostile: every failure is a [`ShareError`], the inflated size is capped
//! at [`MAX_DECODED_BYTES`] while inflating (a small link can expand a thousandfold), and nothing panics.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use miniz_oxide::inflate::TINFLStatus;

/// The share format this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// The largest scenario a link may inflate to; beyond it the page would stall parsing it.
pub const MAX_DECODED_BYTES: usize = 4 * 1024 * 1024;

/// The longest view identifier; views are short names such as `cluster` or `yaml`.
const MAX_VIEW_LEN: usize = 20;

/// The view written when the caller's view is not a valid identifier and nothing of it survives.
const FALLBACK_VIEW: &str = "cluster";

/// What a share link carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharePayload {
    /// The scenario as one YAML document, exactly as the user would save it.
    pub scenario_yaml: String,
    /// The view that was open, `[a-z-]{1,20}` (for example `cluster`).
    pub view: String,
}

/// Why a fragment could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The fragment is not a share link at all (an anchor, or empty): the app should ignore it quietly.
    NotAShareLink,
    /// The link was written by a newer kubeplay in a format this one cannot read.
    NewerFormat { version: u32 },
    /// The link is a share link but damaged; the string says what was wrong.
    Corrupt(String),
    /// The scenario would inflate past [`MAX_DECODED_BYTES`].
    TooLarge,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::NotAShareLink => write!(f, "This address does not contain a kubeplay share link."),
            ShareError::NewerFormat { version } => write!(
                f,
                "This link was made by a newer kubeplay (share format {version}); this version reads format \
                 {FORMAT_VERSION}. Open it with the newer kubeplay, or ask for a link to the scenario file."
            ),
            ShareError::Corrupt(why) => write!(
                f,
                "This share link is damaged ({why}); it may have been cut short when it was copied. Copy the whole \
                 link again, or ask for the scenario file."
            ),
            ShareError::TooLarge => write!(
                f,
                "This link decodes to more than {} MiB; kubeplay refuses it to protect the page.",
                MAX_DECODED_BYTES / (1024 * 1024)
            ),
        }
    }
}

impl std::error::Error for ShareError {}

/// Whether `view` is a view identifier a link may carry: `[a-z-]{1,20}`.
pub fn is_valid_view(view: &str) -> bool {
    !view.is_empty() && view.len() <= MAX_VIEW_LEN && view.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
}

/// Writes the fragment for `p`, without the leading `#`.
///
/// A view that is not a valid identifier is cleaned (lowercased, other characters dropped, cut to 20) rather
/// than refused, so that every link this function writes is one [`decode_fragment`] reads back.
pub fn encode_fragment(p: &SharePayload) -> String {
    let compressed = miniz_oxide::deflate::compress_to_vec(p.scenario_yaml.as_bytes(), 9);
    let data = URL_SAFE_NO_PAD.encode(compressed);
    format!("s{FORMAT_VERSION}.{}.{data}", clean_view(&p.view))
}

fn clean_view(view: &str) -> String {
    if is_valid_view(view) {
        return view.to_string();
    }
    let cleaned: String = view
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .filter(|c| c.is_ascii_lowercase() || *c == '-')
        .take(MAX_VIEW_LEN)
        .collect();
    if cleaned.is_empty() { FALLBACK_VIEW.to_string() } else { cleaned }
}

/// Reads a fragment written by [`encode_fragment`], with or without its leading `#`.
pub fn decode_fragment(fragment: &str) -> Result<SharePayload, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let rest = fragment.strip_prefix('s').ok_or(ShareError::NotAShareLink)?;
    let digits_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = rest.split_at(digits_len);
    let rest = match rest.strip_prefix('.') {
        Some(rest) if !digits.is_empty() => rest,
        _ => return Err(ShareError::NotAShareLink),
    };
    // The version is checked before anything else: a newer format may lay out the rest differently.
    let version = match digits.parse::<u32>() {
        Ok(v) => v,
        // More digits than a u32 holds can only come from a far newer writer or from damage; saying
        // "newer" would send the user looking for a release that does not exist.
        Err(_) => return Err(ShareError::Corrupt(format!("share format number {digits} is not valid"))),
    };
    if version > FORMAT_VERSION {
        return Err(ShareError::NewerFormat { version });
    }
    if version < FORMAT_VERSION {
        return Err(ShareError::Corrupt(format!("share format {version} does not exist")));
    }
    let (view, data) = rest.split_once('.').ok_or_else(|| ShareError::Corrupt("the scenario is missing".into()))?;
    if !is_valid_view(view) {
        return Err(ShareError::Corrupt("the view name is not valid".into()));
    }
    // Deflate output is never much larger than its input, so base64 text this long cannot hold a scenario
    // under the cap; refusing it here avoids decoding megabytes only to throw them away.
    if data.len() > MAX_DECODED_BYTES / 3 * 4 + 4096 {
        return Err(ShareError::TooLarge);
    }
    let compressed = URL_SAFE_NO_PAD
        .decode(data.as_bytes())
        .map_err(|e| ShareError::Corrupt(format!("the scenario is not valid base64url: {e}")))?;
    // One byte of headroom: the inflater may report a buffer filled to its limit as "more output" even when
    // the stream ends there, so a scenario of exactly the cap is told apart by its length instead.
    let yaml =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_DECODED_BYTES + 1).map_err(|e| match e
            .status
        {
            TINFLStatus::HasMoreOutput => ShareError::TooLarge,
            TINFLStatus::FailedCannotMakeProgress => ShareError::Corrupt("the compressed scenario is cut short".into()),
            _ => ShareError::Corrupt("the compressed scenario is not valid".into()),
        })?;
    if yaml.len() > MAX_DECODED_BYTES {
        return Err(ShareError::TooLarge);
    }
    let scenario_yaml =
        String::from_utf8(yaml).map_err(|_| ShareError::Corrupt("the scenario is not valid UTF-8 text".into()))?;
    Ok(SharePayload { scenario_yaml, view: view.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCENARIO: &str =
        "apiVersion: kubeplay/v1\nkind: Scenario\ncluster:\n  nodes: 3\nsteps:\n- kubectl apply -f web.yaml\n";

    fn payload(yaml: &str, view: &str) -> SharePayload {
        SharePayload { scenario_yaml: yaml.to_string(), view: view.to_string() }
    }

    fn round_trip(p: &SharePayload) -> SharePayload {
        let fragment = encode_fragment(p);
        match decode_fragment(&fragment) {
            Ok(back) => back,
            Err(e) => panic!("{fragment:?} did not decode: {e}"),
        }
    }

    /// Deterministic pseudo-random bytes (xorshift), so the tests need no RNG crate and never vary.
    fn noise(seed: u64, len: usize) -> Vec<u8> {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect()
    }

    fn fragment_of_raw(bytes: &[u8]) -> String {
        format!("s1.cluster.{}", URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(bytes, 9)))
    }

    #[test]
    fn round_trips_a_scenario_and_view() {
        let p = payload(SCENARIO, "cluster");
        assert_eq!(round_trip(&p), p);
    }

    #[test]
    fn fragment_has_version_view_and_url_safe_data() {
        let fragment = encode_fragment(&payload(SCENARIO, "yaml-editor"));
        let data = fragment.strip_prefix("s1.yaml-editor.").expect("prefix");
        assert!(!data.is_empty());
        assert!(data.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{data}");
        // Raw deflate, not zlib: the data is exactly what compress_to_vec wrote.
        let raw = URL_SAFE_NO_PAD.decode(data).expect("base64");
        assert_eq!(miniz_oxide::inflate::decompress_to_vec(&raw).expect("inflate"), SCENARIO.as_bytes());
    }

    #[test]
    fn accepts_a_leading_hash() {
        let p = payload(SCENARIO, "timeline");
        let fragment = format!("#{}", encode_fragment(&p));
        assert_eq!(decode_fragment(&fragment), Ok(p));
    }

    #[test]
    fn round_trips_unicode_and_empty_scenarios() {
        for yaml in ["", "name: \"héllo wörld\" # ünïcode ✓\nemoji: 🚀🐳\ncjk: 日本語\n", "\u{0}\r\n\t"] {
            let p = payload(yaml, "cluster");
            assert_eq!(round_trip(&p), p);
        }
    }

    #[test]
    fn round_trips_a_200_kb_scenario() {
        let mut yaml = String::new();
        let mut i = 0u32;
        while yaml.len() < 200 * 1024 {
            yaml.push_str(&format!(
                "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-{i}\n  labels: {{app: web-{i}, ü: ✓}}\n"
            ));
            i += 1;
        }
        let p = payload(&yaml, "cluster");
        let fragment = encode_fragment(&p);
        assert!(fragment.len() < yaml.len() / 4, "repetitive YAML compresses well: {}", fragment.len());
        assert_eq!(round_trip(&p), p);
    }

    #[test]
    fn round_trips_incompressible_data_near_the_cap() {
        // Base64 of random bytes never compresses much; it must still fit under the length check.
        let text = URL_SAFE_NO_PAD.encode(noise(7, MAX_DECODED_BYTES / 4 * 3 - 16));
        assert!(text.len() <= MAX_DECODED_BYTES);
        let p = payload(&text, "cluster");
        assert_eq!(round_trip(&p), p);
    }

    #[test]
    fn invalid_views_are_cleaned_when_encoding() {
        assert!(encode_fragment(&payload("a", "Cluster View")).starts_with("s1.clusterview."));
        assert!(encode_fragment(&payload("a", "")).starts_with("s1.cluster."));
        assert!(encode_fragment(&payload("a", "été.🚀")).starts_with("s1.t."));
        let long = "abcdefghijklmnopqrstuvwxyz";
        assert!(encode_fragment(&payload("a", long)).starts_with("s1.abcdefghijklmnopqrst."));
        for view in ["Cluster View", "", "x.y", long, "🚀"] {
            let back = round_trip(&payload("a: 1\n", view));
            assert!(is_valid_view(&back.view), "{view:?} became {:?}", back.view);
        }
    }

    #[test]
    fn other_fragments_are_not_share_links() {
        for fragment in
            ["", "#", "#top", "section-2", "s", "s.", "sx.cluster.abc", "s1", "#s12", "S1.cluster.x", "s-1.a.b"]
        {
            assert_eq!(decode_fragment(fragment), Err(ShareError::NotAShareLink), "{fragment:?}");
        }
    }

    #[test]
    fn newer_format_is_named_in_the_message() {
        let err = decode_fragment("s2.cluster.whatever-a-newer-version-writes").unwrap_err();
        assert_eq!(err, ShareError::NewerFormat { version: 2 });
        assert_eq!(
            err.to_string(),
            "This link was made by a newer kubeplay (share format 2); this version reads format 1. Open it with the \
             newer kubeplay, or ask for a link to the scenario file."
        );
        // A newer format may not even have the same layout.
        assert_eq!(decode_fragment("#s17."), Err(ShareError::NewerFormat { version: 17 }));
    }

    #[test]
    fn impossible_versions_are_corrupt() {
        assert!(matches!(decode_fragment("s0.cluster.AAAA"), Err(ShareError::Corrupt(_))));
        assert!(matches!(decode_fragment("s99999999999999999999.cluster.AAAA"), Err(ShareError::Corrupt(_))));
    }

    #[test]
    fn too_large_message() {
        assert_eq!(
            ShareError::TooLarge.to_string(),
            "This link decodes to more than 4 MiB; kubeplay refuses it to protect the page."
        );
    }

    #[test]
    fn views_are_validated() {
        let data = encode_fragment(&payload(SCENARIO, "cluster"));
        let data = data.strip_prefix("s1.cluster.").expect("prefix");
        for view in ["", "Cluster", "clus ter", "a_b", "abcdefghijklmnopqrstu", "é", "a%20b"] {
            let err = decode_fragment(&format!("s1.{view}.{data}")).unwrap_err();
            assert!(matches!(err, ShareError::Corrupt(_)), "{view:?}: {err:?}");
        }
        assert!(decode_fragment(&format!("s1.abcdefghijklmnopqrst.{data}")).is_ok());
        assert!(decode_fragment(&format!("s1.-.{data}")).is_ok());
    }

    #[test]
    fn missing_data_is_corrupt() {
        for fragment in ["s1.cluster", "s1.", "s1.cluster.", "s1..abc"] {
            let err = decode_fragment(fragment).unwrap_err();
            assert!(matches!(err, ShareError::Corrupt(_)), "{fragment:?}: {err:?}");
            assert!(err.to_string().starts_with("This share link is damaged ("), "{err}");
        }
    }

    #[test]
    fn truncated_links_are_corrupt() {
        let fragment = encode_fragment(&payload(&SCENARIO.repeat(20), "cluster"));
        let prefix_len = "s1.cluster.".len();
        for cut in prefix_len..fragment.len() {
            let err = decode_fragment(&fragment[..cut]).unwrap_err();
            assert!(matches!(err, ShareError::Corrupt(_)), "cut at {cut}: {err:?}");
        }
    }

    #[test]
    fn garbage_base64_is_corrupt() {
        for data in ["!!!!", "abc=", "a+b/", "A", "ab cd", "zzzzzzzz", "%41%42"] {
            let err = decode_fragment(&format!("s1.cluster.{data}")).unwrap_err();
            assert!(matches!(err, ShareError::Corrupt(_)), "{data:?}: {err:?}");
        }
    }

    #[test]
    fn invalid_utf8_is_corrupt() {
        let err = decode_fragment(&fragment_of_raw(&[b'a', 0xff, 0xfe, b'b'])).unwrap_err();
        assert_eq!(err, ShareError::Corrupt("the scenario is not valid UTF-8 text".into()));
    }

    #[test]
    fn zip_bomb_is_refused() {
        let fragment = fragment_of_raw(&vec![0u8; 5 * 1024 * 1024]);
        assert!(fragment.len() < 16 * 1024, "the bomb is small: {}", fragment.len());
        assert_eq!(decode_fragment(&fragment), Err(ShareError::TooLarge));
    }

    #[test]
    fn exactly_the_cap_is_accepted_and_one_more_byte_is_not() {
        let at_cap = vec![b'a'; MAX_DECODED_BYTES];
        assert_eq!(decode_fragment(&fragment_of_raw(&at_cap)).map(|p| p.scenario_yaml.len()), Ok(MAX_DECODED_BYTES));
        let over = vec![b'a'; MAX_DECODED_BYTES + 1];
        assert_eq!(decode_fragment(&fragment_of_raw(&over)), Err(ShareError::TooLarge));
    }

    #[test]
    fn overlong_data_is_refused_before_decoding() {
        let data = "A".repeat(MAX_DECODED_BYTES / 3 * 4 + 4097);
        assert_eq!(decode_fragment(&format!("s1.cluster.{data}")), Err(ShareError::TooLarge));
    }

    #[test]
    fn mangled_inputs_never_panic() {
        let good = encode_fragment(&payload(&format!("{SCENARIO}ünï: ✓\n"), "cluster"));
        let alphabet: Vec<char> = "s1.-_#=+/ aZ09é🚀\u{0}".chars().collect();
        let mut inputs: Vec<String> = Vec::new();
        let chars: Vec<char> = good.chars().collect();
        for (i, r) in noise(42, 4000).chunks(4).enumerate() {
            let mut c = chars.clone();
            let at = usize::from(r[0]) * c.len() / 256;
            match i % 4 {
                0 => c[at] = alphabet[usize::from(r[1]) % alphabet.len()],
                1 => {
                    c.remove(at);
                }
                2 => c.insert(at, alphabet[usize::from(r[1]) % alphabet.len()]),
                _ => c.truncate(at),
            }
            inputs.push(c.into_iter().collect());
        }
        // Random bytes as base64 data: valid base64, rarely valid deflate.
        for seed in 1..300u64 {
            let len = usize::try_from(seed % 97).unwrap_or(0);
            inputs.push(format!("s1.cluster.{}", URL_SAFE_NO_PAD.encode(noise(seed, len))));
        }
        // Random text of the alphabet.
        for (i, r) in noise(9, 3000).chunks(30).enumerate() {
            let mut s = if i % 2 == 0 { String::from("s1.") } else { String::new() };
            s.extend(r.iter().map(|b| alphabet[usize::from(*b) % alphabet.len()]));
            inputs.push(s);
        }
        let mut decoded = 0;
        for input in &inputs {
            // Whatever the outcome, it must come back as a value, and its message must be printable.
            match decode_fragment(input) {
                Ok(p) => {
                    decoded += 1;
                    assert!(is_valid_view(&p.view));
                }
                Err(e) => assert!(!e.to_string().is_empty()),
            }
        }
        assert!(decoded < inputs.len(), "most mangled inputs are refused");
    }
}
