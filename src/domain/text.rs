//! Cleaning text from the data file so that nothing it holds can drive a terminal.

/// Makes `s` safe to show on a terminal: C0 controls and DEL become the visible
/// "control pictures" (U+2400 block), C1 controls become U+FFFD, tabs and line
/// breaks become spaces, and bidi embedding, override and isolate controls are removed.
pub fn clean(s: &str) -> String {
    // Most text is printable ASCII: nothing to do.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
            '\u{7f}' => out.push('\u{2421}'),
            '\u{80}'..='\u{9f}' => out.push('\u{fffd}'),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Whether `url` is a web address (`http://` or `https://`, no space or control
/// character): the only URLs the dashboard opens and the outputs carry as links.
pub fn is_web(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(clean("a\u{1b}[2Jb"), "a\u{241b}[2Jb");
        assert_eq!(clean("bell\u{7}"), "bell\u{2407}");
        assert_eq!(clean("del\u{7f}"), "del\u{2421}");
        assert_eq!(clean("c1\u{9b}31m"), "c1\u{fffd}31m");
        assert_eq!(clean("two\nlines\tand tab"), "two lines and tab");
    }

    #[test]
    fn bidi_controls_are_removed() {
        assert_eq!(clean("abc\u{202e}fed\u{202c}"), "abcfed");
        assert_eq!(clean("\u{2066}x\u{2069}"), "x");
    }
}
