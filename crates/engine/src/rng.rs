//! The one seeded random generator, split into named streams.
//!
//! Each stream is its own SplitMix64 sequence seeded from the scenario seed and the stream's name, so a new
//! draw in one controller never shifts the numbers another controller sees.

use std::collections::BTreeMap;

/// The alphabet Kubernetes uses for generated name suffixes and pod-template-hash
/// (k8s.io/apimachinery/pkg/util/rand, `SafeEncodeString`): no vowels, no confusable characters.
pub const SAFE_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

#[derive(Clone, Debug)]
pub struct Rng {
    seed: u64,
    streams: BTreeMap<&'static str, u64>,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng { seed, streams: BTreeMap::new() }
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The next 64 random bits of the named stream.
    pub fn next_u64(&mut self, stream: &'static str) -> u64 {
        let seed = self.seed;
        let state = self.streams.entry(stream).or_insert_with(|| seed ^ fnv64(stream.as_bytes()));
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..n` (n > 0), without modulo bias worth caring about for n < 2^32.
    pub fn below(&mut self, stream: &'static str, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        ((self.next_u64(stream) >> 32) * n) >> 32
    }

    /// `n` characters from [`SAFE_ALPHABET`], as `rand.String(n)` generates name suffixes.
    pub fn name_suffix(&mut self, stream: &'static str, n: usize) -> String {
        (0..n).map(|_| SAFE_ALPHABET[self.below(stream, SAFE_ALPHABET.len() as u64) as usize] as char).collect()
    }

    /// A version-4 UUID in its canonical text form.
    pub fn uuid(&mut self, stream: &'static str) -> String {
        let a = self.next_u64(stream);
        let b = self.next_u64(stream);
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&a.to_be_bytes());
        bytes[8..].copy_from_slice(&b.to_be_bytes());
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
    }
}

pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// FNV-1a 32-bit, the hash behind `pod-template-hash` (`controller.ComputeHash`).
pub fn fnv32a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= *b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// `rand.SafeEncodeString`: maps each character of a decimal string onto [`SAFE_ALPHABET`].
pub fn safe_encode(s: &str) -> String {
    s.bytes().map(|b| SAFE_ALPHABET[(b as usize) % SAFE_ALPHABET.len()] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_independent() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let x = a.next_u64("names");
        b.next_u64("uid");
        assert_eq!(b.next_u64("names"), x);
    }

    #[test]
    fn suffixes_use_the_safe_alphabet() {
        let mut r = Rng::new(1);
        let s = r.name_suffix("names", 5);
        assert_eq!(s.len(), 5);
        assert!(s.bytes().all(|c| SAFE_ALPHABET.contains(&c)));
    }

    // The encoding used for `pod-template-hash`: fmt.Sprint(hash) then SafeEncodeString
    // (pkg/controller/controller_utils.go ComputeHash; k8s.io/apimachinery/pkg/util/rand/rand_test.go).
    #[test]
    fn safe_encode_maps_digits() {
        assert_eq!(safe_encode("0123456789"), "456789bcdf");
    }

    #[test]
    fn uuid_is_v4() {
        let u = Rng::new(3).uuid("uid");
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
    }
}
