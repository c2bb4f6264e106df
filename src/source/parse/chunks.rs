//! A first look at a large file's TOML syntax, a piece at a time, so that a file with
//! millions of syntax errors is reported without ever holding them all (reading it
//! whole keeps a token, an event and an error for every one).
//!
//! The file is cut at newlines outside brackets (strings and comments are single
//! tokens of TOML's own lexer) into pieces of about [`PIECE`] bytes, and each piece is
//! parsed on its own. A stretch of [`FORCED`] bytes with no such newline (a huge array,
//! an unclosed bracket) is cut at its next newline anyway (or, on a line of [`LONG_LINE`]
//! bytes, at any token), with the brackets open there reopened before the next piece and closed
//! after this one, so that the pieces still read as the file does.

use toml::de::DeTable;
use toml_parser::lexer::TokenKind;
use toml_parser::Source;

use super::findings::Findings;
use super::tally;
use super::values::Cx;
use crate::domain::text::clean;
use crate::domain::{Diagnostic, Diagnostics, Severity, KEPT};

/// Files at least this large, when they are read whole, get the look in pieces first.
pub(super) const MIN_BYTES: usize = 1 << 20;
/// The size of a piece.
const PIECE: usize = 32 << 10;
/// The longest stretch without a newline outside brackets.
const FORCED: usize = 256 << 10;
/// The longest stretch without any newline.
const LONG_LINE: usize = 32 << 10;

/// More than [`KEPT`] TOML syntax errors, found a piece at a time: the first of them and
/// their count. `None` when there are fewer (the whole read then finds them, in its own
/// words, beside the rest).
pub(super) fn many_syntax_errors(src: &str, starts: &[usize]) -> Option<Diagnostics> {
    let pieces = pieces(src);
    // Contiguous runs of pieces, one per core.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let per_thread = pieces.len().div_ceil(threads).max(1);
    let runs: Vec<Findings> = std::thread::scope(|scope| {
        let handles: Vec<_> = pieces
            .chunks(per_thread)
            .map(|run| scope.spawn(move || read_run(src, starts, run)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    let mut all = Findings::default();
    for run in runs {
        all.append(run);
    }
    (all.errors() > KEPT).then(|| all.finish())
}

/// The syntax errors of pieces in order.
fn read_run(src: &str, starts: &[usize], run: &[Piece]) -> Findings {
    let mut cx = Cx::new(src, starts);
    for piece in run {
        let text = format!(
            "{}{}{}",
            piece.before,
            &src[piece.range.clone()],
            piece.after
        );
        let own = piece.before.len()..piece.before.len() + piece.range.len();
        // Once the kept ones are all before this piece, its problems are only counted:
        // without making their messages when the piece allows it.
        let counted_only = !cx
            .diags
            .could_keep(Severity::Error, Some(cx.pos(piece.range.start)));
        if counted_only {
            if let Some(n) = tally::count(&text, own.clone()) {
                cx.diags.count_many(Severity::Error, n);
                continue;
            }
        }
        let (_, errors) = DeTable::parse_recoverable(&text);
        for e in errors {
            let pos = match e.span() {
                // A place in the brackets added around the piece is not the file's.
                Some(s) if !own.contains(&s.start) => continue,
                Some(_) if counted_only => {
                    cx.diags.count(Severity::Error);
                    continue;
                }
                Some(s) => Some(cx.pos(piece.range.start + s.start - own.start)),
                None => None,
            };
            if !cx.diags.could_keep(Severity::Error, pos) {
                cx.diags.count(Severity::Error);
                continue;
            }
            cx.diags.push(Diagnostic::error(
                pos,
                format!("TOML syntax: {}", clean(e.message())),
            ));
        }
    }
    std::mem::take(&mut cx.diags)
}

/// A piece of the file, and the text around it that stands for the brackets open at
/// its ends.
#[derive(Debug, PartialEq)]
struct Piece {
    before: String,
    range: std::ops::Range<usize>,
    after: String,
}

/// The file in pieces, in order, covering all of it.
///
/// A piece ends before a table header of one key (`[[mission]]`, `[x]`), or at any
/// line while no header has come: a piece that starts in the middle of a table, or at
/// `[mission.strength]`, would read its keys into another table than the file does
/// (and find duplicates the file does not have). Only a stretch of [`FORCED`] bytes
/// without such a place is cut elsewhere.
fn pieces(src: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut before = String::new();
    // The brackets open (`[` or `{`) of values (a newline ends a table header).
    let mut open: Vec<u8> = Vec::new();
    // In a table header: where its line starts, and whether it has a dot so far.
    let mut header: Option<(usize, bool)> = None;
    // Whether only blanks came since the last newline outside brackets, which ended at
    // `line`.
    let mut line_start = true;
    let mut line = 0;
    // Where the current line (inside brackets or not) began.
    let mut line_began = 0;
    // Whether a table header came in this piece.
    let mut headers = false;
    for token in Source::new(src).lex() {
        let kind = token.kind();
        let end = token.span().end();
        let mut cut_at = None;
        match (kind, header) {
            (TokenKind::LeftSquareBracket, None) if open.is_empty() && line_start => {
                header = Some((line, false));
                headers = true;
            }
            (TokenKind::Dot, Some((at, _))) => header = Some((at, true)),
            (TokenKind::RightSquareBracket, Some((at, dotted))) => {
                if !dotted && at - start >= PIECE {
                    cut_at = Some(at);
                }
                header = Some((usize::MAX, true));
            }
            (TokenKind::Newline, _) => {
                header = None;
                if open.is_empty() {
                    line = end;
                }
            }
            (_, Some(_)) => {}
            (TokenKind::LeftSquareBracket, None) => open.push(b'['),
            (TokenKind::LeftCurlyBracket, None) => open.push(b'{'),
            (TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket, None) => {
                open.pop();
            }
            _ => {}
        }
        line_start = match kind {
            TokenKind::Newline => open.is_empty(),
            TokenKind::Whitespace => line_start,
            _ => false,
        };
        let forced = match kind {
            // Still in the top-level table: cut at any line.
            TokenKind::Newline if open.is_empty() && !headers => end - start >= PIECE,
            TokenKind::Newline => end - start >= FORCED,
            TokenKind::Eof => false,
            // A line this long (no newline for [`LONG_LINE`] bytes) is cut anywhere.
            _ => end - start >= LONG_LINE && end - line_began >= LONG_LINE,
        };
        if kind == TokenKind::Newline {
            line_began = end;
        }
        if cut_at.is_none() && forced {
            cut_at = Some(end);
        }
        if let Some(at) = cut_at {
            let (after, next) = if at == end {
                brackets(&open)
            } else {
                (String::new(), String::new())
            };
            out.push(Piece {
                before: std::mem::replace(&mut before, next),
                range: start..at,
                after,
            });
            start = at;
            headers = at != end;
        }
    }
    if start < src.len() || out.is_empty() {
        out.push(Piece {
            before,
            range: start..src.len(),
            after: String::new(),
        });
    }
    out
}

/// For brackets open at a cut: the text that closes them after the piece before it, and
/// the text that opens them again before the piece after it (under a made-up key).
fn brackets(open: &[u8]) -> (String, String) {
    if open.is_empty() {
        return (String::new(), String::new());
    }
    let mut close = String::from("\n");
    for &b in open.iter().rev() {
        close.push(if b == b'[' { ']' } else { '}' });
    }
    let mut reopen = String::from("__ = ");
    for (i, &b) in open.iter().enumerate() {
        if i > 0 && open[i - 1] == b'{' {
            reopen.push_str("_ = ");
        }
        reopen.push(char::from(b));
    }
    (close, reopen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse::values::line_starts;

    #[test]
    fn pieces_cover_the_file_and_cut_outside_brackets() {
        let line = "a = [1,\n2]\nb = \"\"\"\nx\n[t]\n\"\"\"\n[t.u]\n[[t]]\n";
        let src = line.repeat(PIECE / line.len() * 3);
        let p = pieces(&src);
        assert!(p.len() >= 3, "{}", p.len());
        assert_eq!(p[0].range.start, 0);
        assert_eq!(p.last().unwrap().range.end, src.len());
        for w in p.windows(2) {
            assert_eq!(w[0].range.end, w[1].range.start);
            assert!(
                src[w[0].range.end..].starts_with("[[t]]\n"),
                "a cut before a header of one key"
            );
        }
        assert!(p.iter().all(|p| p.before.is_empty() && p.after.is_empty()));
    }

    #[test]
    fn a_long_array_is_cut_with_its_brackets_and_reads_cleanly() {
        let mut src = String::from("title = \"t\"\nbig = [\n");
        while src.len() < 3 * FORCED {
            src.push_str("  { date = 2024-01-01, n = [1, 2] },\n");
        }
        src.push_str("]\n");
        let p = pieces(&src);
        assert!(p.len() >= 2);
        assert_eq!(p[0].after, "\n]");
        assert_eq!(p[1].before, "__ = [");
        assert_eq!(many_syntax_errors(&src, &line_starts(&src)), None);
        for piece in &p {
            let text = format!(
                "{}{}{}",
                piece.before,
                &src[piece.range.clone()],
                piece.after
            );
            assert!(DeTable::parse_recoverable(&text).1.is_empty());
        }
    }

    #[test]
    fn millions_of_errors_are_counted_and_the_first_kept() {
        let src = "=\n".repeat(MIN_BYTES); // 2 MiB, 1,048,576 lines
        let d = many_syntax_errors(&src, &line_starts(&src)).expect("many errors");
        assert_eq!(d.kept.len(), KEPT);
        // Reading whole: 2 errors on the first line, 3 on every other one (the empty key
        // again). Each piece starts afresh: one duplicate fewer per piece.
        let pieces = pieces(&src).len();
        assert_eq!(d.errors, 3 * (1 << 20) - 1 - (pieces - 1));
        assert_eq!(d.left_out, d.errors - KEPT);
        let whole = super::super::parse_whole(&src[..2_000], &line_starts(&src[..2_000]));
        assert_eq!(d.kept[..], whole.unwrap_err().kept[..KEPT]);
    }
}
