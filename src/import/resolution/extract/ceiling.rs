//! Whether an operative paragraph sets a personnel ceiling, and the sentence that does.

/// Words after which a number of personnel is a ceiling.
const UP_TO: [&str; 4] = ["up to ", "maximum of ", "not exceed ", "not to exceed "];
const PERSONNEL: [&str; 8] = [
    "personnel",
    "troops",
    "military",
    "police",
    "officers",
    "observers",
    "staff",
    "soldiers",
];
/// Words of strength that make a ceiling when a number of personnel goes with them.
const STRENGTH_WORDS: [&str; 6] = [
    "authorized strength",
    "authorised strength",
    "maximum strength",
    "force level",
    "troop level",
    "authorized force",
];

/// The sentence of an operative paragraph that sets a personnel ceiling ("a troop
/// ceiling of 12,500 personnel", "up to 2,500 military personnel", "an authorized
/// strength of 700 personnel"), if one does. Strength words without a number of
/// personnel (a study of "force levels") are not a ceiling.
pub fn ceiling_sentence(text: &str) -> Option<String> {
    sentences(text)
        .into_iter()
        .find(|s| {
            let lower = s.to_lowercase();
            lower.contains("ceiling")
                || UP_TO.iter().any(|w| {
                    lower
                        .match_indices(w)
                        .any(|(at, _)| personnel_at(&lower[at + w.len()..]))
                })
                || (STRENGTH_WORDS.iter().any(|w| lower.contains(w))
                    && lower.char_indices().any(|(i, _)| personnel_at(&lower[i..])))
        })
        .map(str::to_owned)
}

/// Whether `rest` starts with a number ("2,500") followed within a few words by a word
/// for personnel.
fn personnel_at(rest: &str) -> bool {
    if !rest.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let number_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ','))
        .unwrap_or(rest.len());
    let after = &rest[number_len..];
    let mut k = after.len().min(48);
    while !after.is_char_boundary(k) {
        k -= 1;
    }
    PERSONNEL.iter().any(|p| after[..k].contains(p))
}

/// A paragraph's sentences: split at semicolons and at a full stop followed by a space
/// and a capital.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let split = c == ';'
            || (c == '.'
                && bytes.get(i + 1) == Some(&b' ')
                && bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase));
        if split {
            let s = text[start..=i].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = i + 1;
        }
    }
    let s = text[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}
