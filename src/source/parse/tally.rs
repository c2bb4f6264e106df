//! The number of problems TOML finds in a piece of a large file, counted without making
//! a message for any of them, for the pieces whose problems can only be counted (they
//! come after the kept ones).
//!
//! Reading a piece with [`toml::de::DeTable::parse_recoverable`] builds an error object
//! (a message, a vector, a shared copy of the text) for every problem: for a file of
//! millions of syntax errors that is most of the time taken. Here the piece goes
//! through TOML's own lexer and parser (the same ones that read does) into a sink that
//! only counts, and the few checks that the table building adds (the decoding of keys
//! and values, dates, a key given twice) are made as it makes them. Only a piece of
//! plain `key = value` lines (values may be arrays) is counted this way: one with a table
//! header, a dotted key or an inline table (whose building has more checks), or with a problem that
//! has no place, is left to the full read (`None`).

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

use toml::value::Datetime;
use toml_parser::decoder::ScalarKind;
use toml_parser::parser::{parse_document, Event, EventKind, RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Source};

/// The depth of brackets at which TOML's read stops (its own limit).
const DEPTH: u32 = 80;

/// How many problems a full read of `text` reports at a place in `own`; `None` when
/// the piece is not one of plain `key = value` lines (arrays allowed), or a problem has no place.
pub(super) fn count(text: &str, own: Range<usize>) -> Option<usize> {
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut events: Vec<Event> = Vec::with_capacity(tokens.len());
    let mut sink = Tally {
        own,
        found: 0,
        unplaced: false,
    };
    {
        let mut whitespace = ValidateWhitespace::new(&mut events, source);
        let mut guard = RecursionGuard::new(&mut whitespace, DEPTH);
        parse_document(&tokens, &mut guard, &mut sink);
    }
    if events.iter().any(|e| {
        matches!(
            e.kind(),
            EventKind::StdTableOpen
                | EventKind::ArrayTableOpen
                | EventKind::InlineTableOpen
                | EventKind::KeySep
        )
    }) {
        return None;
    }
    // What the table building does with these events: each key decoded, then (when
    // `=` follows) its value decoded and the key entered in the table, once.
    let mut walk = Walk {
        source,
        events: &events,
        at: 0,
    };
    let mut keys: HashSet<Cow<'_, str>> = HashSet::new();
    while let Some(event) = walk.take(None) {
        if event.kind() != EventKind::SimpleKey {
            continue;
        }
        let mut key = Cow::Borrowed("");
        source.get(event)?.decode_key(&mut key, &mut sink);
        walk.take(Some(EventKind::Whitespace));
        if walk.take(Some(EventKind::KeyValSep)).is_none() {
            // The read stops at a key not followed by `=` (or at the end).
            break;
        }
        walk.take(Some(EventKind::Whitespace));
        // The value's event is taken whatever it is (only a scalar or an array is read).
        if let Some(value) = walk.take(None) {
            match value.kind() {
                EventKind::Scalar => walk.scalar(value, &mut sink)?,
                EventKind::ArrayOpen => walk.array(&mut sink)?,
                _ => {}
            }
        }
        if !keys.insert(key) {
            sink.report_error(ParseError::new("duplicate key").with_unexpected(event.span()));
        }
    }
    (!sink.unplaced).then_some(sink.found)
}

/// The events of a piece, read in order as the table building reads them.
struct Walk<'s, 'e> {
    source: Source<'s>,
    events: &'e [Event],
    at: usize,
}

impl<'e> Walk<'_, 'e> {
    /// The next event (of kind `want`, if given: otherwise none is taken).
    fn take(&mut self, want: Option<EventKind>) -> Option<&'e Event> {
        let events = self.events;
        let e = events
            .get(self.at)
            .filter(|e| want.is_none_or(|k| e.kind() == k))?;
        self.at += 1;
        Some(e)
    }

    /// A scalar value decoded, and a date read.
    fn scalar(&mut self, value: &Event, sink: &mut Tally) -> Option<()> {
        let mut decoded = Cow::Borrowed("");
        let kind = self.source.get(value)?.decode_scalar(&mut decoded, sink);
        if matches!(kind, ScalarKind::DateTime) && decoded.parse::<Datetime>().is_err() {
            sink.report_error(ParseError::new("date").with_unexpected(value.span()));
        }
        Some(())
    }

    /// An array after its `[`: to its `]`, or to the first event that cannot be in it
    /// (taken too).
    fn array(&mut self, sink: &mut Tally) -> Option<()> {
        while let Some(event) = self.take(None) {
            match event.kind() {
                EventKind::Scalar => self.scalar(event, sink)?,
                EventKind::ArrayOpen => self.array(sink)?,
                EventKind::Error
                | EventKind::ValueSep
                | EventKind::Whitespace
                | EventKind::Comment
                | EventKind::Newline => {}
                // Not in these pieces.
                EventKind::InlineTableOpen => return None,
                EventKind::StdTableOpen
                | EventKind::ArrayTableOpen
                | EventKind::InlineTableClose
                | EventKind::SimpleKey
                | EventKind::KeySep
                | EventKind::KeyValSep
                | EventKind::StdTableClose
                | EventKind::ArrayTableClose
                | EventKind::ArrayClose => break,
            }
        }
        Some(())
    }
}

/// Counts the problems at a place in `own`, and notes one without a place.
struct Tally {
    own: Range<usize>,
    found: usize,
    unplaced: bool,
}

impl ErrorSink for Tally {
    fn report_error(&mut self, error: ParseError) {
        match error.unexpected() {
            Some(span) if self.own.contains(&span.start()) => self.found += 1,
            Some(_) => {}
            None => self.unplaced = true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml::de::DeTable;

    /// What the full read reports at a place in `own` (`None`: a problem without one).
    fn full(text: &str, own: Range<usize>) -> Option<usize> {
        let (_, errors) = DeTable::parse_recoverable(text);
        let mut n = 0;
        for e in errors {
            match e.span() {
                Some(s) if own.contains(&s.start) => n += 1,
                Some(_) => {}
                None => return None,
            }
        }
        Some(n)
    }

    #[test]
    fn the_count_is_the_full_reads_on_random_pieces() {
        const PARTS: [&str; 32] = [
            "=",
            "\n",
            "a",
            "b",
            " ",
            "\t",
            "\"",
            "'",
            "#",
            "1",
            "-",
            ":",
            "T",
            "\\",
            ".",
            "[",
            "]",
            "{",
            "}",
            ",",
            "\r",
            "é",
            "2024-01-01",
            "2024-13-45",
            "12:61:00",
            "\"\"\"",
            "0x",
            "+inf",
            "true",
            "\u{7f}",
            "a = [",
            "= [1, ",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let (mut counted, mut left) = (0, 0);
        for _ in 0..20_000 {
            let len = (next() % 40) as usize;
            let text: String = (0..len)
                .map(|_| PARTS[(next() % PARTS.len() as u64) as usize])
                .collect();
            let from = (next() as usize) % (text.len() + 1);
            let own = from..text.len();
            match count(&text, own.clone()) {
                Some(n) => {
                    counted += 1;
                    assert_eq!(Some(n), full(&text, own), "{text:?}");
                }
                None => left += 1,
            }
        }
        // Both ways were taken often.
        assert!(counted > 2_000 && left > 2_000, "{counted} {left}");
    }

    #[test]
    fn lines_of_equals_and_a_long_line_are_counted() {
        for text in [
            "=\n".repeat(5_000),
            "=".repeat(10_000),
            "a = 1\na = 2\n=\n".repeat(100),
        ] {
            let own = 3..text.len();
            assert_eq!(count(&text, own.clone()), full(&text, own));
            assert!(count(&text, 0..text.len()).is_some());
        }
        assert_eq!(count("[t]\n=\n", 0..6), None);
        assert_eq!(count("a.b = 1\n", 0..8), None);
        assert_eq!(count("a = {\n=\n", 0..8), None);
        let arr = format!("a = [\n{}\n]", "=\n".repeat(1_000));
        assert_eq!(count(&arr, 5..arr.len() - 2), full(&arr, 5..arr.len() - 2));
        assert!(count(&arr, 0..arr.len()).is_some());
    }
}
