//! Better words for two problems TOML reports poorly: a file in UTF-16 or UTF-32 (read
//! as text it is full of NULs), and a key too deeply dotted (TOML's "recursion limit"
//! has no place).

use toml_parser::lexer::TokenKind;
use toml_parser::Source;

/// The encoding a file seems to be in when it is UTF-16 or UTF-32: by its byte order
/// mark, or by NULs in every other byte (every 4 bytes, 3 of 4) of its start.
pub(super) fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => return Some("UTF-32 (little-endian)"),
        [0, 0, 0xFE, 0xFF, ..] => return Some("UTF-32 (big-endian)"),
        [0xFF, 0xFE, ..] => return Some("UTF-16 (little-endian)"),
        [0xFE, 0xFF, ..] => return Some("UTF-16 (big-endian)"),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(64) & !3];
    if head.len() < 4 || head.iter().all(|&b| b == 0) {
        return None;
    }
    // Whether the bytes at these places in each group of `of` are all NUL.
    let nul = |at: &[usize], of: usize| {
        head.chunks(of)
            .all(|group| at.iter().all(|&i| group[i] == 0))
    };
    if nul(&[1, 2, 3], 4) {
        Some("UTF-32 (little-endian)")
    } else if nul(&[0, 1, 2], 4) {
        Some("UTF-32 (big-endian)")
    } else if nul(&[1], 2) {
        Some("UTF-16 (little-endian)")
    } else if nul(&[0], 2) {
        Some("UTF-16 (big-endian)")
    } else {
        None
    }
}

/// How many dots a key may have before TOML refuses it ("recursion limit").
const DOTS: usize = 80;

/// Where each key with too many dots for TOML starts, in order.
pub(super) fn deep_keys(src: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize)> = None; // (start, dots)
    for token in Source::new(src).lex() {
        match token.kind() {
            TokenKind::Atom | TokenKind::BasicString | TokenKind::LiteralString => {
                run.get_or_insert((token.span().start(), 0));
            }
            TokenKind::Whitespace => {}
            TokenKind::Dot => {
                if let Some((start, dots)) = run.as_mut() {
                    *dots += 1;
                    if *dots == DOTS {
                        out.push(*start);
                    }
                }
            }
            _ => run = None,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn wide_encodings_are_told_by_their_mark_or_their_nuls() {
        let text = "title = \"t\"\n[[mission]]\n";
        let le = utf16le(text);
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let le32: Vec<u8> = text
            .chars()
            .flat_map(|c| u32::from(c).to_le_bytes())
            .collect();
        let be32: Vec<u8> = text
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect();
        assert_eq!(wide_encoding(&le), Some("UTF-16 (little-endian)"));
        assert_eq!(wide_encoding(&be), Some("UTF-16 (big-endian)"));
        assert_eq!(wide_encoding(&le32), Some("UTF-32 (little-endian)"));
        assert_eq!(wide_encoding(&be32), Some("UTF-32 (big-endian)"));
        assert_eq!(
            wide_encoding(&[&[0xFF, 0xFE][..], &utf16le("é")].concat()),
            Some("UTF-16 (little-endian)")
        );
        assert_eq!(
            wide_encoding(&[0xFE, 0xFF, 0, b'a']),
            Some("UTF-16 (big-endian)")
        );
        assert_eq!(
            wide_encoding(&[0, 0, 0xFE, 0xFF]),
            Some("UTF-32 (big-endian)")
        );
        assert_eq!(wide_encoding(text.as_bytes()), None);
        assert_eq!(wide_encoding(b"a\0"), None, "too short to tell");
        assert_eq!(wide_encoding(&[0; 16]), None);
        assert_eq!(wide_encoding("x = \"\0\"\n".as_bytes()), None);
    }

    #[test]
    fn too_deep_keys_are_found() {
        let deep = vec!["k"; DOTS + 5].join(".");
        let src = format!("a.b.c = 1\n[x]\ny = [1.5, 2.5]\n\n{deep} = 1\nz.{deep} = 2\n");
        let first = src.find("k.k").unwrap();
        let second = src.find("z.k").unwrap();
        assert_eq!(deep_keys(&src), vec![first, second]);
        let header = format!("[[{}]]\n", vec!["\"k\""; DOTS + 1].join(" . "));
        assert_eq!(deep_keys(&header), vec![2]);
        let shallow = vec!["k"; DOTS].join(".");
        assert!(deep_keys(&format!("{shallow} = 1\n")).is_empty());
    }
}
