//! Where each top-level `[[mission]]` starts, found with TOML's own lexer (it knows
//! strings and comments), so that the file can be read one mission at a time.

use std::borrow::Cow;
use std::iter::Peekable;

use toml_parser::lexer::{Lexer, Token, TokenKind};
use toml_parser::{ParseError, Source};

/// The offsets of the top-level `[[mission]]` headers (in any spelling of the key:
/// `[[ mission ]]`, `[["mission"]]`...), in order.
///
/// `None` when the layout is not the plain one, or cannot be told for certain: the
/// caller then reads the file whole. The plain layout is a preamble of keys other than
/// `mission`, then `[[mission]]` tables, each followed only by its own sub-tables
/// (`[mission.x]`, `[[mission.x]]`).
pub(super) fn mission_starts(src: &str) -> Option<Vec<usize>> {
    let mut scan = Scan {
        source: Source::new(src),
        tokens: Source::new(src).lex().peekable(),
    };
    let mut starts = Vec::new();
    loop {
        // Here an expression starts: a key, a table header, or nothing.
        let Some(token) = scan.solid() else {
            return Some(starts);
        };
        let at_end = match token.kind() {
            TokenKind::Eof => true,
            TokenKind::Newline => false,
            TokenKind::Comment => scan.line_end()?,
            TokenKind::LeftSquareBracket => {
                let h = scan.header()?;
                match (h.array, h.mission, h.sub) {
                    (true, true, false) => starts.push(token.span().start()),
                    (_, true, true) if !starts.is_empty() => {}
                    _ => return None,
                }
                scan.line_end()?
            }
            TokenKind::Atom | TokenKind::BasicString | TokenKind::LiteralString => {
                // Before the first mission, a key is a top-level key.
                if starts.is_empty() && scan.key(&token)? == "mission" {
                    return None;
                }
                scan.value_end()?
            }
            _ => return None,
        };
        if at_end {
            return Some(starts);
        }
    }
}

/// A table header: `[[` or `[`, whether its first key is `mission`, and whether it
/// has more keys after that one.
struct Header {
    array: bool,
    mission: bool,
    sub: bool,
}

struct Scan<'i> {
    source: Source<'i>,
    tokens: Peekable<Lexer<'i>>,
}

impl<'i> Scan<'i> {
    /// The next token that is not whitespace; `None` past the end.
    fn solid(&mut self) -> Option<Token> {
        self.tokens
            .by_ref()
            .find(|t| t.kind() != TokenKind::Whitespace)
    }

    /// A key as TOML reads it (quotes and escapes decoded); `None` if it is not a valid
    /// key.
    fn key(&self, token: &Token) -> Option<Cow<'i, str>> {
        let raw = self.source.get(token)?;
        let mut out = Cow::Borrowed("");
        let mut error: Option<ParseError> = None;
        raw.decode_key(&mut out, &mut error);
        error.is_none().then_some(out)
    }

    /// The rest of a header, after its first `[`.
    fn header(&mut self) -> Option<Header> {
        let array = self
            .tokens
            .next_if(|t| t.kind() == TokenKind::LeftSquareBracket)
            .is_some();
        let mut keys = 0;
        let mut mission = false;
        loop {
            let key = self.solid()?;
            if !matches!(
                key.kind(),
                TokenKind::Atom | TokenKind::BasicString | TokenKind::LiteralString
            ) {
                return None;
            }
            if keys == 0 {
                mission = self.key(&key)? == "mission";
            }
            keys += 1;
            match self.solid()?.kind() {
                TokenKind::Dot => continue,
                TokenKind::RightSquareBracket => break,
                _ => return None,
            }
        }
        if array
            && self
                .tokens
                .next_if(|t| t.kind() == TokenKind::RightSquareBracket)
                .is_none()
        {
            return None;
        }
        Some(Header {
            array,
            mission,
            sub: keys > 1,
        })
    }

    /// After a header: an optional comment, then the end of the line. Returns whether
    /// the file ends here.
    fn line_end(&mut self) -> Option<bool> {
        let mut token = self.solid()?;
        if token.kind() == TokenKind::Comment {
            token = self.solid()?;
        }
        match token.kind() {
            TokenKind::Newline => Some(false),
            TokenKind::Eof => Some(true),
            _ => None,
        }
    }

    /// The rest of a key-value expression, through the newline that ends it (arrays and
    /// inline tables may span lines). Returns whether the file ends here.
    fn value_end(&mut self) -> Option<bool> {
        let mut depth = 0usize;
        loop {
            match self.solid()?.kind() {
                TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => depth += 1,
                TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                    depth = depth.checked_sub(1)?;
                }
                TokenKind::Newline if depth == 0 => return Some(false),
                TokenKind::Eof => return (depth == 0).then_some(true),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(src: &str) -> Option<Vec<usize>> {
        mission_starts(src)
    }

    #[test]
    fn every_spelling_of_the_header_is_found() {
        for h in [
            "[[mission]]",
            "[[ mission ]]",
            "[[\"mission\"]]",
            "[['mission']]",
            "[[\t\"mis\\u0073ion\" ]]",
            "  [[mission]] # c",
        ] {
            let src = format!("title = \"t\"\n{h}\nid = \"a\"\n{h}\n");
            let second = src.rfind(h.trim_start()).unwrap();
            let first = src.find(h.trim_start()).unwrap();
            assert_eq!(starts(&src), Some(vec![first, second]), "{h}");
        }
    }

    #[test]
    fn headers_inside_strings_comments_and_values_are_not_headers() {
        let src = "[[mission]]\nsummary = \"\"\"\n[[mission]]\n\"\"\"\n# [[mission]]\nx = '''\n[[mission]]'''\na = [\n[[1]],\n]\nb = { c = [\n] }\n[mission.strength]\n[[mission.mandate]]\n";
        assert_eq!(starts(src), Some(vec![0]));
    }

    #[test]
    fn anything_unusual_is_left_to_the_whole_read() {
        for src in [
            "mission = []\n[[mission]]\n",
            "mission.x = 1\n[[mission]]\n",
            "\"mission\" = 1\n[[mission]]\n",
            "[[mission]]\n[other]\n",
            "[[mission]]\n[mission]\n",
            "[other]\n[[mission]]\n",
            "[[mission]]\n[other.mission]\n",
            "[[mission.mandate]]\n[[mission]]\n",
            "[ [mission]]\n",
            "[[mission] ]\n",
            "[[mission]] x\n",
            "[[\"\"\"mission\"\"\"]]\n",
            "[[mission]]\na = [1\n",
            "[[mission]]\na = ]\n",
            "[[mission]]\n= 1\n",
        ] {
            assert_eq!(starts(src), None, "{src:?}");
        }
        assert_eq!(starts("title = 1\n"), Some(vec![]));
        assert_eq!(starts(""), Some(vec![]));
    }
}
