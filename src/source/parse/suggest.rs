//! Suggestions for typos, and how a value is described in messages.

use std::collections::HashMap;

use toml::de::DeValue;

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

/// The candidate closest to `word` by edit distance (optimal string alignment:
/// insertions, deletions, substitutions and swaps of neighbours, by `strsim`), when it is
/// close enough to be a typo.
///
/// Only candidates whose length is within the limit are compared (the distance is at
/// least the difference of the lengths); the first closest candidate wins.
pub(super) fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if word.len() > LONGEST {
        return None;
    }
    let w = word.to_lowercase();
    let w_len = w.chars().count();
    let limit = (w_len / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for &c in candidates {
        if c.is_ascii() && c.len().abs_diff(w_len) > limit {
            continue;
        }
        let c_lower = c.to_lowercase();
        if c_lower.chars().count().abs_diff(w_len) > limit {
            continue;
        }
        let d = edit_distance(&w, &c_lower);
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

/// The suggestion for each unknown time zone met so far.
#[derive(Default)]
pub(super) struct ZoneHints {
    seen: HashMap<String, Option<&'static str>>,
    /// How many suggestions were computed (not taken from `seen`).
    computed: usize,
}

impl ZoneHints {
    /// The known zone nearest to an unknown one; computed once per distinct name.
    pub(super) fn nearest(&mut self, zone: &str) -> Option<&'static str> {
        if let Some(&hint) = self.seen.get(zone) {
            return hint;
        }
        let hint = nearest(zone, zone_names());
        self.seen.insert(zone.to_string(), hint);
        self.computed += 1;
        hint
    }
}

/// The edit distance, by `strsim` (counted in tests).
fn edit_distance(a: &str, b: &str) -> usize {
    #[cfg(test)]
    tests::COMPARED.with(|c| c.set(c.get() + 1));
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse::allowed_keys::MISSION_KEYS;

    thread_local! {
        /// How many edit distances this thread computed.
        pub(super) static COMPARED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    #[test]
    fn bogus_zones_cost_no_comparison_and_each_is_computed_once() {
        let mut hints = ZoneHints::default();
        COMPARED.with(|c| c.set(0));
        // 20,000 distinct 64-character names: no zone is within 21 edits of that length.
        for i in 0..20_000 {
            assert_eq!(hints.nearest(&format!("Bogus/{i:058}")), None);
        }
        assert_eq!(COMPARED.with(|c| c.get()), 0);
        // The same typo 20,000 times: computed once.
        for _ in 0..20_000 {
            assert_eq!(
                hints.nearest("America/Port_au_Prince"),
                Some("America/Port-au-Prince")
            );
        }
        assert_eq!(hints.computed, 20_001);
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

    #[test]
    fn nearest_counts_a_swap_as_one_edit_and_keeps_the_thresholds() {
        // one swap: within the limit of 1 for a 4-letter word
        assert_eq!(nearest("laed", MISSION_KEYS), Some("lead"));
        // two edits in a 5-letter word: over its limit of 1
        assert_eq!(nearest("hoxtx", MISSION_KEYS), None);
        // case is ignored; the first of equally near candidates wins
        assert_eq!(nearest("NAME", MISSION_KEYS), Some("name"));
        assert_eq!(
            nearest("militray", &["military", "police"]),
            Some("military")
        );
        assert_eq!(nearest(&"a".repeat(65), &["a"]), None);
    }
}
