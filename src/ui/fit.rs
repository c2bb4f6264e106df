//! Fitting text into cells: cutting, padding and wrapping by display width.
//!
//! Emoji sequences whose width terminals disagree on are drawn as their first code
//! point (see [`settle`]): a family joined by ZWJ as its first person, a thumbs-up with
//! a skin tone as the thumbs-up, `❤️` as `❤`; a flag as `�`. Every text measured here
//! is settled first, and every cell of a frame last ([`settle_cells`]), so what the
//! program counts is what any terminal draws.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::text::Span;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

const ZWJ: char = '\u{200d}';

/// A code point that modifies the one before it into an emoji sequence: the variation
/// selectors of text and emoji presentation, the keycap, the skin tones, the tags of a
/// subdivision flag.
fn modifier(c: char) -> bool {
    matches!(c,
        '\u{fe0e}' | '\u{fe0f}' | '\u{20e3}' | '\u{1f3fb}'..='\u{1f3ff}' | '\u{e0020}'..='\u{e007f}')
}

/// A regional indicator: two make a flag, drawn 1, 2 or 4 columns wide by terminals.
fn regional(c: char) -> bool {
    ('\u{1f1e6}'..='\u{1f1ff}').contains(&c)
}

/// A pictograph a ZWJ can join to the one before it (the emoji blocks, roughly
/// Extended_Pictographic). A ZWJ before anything else (in Indic or Arabic text, where
/// it shapes letters) is left alone.
fn pictograph(c: char) -> bool {
    matches!(c,
        '\u{1f000}'..='\u{1faff}' | '\u{2600}'..='\u{27bf}' | '\u{2300}'..='\u{23ff}'
        | '\u{2b00}'..='\u{2bff}' | '\u{2190}'..='\u{21ff}' | '\u{3030}' | '\u{303d}'
        | '\u{3297}' | '\u{3299}' | '\u{a9}' | '\u{ae}' | '\u{203c}' | '\u{2049}'
        | '\u{2122}' | '\u{2139}')
}

/// `s` with each emoji sequence terminals draw at different widths replaced by its
/// first code point, whose width they agree on: what follows it in the sequence (a ZWJ
/// and the pictograph it joins, a variation selector, a skin tone, a keycap, tags) is
/// not drawn. A flag (a pair of regional indicators, or a lone one) is drawn as U+FFFD.
pub fn settle(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| modifier(c) || regional(c) || c == ZWJ) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if modifier(c) {
            // With no base before it: nothing to draw.
            continue;
        }
        if regional(c) {
            if chars.peek().copied().is_some_and(regional) {
                chars.next();
            }
            out.push('\u{fffd}');
        } else {
            out.push(c);
        }
        // The rest of the sequence this code point starts.
        loop {
            let mut ahead = chars.clone();
            match ahead.next() {
                Some(m) if modifier(m) => {
                    chars.next();
                }
                Some(ZWJ) if ahead.next().is_some_and(|n| pictograph(n) || regional(n)) => {
                    chars.next();
                    chars.next();
                }
                _ => break,
            }
        }
    }
    Cow::Owned(out)
}

/// Applies [`settle`] to every cell of a drawn frame (a cell holds one grapheme
/// cluster), for text that reached the buffer without passing through this module. A
/// cell whose symbol gets narrower leaves the cell after it to be drawn (blank).
pub fn settle_cells(buf: &mut Buffer) {
    for cell in &mut buf.content {
        let sym = cell.symbol();
        if sym.len() > 1 {
            if let Cow::Owned(s) = settle(sym) {
                cell.set_symbol(if s.is_empty() { " " } else { &s });
            }
        }
    }
}

/// A count as a number of cells, saturating (counts come from the file and can be huge).
pub fn cells(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// `s` cut to at most `width` columns, with "…" when cut. Never splits a character.
pub fn fit(s: &str, width: usize) -> String {
    let s = &*settle(s);
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Fits styled spans into `width` columns.
pub fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut left = width;
    let mut out = Vec::new();
    for s in spans {
        if left == 0 {
            break;
        }
        let text = fit(&s.content, left);
        left -= text.width().min(left);
        out.push(Span::styled(text, s.style));
    }
    out
}

/// `s` padded with spaces (or cut) to exactly `width` columns.
pub fn pad(s: &str, width: usize) -> String {
    let f = fit(s, width);
    let w = f.width();
    format!("{f}{}", " ".repeat(width.saturating_sub(w)))
}

/// Word-wraps `s` to `width` columns; words longer than a line are broken.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let s = &*settle(s);
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0;
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        let ww = word.width();
        if cur_w > 0 && cur_w + 1 + ww > width {
            lines.push(std::mem::take(&mut cur));
            cur_w = 0;
        }
        if ww > width {
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if cur_w + cw > width && cur_w > 0 {
                    lines.push(std::mem::take(&mut cur));
                    cur_w = 0;
                }
                cur.push(c);
                cur_w += cw;
            }
            continue;
        }
        if cur_w > 0 {
            cur.push(' ');
            cur_w += 1;
        }
        cur.push_str(word);
        cur_w += ww;
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    const FAMILY: &str = "👨\u{200d}👩\u{200d}👧\u{200d}👦";

    #[test]
    fn emoji_sequences_are_settled_to_their_first_code_point() {
        for (from, to) in [
            (FAMILY, "👨"),
            ("👍\u{1f3fd}", "👍"),
            ("❤\u{fe0f}", "❤"),
            ("1\u{fe0f}\u{20e3}", "1"),
            ("🏳\u{fe0f}\u{200d}🌈", "🏳"),
            (
                "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
                "🏴",
            ),
            ("🇭🇹", "\u{fffd}"),
            ("🇭🇹🇰🇪", "\u{fffd}\u{fffd}"),
            ("🇭", "\u{fffd}"),
            ("🇰🇪\u{200d}☀\u{fe0f}", "\u{fffd}"),
            ("\u{fe0f}x", "x"),
        ] {
            assert_eq!(settle(from), to, "{from:?}");
        }
        // Text without such sequences is left alone, joiners in scripts included.
        for same in [
            "Haïti",
            "e\u{301}",
            "漢字",
            "\u{5d0}\u{200d}\u{5dc}",
            "क्\u{200d}ष",
            "x\u{200d}",
        ] {
            assert_eq!(settle(same), same);
        }
    }

    #[test]
    fn what_is_measured_is_what_is_drawn() {
        let name = FAMILY.repeat(30);
        // 30 first persons, 2 columns each, cut to 21 columns: 10 and the ellipsis.
        assert_eq!(fit(&name, 21), format!("{}…", "👨".repeat(10)));
        assert_eq!(pad(&name, 61).width(), 61);
        for line in wrap(&format!("{name} {name}"), 25) {
            assert!(line.width() <= 25 && !line.contains(ZWJ), "{line:?}");
        }
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(
            0,
            0,
            format!("{FAMILY}❤\u{fe0f}x"),
            ratatui::style::Style::default(),
        );
        settle_cells(&mut buf);
        let cells: Vec<&str> = buf.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(cells, ["👨", " ", "❤", " ", "x", " "]);
    }
}
