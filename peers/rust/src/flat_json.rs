//! A strict parser for the one JSON shape the child is given: a flat object whose values are strings,
//! numbers or booleans (peers/PROTOCOL.md section 1). Anything else (nesting, trailing text, a duplicate
//! key, a bad escape) is refused with a message that says where.

/// One value of the flat object.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    /// A number written without fraction or exponent that fits an i64.
    Int(i64),
    /// Any other number.
    Float(f64),
    Bool(bool),
    Null,
}

impl Value {
    /// The JSON type's name, for "wrong type" messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Str(_) => "a string",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a non-integer number",
            Value::Bool(_) => "a boolean",
            Value::Null => "null",
        }
    }
}

/// Parses `text` as one flat JSON object; keys in the order written.
pub fn parse_object(text: &str) -> Result<Vec<(String, Value)>, String> {
    let mut parser = Parser { bytes: text.as_bytes(), at: 0 };
    let members = parser.object()?;
    parser.skip_space();
    if parser.at != parser.bytes.len() {
        return Err(format!("unexpected text after the object at byte {}", parser.at));
    }
    Ok(members)
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Parser<'a> {
    fn object(&mut self) -> Result<Vec<(String, Value)>, String> {
        self.skip_space();
        self.expect(b'{', "the spec must be a JSON object")?;
        let mut members: Vec<(String, Value)> = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(members);
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(format!("expected a key in quotes at byte {}", self.at));
            }
            let key = self.string()?;
            if members.iter().any(|(k, _)| *k == key) {
                return Err(format!("duplicate key '{}'", key));
            }
            self.skip_space();
            self.expect(b':', "expected ':' after a key")?;
            self.skip_space();
            let value = self.value(&key)?;
            members.push((key, value));
            self.skip_space();
            match self.next() {
                Some(b',') => continue,
                Some(b'}') => return Ok(members),
                _ => return Err(format!("expected ',' or '}}' at byte {}", self.at.saturating_sub(1))),
            }
        }
    }

    fn value(&mut self, key: &str) -> Result<Value, String> {
        match self.peek() {
            Some(b'"') => self.string().map(Value::Str),
            Some(b'{') | Some(b'[') => Err(format!("key '{}' has a nested value; the spec is a flat object", key)),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(c) if c == b'-' || c.is_ascii_digit() => self.number(),
            Some(_) => Err(format!("unexpected character at byte {}", self.at)),
            None => Err("the text ends where a value was expected".to_string()),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, String> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(format!("unexpected word at byte {}", self.at))
        }
    }

    /// RFC 8259 number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    fn number(&mut self) -> Result<Value, String> {
        let start = self.at;
        let mut integral = true;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(c) if c.is_ascii_digit() => self.digits(),
            _ => return Err(format!("malformed number at byte {}", start)),
        }
        if self.peek() == Some(b'.') {
            integral = false;
            self.at += 1;
            if !self.peek().map_or(false, |c| c.is_ascii_digit()) {
                return Err(format!("malformed number at byte {}", start));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e') | Some(b'E')) {
            integral = false;
            self.at += 1;
            if matches!(self.peek(), Some(b'+') | Some(b'-')) {
                self.at += 1;
            }
            if !self.peek().map_or(false, |c| c.is_ascii_digit()) {
                return Err(format!("malformed number at byte {}", start));
            }
            self.digits();
        }
        let text = std::str::from_utf8(&self.bytes[start..self.at]).map_err(|_| "malformed number".to_string())?;
        if integral {
            if let Ok(n) = text.parse::<i64>() {
                return Ok(Value::Int(n));
            }
        }
        text.parse::<f64>().map(Value::Float).map_err(|_| format!("malformed number '{}'", text))
    }

    fn digits(&mut self) {
        while self.peek().map_or(false, |c| c.is_ascii_digit()) {
            self.at += 1;
        }
    }

    fn string(&mut self) -> Result<String, String> {
        let start = self.at;
        self.expect(b'"', "expected a string")?;
        let mut out: Vec<u8> = Vec::new();
        loop {
            match self.next() {
                None => return Err(format!("unterminated string starting at byte {}", start)),
                Some(b'"') => break,
                Some(b'\\') => match self.next() {
                    Some(b'"') => out.push(b'"'),
                    Some(b'\\') => out.push(b'\\'),
                    Some(b'/') => out.push(b'/'),
                    Some(b'b') => out.push(8),
                    Some(b'f') => out.push(12),
                    Some(b'n') => out.push(b'\n'),
                    Some(b'r') => out.push(b'\r'),
                    Some(b't') => out.push(b'\t'),
                    Some(b'u') => {
                        let c = self.unicode_escape()?;
                        let mut buffer = [0u8; 4];
                        out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                    }
                    _ => return Err(format!("bad escape in the string at byte {}", start)),
                },
                Some(c) if c < 0x20 => return Err(format!("control character in the string at byte {}", start)),
                Some(c) => out.push(c),
            }
        }
        String::from_utf8(out).map_err(|_| format!("the string at byte {} is not UTF-8", start))
    }

    /// The four hex digits after `\u`, joined with a following low surrogate when they are a high one.
    fn unicode_escape(&mut self) -> Result<char, String> {
        let high = self.hex4()?;
        if (0xD800..0xDC00).contains(&high) {
            if self.next() != Some(b'\\') || self.next() != Some(b'u') {
                return Err(format!("unpaired surrogate before byte {}", self.at));
            }
            let low = self.hex4()?;
            if !(0xDC00..0xE000).contains(&low) {
                return Err(format!("unpaired surrogate before byte {}", self.at));
            }
            let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            return char::from_u32(code).ok_or_else(|| "bad unicode escape".to_string());
        }
        char::from_u32(high).ok_or_else(|| format!("bad unicode escape before byte {}", self.at))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let end = self.at + 4;
        let digits = self.bytes.get(self.at..end).ok_or_else(|| "truncated unicode escape".to_string())?;
        let text = std::str::from_utf8(digits).map_err(|_| "bad unicode escape".to_string())?;
        if !text.bytes().all(|c| c.is_ascii_hexdigit()) {
            return Err(format!("bad unicode escape at byte {}", self.at));
        }
        self.at = end;
        u32::from_str_radix(text, 16).map_err(|_| "bad unicode escape".to_string())
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ') | Some(b'\t') | Some(b'\n') | Some(b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8, message: &str) -> Result<(), String> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(format!("{} (byte {})", message, self.at))
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek();
        if c.is_some() {
            self.at += 1;
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_value_kind() {
        let members = parse_object(r#" {"a":1, "b":"x\u00e9\n", "c":true, "d":-2.5e1, "e":null} "#).unwrap();
        assert_eq!(members[0], ("a".to_string(), Value::Int(1)));
        assert_eq!(members[1], ("b".to_string(), Value::Str("x\u{e9}\n".to_string())));
        assert_eq!(members[2], ("c".to_string(), Value::Bool(true)));
        assert_eq!(members[3], ("d".to_string(), Value::Float(-25.0)));
        assert_eq!(members[4], ("e".to_string(), Value::Null));
    }

    #[test]
    fn refuses_malformed_text() {
        for bad in [
            "",
            "[]",
            "{",
            r#"{"a":1,}"#,
            r#"{"a":1} x"#,
            r#"{"a":{"b":1}}"#,
            r#"{"a":[1]}"#,
            r#"{"a":01}"#,
            r#"{"a":1.}"#,
            r#"{"a":"\q"}"#,
            r#"{"a":1,"a":2}"#,
            r#"{a:1}"#,
            r#"{"a":tru}"#,
            "{\"a\":\"\u{1}\"}",
        ] {
            assert!(parse_object(bad).is_err(), "accepted {:?}", bad);
        }
    }
}
