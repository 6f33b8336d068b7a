//! YAML syntax highlighting for the editor, which draws these spans in a `<pre>` behind its textarea.
//!
//! The highlighter works a line at a time, as the editor redraws, and carries only the little state YAML needs
//! across lines: whether a block scalar (`command: |`) is open and how far its parent is indented, whether a
//! quoted scalar continues, and how deep unclosed flow collections (`[`, `{`) go. It is not a parser: it
//! never rejects input, and invalid YAML is coloured as well as it can be.
//!
//! Two invariants make it safe for an overlay: the spans of a line concatenate to exactly that line (a lost or
//! doubled character would shift the text under the caret), and every split is at a char boundary, because
//! the scanner only ever stops at ASCII bytes, which never occur inside a multi-byte UTF-8 sequence.
//! Plain scalars are classified as Kubernetes reads them (YAML 1.1 as go-yaml v2 resolves it, the same
//! tables as `kubeplay_engine::manifest`), so `on` shows as a boolean and `"on"` as a string.

/// What a piece of a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    /// Whitespace and anything not otherwise classified.
    Plain,
    /// A mapping key.
    Key,
    /// A quoted scalar, a plain scalar that is a string, or a block scalar's content.
    String,
    Number,
    /// `true`, `yes`, `on`, … as YAML 1.1 reads them.
    Bool,
    /// `null`, `~`.
    Null,
    Comment,
    /// `- : | > [ ] { } , ?`
    Punct,
    /// `---` and `...`.
    DocSep,
    /// `&anchor` and `*alias`.
    Anchor,
    /// `!!str`, `!custom`, and `%` directives.
    Tag,
}

impl Tok {
    /// The CSS class the editor styles this token with; plain text has none.
    pub fn class(self) -> &'static str {
        match self {
            Tok::Plain => "",
            Tok::Key => "tok-key",
            Tok::String => "tok-str",
            Tok::Number => "tok-num",
            Tok::Bool => "tok-bool",
            Tok::Null => "tok-null",
            Tok::Comment => "tok-comment",
            Tok::Punct => "tok-punct",
            Tok::DocSep => "tok-docsep",
            Tok::Anchor => "tok-anchor",
            Tok::Tag => "tok-tag",
        }
    }
}

/// A run of one line's text with one token kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span<'a> {
    pub tok: Tok,
    pub text: &'a str,
}

/// Highlights one line on its own, as if it began a document. The spans concatenate to `line`.
pub fn highlight_line(line: &str) -> Vec<Span<'_>> {
    LineScanner::new(line, &mut State::default()).run()
}

/// Highlights a whole text, one `Vec` per line of `text.split('\n')` (so joining the lines with `'\n'` gives
/// back `text`), carrying block scalars, multi-line quoted scalars and flow collections across lines.
pub fn highlight(text: &str) -> Vec<Vec<Span<'_>>> {
    let mut state = State::default();
    text.split('\n').map(|line| LineScanner::new(line, &mut state).run()).collect()
}

/// What one line leaves open for the next.
#[derive(Clone, Debug, Default)]
struct State {
    /// An open block scalar: lines indented more than this (its parent node's column; -1 for a document-level
    /// scalar) are its content.
    block_scalar: Option<i64>,
    /// The quote character of a quoted scalar that continues on the next line.
    quote: Option<u8>,
    /// How many `[`/`{` are unclosed.
    flow_depth: usize,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r')
}

fn is_flow_indicator(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

struct LineScanner<'a, 's> {
    text: &'a str,
    b: &'a [u8],
    pos: usize,
    /// (token, start, end) byte ranges; neighbours of the same token are merged.
    runs: Vec<(Tok, usize, usize)>,
    state: &'s mut State,
}

impl<'a, 's> LineScanner<'a, 's> {
    fn new(text: &'a str, state: &'s mut State) -> LineScanner<'a, 's> {
        LineScanner { text, b: text.as_bytes(), pos: 0, runs: Vec::new(), state }
    }

    fn run(mut self) -> Vec<Span<'a>> {
        self.line();
        // Whatever the rules left unclassified is still shown, so that no character is ever lost.
        self.emit(Tok::Plain, self.b.len());
        let text = self.text;
        self.runs.into_iter().map(|(tok, start, end)| Span { tok, text: text.get(start..end).unwrap_or("") }).collect()
    }

    fn eol(&self) -> bool {
        self.pos >= self.b.len()
    }

    /// Whether the byte at `i` ends a token in block context (whitespace or the end of the line).
    fn ws_or_eol(&self, i: usize) -> bool {
        self.b.get(i).is_none_or(|&b| is_ws(b))
    }

    /// Marks `pos..end` as `tok` and moves past it.
    fn emit(&mut self, tok: Tok, end: usize) {
        let end = end.min(self.b.len());
        if end <= self.pos {
            return;
        }
        match self.runs.last_mut() {
            Some(last) if last.0 == tok && last.2 == self.pos => last.2 = end,
            _ => self.runs.push((tok, self.pos, end)),
        }
        self.pos = end;
    }

    fn skip_ws(&mut self) {
        self.emit(Tok::Plain, self.next_non_ws(self.pos));
    }

    /// Whether a comment starts here: `#` at the line start or after whitespace (`a#b` is a scalar).
    fn comment_here(&self) -> bool {
        self.b.get(self.pos) == Some(&b'#') && (self.pos == 0 || is_ws(self.b[self.pos - 1]))
    }

    /// The end of the character at `i`, for the rare place that must step over a non-ASCII character.
    fn char_end(&self, i: usize) -> usize {
        self.text.get(i..).and_then(|s| s.chars().next()).map_or(self.b.len(), |c| i + c.len_utf8())
    }

    /// Index of the first ASCII byte at or after `from` for which `stop` holds, or the line length. Other
    /// bytes are stepped over, so the index is always a char boundary.
    fn find(&self, from: usize, stop: impl Fn(&Self, usize) -> bool) -> usize {
        let mut i = from;
        while i < self.b.len() && !(self.b[i].is_ascii() && stop(self, i)) {
            i += 1;
        }
        i
    }

    /// Index of the first byte at or after `from` that is not whitespace (possibly a non-ASCII lead byte).
    fn next_non_ws(&self, from: usize) -> usize {
        let mut i = from;
        while i < self.b.len() && is_ws(self.b[i]) {
            i += 1;
        }
        i
    }

    /// Index just past the closing quote of a scalar whose body starts at `from`, or None if it runs on.
    fn quoted_end(&self, from: usize, quote: u8) -> Option<usize> {
        let mut i = from;
        while i < self.b.len() {
            match self.b[i] {
                // The escaped byte is skipped; a non-ASCII one is a lead byte, and the continuation bytes
                // that follow can never be mistaken for a quote.
                b'\\' if quote == b'"' => i += 2,
                b'\'' if quote == b'\'' && self.b.get(i + 1) == Some(&b'\'') => i += 2,
                b if b == quote => return Some(i + 1),
                _ => i += 1,
            }
        }
        None
    }

    fn line(&mut self) {
        if let Some(parent) = self.state.block_scalar {
            let indent = self.b.iter().take_while(|&&b| b == b' ').count();
            if self.b.iter().all(|&b| is_ws(b)) {
                return;
            }
            let marker =
                indent == 0 && (self.text.starts_with("---") || self.text.starts_with("...")) && self.ws_or_eol(3);
            if i64::try_from(indent).unwrap_or(i64::MAX) > parent && !marker {
                self.emit(Tok::Plain, indent);
                self.emit(Tok::String, self.b.len());
                return;
            }
            self.state.block_scalar = None;
        }
        if let Some(quote) = self.state.quote {
            match self.quoted_end(0, quote) {
                Some(end) => {
                    self.state.quote = None;
                    self.emit(Tok::String, end);
                }
                None => {
                    self.emit(Tok::String, self.b.len());
                    return;
                }
            }
            if self.state.flow_depth > 0 {
                self.flow();
                self.after_flow(-1);
            } else {
                self.tail();
            }
            return;
        }
        if self.state.flow_depth > 0 {
            self.flow();
            self.after_flow(-1);
            return;
        }
        self.block_line();
    }

    fn block_line(&mut self) {
        self.skip_ws();
        if self.pos == 0 && self.ws_or_eol(3) {
            if self.text.starts_with("---") {
                self.emit(Tok::DocSep, 3);
                self.node(-1, false);
                return;
            }
            if self.text.starts_with("...") {
                self.emit(Tok::DocSep, 3);
                self.tail();
                return;
            }
        }
        if self.pos == 0 && self.b.first() == Some(&b'%') {
            let end = self.find(0, |s, i| s.b[i] == b'#' && i > 0 && is_ws(s.b[i - 1]));
            let end = self.trim_end(0, end);
            self.emit(Tok::Tag, end);
            self.tail();
            return;
        }
        // A block scalar's parent is the innermost `-`, `?` or key before it; with none, the line's own
        // indentation less one, so that more-indented lines are its content.
        let mut parent = i64::try_from(self.pos).unwrap_or(i64::MAX) - 1;
        while let Some(&b) = self.b.get(self.pos) {
            if !(matches!(b, b'-' | b'?' | b':') && self.ws_or_eol(self.pos + 1)) {
                break;
            }
            parent = i64::try_from(self.pos).unwrap_or(i64::MAX);
            self.emit(Tok::Punct, self.pos + 1);
            self.skip_ws();
        }
        self.node(parent, true);
    }

    /// One node in block context: properties, then a key and its value, or a value.
    fn node(&mut self, parent: i64, allow_key: bool) {
        let mut tag_str = false;
        loop {
            self.skip_ws();
            if self.eol() {
                return;
            }
            if self.comment_here() {
                self.emit(Tok::Comment, self.b.len());
                return;
            }
            match self.b[self.pos] {
                b'&' => {
                    let end = self.find(self.pos, |s, i| is_ws(s.b[i]));
                    self.emit(Tok::Anchor, end);
                }
                b'!' => {
                    let end = self.find(self.pos, |s, i| is_ws(s.b[i]));
                    tag_str = matches!(&self.text[self.pos..end], "!!str" | "!str" | "!<tag:yaml.org,2002:str>");
                    self.emit(Tok::Tag, end);
                }
                _ => break,
            }
        }
        let start = self.pos;
        let key_parent = i64::try_from(start).unwrap_or(i64::MAX);
        match self.b[start] {
            quote @ (b'"' | b'\'') => match self.quoted_end(start + 1, quote) {
                Some(end) if allow_key && self.block_key_colon(end).is_some() => {
                    self.emit(Tok::Key, end);
                    self.colon_then_value(key_parent);
                }
                Some(end) => {
                    self.emit(Tok::String, end);
                    self.tail();
                }
                None => {
                    self.emit(Tok::String, self.b.len());
                    self.state.quote = Some(quote);
                }
            },
            b'[' | b'{' => {
                self.flow();
                self.after_flow(parent);
            }
            b'|' | b'>' => {
                let indicators = self.b[start + 1..].iter().take_while(|b| matches!(b, b'0'..=b'9' | b'+' | b'-'));
                let end = start + 1 + indicators.count();
                if self.ws_or_eol(end) {
                    self.emit(Tok::Punct, end);
                    self.state.block_scalar = Some(parent);
                    self.tail();
                } else {
                    self.plain_value(tag_str);
                }
            }
            b'*' => {
                let end = self.find(start, |s, i| is_ws(s.b[i]));
                self.emit(Tok::Anchor, end);
                if allow_key && self.block_key_colon(self.pos).is_some() {
                    self.colon_then_value(key_parent);
                } else {
                    self.tail();
                }
            }
            _ => {
                let colon = if allow_key { self.plain_key_colon() } else { None };
                match colon {
                    Some(colon) => {
                        let key_end = self.trim_end(start, colon);
                        if key_end > start {
                            self.emit(Tok::Key, key_end);
                            self.colon_then_value(key_parent);
                        } else {
                            self.plain_value(tag_str);
                        }
                    }
                    None => self.plain_value(tag_str),
                }
            }
        }
    }

    /// Where the `:` of a block mapping is, if one follows `from` after optional spaces.
    fn block_key_colon(&self, from: usize) -> Option<usize> {
        let i = self.next_non_ws(from);
        (self.b.get(i) == Some(&b':') && self.ws_or_eol(i + 1)).then_some(i)
    }

    /// Where the `:` ending a plain key is: the first `: ` before any comment.
    fn plain_key_colon(&self) -> Option<usize> {
        let i = self.find(self.pos, |s, i| {
            (s.b[i] == b':' && s.ws_or_eol(i + 1)) || (s.b[i] == b'#' && i > 0 && is_ws(s.b[i - 1]))
        });
        (self.b.get(i) == Some(&b':')).then_some(i)
    }

    /// `end` moved back over trailing whitespace, not before `start`.
    fn trim_end(&self, start: usize, mut end: usize) -> usize {
        while end > start && is_ws(self.b[end - 1]) {
            end -= 1;
        }
        end
    }

    fn colon_then_value(&mut self, parent: i64) {
        self.skip_ws();
        if self.b.get(self.pos) == Some(&b':') {
            self.emit(Tok::Punct, self.pos + 1);
        }
        self.node(parent, false);
    }

    /// A plain scalar up to a comment or the line end, coloured by what it resolves to.
    fn plain_value(&mut self, tag_str: bool) {
        let start = self.pos;
        let end = self.find(start, |s, i| s.b[i] == b'#' && i > 0 && is_ws(s.b[i - 1]));
        let end = self.trim_end(start, end);
        let tok = if tag_str { Tok::String } else { classify(&self.text[start..end]) };
        self.emit(tok, end);
        self.tail();
    }

    /// What may follow a complete node: whitespace and a comment; anything else is not YAML and stays plain.
    fn tail(&mut self) {
        let comment = self.find(self.pos, |s, i| s.b[i] == b'#' && (i == 0 || is_ws(s.b[i - 1])));
        self.emit(Tok::Plain, comment);
        self.emit(Tok::Comment, self.b.len());
    }

    /// After a flow collection closed in block context: it may have been a key (`[a, b]: c`).
    fn after_flow(&mut self, parent: i64) {
        if self.state.flow_depth > 0 || self.state.quote.is_some() {
            return;
        }
        match self.block_key_colon(self.pos) {
            Some(_) => self.colon_then_value(parent),
            None => self.tail(),
        }
    }

    /// Tokens inside flow collections, until the outermost one closes or the line ends.
    fn flow(&mut self) {
        loop {
            self.skip_ws();
            if self.eol() {
                return;
            }
            if self.comment_here() {
                self.emit(Tok::Comment, self.b.len());
                return;
            }
            let start = self.pos;
            match self.b[start] {
                b'[' | b'{' => {
                    self.state.flow_depth = self.state.flow_depth.saturating_add(1);
                    self.emit(Tok::Punct, start + 1);
                }
                b']' | b'}' => {
                    self.state.flow_depth = self.state.flow_depth.saturating_sub(1);
                    self.emit(Tok::Punct, start + 1);
                    if self.state.flow_depth == 0 {
                        return;
                    }
                }
                b',' => self.emit(Tok::Punct, start + 1),
                b':' if self.flow_value_colon(start) => self.emit(Tok::Punct, start + 1),
                quote @ (b'"' | b'\'') => match self.quoted_end(start + 1, quote) {
                    Some(end) => {
                        // JSON-style `{"a":1}`: after a quoted key the colon needs no space.
                        let colon = self.next_non_ws(end);
                        let tok = if self.b.get(colon) == Some(&b':') { Tok::Key } else { Tok::String };
                        self.emit(tok, end);
                    }
                    None => {
                        self.emit(Tok::String, self.b.len());
                        self.state.quote = Some(quote);
                        return;
                    }
                },
                b @ (b'&' | b'*' | b'!') => {
                    let end = self.find(start, |s, i| is_ws(s.b[i]) || is_flow_indicator(s.b[i]));
                    self.emit(if b == b'!' { Tok::Tag } else { Tok::Anchor }, end);
                }
                _ => {
                    // A plain scalar ends at a flow indicator, a `: ` or a comment; it always takes at least its
                    // first character, so the loop moves on.
                    let first_end = self.char_end(start);
                    let end = self.find(first_end, |s, i| {
                        is_flow_indicator(s.b[i])
                            || (s.b[i] == b':' && s.flow_colon_ends_scalar(i))
                            || (s.b[i] == b'#' && is_ws(s.b[i - 1]))
                    });
                    let end = self.trim_end(start, end).max(first_end);
                    let colon = self.next_non_ws(end);
                    let tok = if self.b.get(colon) == Some(&b':') && self.flow_colon_ends_scalar(colon) {
                        Tok::Key
                    } else {
                        classify(&self.text[start..end])
                    };
                    self.emit(tok, end);
                }
            }
        }
    }

    /// Whether a `:` at `i` in a flow collection separates a key from its value rather than being part of a
    /// plain scalar (`http://x`).
    fn flow_colon_ends_scalar(&self, i: usize) -> bool {
        self.b.get(i + 1).is_none_or(|&b| is_ws(b) || is_flow_indicator(b))
    }

    /// Whether a `:` starting a token is a value indicator: it is one after a key, or when a space follows.
    fn flow_value_colon(&self, i: usize) -> bool {
        self.flow_colon_ends_scalar(i)
            || self.runs.iter().rev().find(|r| r.0 != Tok::Plain).is_some_and(|r| r.0 == Tok::Key)
    }
}

/// What a plain (unquoted) scalar resolves to: the engine's own resolution (go-yaml v2 for
/// sigs.k8s.io/yaml), so the colour agrees with what the manifest decodes to.
fn classify(text: &str) -> Tok {
    match kubeplay_engine::manifest::resolve_plain_scalar(text) {
        _ if text.is_empty() => Tok::String,
        serde_json::Value::Null => Tok::Null,
        serde_json::Value::Bool(_) => Tok::Bool,
        serde_json::Value::Number(_) => Tok::Number,
        _ => Tok::String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spans as compact text: `K(name)P(:) S(web)`; plain text is shown as it is.
    fn show(spans: &[Span<'_>]) -> String {
        spans
            .iter()
            .map(|s| {
                let t = match s.tok {
                    Tok::Plain => return s.text.to_string(),
                    Tok::Key => "K",
                    Tok::String => "S",
                    Tok::Number => "N",
                    Tok::Bool => "B",
                    Tok::Null => "Z",
                    Tok::Comment => "C",
                    Tok::Punct => "P",
                    Tok::DocSep => "D",
                    Tok::Anchor => "A",
                    Tok::Tag => "T",
                };
                format!("{t}({})", s.text)
            })
            .collect()
    }

    fn line(l: &str) -> String {
        show(&highlight_line(l))
    }

    fn text(t: &str) -> Vec<String> {
        highlight(t).iter().map(|l| show(l)).collect()
    }

    fn assert_lossless(input: &str) {
        for (l, spans) in input.split('\n').zip(highlight(input)) {
            let joined: String = spans.iter().map(|s| s.text).collect();
            assert_eq!(joined, l, "highlight lost or doubled text in {input:?}");
            assert!(spans.iter().all(|s| !s.text.is_empty()), "empty span in {l:?}");
        }
        assert_eq!(highlight(input).len(), input.split('\n').count());
        for l in input.split('\n') {
            let joined: String = highlight_line(l).iter().map(|s| s.text).collect();
            assert_eq!(joined, l);
        }
    }

    #[test]
    fn classes() {
        let all = [
            (Tok::Plain, ""),
            (Tok::Key, "tok-key"),
            (Tok::String, "tok-str"),
            (Tok::Number, "tok-num"),
            (Tok::Bool, "tok-bool"),
            (Tok::Null, "tok-null"),
            (Tok::Comment, "tok-comment"),
            (Tok::Punct, "tok-punct"),
            (Tok::DocSep, "tok-docsep"),
            (Tok::Anchor, "tok-anchor"),
            (Tok::Tag, "tok-tag"),
        ];
        for (tok, class) in all {
            assert_eq!(tok.class(), class);
        }
    }

    #[test]
    fn keys_and_values() {
        assert_eq!(line("name: web"), "K(name)P(:) S(web)");
        assert_eq!(line("  replicas: 3"), "  K(replicas)P(:) N(3)");
        assert_eq!(line("metadata:"), "K(metadata)P(:)");
        assert_eq!(line("key :  value  "), "K(key) P(:)  S(value)  ");
        assert_eq!(line("image: nginx:1.25"), "K(image)P(:) S(nginx:1.25)");
        assert_eq!(line("url: http://example.com/a#b"), "K(url)P(:) S(http://example.com/a#b)");
        assert_eq!(line("app.kubernetes.io/name: web"), "K(app.kubernetes.io/name)P(:) S(web)");
        assert_eq!(line("<<: *defaults"), "K(<<)P(:) A(*defaults)");
        assert_eq!(line("a: b: c"), "K(a)P(:) S(b: c)");
        assert_eq!(line("name:\r"), "K(name)P(:)\r");
    }

    #[test]
    fn quoted_keys_and_strings() {
        assert_eq!(line(r#""quoted key": 1"#), r#"K("quoted key")P(:) N(1)"#);
        assert_eq!(line("'single': x"), "K('single')P(:) S(x)");
        assert_eq!(
            line(r#"a: "say \"hi\" # not a comment" # comment"#),
            r#"K(a)P(:) S("say \"hi\" # not a comment") C(# comment)"#
        );
        assert_eq!(line("a: 'it''s'"), "K(a)P(:) S('it''s')");
        assert_eq!(line(r#"a: "5""#), r#"K(a)P(:) S("5")"#);
        assert_eq!(line(r#"a: "on""#), r#"K(a)P(:) S("on")"#);
        assert_eq!(line(r#"a: "x" junk # c"#), r#"K(a)P(:) S("x") junk C(# c)"#);
        assert_eq!(line(r#"a: "back\\" b"#), r#"K(a)P(:) S("back\\") b"#);
        assert_eq!(line(r#""a":b"#), r#"S("a"):b"#);
    }

    #[test]
    fn list_items() {
        assert_eq!(line("- name: web"), "P(-) K(name)P(:) S(web)");
        assert_eq!(line("  - nginx"), "  P(-) S(nginx)");
        assert_eq!(line("- - 1"), "P(-) P(-) N(1)");
        assert_eq!(line("-"), "P(-)");
        assert_eq!(line("- "), "P(-) ");
        assert_eq!(line("-1"), "N(-1)");
        assert_eq!(line("- -1"), "P(-) N(-1)");
        assert_eq!(line("--foo"), "S(--foo)");
        assert_eq!(line("- \"--flag\""), "P(-) S(\"--flag\")");
        assert_eq!(line("? complex"), "P(?) S(complex)");
        assert_eq!(line(": value"), "P(:) S(value)");
    }

    #[test]
    fn comments() {
        assert_eq!(line("# whole line"), "C(# whole line)");
        assert_eq!(line("   # indented"), "   C(# indented)");
        assert_eq!(line("a: b # trailing"), "K(a)P(:) S(b) C(# trailing)");
        assert_eq!(line("a: b#not"), "K(a)P(:) S(b#not)");
        assert_eq!(line("a: #c"), "K(a)P(:) C(#c)");
        assert_eq!(line("a #b: c"), "S(a) C(#b: c)");
        assert_eq!(line("a:\t# tab"), "K(a)P(:)\tC(# tab)");
        assert_eq!(line("- # item comment"), "P(-) C(# item comment)");
    }

    #[test]
    fn scalars_resolve_as_yaml_1_1() {
        for b in ["true", "false", "True", "FALSE", "yes", "No", "ON", "off", "y", "N"] {
            assert_eq!(line(&format!("a: {b}")), format!("K(a)P(:) B({b})"));
        }
        // go-yaml v2 knows three spellings of each; the others are strings.
        for s in ["tRue", "yES", "oN", "truthy", "nope"] {
            assert_eq!(line(&format!("a: {s}")), format!("K(a)P(:) S({s})"));
        }
        for z in ["~", "null", "Null", "NULL"] {
            assert_eq!(line(&format!("a: {z}")), format!("K(a)P(:) Z({z})"));
        }
        for n in ["0", "42", "-7", "+3", "1_000", "0x1F", "0b101", "0755", "1.5", "-0.5", ".5", "1e3", "6.02E+23"] {
            assert_eq!(line(&format!("a: {n}")), format!("K(a)P(:) N({n})"));
        }
        for s in ["1.2.3", "0x", "1e999", ".inf", "1Gi", "500m", "v1", "0o7", "10.0.0.1", "1:30", "e3", "-"] {
            assert_eq!(line(&format!("a: {s}")), format!("K(a)P(:) S({s})"), "{s}");
        }
    }

    #[test]
    fn anchors_aliases_and_tags() {
        assert_eq!(line("base: &base"), "K(base)P(:) A(&base)");
        assert_eq!(line("copy: *base"), "K(copy)P(:) A(*base)");
        assert_eq!(line("- &a x"), "P(-) A(&a) S(x)");
        assert_eq!(line("&k key: v"), "A(&k) K(key)P(:) S(v)");
        assert_eq!(line("*k : v"), "A(*k) P(:) S(v)");
        assert_eq!(line("port: !!str 80"), "K(port)P(:) T(!!str) S(80)");
        assert_eq!(line("port: !!int 80"), "K(port)P(:) T(!!int) N(80)");
        assert_eq!(line("t: !custom {a: 1}"), "K(t)P(:) T(!custom) P({)K(a)P(:) N(1)P(})");
        assert_eq!(line("%YAML 1.1"), "T(%YAML 1.1)");
        assert_eq!(line("%TAG ! tag:x # c"), "T(%TAG ! tag:x) C(# c)");
    }

    #[test]
    fn document_markers() {
        assert_eq!(line("---"), "D(---)");
        assert_eq!(line("--- # doc"), "D(---) C(# doc)");
        assert_eq!(line("--- !!map"), "D(---) T(!!map)");
        assert_eq!(line("..."), "D(...)");
        assert_eq!(line("----"), "S(----)");
        assert_eq!(line(" ---"), " S(---)");
        assert_eq!(line("---x"), "S(---x)");
    }

    #[test]
    fn flow_collections() {
        assert_eq!(line("args: [a, \"b c\", 3]"), "K(args)P(:) P([)S(a)P(,) S(\"b c\")P(,) N(3)P(])");
        assert_eq!(
            line("labels: {app: web, tier: \"fe\"}"),
            "K(labels)P(:) P({)K(app)P(:) S(web)P(,) K(tier)P(:) S(\"fe\")P(})"
        );
        assert_eq!(line(r#"{"a":1,"b":[true,null]}"#), r#"P({)K("a")P(:)N(1)P(,)K("b")P(:[)B(true)P(,)Z(null)P(]})"#);
        assert_eq!(line("a: [http://x:80, b]"), "K(a)P(:) P([)S(http://x:80)P(,) S(b)P(])");
        assert_eq!(line("a: [] # empty"), "K(a)P(:) P([]) C(# empty)");
        assert_eq!(line("a: [x # c"), "K(a)P(:) P([)S(x) C(# c)");
        assert_eq!(line("a: [[1], {}]"), "K(a)P(:) P([[)N(1)P(],) P({}])");
        assert_eq!(line("a: [&x 1, *x, !t 2]"), "K(a)P(:) P([)A(&x) N(1)P(,) A(*x)P(,) T(!t) N(2)P(])");
        assert_eq!(line("a: []]"), "K(a)P(:) P([])]");
        assert_eq!(line("[a, b]: c"), "P([)S(a)P(,) S(b)P(]:) S(c)");
        assert_eq!(line("a: b [c]"), "K(a)P(:) S(b [c])");
    }

    #[test]
    fn block_scalars_continue_as_strings() {
        let t = "spec:\n  command: |\n    echo hi # not a comment\n\n    - not: a list\n  args: >-\n    folded\n  next: 1\n";
        assert_eq!(
            text(t),
            [
                "K(spec)P(:)",
                "  K(command)P(:) P(|)",
                "    S(echo hi # not a comment)",
                "",
                "    S(- not: a list)",
                "  K(args)P(:) P(>-)",
                "    S(folded)",
                "  K(next)P(:) N(1)",
                "",
            ]
        );
    }

    #[test]
    fn block_scalar_under_a_list_item() {
        let t = "- script: |\n    set -e\n  name: x\n- |2\n   text\n-  zz\n";
        assert_eq!(
            text(t),
            [
                "P(-) K(script)P(:) P(|)",
                "    S(set -e)",
                "  K(name)P(:) S(x)",
                "P(-) P(|2)",
                "   S(text)",
                "P(-)  S(zz)",
                ""
            ]
        );
        let t = "containers:\n- name: c\n  command: |  # why\n    a\n   b\n  c\n";
        assert_eq!(
            text(t),
            [
                "K(containers)P(:)",
                "P(-) K(name)P(:) S(c)",
                "  K(command)P(:) P(|)  C(# why)",
                "    S(a)",
                "   S(b)",
                "  S(c)",
                "",
            ]
        );
    }

    #[test]
    fn document_level_block_scalar_ends_at_a_marker() {
        assert_eq!(
            text("--- |\nline\n  more\n---\na: 1"),
            ["D(---) P(|)", "S(line)", "  S(more)", "D(---)", "K(a)P(:) N(1)"]
        );
    }

    #[test]
    fn block_scalar_header_needs_whitespace_after() {
        assert_eq!(line("a: |x"), "K(a)P(:) S(|x)");
        assert_eq!(text("a: |x\n  b: 1"), ["K(a)P(:) S(|x)", "  K(b)P(:) N(1)"]);
        assert_eq!(line("a: >+1 # keep"), "K(a)P(:) P(>+1) C(# keep)");
    }

    #[test]
    fn quoted_scalars_across_lines() {
        assert_eq!(
            text("a: \"one\n  two # still\n  three\" # done\nb: 'x\n y'' z'\nc: 1"),
            [
                "K(a)P(:) S(\"one)",
                "S(  two # still)",
                "S(  three\") C(# done)",
                "K(b)P(:) S('x)",
                "S( y'' z')",
                "K(c)P(:) N(1)",
            ]
        );
        assert_eq!(text("a: \"esc \\\nb\""), ["K(a)P(:) S(\"esc \\)", "S(b\")"]);
    }

    #[test]
    fn flow_collections_across_lines() {
        assert_eq!(
            text("args: [\n  \"--a\",  # first\n  {k: v},\n  2\n] # end\nnext: x"),
            [
                "K(args)P(:) P([)",
                "  S(\"--a\")P(,)  C(# first)",
                "  P({)K(k)P(:) S(v)P(},)",
                "  N(2)",
                "P(]) C(# end)",
                "K(next)P(:) S(x)",
            ]
        );
        assert_eq!(text("a: [\"x\n y\", 1]\nb: 2"), ["K(a)P(:) P([)S(\"x)", "S( y\")P(,) N(1)P(])", "K(b)P(:) N(2)"]);
    }

    #[test]
    fn single_lines_do_not_carry_state() {
        assert_eq!(line("    echo hi"), "    S(echo hi)");
        assert_eq!(line("  three\" # done"), "  S(three\") C(# done)");
    }

    #[test]
    fn unicode_is_kept_whole() {
        assert_eq!(line("名前: ウェブ # コメント"), "K(名前)P(:) S(ウェブ) C(# コメント)");
        assert_eq!(line("\"ü\": 'é' 🚀"), "K(\"ü\")P(:) S('é') 🚀");
        assert_eq!(line("a: [é, 🚀: ✓]"), "K(a)P(:) P([)S(é)P(,) K(🚀)P(:) S(✓)P(])");
        assert_eq!(line("a: \"\\é\""), "K(a)P(:) S(\"\\é\")");
        assert_eq!(line("a: [\"\\é"), "K(a)P(:) P([)S(\"\\é)");
    }

    #[test]
    fn empty_and_blank_lines() {
        assert!(highlight_line("").is_empty());
        assert_eq!(line("   "), "   ");
        assert_eq!(highlight(""), vec![Vec::<Span<'_>>::new()]);
        assert_eq!(text("a: 1\n"), ["K(a)P(:) N(1)", ""]);
    }

    #[test]
    fn spans_concatenate_to_the_input() {
        let samples = [
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web # the name\n  labels: {app: web}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: nginx\n        image: \"nginx:1.25\"\n        command: [\"sh\", \"-c\"]\n        args:\n        - |\n          echo hi\n          sleep 3600\n",
            "a: \"unterminated\nb: 'also\n[{]}\n{{{{\n]]]]\n}}}}\n: : :\n- - - -\n",
            "\"\\\n\\\"\n'''\n''\n\"\"\"\n",
            "\t\ta:\tb\t#\tc\r\n\r\n---\r\n...\r\n",
            "é: ü\n🚀🚀: [🐳, {名: 前}]\n'ö''ö': \"ä\\ä\"\n- ✓ # ✓\n",
            "%YAML 1.1\n--- !tag &a *b |\n x\n... #\n",
        ];
        for s in samples {
            assert_lossless(s);
        }
    }

    #[test]
    fn mangled_inputs_stay_lossless_and_never_panic() {
        let alphabet: Vec<char> = "ab1 :-#'\"\\|>[]{},&*!%?~.\n\t\ré🚀".chars().collect();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for len in 0..400usize {
            let s: String = (0..len % 60)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    alphabet[usize::try_from(x % alphabet.len() as u64).unwrap_or(0)]
                })
                .collect();
            assert_lossless(&s);
        }
    }
}
