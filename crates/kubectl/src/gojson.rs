//! The syntax errors Go's `encoding/json` reports for malformed JSON, following its
//! scanner (`encoding/json/scanner.go`), so that `kubectl patch --type=json -p '{bad'`
//! fails with kubectl's words.

/// `quoteChar`: how the scanner shows the offending character.
fn quote_char(c: char) -> String {
    match c {
        '\'' => "'\\''".into(),
        '"' => "'\"'".into(),
        c => {
            let q = crate::flags::go_quote(&c.to_string());
            format!("'{}'", &q[1..q.len() - 1])
        }
    }
}

fn invalid(c: char, context: &str) -> String {
    format!("invalid character {} {context}", quote_char(c))
}

const EOF: &str = "unexpected end of JSON input";

struct Scanner<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
}

impl Scanner<'_> {
    fn skip_space(&mut self) {
        while matches!(self.chars.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.chars.next();
        }
    }

    fn next_non_space(&mut self) -> Option<char> {
        self.skip_space();
        self.chars.next()
    }

    fn value(&mut self, first: Option<char>) -> Result<(), String> {
        let Some(c) = first else {
            return Err(EOF.into());
        };
        match c {
            '{' => self.object(),
            '[' => self.array(),
            '"' => self.string(),
            '-' | '0'..='9' => self.number(c),
            't' => self.literal("rue", "true"),
            'f' => self.literal("alse", "false"),
            'n' => self.literal("ull", "null"),
            c => Err(invalid(c, "looking for beginning of value")),
        }
    }

    fn literal(&mut self, rest: &str, word: &str) -> Result<(), String> {
        for want in rest.chars() {
            match self.chars.next() {
                None => return Err(EOF.into()),
                Some(c) if c == want => {}
                Some(c) => {
                    return Err(invalid(c, &format!("in literal {word} (expecting {})", quote_char(want))));
                }
            }
        }
        Ok(())
    }

    fn object(&mut self) -> Result<(), String> {
        match self.next_non_space() {
            None => return Err(EOF.into()),
            Some('}') => return Ok(()),
            Some('"') => self.string()?,
            Some(c) => return Err(invalid(c, "looking for beginning of object key string")),
        }
        loop {
            match self.next_non_space() {
                None => return Err(EOF.into()),
                Some(':') => {}
                Some(c) => return Err(invalid(c, "after object key")),
            }
            let first = self.next_non_space();
            self.value(first)?;
            match self.next_non_space() {
                None => return Err(EOF.into()),
                Some('}') => return Ok(()),
                Some(',') => {}
                Some(c) => return Err(invalid(c, "after object key:value pair")),
            }
            match self.next_non_space() {
                None => return Err(EOF.into()),
                Some('"') => self.string()?,
                Some(c) => return Err(invalid(c, "looking for beginning of object key string")),
            }
        }
    }

    fn array(&mut self) -> Result<(), String> {
        self.skip_space();
        if self.chars.peek() == Some(&']') {
            self.chars.next();
            return Ok(());
        }
        loop {
            let first = self.next_non_space();
            self.value(first)?;
            match self.next_non_space() {
                None => return Err(EOF.into()),
                Some(']') => return Ok(()),
                Some(',') => {}
                Some(c) => return Err(invalid(c, "after array element")),
            }
        }
    }

    fn string(&mut self) -> Result<(), String> {
        loop {
            match self.chars.next() {
                None => return Err(EOF.into()),
                Some('"') => return Ok(()),
                Some('\\') => match self.chars.next() {
                    None => return Err(EOF.into()),
                    Some('"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't') => {}
                    Some('u') => {
                        for _ in 0..4 {
                            match self.chars.next() {
                                None => return Err(EOF.into()),
                                Some(c) if c.is_ascii_hexdigit() => {}
                                Some(c) => {
                                    return Err(invalid(c, "in \\u hexadecimal character escape"));
                                }
                            }
                        }
                    }
                    Some(c) => return Err(invalid(c, "in string escape code")),
                },
                Some(c) if (c as u32) < 0x20 => return Err(invalid(c, "in string literal")),
                Some(_) => {}
            }
        }
    }

    fn number(&mut self, first: char) -> Result<(), String> {
        let mut c = first;
        if c == '-' {
            match self.chars.next() {
                None => return Err(EOF.into()),
                Some(d) if d.is_ascii_digit() => c = d,
                Some(d) => return Err(invalid(d, "in numeric literal")),
            }
        }
        if c != '0' {
            while matches!(self.chars.peek(), Some('0'..='9')) {
                self.chars.next();
            }
        }
        if self.chars.peek() == Some(&'.') {
            self.chars.next();
            match self.chars.next() {
                None => return Err(EOF.into()),
                Some(d) if d.is_ascii_digit() => {}
                Some(d) => return Err(invalid(d, "after decimal point in numeric literal")),
            }
            while matches!(self.chars.peek(), Some('0'..='9')) {
                self.chars.next();
            }
        }
        if matches!(self.chars.peek(), Some('e' | 'E')) {
            self.chars.next();
            if matches!(self.chars.peek(), Some('+' | '-')) {
                self.chars.next();
            }
            match self.chars.next() {
                None => return Err(EOF.into()),
                Some(d) if d.is_ascii_digit() => {}
                Some(d) => return Err(invalid(d, "in exponent of numeric literal")),
            }
            while matches!(self.chars.peek(), Some('0'..='9')) {
                self.chars.next();
            }
        }
        Ok(())
    }
}

/// Go's error for `text`, or `None` when it is valid JSON.
pub fn syntax_error(text: &str) -> Option<String> {
    let mut s = Scanner { chars: text.chars().peekable() };
    let first = s.next_non_space();
    if let Err(e) = s.value(first) {
        return Some(e);
    }
    s.next_non_space().map(|c| invalid(c, "after top-level value"))
}

#[cfg(test)]
mod tests {
    use super::syntax_error;

    #[test]
    fn go_messages() {
        assert_eq!(syntax_error("{bad").unwrap(), "invalid character 'b' looking for beginning of object key string");
        assert_eq!(syntax_error("[1,").unwrap(), "unexpected end of JSON input");
        assert_eq!(syntax_error("[1 2]").unwrap(), "invalid character '2' after array element");
        assert_eq!(syntax_error("{\"a\" 1}").unwrap(), "invalid character '1' after object key");
        assert_eq!(syntax_error("{} x").unwrap(), "invalid character 'x' after top-level value");
        assert!(syntax_error("{\"a\":[1,2.5e3,true,null,\"\\u00e9\"]}").is_none());
    }
}
