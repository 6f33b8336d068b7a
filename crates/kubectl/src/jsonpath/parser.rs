//! Parses a jsonpath template into text and actions, following client-go's `util/jsonpath/parser.go`.
//!
//! The grammar is upstream's, quirks included, since users' templates are written against it: array
//! unions, `['key']` and filters are parsed by re-parsing their inner text as a template of its own
//! (so `['a.b']` means `.a.b`), a field name runs until a terminator and drops every backslash, and
//! `range`, `end`, `true`, `false` are plain identifiers whose meaning is decided when the template runs.

use super::go_fmt;

/// A parsed template: literal text and `{…}` actions, in order.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Segment {
    Text(String),
    Action(Vec<Node>),
}

/// One step of an action, applied to the values the previous step produced.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    /// A quoted string literal: `{"\n"}`.
    Text(String),
    /// `.name`: a key of each object.
    Field(String),
    /// `range`, `end`, or a misspelling of them (an error only when executed).
    Identifier(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// `[start:end:step]`, `[i]`, `[*]`.
    Array(Slice),
    Filter(Box<Filter>),
    /// `.*`: every member of an object, element of an array, or byte of a string.
    Wildcard,
    /// `..`: each value and everything below it.
    Recursive,
    /// `[a,b]`: each alternative applied to the same input, results concatenated.
    Union(Vec<Vec<Node>>),
}

/// The three bounds of an array selection, as upstream's `ParamsEntry`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Slice {
    pub(super) start: Bound,
    pub(super) end: Bound,
    pub(super) step: Bound,
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(super) struct Bound {
    pub(super) value: i64,
    /// Written in the template (or, for `end`, derived from an index).
    pub(super) known: bool,
    /// `end` of a plain index `[i]`, which is `i + 1`.
    pub(super) derived: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Filter {
    pub(super) left: Vec<Node>,
    pub(super) op: FilterOp,
    pub(super) right: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum FilterOp {
    /// `[?(@.x)]`: keeps elements where the left side yields anything.
    Exists,
    Lt,
    Gt,
    Eq,
    Ne,
    Le,
    Ge,
    /// Any other run of `!<>=`, an error once an element reaches the comparison.
    Unknown(String),
}

/// Parses a whole template; the error is upstream's bare message (`unterminated array`).
pub(super) fn parse(template: &str) -> Result<Vec<Segment>, String> {
    let mut segments = Vec::new();
    let mut pos = 0;
    while pos < template.len() {
        let rest = &template[pos..];
        match rest.find('{') {
            None => {
                segments.push(Segment::Text(rest.to_string()));
                break;
            }
            Some(offset) => {
                if offset > 0 {
                    segments.push(Segment::Text(rest[..offset].to_string()));
                }
                let mut action = ActionParser { input: template, pos: pos + offset + 1, nodes: Vec::new() };
                action.run()?;
                pos = action.pos;
                segments.push(Segment::Action(action.nodes));
            }
        }
    }
    Ok(segments)
}

/// Parses `text` as the inside of one action, the way upstream re-parses unions, keys and filters.
fn parse_sub_action(text: &str) -> Result<Vec<Node>, String> {
    let segments = parse(&format!("{{{text}}}"))?;
    // Upstream keeps only the first action; anything after a stray `}` is dropped.
    Ok(match segments.into_iter().next() {
        Some(Segment::Action(nodes)) => nodes,
        _ => Vec::new(),
    })
}

/// Characters that end a field name or identifier.
fn is_terminator(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '.' | ',' | '[' | ']' | '$' | '@' | '{' | '}')
}

fn is_alphanumeric(c: char) -> bool {
    c == '_' || c.is_alphabetic() || c.is_numeric()
}

struct ActionParser<'t> {
    input: &'t str,
    /// Byte offset of the next character.
    pos: usize,
    nodes: Vec<Node>,
}

impl<'t> ActionParser<'t> {
    fn rest(&self) -> &'t str {
        &self.input[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// The byte just before `pos - 1`, which upstream checks for a backslash before a quote.
    fn byte_before_last(&self) -> Option<u8> {
        self.pos.checked_sub(2).map(|i| self.input.as_bytes()[i])
    }

    /// Reads up to the closing `}`, leaving `pos` after it.
    fn run(&mut self) -> Result<(), String> {
        loop {
            let rest = self.rest();
            if rest.starts_with('}') {
                self.pos += 1;
                return Ok(());
            }
            if rest.starts_with("[?(") {
                self.filter()?;
                continue;
            }
            if rest.starts_with("..") {
                self.recursive()?;
                continue;
            }
            let Some(c) = self.peek() else {
                return Err("unclosed action".to_string());
            };
            match c {
                '\r' | '\n' => return Err("unclosed action".to_string()),
                ' ' | '@' | '$' => self.pos += 1,
                '[' => {
                    self.pos += 1;
                    self.array()?;
                }
                '"' | '\'' => self.quote(c)?,
                '.' => {
                    self.pos += 1;
                    self.field();
                }
                '+' | '-' => self.number()?,
                c if c.is_numeric() => self.number()?,
                c if is_alphanumeric(c) => self.identifier(),
                c => {
                    return Err(format!("unrecognized character in action: {}", go_fmt::sharp_u(c)));
                }
            }
        }
    }

    fn recursive(&mut self) -> Result<(), String> {
        if self.nodes.last() == Some(&Node::Recursive) {
            return Err("invalid multiple recursive descent".to_string());
        }
        self.pos += 2;
        self.nodes.push(Node::Recursive);
        if self.peek().is_some_and(is_alphanumeric) {
            self.field();
        }
        Ok(())
    }

    /// A field name after `.`: up to the next unescaped terminator; every backslash is then dropped.
    fn field(&mut self) {
        let start = self.pos;
        let mut chars = self.rest().char_indices();
        let mut end = self.input.len();
        while let Some((i, c)) = chars.next() {
            if c == '\\' {
                chars.next();
            } else if is_terminator(c) {
                end = self.pos + i;
                break;
            }
        }
        self.pos = end;
        let name = &self.input[start..end];
        self.nodes.push(if name == "*" { Node::Wildcard } else { Node::Field(name.replace('\\', "")) });
    }

    fn identifier(&mut self) {
        let rest = self.rest();
        let len = rest.find(is_terminator).unwrap_or(rest.len());
        let name = &rest[..len];
        self.nodes.push(match name {
            "true" => Node::Bool(true),
            "false" => Node::Bool(false),
            _ => Node::Identifier(name.to_string()),
        });
        self.pos += len;
    }

    fn number(&mut self) -> Result<(), String> {
        let rest = self.rest();
        let mut len = 0;
        for (i, c) in rest.char_indices() {
            let sign = i == 0 && (c == '+' || c == '-');
            if !(sign || c == '.' || c.is_numeric()) {
                break;
            }
            len = i + c.len_utf8();
        }
        let text = &rest[..len];
        self.pos += len;
        if let Ok(int) = text.parse::<i64>() {
            self.nodes.push(Node::Int(int));
            return Ok(());
        }
        // Go's ParseFloat rejects what overflows; Rust would read it as infinity.
        match text.parse::<f64>() {
            Ok(float) if float.is_finite() => {
                self.nodes.push(Node::Float(float));
                Ok(())
            }
            _ => Err(format!("cannot parse number {text}")),
        }
    }

    /// After `[`: an index or slice, a union `[a,b]`, or a quoted key `['a.b']`.
    fn array(&mut self) -> Result<(), String> {
        let rest = self.rest();
        let Some(len) = rest.find([']', '\n']).filter(|&i| rest.as_bytes()[i] == b']') else {
            return Err("unterminated array".to_string());
        };
        let text = if &rest[..len] == "*" { ":" } else { &rest[..len] };
        self.pos += len + 1;

        if text.contains(',') {
            let union = text
                .split(',')
                .map(|part| parse_sub_action(&format!("[{}]", part.trim_matches(' '))))
                .collect::<Result<Vec<_>, _>>()?;
            self.nodes.push(Node::Union(union));
            return Ok(());
        }
        if let Some(key) = text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')).filter(|k| !k.contains('\'')) {
            let nodes = parse_sub_action(&format!(".{key}"))?;
            self.nodes.extend(nodes);
            return Ok(());
        }
        let slice = parse_slice(text)?;
        self.nodes.push(Node::Array(slice));
        Ok(())
    }

    /// After `[?(`: up to a `)` outside quotes, which must be followed by `]`.
    fn filter(&mut self) -> Result<(), String> {
        self.pos += 3;
        let start = self.pos;
        let mut opened: Option<char> = None;
        let mut closed = false;
        loop {
            let Some(c) = self.peek().filter(|&c| c != '\n') else {
                return Err("unterminated filter".to_string());
            };
            self.pos += c.len_utf8();
            match c {
                '"' | '\'' => match opened {
                    None => opened = Some(c),
                    Some(pair) => {
                        if c == pair && self.byte_before_last() != Some(b'\\') {
                            closed = true;
                        }
                    }
                },
                ')' if opened.is_some() == closed => break,
                _ => {}
            }
        }
        if self.peek() != Some(']') {
            return Err("unclosed array expect ]".to_string());
        }
        let text = &self.input[start..self.pos - 1];
        self.pos += 1;

        let filter = match split_comparison(text) {
            None => Filter { left: parse_sub_action(text)?, op: FilterOp::Exists, right: Vec::new() },
            Some((left, op, right)) => Filter {
                left: parse_sub_action(left)?,
                op: match op {
                    "<" => FilterOp::Lt,
                    ">" => FilterOp::Gt,
                    "==" => FilterOp::Eq,
                    "!=" => FilterOp::Ne,
                    "<=" => FilterOp::Le,
                    ">=" => FilterOp::Ge,
                    other => FilterOp::Unknown(other.to_string()),
                },
                right: parse_sub_action(right)?,
            },
        };
        self.nodes.push(Node::Filter(Box::new(filter)));
        Ok(())
    }

    /// A string literal; the closing quote is the first one not preceded by a backslash byte.
    fn quote(&mut self, quote: char) -> Result<(), String> {
        let start = self.pos;
        self.pos += 1;
        loop {
            let Some(c) = self.peek().filter(|&c| c != '\n') else {
                return Err("unterminated quoted string".to_string());
            };
            self.pos += c.len_utf8();
            if c == quote && self.byte_before_last() != Some(b'\\') {
                break;
            }
        }
        let literal = &self.input[start..self.pos];
        let text = unquote(literal).ok_or_else(|| format!("unquote string {literal} error invalid syntax"))?;
        self.nodes.push(Node::Text(text));
        Ok(())
    }
}

/// Splits a filter as upstream's `^([^!<>=]+)([!<>=]+)(.+?)$` does: left side, operator, right side.
fn split_comparison(text: &str) -> Option<(&str, &str, &str)> {
    let is_op = |c: char| matches!(c, '!' | '<' | '>' | '=');
    let op_start = text.find(is_op).filter(|&i| i > 0)?;
    let mut op_end = text[op_start..].find(|c| !is_op(c)).map_or(text.len(), |i| op_start + i);
    if op_end == text.len() {
        // The right side needs at least one character, so it takes the operator's last one.
        if op_end - op_start < 2 {
            return None;
        }
        op_end -= 1;
    }
    let right = &text[op_end..];
    if right.contains('\n') {
        return None;
    }
    Some((&text[..op_start], &text[op_start..op_end], right))
}

/// Reads `[start][:[end]][:[step]]` (upstream's `sliceOperatorRex`) into bounds.
fn parse_slice(text: &str) -> Result<Slice, String> {
    let invalid = || format!("invalid array index {text}");
    // Each part is an optional `-` and ASCII digits; parts after the first start with `:`.
    let take_number = |s: &str| -> usize {
        let sign = usize::from(s.starts_with('-'));
        sign + s[sign..].bytes().take_while(u8::is_ascii_digit).count()
    };
    let first_len = take_number(text);
    let first = &text[..first_len];
    let mut rest = &text[first_len..];
    let mut later: [Option<&str>; 2] = [None, None];
    for part in &mut later {
        if let Some(after) = rest.strip_prefix(':') {
            let len = take_number(after);
            *part = Some(&after[..len]);
            rest = &after[len..];
        }
    }
    if !rest.is_empty() {
        return Err(invalid());
    }
    let number = |s: &str| s.parse::<i64>().map_err(|_| format!("array index {s} is not a number"));

    let start =
        if first.is_empty() { Bound::default() } else { Bound { value: number(first)?, known: true, derived: false } };
    let end = match later[0] {
        // `[i]` selects `i` to `i + 1`.
        None => Bound { value: start.value.wrapping_add(1), known: true, derived: true },
        Some("") => Bound::default(),
        Some(s) => Bound { value: number(s)?, known: true, derived: false },
    };
    let step = match later[1] {
        None | Some("") => Bound::default(),
        Some(s) => Bound { value: number(s)?, known: true, derived: false },
    };
    Ok(Slice { start, end, step })
}

/// Go's `strconv.Unquote` extended to single quotes (upstream's `UnquoteExtend`); `None` is a syntax error.
fn unquote(literal: &str) -> Option<String> {
    let quote = literal.chars().next()?;
    let inner = literal.strip_prefix(quote)?.strip_suffix(quote)?;
    if !inner.contains('\\') && !inner.contains(quote) {
        return Some(inner.to_string());
    }
    // Go builds bytes: `\x` and octal escapes may produce any byte, not only whole characters.
    let mut out: Vec<u8> = Vec::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == quote {
            return None;
        }
        if c != '\\' {
            let mut buf = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        let escape = chars.next()?;
        let simple = match escape {
            'a' => Some(7u8),
            'b' => Some(8),
            'f' => Some(12),
            'n' => Some(b'\n'),
            'r' => Some(b'\r'),
            't' => Some(b'\t'),
            'v' => Some(11),
            '\\' => Some(b'\\'),
            '\'' | '"' if escape == quote => Some(escape as u8),
            _ => None,
        };
        if let Some(byte) = simple {
            out.push(byte);
            continue;
        }
        match escape {
            'x' | 'u' | 'U' => {
                let digits = match escape {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut value: u32 = 0;
                for _ in 0..digits {
                    value = value * 16 + chars.next()?.to_digit(16)?;
                }
                if escape == 'x' {
                    out.push(value as u8);
                } else {
                    let c = char::from_u32(value)?;
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
            }
            '0'..='7' => {
                let mut value = escape.to_digit(8)?;
                for _ in 0..2 {
                    value = value * 8 + chars.next()?.to_digit(8)?;
                }
                out.push(u8::try_from(value).ok()?);
            }
            _ => return None,
        }
    }
    // Rust strings are UTF-8: stray bytes from `\x` escapes become U+FFFD where Go would keep them.
    Some(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The node sequence as upstream's parser test prints it (`collectNode` over `String()`).
    fn go_nodes(segments: &[Segment]) -> Vec<String> {
        fn list(out: &mut Vec<String>, nodes: &[Node]) {
            out.push("NodeList".to_string());
            for node in nodes {
                one(out, node);
            }
        }
        fn bound(b: &Bound) -> String {
            format!("{{{} {} {}}}", b.value, b.known, b.derived)
        }
        fn one(out: &mut Vec<String>, node: &Node) {
            match node {
                Node::Text(t) => out.push(format!("NodeText: {t}")),
                Node::Field(f) => out.push(format!("NodeField: {f}")),
                Node::Identifier(i) => out.push(format!("NodeIdentifier: {i}")),
                Node::Int(i) => out.push(format!("NodeInt: {i}")),
                Node::Float(f) => out.push(format!("NodeFloat: {f:.6}")),
                Node::Bool(b) => out.push(format!("NodeBool: {b}")),
                Node::Array(s) => {
                    out.push(format!("NodeArray: [{} {} {}]", bound(&s.start), bound(&s.end), bound(&s.step)))
                }
                Node::Filter(f) => {
                    let op = match &f.op {
                        FilterOp::Exists => "exists",
                        FilterOp::Lt => "<",
                        FilterOp::Gt => ">",
                        FilterOp::Eq => "==",
                        FilterOp::Ne => "!=",
                        FilterOp::Le => "<=",
                        FilterOp::Ge => ">=",
                        FilterOp::Unknown(op) => op,
                    };
                    out.push(format!("NodeFilter: NodeList {op} NodeList"));
                    list(out, &f.left);
                    list(out, &f.right);
                }
                Node::Wildcard => out.push("NodeWildcard".to_string()),
                Node::Recursive => out.push("NodeRecursive".to_string()),
                Node::Union(lists) => {
                    out.push("NodeUnion".to_string());
                    for l in lists {
                        list(out, l);
                    }
                }
            }
        }
        let mut out = Vec::new();
        for segment in segments {
            match segment {
                Segment::Text(t) => out.push(format!("NodeText: {t}")),
                Segment::Action(nodes) => list(&mut out, nodes),
            }
        }
        out
    }

    /// Ported from upstream `staging/src/k8s.io/client-go/util/jsonpath/parser_test.go`, `parserTests`
    /// (run by `TestParser`); node names are Go's `String()` of each node, filter operands flattened.
    #[test]
    fn upstream_parser_tests() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("plain", "hello jsonpath", &["NodeText: hello jsonpath"]),
            ("variable", "hello {.jsonpath}", &["NodeText: hello ", "NodeList", "NodeField: jsonpath"]),
            ("arrayfiled", "hello {['jsonpath']}", &["NodeText: hello ", "NodeList", "NodeField: jsonpath"]),
            ("quote", r#"{"{"}"#, &["NodeList", "NodeText: {"]),
            ("array", "{[1:3]}", &["NodeList", "NodeArray: [{1 true false} {3 true false} {0 false false}]"]),
            (
                "allarray",
                "{.book[*].author}",
                &[
                    "NodeList",
                    "NodeField: book",
                    "NodeArray: [{0 false false} {0 false false} {0 false false}]",
                    "NodeField: author",
                ],
            ),
            ("wildcard", "{.bicycle.*}", &["NodeList", "NodeField: bicycle", "NodeWildcard"]),
            (
                "filter",
                "{[?(@.price<3)]}",
                &[
                    "NodeList",
                    "NodeFilter: NodeList < NodeList",
                    "NodeList",
                    "NodeField: price",
                    "NodeList",
                    "NodeInt: 3",
                ],
            ),
            ("recursive", "{..}", &["NodeList", "NodeRecursive"]),
            ("recurField", "{..price}", &["NodeList", "NodeRecursive", "NodeField: price"]),
            ("arraydict", "{['book.price']}", &["NodeList", "NodeField: book", "NodeField: price"]),
            (
                "union",
                "{['bicycle.price', 3, 'book.price']}",
                &[
                    "NodeList",
                    "NodeUnion",
                    "NodeList",
                    "NodeField: bicycle",
                    "NodeField: price",
                    "NodeList",
                    "NodeArray: [{3 true false} {4 true true} {0 false false}]",
                    "NodeList",
                    "NodeField: book",
                    "NodeField: price",
                ],
            ),
            (
                "range",
                "{range .items}{.name},{end}",
                &[
                    "NodeList",
                    "NodeIdentifier: range",
                    "NodeField: items",
                    "NodeList",
                    "NodeField: name",
                    "NodeText: ,",
                    "NodeList",
                    "NodeIdentifier: end",
                ],
            ),
            (
                "paired parentheses in quotes",
                r#"{[?(@.status.nodeInfo.osImage == "()")]}"#,
                &[
                    "NodeList",
                    "NodeFilter: NodeList == NodeList",
                    "NodeList",
                    "NodeField: status",
                    "NodeField: nodeInfo",
                    "NodeField: osImage",
                    "NodeList",
                    "NodeText: ()",
                ],
            ),
            (
                "paired parentheses in double quotes and with double quotes escape",
                r#"{[?(@.status.nodeInfo.osImage == "(\"\")")]}"#,
                &[
                    "NodeList",
                    "NodeFilter: NodeList == NodeList",
                    "NodeList",
                    "NodeField: status",
                    "NodeField: nodeInfo",
                    "NodeField: osImage",
                    "NodeList",
                    "NodeText: (\"\")",
                ],
            ),
            (
                "unregular parentheses in double quotes",
                r#"{[?(@.test == "())(")]}"#,
                &[
                    "NodeList",
                    "NodeFilter: NodeList == NodeList",
                    "NodeList",
                    "NodeField: test",
                    "NodeList",
                    "NodeText: ())(",
                ],
            ),
            (
                "plain text in single quotes",
                "{[?(@.status.nodeInfo.osImage == 'Linux')]}",
                &[
                    "NodeList",
                    "NodeFilter: NodeList == NodeList",
                    "NodeList",
                    "NodeField: status",
                    "NodeField: nodeInfo",
                    "NodeField: osImage",
                    "NodeList",
                    "NodeText: Linux",
                ],
            ),
            (
                "test filter suffix",
                r#"{[?(@.status.nodeInfo.osImage == "{[()]}")]}"#,
                &[
                    "NodeList",
                    "NodeFilter: NodeList == NodeList",
                    "NodeList",
                    "NodeField: status",
                    "NodeField: nodeInfo",
                    "NodeField: osImage",
                    "NodeList",
                    "NodeText: {[()]}",
                ],
            ),
            (
                "double inside single",
                r#"{[?(@.status.nodeInfo.osImage == "''")]}"#,
                &[
                    "NodeList",
                    "NodeFilter: NodeList == NodeList",
                    "NodeList",
                    "NodeField: status",
                    "NodeField: nodeInfo",
                    "NodeField: osImage",
                    "NodeList",
                    "NodeText: ''",
                ],
            ),
            (
                "single inside double",
                r#"{[?(@.status.nodeInfo.osImage == '""')]}"#,
                &[
                    "NodeList",
                    "NodeFilter: NodeList == NodeList",
                    "NodeList",
                    "NodeField: status",
                    "NodeField: nodeInfo",
                    "NodeField: osImage",
                    "NodeList",
                    "NodeText: \"\"",
                ],
            ),
            (
                "single containing escaped single",
                r"{[?(@.status.nodeInfo.osImage == '\\\'')]}",
                &[
                    "NodeList",
                    "NodeFilter: NodeList == NodeList",
                    "NodeList",
                    "NodeField: status",
                    "NodeField: nodeInfo",
                    "NodeField: osImage",
                    "NodeList",
                    "NodeText: \\'",
                ],
            ),
            (
                "negative index slice, equals a[len-5] to a[len-1]",
                "{[-5:]}",
                &["NodeList", "NodeArray: [{-5 true false} {0 false false} {0 false false}]"],
            ),
            (
                "negative index slice, equals a[len-1]",
                "{[-1]}",
                &["NodeList", "NodeArray: [{-1 true false} {0 true true} {0 false false}]"],
            ),
            (
                "negative index slice, equals a[1] to a[len-1]",
                "{[1:-1]}",
                &["NodeList", "NodeArray: [{1 true false} {-1 true false} {0 false false}]"],
            ),
        ];
        for (name, template, expected) in cases {
            let segments = parse(template).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(go_nodes(&segments), *expected, "{name}");
        }
        // "malformat input"
        assert!(parse(r"{\\\}").is_err());
    }

    /// Ported from upstream `parser_test.go`, `TestFailParser`, plus more of upstream's messages.
    #[test]
    fn parse_errors() {
        let cases: &[(&str, &str)] = &[
            ("{.hello", "unclosed action"),
            ("{*}", "unrecognized character in action: U+002A '*'"),
            ("{+12.3.0}", "cannot parse number +12.3.0"),
            ("{[1}", "unterminated array"),
            ("{[?(.price]}", "unterminated filter"),
            ("{........}", "invalid multiple recursive descent"),
            // Beyond upstream's table, checked against kubectl v1.35.2:
            ("{.a[}", "unterminated array"),
            (r#"{"\q"}"#, r#"unquote string "\q" error invalid syntax"#),
            ("{\t.a}", "unrecognized character in action: U+0009"),
            ("{.data[x]}", "invalid array index x"),
            ("{.data[1:2:3:4]}", "invalid array index 1:2:3:4"),
            ("{.data[-]}", "array index - is not a number"),
            ("{.data[?(@.a ==)]}", "unrecognized character in action: U+003D '='"),
            ("{.a[?(@.b)x]}", "unclosed array expect ]"),
            ("{.a\n}", "unclosed action"),
            (r#"{"abc}"#, "unterminated quoted string"),
            (r#"{"a\\"}"#, "unterminated quoted string"),
            (r#"{"a\\"b"}"#, r#"unquote string "a\\"b" error invalid syntax"#),
            ("{-}", "cannot parse number -"),
            ("{.a[0:99999999999999999999]}", "array index 99999999999999999999 is not a number"),
        ];
        for (template, expected) in cases {
            assert_eq!(parse(template).err().as_deref(), Some(*expected), "{template}");
        }
    }

    #[test]
    fn literals_and_quirks() {
        let nodes = |t: &str| go_nodes(&parse(t).unwrap());
        assert_eq!(nodes(r#"{"\x41\u00e9\101\t"}"#), ["NodeList", "NodeText: AéA\t"]);
        assert_eq!(nodes("{'it''s'}"), ["NodeList", "NodeText: it", "NodeText: s"]);
        assert_eq!(
            nodes("{1.5}{+3}{3.}{100000000000000000000}"),
            [
                "NodeList",
                "NodeFloat: 1.500000",
                "NodeList",
                "NodeInt: 3",
                "NodeList",
                "NodeFloat: 3.000000",
                "NodeList",
                "NodeFloat: 100000000000000000000.000000"
            ]
        );
        assert_eq!(nodes("{1e5}"), ["NodeList", "NodeInt: 1", "NodeIdentifier: e5"]);
        assert_eq!(nodes(r"{.a\.b\\c/d-e}"), ["NodeList", "NodeField: a.bc/d-e"]);
        assert_eq!(nodes(r"{.\*}{.*}"), ["NodeList", "NodeField: *", "NodeList", "NodeWildcard"]);
        assert_eq!(nodes("{...a}"), ["NodeList", "NodeRecursive", "NodeField: a"]);
        assert_eq!(nodes("{[]}"), ["NodeList", "NodeArray: [{0 false false} {1 true true} {0 false false}]"]);
        assert_eq!(nodes("{[::2]}"), ["NodeList", "NodeArray: [{0 false false} {0 false false} {2 true false}]"]);
        assert_eq!(nodes("a}b{.c}}"), ["NodeText: a}b", "NodeList", "NodeField: c", "NodeText: }"]);
        assert_eq!(
            nodes("{[?(@.a=)]}"),
            ["NodeList", "NodeFilter: NodeList exists NodeList", "NodeList", "NodeField: a=", "NodeList"]
        );
        assert_eq!(
            nodes("{[?(@.a<>1)]}"),
            ["NodeList", "NodeFilter: NodeList <> NodeList", "NodeList", "NodeField: a", "NodeList", "NodeInt: 1"]
        );
        assert_eq!(parse("{[?(@.a==)=)]}").err().as_deref(), Some("unclosed array expect ]"));
    }
}
