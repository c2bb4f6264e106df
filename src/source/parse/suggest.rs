//! Suggestions for typos, and how a value is described in messages.

use toml::de::DeValue;

use super::validate::Cx;
use crate::domain::text::clean;

pub(super) fn describe(v: &DeValue) -> String {
    match v {
        DeValue::String(s) => {
            let s = clean(s);
            let short: String = s.chars().take(40).collect();
            let more = if s.chars().count() > 40 { "..." } else { "" };
            format!("the string \"{short}{more}\"")
        }
        DeValue::Integer(i) => format!("the integer {i}"),
        DeValue::Float(f) => format!("the number {f}"),
        DeValue::Boolean(b) => format!("{b}"),
        DeValue::Datetime(d) => format!("the date {d}"),
        DeValue::Array(_) => "an array".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

/// Words longer than this get no suggestion.
const LONGEST: usize = 64;

/// The candidate closest to `word` by edit distance, when it is close enough to be a typo.
///
/// Only candidates whose length is within the limit are compared (the distance is at
/// least the difference of the lengths), and a comparison stops once two rows of its
/// table are past the limit; the first closest candidate wins, as before.
pub(super) fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if word.len() > LONGEST {
        return None;
    }
    let w: Vec<char> = word.to_lowercase().chars().collect();
    let limit = (w.len() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    let mut c_chars = Vec::new();
    for &c in candidates {
        if c.is_ascii() && c.len().abs_diff(w.len()) > limit {
            continue;
        }
        c_chars.clear();
        c_chars.extend(c.to_lowercase().chars());
        if c_chars.len().abs_diff(w.len()) > limit {
            continue;
        }
        let d = edit_distance(&w, &c_chars, limit);
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Every time zone name, once.
fn zone_names() -> &'static [&'static str] {
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect())
}

impl Cx<'_> {
    /// The known zone nearest to an unknown one; computed once per distinct name.
    pub(super) fn zone_hint(&mut self, zone: &str) -> Option<&'static str> {
        if let Some(&hint) = self.zone_hints.get(zone) {
            return hint;
        }
        let hint = nearest(zone, zone_names());
        self.zone_hints.insert(zone.to_string(), hint);
        self.suggestions_computed += 1;
        hint
    }
}

/// Optimal string alignment distance (insertions, deletions, substitutions and swaps of
/// neighbours), or some value over `limit` once it is certain to be over it.
fn edit_distance(a: &[char], b: &[char], limit: usize) -> usize {
    #[cfg(test)]
    tests::COMPARED.with(|c| c.set(c.get() + 1));
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    let mut previous_min = 0;
    for i in 1..=a.len() {
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
            row_min = row_min.min(v);
        }
        // A row's minimum is at least the smaller of the last row's and one more than
        // the row before's: two rows past the limit, every later one is past it too.
        if row_min > limit && previous_min > limit {
            return limit + 1;
        }
        previous_min = row_min;
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse::validate::{line_starts, MISSION_KEYS};

    thread_local! {
        /// How many edit distances this thread computed.
        pub(super) static COMPARED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    #[test]
    fn bogus_zones_cost_no_comparison_and_each_is_computed_once() {
        let src = "x";
        let starts = line_starts(src);
        let mut cx = Cx::new(src, &starts);
        COMPARED.with(|c| c.set(0));
        // 20,000 distinct 64-character names: no zone is within 21 edits of that length.
        for i in 0..20_000 {
            assert_eq!(cx.zone_hint(&format!("Bogus/{i:058}")), None);
        }
        assert_eq!(COMPARED.with(|c| c.get()), 0);
        // The same typo 20,000 times: computed once.
        for _ in 0..20_000 {
            assert_eq!(
                cx.zone_hint("America/Port_au_Prince"),
                Some("America/Port-au-Prince")
            );
        }
        assert_eq!(cx.suggestions_computed, 20_001);
        let compared = COMPARED.with(|c| c.get());
        assert!(
            0 < compared && compared < zone_names().len(),
            "only zones of a near length: {compared}"
        );
    }

    #[test]
    fn nearest_finds_typos_only() {
        assert_eq!(nearest("nmae", MISSION_KEYS), Some("name"));
        assert_eq!(nearest("zzzzzz", MISSION_KEYS), None);
    }
}
