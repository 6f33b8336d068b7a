//! Tab completion for the terminal, behaving like kubectl's bash completion over kubeplay's command language.
//!
//! Only the text before the cursor counts, as in bash. The line is split into words as `sh` would (quotes
//! keep spaces inside a word), flags are set aside the way `kubeplay_kubectl::args::Args` parses them, and
//! the positional words say what the word under the cursor can be: a command, a verb, a resource type, an
//! object name, a file, a namespace or an output format. Names and files come from the caller, which owns
//! the simulated cluster; this module only decides what is asked for, so it is plain and natively tested.

/// The answer to one Tab press.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// Byte offset in the line where the completed part of the word starts; the text from here to the cursor
    /// is what the candidates replace. It is past any `--flag=`, `-o` or `TYPE,` the word began with.
    pub replace_from: usize,
    /// What may go there, sorted and deduplicated, each starting with the text typed so far.
    pub candidates: Vec<String>,
    /// The longest prefix all candidates share (at least the text typed so far); the typed text when there
    /// are no candidates, so replacing with it never changes the line.
    pub common_prefix: String,
}

impl Completion {
    /// The line and cursor after completing: the typed part replaced by the common prefix, and a space added
    /// when the one candidate is a whole word (not `jsonpath=` or `deploy/`, which go on).
    pub fn apply(&self, line: &str, cursor: usize) -> (String, usize) {
        let cursor = floor_char_boundary(line, cursor);
        let from = floor_char_boundary(line, self.replace_from.min(cursor));
        let mut insert = self.common_prefix.clone();
        if self.candidates.len() == 1 && !insert.ends_with(['=', '/']) {
            insert.push(' ');
        }
        let new_cursor = from + insert.len();
        (format!("{}{insert}{}", &line[..from], &line[cursor..]), new_cursor)
    }
}

/// What the cluster and the editor know, for completing names and files.
pub struct CompletionContext<'a> {
    /// Resource type names and short names as kubectl accepts them (`pods`, `po`, `deployments`, `deploy`, …).
    pub resource_types: &'a [String],
    /// The names of the objects of a resource type, as typed (`deploy`, `pods`, `nodes`, `namespaces`), in the
    /// namespace given with `-n` if any (None: the session's namespace). Cluster-scoped types ignore it.
    pub names: &'a dyn Fn(&str, Option<&str>) -> Vec<String>,
    /// The files `-f` can read.
    pub files: &'a [String],
}

/// What the first word of a line can be.
const COMMANDS: &[&str] = &["echo", "kubectl", "kubeplay", "sleep"];

/// The kubectl verbs kubeplay runs.
const VERBS: &[&str] = &[
    "annotate",
    "api-resources",
    "apply",
    "cordon",
    "create",
    "delete",
    "describe",
    "get",
    "label",
    "logs",
    "patch",
    "rollout",
    "run",
    "scale",
    "set",
    "taint",
    "uncordon",
    "version",
];

const ROLLOUT_SUBCOMMANDS: &[&str] = &["history", "pause", "restart", "resume", "status", "undo"];
/// The kinds `kubectl rollout` works on.
const ROLLOUT_KINDS: &[&str] = &["daemonset", "deployment", "statefulset"];
const SET_SUBCOMMANDS: &[&str] = &["image"];
/// The kinds whose pod template `kubectl set image` updates.
const SET_IMAGE_KINDS: &[&str] = &["cronjob", "daemonset", "deployment", "job", "pod", "replicaset", "statefulset"];
/// What `kubectl create` generates without `-f` (kubectl's `create` subcommands that kubeplay implements).
const CREATE_SUBCOMMANDS: &[&str] = &["configmap", "deployment", "job", "namespace", "secret", "service"];
const CREATE_SECRET_TYPES: &[&str] = &["docker-registry", "generic", "tls"];
const CREATE_SERVICE_TYPES: &[&str] = &["clusterip", "externalname", "loadbalancer", "nodeport"];
const OUTPUT_FORMATS: &[&str] = &["custom-columns=", "json", "jsonpath=", "name", "wide", "yaml"];

/// Flags that take no value, so the word after them is positional. The same list as
/// `kubeplay_kubectl::args`, which decides how the session itself reads the line.
const BOOLEAN_FLAGS: &[&str] = &[
    "A",
    "all-namespaces",
    "show-labels",
    "no-headers",
    "all",
    "overwrite",
    "force",
    "watch",
    "w",
    "local",
    "recursive",
    "R",
    "wait",
    "ignore-not-found",
    "help",
    "h",
    "show-kind",
    "stdin",
    "i",
    "tty",
    "t",
    "rm",
    "quiet",
    "q",
    "record",
    "server-side",
    "ignore-daemonsets",
    "delete-emptydir-data",
    "short",
    "namespaced",
    "export",
    "allow-missing-template-keys",
];

/// Completes the word that ends at `cursor` (a byte offset; one past the line or inside a character is
/// moved back to a character boundary).
pub fn complete(line: &str, cursor: usize, ctx: &CompletionContext<'_>) -> Completion {
    let cursor = floor_char_boundary(line, cursor);
    let (done, current_start) = split_words(&line[..cursor]);
    let word = &line[current_start..cursor];
    // A word with quotes, escapes or expansions is not the text it stands for; guessing would corrupt it.
    let (skip, options) =
        if word.contains(['"', '\'', '\\', '$', '`']) { (0, Vec::new()) } else { candidates(&done, word, ctx) };
    let skip = floor_char_boundary(word, skip);
    let typed = &word[skip..];
    let mut candidates: Vec<String> = options.into_iter().filter(|c| c.starts_with(typed)).collect();
    candidates.sort();
    candidates.dedup();
    let common_prefix = match candidates.split_first() {
        Some((first, rest)) => {
            let len = rest.iter().fold(first.len(), |len, c| common_len(&first[..len], c));
            first[..len].to_string()
        }
        None => typed.to_string(),
    };
    Completion { replace_from: current_start + skip, candidates, common_prefix }
}

/// The largest char boundary of `s` at or before `i`.
fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte length of the longest common prefix of `a` and `b` that ends at a char boundary.
fn common_len(a: &str, b: &str) -> usize {
    a.char_indices().zip(b.chars()).find(|((_, x), y)| x != y).map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// The complete words before the word under the cursor, and where that word starts. Whitespace inside
/// quotes or after a backslash does not split words, as in `sh`.
fn split_words(before: &str) -> (Vec<&str>, usize) {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in before.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match (quote, c) {
            (Some('\''), '\'') | (Some('"'), '"') => quote = None,
            (Some('\''), _) => {}
            (_, '\\') => escaped = true,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, c) if c.is_whitespace() => {
                if let Some(s) = start.take() {
                    words.push(&before[s..i]);
                }
                continue;
            }
            _ => {}
        }
        start.get_or_insert(i);
    }
    (words, start.unwrap_or(before.len()))
}

/// Flags set aside: the positional words, the namespace given, and a flag still waiting for its value.
#[derive(Default)]
struct Parsed<'w> {
    positional: Vec<&'w str>,
    namespace: Option<&'w str>,
    /// The last complete word is a flag that takes a value, so the word under the cursor is that value.
    pending: Option<&'w str>,
    /// A `--` came: what follows is a command's arguments, which have no completion.
    after_dash_dash: bool,
}

fn parse<'w>(words: &[&'w str]) -> Parsed<'w> {
    let mut p = Parsed::default();
    let value_of = |p: &mut Parsed<'w>, name: &'w str, value: &'w str| {
        if name == "n" || name == "namespace" {
            p.namespace = Some(value);
        }
    };
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        i += 1;
        if w == "--" {
            p.after_dash_dash = true;
            break;
        }
        let (name, inline) = if let Some(long) = w.strip_prefix("--") {
            match long.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (long, None),
            }
        } else if is_short_flag(w) {
            let body = &w[1..];
            match body.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => {
                    let first = body.chars().next().map_or(0, char::len_utf8);
                    let (n, rest) = body.split_at(first);
                    // `-it` groups booleans; `-ojson` and `-nkube-system` carry their value.
                    match (rest.is_empty(), BOOLEAN_FLAGS.contains(&n)) {
                        (true, _) => (n, None),
                        (false, true) => continue,
                        (false, false) => (n, Some(rest)),
                    }
                }
            }
        } else {
            p.positional.push(w);
            continue;
        };
        match inline {
            Some(v) => value_of(&mut p, name, v),
            None if BOOLEAN_FLAGS.contains(&name) => {}
            None => match words.get(i) {
                Some(v) => {
                    value_of(&mut p, name, v);
                    i += 1;
                }
                None => p.pending = Some(name),
            },
        }
    }
    p
}

/// `-n`, `-ojson`, `-it`, but not `-1` (a negative number is an argument) or `-` alone.
fn is_short_flag(w: &str) -> bool {
    w.len() > 1 && w.starts_with('-') && !w[1..].starts_with(|c: char| c.is_ascii_digit())
}

fn fixed(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// The candidates for the word under the cursor, and how many of its bytes they leave in place.
fn candidates(done: &[&str], word: &str, ctx: &CompletionContext<'_>) -> (usize, Vec<String>) {
    match done.first().copied() {
        None => (0, fixed(COMMANDS)),
        // `k` is the alias the session also accepts.
        Some("kubectl" | "k") => arguments(&done[1..], word, ctx, kubectl_positional),
        Some("kubeplay") => arguments(&done[1..], word, ctx, kubeplay_positional),
        Some(_) => (0, Vec::new()),
    }
}

/// How one command reads its positional words; kubectl and kubeplay have different grammars.
type Positional = fn(&[&str], &str, Option<&str>, &CompletionContext<'_>) -> (usize, Vec<String>);

/// Flag values, then what the positional words ask for.
fn arguments(words: &[&str], word: &str, ctx: &CompletionContext<'_>, positional: Positional) -> (usize, Vec<String>) {
    let p = parse(words);
    if let Some(flag) = p.pending {
        return (0, flag_values(flag, ctx));
    }
    if p.after_dash_dash {
        return (0, Vec::new());
    }
    if let Some(long) = word.strip_prefix("--") {
        return match long.split_once('=') {
            Some((name, _)) => (name.len() + 3, flag_values(name, ctx)),
            None => (0, Vec::new()),
        };
    }
    if is_short_flag(word) {
        let body = &word[1..];
        if let Some((name, _)) = body.split_once('=') {
            return (name.len() + 2, flag_values(name, ctx));
        }
        let first = body.chars().next().map_or(0, char::len_utf8);
        let (name, rest) = body.split_at(first);
        if !rest.is_empty() && !BOOLEAN_FLAGS.contains(&name) {
            return (first + 1, flag_values(name, ctx));
        }
        return (0, Vec::new());
    }
    positional(&p.positional, word, p.namespace, ctx)
}

fn flag_values(flag: &str, ctx: &CompletionContext<'_>) -> Vec<String> {
    match flag {
        "n" | "namespace" => (ctx.names)("namespaces", None),
        "f" | "filename" => ctx.files.to_vec(),
        "o" | "output" => fixed(OUTPUT_FORMATS),
        _ => Vec::new(),
    }
}

fn names(rtype: &str, ns: Option<&str>, ctx: &CompletionContext<'_>) -> Vec<String> {
    (ctx.names)(rtype, ns)
}

/// `TYPE/NAME`: the names of TYPE, each with the `TYPE/` prefix the word already has.
fn slash_names(word: &str, ns: Option<&str>, ctx: &CompletionContext<'_>) -> Vec<String> {
    match word.split_once('/') {
        Some((rtype, _)) if !rtype.is_empty() => {
            names(rtype, ns, ctx).into_iter().map(|n| format!("{rtype}/{n}")).collect()
        }
        _ => Vec::new(),
    }
}

/// A workload argument (`rollout status`, `set image`): a kind from `kinds`, or `KIND/NAME`.
fn workload(word: &str, kinds: &[&str], ns: Option<&str>, ctx: &CompletionContext<'_>) -> (usize, Vec<String>) {
    if word.contains('/') { (0, slash_names(word, ns, ctx)) } else { (0, fixed(kinds)) }
}

fn kubectl_positional(p: &[&str], word: &str, ns: Option<&str>, ctx: &CompletionContext<'_>) -> (usize, Vec<String>) {
    let Some((&verb, rest)) = p.split_first() else {
        return (0, fixed(VERBS));
    };
    match verb {
        "get" | "describe" | "delete" | "label" | "annotate" | "scale" | "patch" | "edit" => {
            resource_arguments(verb, rest, word, ns, ctx)
        }
        "rollout" => match rest {
            [] => (0, fixed(ROLLOUT_SUBCOMMANDS)),
            [_] => workload(word, ROLLOUT_KINDS, ns, ctx),
            [_, kind] if !kind.contains('/') => (0, names(kind, ns, ctx)),
            _ => (0, Vec::new()),
        },
        "set" => match rest {
            [] => (0, fixed(SET_SUBCOMMANDS)),
            ["image"] => workload(word, SET_IMAGE_KINDS, ns, ctx),
            ["image", kind] if !kind.contains('/') => (0, names(kind, ns, ctx)),
            _ => (0, Vec::new()),
        },
        "logs" => match rest {
            [] if word.contains('/') => (0, slash_names(word, ns, ctx)),
            [] => (0, names("pods", ns, ctx)),
            _ => (0, Vec::new()),
        },
        "cordon" | "uncordon" => match rest {
            [] => (0, names("nodes", ns, ctx)),
            _ => (0, Vec::new()),
        },
        // `kubectl taint nodes NAME key=value:Effect`.
        "taint" => match rest {
            [] if word.contains('/') => (0, slash_names(word, ns, ctx)),
            [] => (0, fixed(&["nodes"])),
            [kind] if !kind.contains('/') => (0, names(kind, ns, ctx)),
            _ => (0, Vec::new()),
        },
        "create" => match rest {
            [] => (0, fixed(CREATE_SUBCOMMANDS)),
            ["secret"] => (0, fixed(CREATE_SECRET_TYPES)),
            ["service" | "svc"] => (0, fixed(CREATE_SERVICE_TYPES)),
            _ => (0, Vec::new()),
        },
        _ => (0, Vec::new()),
    }
}

/// The verbs that take `TYPE NAME...`, `TYPE/NAME...` or `TYPE1,TYPE2`.
fn resource_arguments(
    verb: &str,
    rest: &[&str],
    word: &str,
    ns: Option<&str>,
    ctx: &CompletionContext<'_>,
) -> (usize, Vec<String>) {
    let lists_many = matches!(verb, "get" | "describe" | "delete");
    if word.contains('/') {
        return (0, slash_names(word, ns, ctx));
    }
    match rest.first() {
        None => {
            // `get pods,deploy`: only the type after the last comma is being typed.
            let skip = if lists_many { word.rfind(',').map_or(0, |i| i + 1) } else { 0 };
            (skip, ctx.resource_types.to_vec())
        }
        // After `TYPE/NAME` only more `TYPE/NAME` words may follow (and for label, annotate, patch and scale,
        // none that name objects).
        Some(first) if first.contains('/') => (0, if lists_many { ctx.resource_types.to_vec() } else { Vec::new() }),
        // Several types take no names.
        Some(first) if first.contains(',') => (0, Vec::new()),
        Some(rtype) => {
            let wants_name = match verb {
                _ if lists_many => true,
                // Names, then `key=value` pairs: once a pair has come, no more names.
                "label" | "annotate" => !word.contains('=') && !rest.iter().any(|w| w.contains('=')),
                _ => rest.len() == 1,
            };
            (0, if wants_name { names(rtype, ns, ctx) } else { Vec::new() })
        }
    }
}

/// `kubeplay explain pod NAME`.
fn kubeplay_positional(p: &[&str], _word: &str, ns: Option<&str>, ctx: &CompletionContext<'_>) -> (usize, Vec<String>) {
    match p {
        [] => (0, fixed(&["explain"])),
        ["explain"] => (0, fixed(&["pod"])),
        ["explain", kind @ ("pod" | "pods" | "po")] => (0, names(kind, ns, ctx)),
        _ => (0, Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;

    fn types() -> Vec<String> {
        [
            "pods",
            "po",
            "deployments",
            "deploy",
            "daemonsets",
            "ds",
            "nodes",
            "no",
            "namespaces",
            "ns",
            "services",
            "svc",
        ]
        .map(String::from)
        .to_vec()
    }

    fn fake_names(rtype: &str, ns: Option<&str>) -> Vec<String> {
        let list: &[&str] = match (rtype, ns) {
            ("namespaces", _) => &["default", "kube-system", "kube-public"],
            ("nodes" | "no" | "node", _) => &["node-1", "node-2"],
            ("pods" | "po" | "pod", Some("kube-system")) => &["coredns-abc", "etcd-node-1"],
            ("pods" | "po" | "pod", _) => &["web-7d9f-x1", "web-7d9f-x2", "api-0"],
            ("deploy" | "deployment" | "deployments", None | Some("default")) => &["web", "website", "api", "web"],
            ("daemonset" | "ds", _) => &["fluentd"],
            ("statefulset", _) => &["db"],
            _ => &[],
        };
        list.iter().map(|s| s.to_string()).collect()
    }

    fn files() -> Vec<String> {
        ["web.yaml", "web-svc.yaml", "db.yaml"].map(String::from).to_vec()
    }

    /// Completes with the cursor at the end of `line`.
    fn at_end(line: &str) -> Completion {
        at(line, line.len())
    }

    fn at(line: &str, cursor: usize) -> Completion {
        let (t, f) = (types(), files());
        complete(line, cursor, &CompletionContext { resource_types: &t, names: &fake_names, files: &f })
    }

    fn cands(line: &str) -> Vec<String> {
        at_end(line).candidates
    }

    #[test]
    fn first_word_is_a_command() {
        assert_eq!(cands(""), ["echo", "kubectl", "kubeplay", "sleep"]);
        let c = at_end("ku");
        assert_eq!(
            (c.replace_from, c.candidates.clone(), c.common_prefix.as_str()),
            (0, vec!["kubectl".to_string(), "kubeplay".into()], "kube")
        );
        assert_eq!(at_end("  sl").replace_from, 2);
        assert_eq!(cands("  sl"), ["sleep"]);
        assert!(cands("x").is_empty());
    }

    #[test]
    fn verbs_after_kubectl() {
        assert_eq!(cands("kubectl ").len(), VERBS.len());
        assert_eq!(cands("kubectl ").first().map(String::as_str), Some("annotate"));
        assert_eq!(cands("kubectl a"), ["annotate", "api-resources", "apply"]);
        assert_eq!(at_end("kubectl a").common_prefix, "a");
        assert_eq!(at_end("kubectl ap").common_prefix, "ap");
        assert_eq!(cands("kubectl ro"), ["rollout"]);
        assert_eq!(cands("kubectl un"), ["uncordon"]);
        assert_eq!(cands("k g"), ["get"]);
        assert_eq!(at_end("kubectl de").replace_from, 8);
        assert!(cands("kubectl edit").is_empty(), "kubeplay has no edit");
        assert!(cands("echo ").is_empty());
        assert!(cands("sleep 1").is_empty());
    }

    #[test]
    fn resource_types_after_verbs() {
        for verb in ["get", "describe", "delete", "label", "annotate", "scale", "patch"] {
            assert_eq!(cands(&format!("kubectl {verb} d")), ["daemonsets", "deploy", "deployments", "ds"], "{verb}");
        }
        assert_eq!(at_end("kubectl get dep").common_prefix, "deploy");
        assert_eq!(cands("kubectl get ").len(), types().len());
    }

    #[test]
    fn names_after_a_resource_type() {
        assert_eq!(cands("kubectl get deploy "), ["api", "web", "website"]);
        let c = at_end("kubectl get deploy we");
        assert_eq!(
            (c.replace_from, c.candidates, c.common_prefix),
            (19, vec!["web".into(), "website".into()], "web".into())
        );
        assert_eq!(cands("kubectl describe po web"), ["web-7d9f-x1", "web-7d9f-x2"]);
        assert_eq!(at_end("kubectl describe po web").common_prefix, "web-7d9f-x");
        assert_eq!(cands("kubectl delete pods web-7d9f-x1 w"), ["web-7d9f-x1", "web-7d9f-x2"], "several names");
        assert_eq!(cands("kubectl scale deploy w"), ["web", "website"]);
        assert!(cands("kubectl scale deploy web w").is_empty(), "scale takes one name");
        assert!(cands("kubectl patch deploy web ").is_empty());
        assert_eq!(cands("kubectl label po web-7d9f-x1 a"), ["api-0"]);
        assert!(cands("kubectl label po web-7d9f-x1 app=").is_empty(), "labels are not names");
        assert!(cands("kubectl get pods,deploy ").is_empty(), "several types take no names");
    }

    #[test]
    fn type_slash_name() {
        let c = at_end("kubectl get deploy/we");
        assert_eq!(c.candidates, ["deploy/web", "deploy/website"]);
        assert_eq!((c.replace_from, c.common_prefix.as_str()), (12, "deploy/web"));
        assert_eq!(cands("kubectl get deploy/web deploy/a"), ["deploy/api"]);
        assert_eq!(cands("kubectl get deploy/web d"), ["daemonsets", "deploy", "deployments", "ds"]);
        assert!(cands("kubectl label deploy/web a").is_empty());
        assert_eq!(cands("kubectl delete po/api"), ["po/api-0"]);
        assert!(cands("kubectl get /x").is_empty());
        assert!(cands("kubectl get nosuch/").is_empty());
    }

    #[test]
    fn comma_separated_types() {
        let c = at_end("kubectl get pods,dep");
        assert_eq!(c.candidates, ["deploy", "deployments"]);
        assert_eq!((c.replace_from, c.common_prefix.as_str()), (17, "deploy"));
        assert!(cands("kubectl scale pods,dep").is_empty());
    }

    #[test]
    fn rollout() {
        assert_eq!(cands("kubectl rollout "), ROLLOUT_SUBCOMMANDS);
        assert_eq!(cands("kubectl rollout re"), ["restart", "resume"]);
        assert_eq!(cands("kubectl rollout status "), ["daemonset", "deployment", "statefulset"]);
        assert_eq!(cands("kubectl rollout undo d"), ["daemonset", "deployment"]);
        assert_eq!(cands("kubectl rollout status deployment "), ["api", "web", "website"]);
        assert_eq!(cands("kubectl rollout history statefulset "), ["db"]);
        assert_eq!(cands("kubectl rollout restart deployment/a"), ["deployment/api"]);
        assert!(cands("kubectl rollout status deployment web ").is_empty());
        assert!(cands("kubectl rollout status deployment/web ").is_empty());
    }

    #[test]
    fn set_image() {
        assert_eq!(cands("kubectl set "), ["image"]);
        assert_eq!(cands("kubectl set image de"), ["deployment"]);
        assert_eq!(cands("kubectl set image deployment w"), ["web", "website"]);
        assert_eq!(cands("kubectl set image deployment/w"), ["deployment/web", "deployment/website"]);
        assert!(cands("kubectl set image deployment/web ").is_empty(), "CONTAINER=IMAGE comes next");
        assert!(cands("kubectl set env ").is_empty());
    }

    #[test]
    fn other_verbs() {
        assert_eq!(cands("kubectl logs "), ["api-0", "web-7d9f-x1", "web-7d9f-x2"]);
        assert_eq!(cands("kubectl logs -n kube-system e"), ["etcd-node-1"]);
        assert_eq!(cands("kubectl logs deploy/w"), ["deploy/web", "deploy/website"]);
        assert_eq!(cands("kubectl cordon "), ["node-1", "node-2"]);
        assert_eq!(cands("kubectl uncordon node-"), ["node-1", "node-2"]);
        assert!(cands("kubectl cordon node-1 ").is_empty());
        assert_eq!(cands("kubectl taint "), ["nodes"]);
        assert_eq!(cands("kubectl taint nodes n"), ["node-1", "node-2"]);
        assert_eq!(cands("kubectl taint node/n"), ["node/node-1", "node/node-2"]);
        assert!(cands("kubectl taint nodes node-1 ").is_empty());
        assert_eq!(cands("kubectl create "), CREATE_SUBCOMMANDS);
        assert_eq!(cands("kubectl create secret "), CREATE_SECRET_TYPES);
        assert_eq!(cands("kubectl create svc n"), ["nodeport"]);
        assert!(cands("kubectl create deployment ").is_empty());
        assert!(cands("kubectl apply ").is_empty());
        assert!(cands("kubectl version ").is_empty());
    }

    #[test]
    fn kubeplay_explain() {
        assert_eq!(cands("kubeplay "), ["explain"]);
        assert_eq!(cands("kubeplay explain "), ["pod"]);
        assert_eq!(cands("kubeplay explain pod a"), ["api-0"]);
        assert_eq!(cands("kubeplay explain pod -n kube-system c"), ["coredns-abc"]);
    }

    #[test]
    fn files_after_filename_flags() {
        assert_eq!(cands("kubectl apply -f "), ["db.yaml", "web-svc.yaml", "web.yaml"]);
        let c = at_end("kubectl apply -f we");
        assert_eq!((c.replace_from, c.common_prefix.as_str()), (17, "web"));
        assert_eq!(cands("kubectl delete --filename w"), ["web-svc.yaml", "web.yaml"]);
        let c = at_end("kubectl apply --filename=d");
        assert_eq!((c.replace_from, c.candidates, c.common_prefix), (25, vec!["db.yaml".into()], "db.yaml".into()));
        let c = at_end("kubectl apply -f=d");
        assert_eq!((c.replace_from, c.candidates), (17, vec!["db.yaml".to_string()]));
        let c = at_end("kubectl apply -fd");
        assert_eq!((c.replace_from, c.candidates), (16, vec!["db.yaml".to_string()]));
        assert!(cands("kubectl apply -f").is_empty(), "the flag itself is not completed");
    }

    #[test]
    fn namespaces_after_namespace_flags() {
        let all = ["default", "kube-public", "kube-system"];
        assert_eq!(cands("kubectl get pods -n "), all);
        assert_eq!(cands("kubectl -n kube-"), ["kube-public", "kube-system"]);
        assert_eq!(cands("kubectl get --namespace "), all);
        let c = at_end("kubectl get po --namespace=kube-s");
        assert_eq!((c.replace_from, c.candidates), (27, vec!["kube-system".to_string()]));
        assert_eq!(at_end("kubectl get -nkube-p").replace_from, 14);
        assert_eq!(cands("kubectl get -nkube-p"), ["kube-public"]);
    }

    #[test]
    fn namespace_flag_reaches_the_names() {
        let seen = RefCell::new(Vec::new());
        let names = |rtype: &str, ns: Option<&str>| {
            seen.borrow_mut().push((rtype.to_string(), ns.map(String::from)));
            fake_names(rtype, ns)
        };
        let (t, f) = (types(), files());
        let ctx = CompletionContext { resource_types: &t, names: &names, files: &f };
        let lines = [
            "kubectl get po -n kube-system ",
            "kubectl -n kube-system get po ",
            "kubectl get po --namespace=kube-system ",
            "kubectl get po --namespace kube-system ",
            "kubectl get po -nkube-system ",
            "kubectl get po -n=kube-system ",
            "kubectl get po -n default -n kube-system ",
        ];
        for l in lines {
            assert_eq!(complete(l, l.len(), &ctx).candidates, ["coredns-abc", "etcd-node-1"], "{l}");
        }
        complete("kubectl get deploy ", 19, &ctx);
        complete("kubectl get -n ", 15, &ctx);
        let seen = seen.borrow();
        assert!(seen[..lines.len()].iter().all(|(t, ns)| t == "po" && ns.as_deref() == Some("kube-system")));
        assert_eq!(seen[lines.len()], ("deploy".to_string(), None), "the type as typed, no namespace");
        assert_eq!(seen[lines.len() + 1], ("namespaces".to_string(), None));
    }

    #[test]
    fn output_formats() {
        let all = ["custom-columns=", "json", "jsonpath=", "name", "wide", "yaml"];
        assert_eq!(cands("kubectl get pods -o "), all);
        assert_eq!(cands("kubectl get pods --output "), all);
        let c = at_end("kubectl get pods -o js");
        assert_eq!(
            (c.candidates.clone(), c.common_prefix.as_str()),
            (vec!["json".to_string(), "jsonpath=".into()], "json")
        );
        let c = at_end("kubectl get pods -oy");
        assert_eq!((c.replace_from, c.candidates), (19, vec!["yaml".to_string()]));
        let c = at_end("kubectl get pods --output=w");
        assert_eq!((c.replace_from, c.candidates), (26, vec!["wide".to_string()]));
        let c = at_end("kubectl get pods -o=n");
        assert_eq!((c.replace_from, c.candidates), (20, vec!["name".to_string()]));
    }

    #[test]
    fn flags_are_not_positional() {
        assert_eq!(cands("kubectl -n default get po -l app=web --show-labels -A w"), ["web-7d9f-x1", "web-7d9f-x2"]);
        assert_eq!(cands("kubectl get -o wide po a"), ["api-0"]);
        assert_eq!(cands("kubectl get --selector app=web po a"), ["api-0"]);
        assert_eq!(cands("kubectl get -it po a"), ["api-0"], "grouped booleans take no value");
        assert_eq!(cands("kubectl get --watch po a"), ["api-0"]);
        assert!(cands("kubectl get --").is_empty());
        assert!(cands("kubectl get -").is_empty());
        assert!(cands("kubectl get --sel").is_empty());
        assert!(cands("kubectl get --selector ").is_empty(), "a selector has no candidates");
        assert!(cands("kubectl run x -- ").is_empty(), "after -- come the command's arguments");
        assert!(cands("kubectl -- get po ").is_empty());
    }

    #[test]
    fn completes_the_word_at_the_cursor() {
        // Only the text before the cursor counts; the rest of the word stays after the replacement.
        let line = "kubectl get po web -o yaml";
        let c = at(line, 14);
        assert_eq!((c.replace_from, c.candidates), (12, vec!["po".into(), "pods".into()]));
        let c = at(line, 11);
        assert_eq!((c.replace_from, c.candidates), (8, vec!["get".to_string()]));
        assert_eq!(at(line, 0).candidates, COMMANDS);
        let c = at(line, 15);
        assert_eq!((c.replace_from, c.candidates.len()), (15, 3));
        // A cursor past the end or inside a character is clamped.
        assert_eq!(at("kubectl ro", 99).candidates, ["rollout"]);
        let c = at("kubectl get é", 13);
        assert_eq!(c.replace_from, 12);
    }

    #[test]
    fn quoted_words() {
        assert!(cands("kubectl get \"po").is_empty(), "quoted words are left alone");
        assert!(cands("kubectl get po 'a").is_empty());
        assert!(cands("kubectl get $X").is_empty());
        // A quoted space does not split a word, so positions stay right.
        assert!(cands("kubectl annotate po api-0 'a=b c' ").is_empty());
        assert_eq!(cands("kubectl annotate po 'x y' a"), ["api-0"]);
        // Neither does an escaped one: one word after `rollout`, so the kind comes next.
        assert_eq!(cands("kubectl rollout a\\ b "), ROLLOUT_KINDS);
        assert_eq!(cands("kubectl rollout 'a b' "), ROLLOUT_KINDS);
        assert!(cands("kubectl rollout a b ").is_empty());
        assert!(cands("kubectl get x\\ po").is_empty(), "an escape in the word itself is left alone");
    }

    #[test]
    fn candidates_are_sorted_and_deduplicated() {
        assert_eq!(cands("kubectl get deploy "), ["api", "web", "website"]);
        let c = at_end("kubectl get deploy x");
        assert!(c.candidates.is_empty());
        assert_eq!((c.replace_from, c.common_prefix.as_str()), (19, "x"));
    }

    #[test]
    fn common_prefix_respects_characters() {
        let names = |_: &str, _: Option<&str>| vec!["café-a".to_string(), "café-b".into(), "cafè".into()];
        let (t, f) = (types(), files());
        let ctx = CompletionContext { resource_types: &t, names: &names, files: &f };
        assert_eq!(complete("kubectl get po c", 16, &ctx).common_prefix, "caf");
        assert_eq!(complete("kubectl get po café", 20, &ctx).common_prefix, "café-");
    }

    #[test]
    fn apply_inserts_the_completion() {
        let line = "kubectl get deploy/we -o yaml";
        let c = at(line, 21);
        assert_eq!(c.apply(line, 21), ("kubectl get deploy/web -o yaml".to_string(), 22));
        let c = at_end("kubectl ro");
        assert_eq!(c.apply("kubectl ro", 10), ("kubectl rollout ".to_string(), 16));
        let c = at_end("kubectl get po -o jsonp");
        assert_eq!(c.apply("kubectl get po -o jsonp", 23), ("kubectl get po -o jsonpath=".to_string(), 27));
        let c = at_end("kubectl get deploy x");
        assert_eq!(c.apply("kubectl get deploy x", 20), ("kubectl get deploy x".to_string(), 20));
    }

    #[test]
    fn arbitrary_lines_never_panic() {
        let alphabet: Vec<char> = "kubectl get-po/,= \"'\\$é🚀nf".chars().collect();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for n in 0..3000usize {
            let line: String = (0..n % 40)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    alphabet[usize::try_from(x % alphabet.len() as u64).unwrap_or(0)]
                })
                .collect();
            for cursor in [0, n % 7, line.len() / 2, line.len(), line.len() + 3] {
                let c = at(&line, cursor);
                assert!(c.replace_from <= line.len() && line.is_char_boundary(c.replace_from), "{line:?}");
                assert!(c.candidates.iter().all(|cand| cand.starts_with(&c.common_prefix)));
                let (new_line, new_cursor) = c.apply(&line, cursor);
                assert!(new_line.is_char_boundary(new_cursor) && new_cursor <= new_line.len());
            }
        }
    }
}
