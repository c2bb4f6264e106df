//! Suggestions for typos, and how a value is described in messages.

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

/// The candidate closest to `word` by edit distance (optimal string alignment:
/// insertions, deletions, substitutions and swaps of neighbours), when it is close
/// enough to be a typo.
pub(super) fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if word.len() > 64 {
        return None;
    }
    let w = word.to_lowercase();
    let limit = (w.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|c| (strsim::osa_distance(&w, &c.to_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse::keys::MISSION_KEYS;

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
