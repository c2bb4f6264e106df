//! Resolutions from the `data_extract/YEAR.json` JSON Lines: one JSON object per line,
//! a flat dump of the XML's metadata (no operative paragraphs). Lines are repeated,
//! some degraded; a malformed line is an error naming it and the others are still read.

use serde_json::Value;

use super::{
    dates, dedupe, normalise, number_and_year, reduce_vote, title_case, vote_from_counts,
    Resolution,
};
use crate::import::SourceError;
use crate::source::MAX_FILE_BYTES;

/// Reads every line of `bytes` (the contents of `path`). Records of one symbol are
/// reduced to the most complete.
pub fn parse(bytes: &[u8], path: &str) -> (Vec<Resolution>, Vec<SourceError>) {
    let error = |line: Option<usize>, message: String| SourceError {
        path: path.to_owned(),
        line,
        message,
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return (
            Vec::new(),
            vec![error(
                None,
                format!(
                    "file is {} bytes, over the {} MiB limit",
                    bytes.len(),
                    MAX_FILE_BYTES / 1024 / 1024
                ),
            )],
        );
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let line = i + 1;
        let Ok(text) = std::str::from_utf8(raw) else {
            errors.push(error(Some(line), "not UTF-8 text".into()));
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(text) {
            Ok(value) => match record(&value, path) {
                Ok(r) => out.push(r),
                Err(why) => errors.push(error(Some(line), why)),
            },
            Err(e) => errors.push(error(
                Some(line),
                format!("malformed JSON: {}", normalise(&e.to_string())),
            )),
        }
    }
    (dedupe(out), errors)
}

fn string<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn names(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(title_case)
                .filter(|n| !n.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn count(v: &Value, key: &str) -> Option<u32> {
    match v.get(key)? {
        Value::String(s) => s.trim().parse().ok(),
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        _ => None,
    }
}

fn record(v: &Value, path: &str) -> Result<Resolution, String> {
    if !v.is_object() {
        return Err("not a JSON object".into());
    }
    let (number, year) = number_and_year(string(v, "symbol"))
        .or_else(|| number_and_year(string(v, "resolution_number")))
        .ok_or("no readable symbol (\"S/RES/2829 (2026)\")")?;
    let adopted = dates::date_at_start(&normalise(string(v, "adoption_date")))
        .or_else(|| {
            // "Adopted by the Security Council at its 10231st meeting, on29 September 2026"
            let title = normalise(string(v, "document_title"));
            let at = title.rfind(", on")?;
            dates::date_at_start(&title[at + 4..])
        })
        .ok_or("no readable adoption_date")?;
    let vote = reduce_vote(string(v, "adoption_type")).or_else(|| {
        vote_from_counts(
            count(v, "MS_in_favour_count"),
            count(v, "MS_against_count"),
            count(v, "MS_abstaining_count"),
        )
    });
    let title = Some(normalise(string(v, "resolution_title"))).filter(|t| !t.is_empty());
    Ok(Resolution {
        number,
        year,
        symbol: format!("S/RES/{number} ({year})"),
        adopted,
        vote,
        in_favour: names(v, "MS_in_favour"),
        against: names(v, "MS_against"),
        abstaining: names(v, "MS_abstaining"),
        chapter_vii: string(v, "chapter_VII").contains("Chapter VII"),
        title,
        paragraphs: Vec::new(),
        origin: path.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const FULL: &str = r##"{"symbol": "S/RES/2820 (2026)", "resolution_number": "\t\tResolution 2820 (2026)", "document_title": "Adopted by the Security Council at its 10148th meeting, on30 April 2026", "adoption_date": "30 April 2026", "adoption_type": "Adopted 13-0-2, 10148thmeeting", "resolution_title": "Security Council resolution 2820 (2026) [on extension of the mandate of the UN Mission in South Sudan (UNMISS) until 30 Apr. 2027]", "chapter_VII": "Chapter VII", "MS_in_favour_count": "013", "MS_against_count": "", "MS_abstaining_count": "002", "MS_in_favour": ["FRANCE"], "MS_against": [], "MS_abstaining": ["CHINA", "RUSSIAN FEDERATION"]}"##;
    const DEGRADED: &str = r##"{"symbol": "S/RES/2820 (2026)", "resolution_number": "\t\tResolution 2820 (2026)", "adoption_date": "30 April 2026", "adoption_type": "Adopted 13-0-2, 10148thmeeting", "resolution_title": "", "chapter_VII": "Chapter VII", "MS_in_favour_count": "", "MS_in_favour": [], "MS_against": [], "MS_abstaining": []}"##;

    #[test]
    fn the_full_record_wins_over_a_degraded_copy_either_way() {
        for text in [
            format!("{DEGRADED}\n{FULL}\n"),
            format!("{FULL}\n{DEGRADED}\n"),
        ] {
            let (rs, errors) = parse(text.as_bytes(), "2026.json");
            assert!(errors.is_empty(), "{errors:?}");
            assert_eq!(rs.len(), 1);
            let r = &rs[0];
            assert_eq!(r.number, 2820);
            assert_eq!(r.year, 2026);
            assert_eq!(r.adopted, NaiveDate::from_ymd_opt(2026, 4, 30).unwrap());
            assert_eq!(r.vote.as_deref(), Some("13-0-2"));
            assert_eq!(r.abstaining, vec!["China", "Russian Federation"]);
            assert!(r.chapter_vii);
            assert!(r
                .title
                .as_deref()
                .unwrap()
                .contains("(UNMISS) until 30 Apr. 2027"));
        }
    }

    #[test]
    fn a_malformed_line_is_named_and_the_others_read() {
        let text = format!("{FULL}\n{{\"symbol\": \"S/RES/2821 (2026)\",\n\n[1]\n");
        let (rs, errors) = parse(text.as_bytes(), "2026.json");
        assert_eq!(rs.len(), 1);
        assert_eq!(errors.len(), 2);
        assert_eq!(
            (errors[0].path.as_str(), errors[0].line),
            ("2026.json", Some(2))
        );
        assert!(
            errors[0].message.starts_with("malformed JSON"),
            "{}",
            errors[0].message
        );
        assert_eq!(errors[1].line, Some(4));
        assert_eq!(errors[1].message, "not a JSON object");
    }

    #[test]
    fn nbsp_dates_and_the_document_title_fallback() {
        let a = r##"{"symbol": "S/RES/2821 (2026)", "adoption_date": "29\u00a0May\u00a02026", "adoption_type": "Adopted 9-0-6, 10161st meeting"}"##;
        let b = r##"{"symbol": "S/RES/2823 (2026)", "adoption_date": "", "document_title": "Adopted by the Security Council at its 10180th meeting, on23 June 2026", "adoption_type": "Adopted unanimously, 10180th meeting"}"##;
        let (rs, errors) = parse(format!("{a}\n{b}").as_bytes(), "x.json");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rs[0].adopted, NaiveDate::from_ymd_opt(2026, 5, 29).unwrap());
        assert_eq!(rs[1].adopted, NaiveDate::from_ymd_opt(2026, 6, 23).unwrap());
        assert_eq!(rs[1].vote.as_deref(), Some("unanimous"));
        assert!(rs[1].title.is_none());
    }

    #[test]
    fn a_line_without_symbol_or_date_is_an_error() {
        let (rs, errors) = parse(
            b"{\"adoption_date\": \"1 May 2026\"}\n{\"symbol\": \"S/RES/1 (2026)\"}",
            "x.json",
        );
        assert!(rs.is_empty());
        assert_eq!(errors[0].line, Some(1));
        assert!(errors[0].message.contains("symbol"));
        assert_eq!(errors[1].line, Some(2));
        assert!(errors[1].message.contains("adoption_date"));
    }
}
