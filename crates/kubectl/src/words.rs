//! Command-line words as `sh` makes them: comments, `$NAME` / `${NAME}` / `$(command)` expansion outside
//! single quotes, then POSIX word splitting (shell-words).

/// Removes a `#` comment that starts a word outside quotes.
pub fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut prev_space = true;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        if escaped {
            escaped = false;
            prev_space = false;
            continue;
        }
        match (quote, c) {
            (_, '\\') if quote != Some('\'') => escaped = true,
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c2) if c2 == q => quote = None,
            (None, '#') if prev_space => return &line[..i],
            _ => {}
        }
        prev_space = c.is_whitespace() && quote.is_none();
    }
    line
}

/// Expands variables and command substitutions. `run` executes a substituted command line and returns its
/// output; trailing newlines are removed as `sh` does.
pub fn expand(line: &str, lookup: &dyn Fn(&str) -> Option<String>, run: &mut dyn FnMut(&str) -> String) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut in_single = false;
    let mut in_double = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && !in_single && i + 1 < chars.len() {
            out.push(c);
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '\'' && !in_double {
            in_single = !in_single;
            out.push(c);
            i += 1;
            continue;
        }
        if c == '"' && !in_single {
            in_double = !in_double;
            out.push(c);
            i += 1;
            continue;
        }
        if c == '$' && !in_single && i + 1 < chars.len() {
            if chars[i + 1] == '(' {
                let mut depth = 0;
                let mut j = i + 1;
                while j < chars.len() {
                    match chars[j] {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                let inner: String = chars[i + 2..j.min(chars.len())].iter().collect();
                let result = run(&inner);
                let trimmed = result.trim_end_matches('\n');
                out.push_str(&quote_for(trimmed, in_double));
                i = j + 1;
                continue;
            }
            let (name, next) = if chars[i + 1] == '{' {
                let end = chars[i + 2..].iter().position(|&c| c == '}').map(|p| p + i + 2).unwrap_or(chars.len());
                (chars[i + 2..end].iter().collect::<String>(), end + 1)
            } else {
                let mut j = i + 1;
                while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                    j += 1;
                }
                (chars[i + 1..j].iter().collect::<String>(), j)
            };
            if name.is_empty() {
                out.push('$');
                i += 1;
                continue;
            }
            let value = lookup(&name).unwrap_or_default();
            out.push_str(&quote_for(&value, in_double));
            i = next;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Protects an expanded value from re-interpretation by the word splitter: inside double quotes only `"`
/// and `\` need escaping; outside, the value is split on whitespace like `sh` does, so it stays bare.
fn quote_for(value: &str, in_double: bool) -> String {
    let mut s = String::new();
    for c in value.chars() {
        if in_double {
            if c == '"' || c == '\\' || c == '$' || c == '`' {
                s.push('\\');
            }
        } else if "'\"\\|&;<>()`#".contains(c) {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

pub fn split(line: &str) -> Result<Vec<String>, String> {
    shell_words::split(line).map_err(|_| "syntax error: unterminated quoted string".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_quotes() {
        assert_eq!(strip_comment("kubectl get pods # list"), "kubectl get pods ");
        assert_eq!(strip_comment("echo '#not' x"), "echo '#not' x");
        assert_eq!(strip_comment("a#b"), "a#b");
    }

    #[test]
    fn expansion() {
        let lookup = |n: &str| {
            if n == "PORT" { Some("30080".to_string()) } else { None }
        };
        let mut run = |_: &str| "out\n".to_string();
        assert_eq!(expand("curl http://x:$PORT/", &lookup, &mut run), "curl http://x:30080/");
        assert_eq!(expand("a ${PORT}b", &lookup, &mut run), "a 30080b");
        assert_eq!(expand("'$PORT'", &lookup, &mut run), "'$PORT'");
        assert_eq!(expand("X=$(kubectl get x)", &lookup, &mut run), "X=out");
        assert_eq!(split("kubectl get pods -o 'jsonpath={.items[*].metadata.name}'").unwrap().len(), 5);
    }
}
