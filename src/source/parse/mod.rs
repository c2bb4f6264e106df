//! Parsing and validating a data file: a pure function from its bytes to a [`Dataset`]
//! or to every problem found, each with a line and column.

pub mod allowed_keys;
mod chunks;
mod cross;
mod findings;
mod hints;
mod mission;
mod parts;
mod personnel;
mod split;
mod suggest;
mod tally;
mod values;

use toml::de::DeTable;

use crate::domain::text::clean;
use crate::domain::{Dataset, Diagnostic, Diagnostics, Pos};
use values::{line_starts, Cx};

pub use mission::valid_id;

/// Parses and validates a data file. Returns the problems found, sorted by place (the
/// first [`crate::domain::KEPT`], and how many more).
pub fn parse(bytes: &[u8]) -> Result<Dataset, Diagnostics> {
    if let Some(encoding) = hints::wide_encoding(bytes) {
        return Err(Diagnostics::one(Diagnostic::error(
            None,
            format!("the file looks like {encoding}; save it as UTF-8"),
        )));
    }
    let src = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let col = std::str::from_utf8(good)
                .map(|s| s.rsplit('\n').next().unwrap_or("").chars().count() + 1)
                .unwrap_or(1);
            return Err(Diagnostics::one(Diagnostic::error(
                Some(Pos { line, col }),
                format!(
                    "the file is not valid UTF-8 (bad byte at offset {}); save it as UTF-8",
                    e.valid_up_to()
                ),
            )));
        }
    };
    if src.trim().is_empty() {
        return Err(Diagnostics::one(Diagnostic::error(
            None,
            "the file is empty; it needs at least one [[mission]] table (docs/format.md has an example; `mandate --init FILE` writes a starter)",
        )));
    }
    let starts = line_starts(src);
    // One mission at a time when the layout allows it; the whole file otherwise, and
    // whenever TOML itself finds a problem (then its messages are the whole file's),
    // unless a large file has more syntax errors than are kept: then those, found a
    // piece at a time.
    // A file whose missions have TOML syntax errors is read whole with its clean
    // missions blanked out: the same messages, without the whole file's tree.
    let missions = split::mission_starts(src);
    if let Some(read) = missions
        .as_deref()
        .and_then(|m| parts::parse_in_parts(src, &starts, m))
    {
        return read;
    }
    if src.len() >= chunks::MIN_BYTES {
        if let Some(many) = chunks::many_syntax_errors(src, &starts) {
            return Err(many);
        }
    }
    if let Some(errors) = missions
        .as_deref()
        .and_then(|m| parts::syntax_errors(src, &starts, m))
    {
        return Err(errors);
    }
    parse_whole(src, &starts)
}

/// Reads the file as one piece (every problem is found this way).
fn parse_whole(src: &str, starts: &[usize]) -> Result<Dataset, Diagnostics> {
    let (root, syntax) = DeTable::parse_recoverable(src);
    if let Some(errors) = syntax_messages(src, starts, syntax) {
        return Err(errors);
    }
    Cx::new(src, starts).dataset(root.get_ref(), root.span())
}

/// The TOML problems of a whole read as messages; `None` when there are none.
fn syntax_messages(
    src: &str,
    starts: &[usize],
    syntax: Vec<toml::de::Error>,
) -> Option<Diagnostics> {
    if syntax.is_empty() {
        return None;
    }
    let mut cx = Cx::new(src, starts);
    let mut deep_keys = None::<std::vec::IntoIter<usize>>;
    for e in syntax {
        let pos = match e.span() {
            Some(s) => Some(cx.pos(s.start)),
            // TOML gives no place for a key with too many dots: its start.
            None if e.message() == "recursion limit" => deep_keys
                .get_or_insert_with(|| hints::deep_keys(src).into_iter())
                .next()
                .map(|at| cx.pos(at)),
            None => None,
        };
        cx.diags.push(Diagnostic::error(
            pos,
            format!("TOML syntax: {}", clean(e.message())),
        ));
    }
    Some(cx.finish_errors())
}

#[cfg(test)]
mod equivalence;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use chrono_tz::Tz;

    const MINIMAL: &str = r#"
[[mission]]
id = "mss"
name = "Multinational Security Support"
[[mission.mandate]]
start = 2023-10-02
end = 2024-10-02
[mission.strength]
authorized = 2500
"#;

    fn errors(src: &str) -> Vec<String> {
        parse(src.as_bytes())
            .expect_err("the file should be invalid")
            .iter()
            .map(|d| d.render("f.toml"))
            .collect()
    }

    #[test]
    fn minimal_file_loads_with_defaults() {
        let d = parse(MINIMAL.as_bytes()).unwrap();
        assert_eq!(d.warn_days, 30);
        assert_eq!(d.stale_days, 90);
        let m = &d.missions[0];
        assert_eq!(m.short, "mss");
        assert_eq!(m.timezone, Tz::UTC);
        assert_eq!(m.mandates[0].end, NaiveDate::from_ymd_opt(2024, 10, 2));
        assert_eq!(
            m.strength.as_ref().unwrap().authorized,
            Some(crate::domain::Personnel::Total(2500))
        );
        assert_eq!(m.pos.line, 2);
    }

    #[test]
    fn unknown_key_is_reported_with_place_and_suggestion() {
        let src = MINIMAL.replace("name =", "nmae =");
        let e = errors(&src);
        assert!(
            e.iter().any(|l| l.starts_with(
                "f.toml:4:1: error: unknown key `nmae` in [[mission]] `mss`; did you mean `name`?"
            )),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|l| l.contains("missing the required key `name`")),
            "{e:?}"
        );
    }

    #[test]
    fn missing_keys_name_the_mission_when_its_id_is_known() {
        let no_mandate = MINIMAL.replace(
            "[[mission.mandate]]\nstart = 2023-10-02\nend = 2024-10-02\n",
            "",
        );
        assert_eq!(
            errors(&no_mandate),
            vec![
                "f.toml:2:1: error: [[mission]] `mss` is missing the required key `mandate` (at least one [[mission.mandate]] with a `start` date)",
            ]
        );
        let no_id = no_mandate.replace("id = \"mss\"\n", "");
        let e = errors(&no_id);
        assert!(
            e.contains(&"f.toml:2:1: error: [[mission]] is missing the required key `id` (a short lowercase name such as \"mss\")".to_string()),
            "{e:?}"
        );
        assert!(
            e.contains(&"f.toml:2:1: error: [[mission]] is missing the required key `mandate` (at least one [[mission.mandate]] with a `start` date)".to_string()),
            "{e:?}"
        );
        // an invalid id is reported, and not used to name the mission
        let bad_id = no_mandate.replace("\"mss\"", "\"MSS\"");
        assert!(errors(&bad_id)
            .iter()
            .any(|l| l.contains("error: [[mission]] is missing the required key `mandate`")));
    }

    #[test]
    fn all_problems_are_reported_in_one_run() {
        let src = MINIMAL
            .replace("authorized = 2500", "authorized = 0")
            .replace("end = 2024-10-02", "end = 2020-01-01")
            .replace("id = \"mss\"", "id = \"MSS\"\ntimezone = \"Mars/Olympus\"");
        let e = errors(&src);
        assert_eq!(e.len(), 4, "{e:?}");
        assert!(e[0].contains("id `MSS` is not valid"));
        assert!(e[1].contains("unknown time zone `Mars/Olympus`"));
        assert!(e[2].contains("`end` 2020-01-01 is before `start` 2023-10-02"));
        assert!(e[3].contains("`authorized` in [mission.strength] must be greater than 0, found 0"));
    }

    #[test]
    fn integers_up_to_i64_max_are_accepted() {
        let src = MINIMAL.replace("2500", "9223372036854775807");
        assert_eq!(
            parse(src.as_bytes()).unwrap().missions[0]
                .strength
                .as_ref()
                .unwrap()
                .authorized,
            Some(crate::domain::Personnel::Total(i64::MAX))
        );
        let src = MINIMAL.replace("2500", "9223372036854775808");
        assert!(errors(&src)[0].contains("out of range"));
    }

    #[test]
    fn quoted_date_is_a_type_error() {
        let src = MINIMAL.replace("start = 2023-10-02", "start = \"2023-10-02\"");
        assert!(errors(&src)[0].contains("`start` in [[mission.mandate]] must be a date like 2025-10-02 (unquoted), found the string \"2023-10-02\""));
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let e = errors("[[mission]]\nid = \"a\nname = 1\n");
        assert!(e[0].starts_with("f.toml:2:"), "{e:?}");
        assert!(e[0].contains("TOML syntax"));
    }

    #[test]
    fn not_utf8_and_empty() {
        let e = parse(b"title = \"a\xff\"").unwrap_err();
        assert!(e[0].message.contains("not valid UTF-8"));
        assert!(parse(b"  \n").unwrap_err()[0].message.contains("empty"));
        assert!(parse(b"title = \"x\"").unwrap_err()[0]
            .message
            .contains("no [[mission]]"));
    }

    #[test]
    fn control_characters_in_text_are_cleaned() {
        let src = MINIMAL.replace(
            "Multinational",
            "Multi\\u001b]0;pwned\\u0007national\\u202e",
        );
        let d = parse(src.as_bytes()).unwrap();
        assert_eq!(
            d.missions[0].name,
            "Multi\u{241b}]0;pwned\u{2407}national Security Support"
        );
    }

    #[test]
    fn figures_are_merged_and_duplicates_refused() {
        let src = MINIMAL.replace(
            "authorized = 2500",
            "authorized = 2500\ndeployed = 970\nas_of = 2025-09-30\nhistory = [{ date = 2024-06-25, deployed = 200 }]",
        );
        let d = parse(src.as_bytes()).unwrap();
        let f = &d.missions[0].strength.as_ref().unwrap().figures;
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].deployed.total(), 200);
        assert_eq!(f[1].deployed.total(), 970);
        let dup = src.replace("2024-06-25", "2025-09-30");
        assert!(errors(&dup)
            .iter()
            .any(|e| e.contains("two strength figures for 2025-09-30")));
        let no_as_of = MINIMAL.replace("authorized = 2500", "authorized = 2500\ndeployed = 3");
        assert!(errors(&no_as_of)[0].contains("`deployed` needs `as_of`"));
    }

    #[test]
    fn closed_is_a_date_on_or_after_the_first_period_s_start() {
        let with = |line: &str| {
            MINIMAL.replace(
                "\n[[mission.mandate]]\n",
                &format!("\n{line}\n[[mission.mandate]]\n"),
            )
        };
        let d = parse(with("closed = 2024-10-02").as_bytes()).unwrap();
        assert_eq!(d.missions[0].closed, Some("2024-10-02".parse().unwrap()));
        assert_eq!(parse(MINIMAL.as_bytes()).unwrap().missions[0].closed, None);
        let e = errors(&with("closed = \"2024-10-02\""));
        assert!(e[0].starts_with("f.toml:5:10: error: `closed`"), "{e:?}");
        assert!(e[0].contains("a date like 2025-10-02 (unquoted)"), "{e:?}");
        let e = errors(&with("closed = 2023-10-01"));
        assert_eq!(
            e[0],
            "f.toml:5:10: error: `closed` 2023-10-01 is before the first period's `start` 2023-10-02; an operation closes on or after the day its mandate starts"
        );
        // on the first day itself it is valid
        assert!(parse(with("closed = 2023-10-02").as_bytes()).is_ok());
    }

    #[test]
    fn duplicate_ids_and_unknown_successor() {
        let two = format!(
            "{MINIMAL}{}",
            MINIMAL.replace("\n[[mission]]\n", "\n[[mission]]\nsuccessor = \"gsf\"\n")
        );
        let e = errors(&two);
        assert!(
            e.iter()
                .any(|l| l.contains("duplicate mission id `mss` (first used on line 2)")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|l| l.contains("successor `gsf` names no mission in this file")),
            "{e:?}"
        );
    }

    #[test]
    fn ids_and_successors_are_checked_even_when_a_mission_has_other_errors() {
        let broken = MINIMAL.replace("authorized = 2500", "authorized = 0");
        let two = format!(
            "{broken}{}",
            MINIMAL.replace("\n[[mission]]\n", "\n[[mission]]\nsuccessor = \"gsf\"\n")
        );
        let e = errors(&two);
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(e[0].contains("`authorized` in [mission.strength] must be greater than 0"));
        assert!(e[1].contains("successor `gsf` names no mission in this file; the ids are: mss"));
        assert!(e[2].contains("duplicate mission id `mss` (first used on line 2)"));
        // a mission naming itself
        let own = MINIMAL.replace("\n[[mission]]\n", "\n[[mission]]\nsuccessor = \"mss\"\n");
        assert!(errors(&own)[0].contains("mission `mss` names itself as its successor"));
        // without every id known, an unknown successor is not claimed
        let no_id = format!(
            "{}{}",
            MINIMAL.replace("id = \"mss\"\n", ""),
            MINIMAL
                .replace("id = \"mss\"", "id = \"gsf\"")
                .replace("\n[[mission]]\n", "\n[[mission]]\nsuccessor = \"mss\"\n")
        );
        let e = errors(&no_id);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].contains("missing the required key `id`"));
    }

    /// A portfolio big enough to be read in parts.
    fn big(n: usize) -> String {
        let mut s = String::from("title = \"big\"\nwarn_days = 10\n");
        for i in 0..n {
            let succ = if i % 7 == 0 {
                format!("successor = \"m{}\"\n", (i * 31 + 5) % n)
            } else {
                String::new()
            };
            s.push_str(&format!(
                "\n[[mission]] # {i}\nid = \"m{i}\"\nname = \"Mission {i} with a name\"\n{succ}[[mission.mandate]]\nstart = 2020-01-01\nend = 2030-12-31\n[mission.strength]\nauthorized = {}\nas_of = 2025-01-01\n",
                i + 1
            ));
        }
        s
    }

    /// The file read one mission at a time, or `None` when it would be read whole.
    fn in_parts(src: &str) -> Option<Result<Dataset, Diagnostics>> {
        let starts = line_starts(src);
        parts::parse_in_parts(src, &starts, &split::mission_starts(src)?)
    }

    #[test]
    fn reading_in_parts_gives_what_reading_whole_gives() {
        let src = big(6_000);
        assert!(src.len() >= 1 << 20);
        let whole = parse_whole(&src, &line_starts(&src)).unwrap();
        let parts = in_parts(&src)
            .expect("a valid file is read in parts")
            .unwrap();
        assert_eq!(parts, whole);
        assert_eq!(parts.missions.len(), 6_000);
        assert_eq!(
            parts.missions[5_999].pos.line,
            whole.missions[5_999].pos.line
        );
        assert!(!parts.warnings.is_empty(), "as_of without deployed warns");
    }

    #[test]
    fn a_problem_in_a_big_file_is_reported_as_reading_whole_reports_it() {
        let src = big(6_000).replace("id = \"m5000\"", "id = \"m4999\"");
        let whole = parse_whole(&src, &line_starts(&src));
        assert_eq!(in_parts(&src), Some(whole.clone()));
        let e = parse(src.as_bytes()).unwrap_err();
        assert!(
            e.iter()
                .any(|d| d.message.contains("duplicate mission id `m4999`")),
            "{e:?}"
        );
        let src = big(6_000).replace("successor = \"m", "successor = \"x");
        let whole = parse_whole(&src, &line_starts(&src));
        assert_eq!(in_parts(&src), Some(whole));
        assert!(parse(src.as_bytes()).unwrap_err()[0]
            .message
            .contains("names no mission"));
    }

    #[test]
    fn eighty_thousand_incomplete_missions_keep_100_problems_and_count_all() {
        let src: String = (0..80_000)
            .map(|i| format!("[[mission]]\nid=\"m{i}\"\n"))
            .collect();
        let d = parse(src.as_bytes()).unwrap_err();
        assert_eq!(d.kept.len(), crate::domain::KEPT);
        // No name and no mandate in each.
        assert_eq!((d.errors, d.left_out), (160_000, 159_900));
        assert_eq!(
            d[0].render("f.toml"),
            "f.toml:1:1: error: [[mission]] `m0` is missing the required key `name` (the mission's full name)"
        );
        assert_eq!(d[99].pos.map(|p| p.line), Some(99));
    }

    #[test]
    fn a_toml_error_in_one_part_is_left_to_the_whole_read() {
        let src = big(6_000).replace("id = \"m3000\"", "id = \"m3000");
        assert_eq!(in_parts(&src), None);
        let e = parse(src.as_bytes()).unwrap_err();
        assert_eq!(e, parse_whole(&src, &line_starts(&src)).unwrap_err());
        assert!(e[0].message.starts_with("TOML syntax"), "{e:?}");
    }

    #[test]
    fn an_inline_mission_array_then_mission_tables_is_refused_in_a_big_file() {
        // TOML refuses `mission` defined twice. The old split (by string search, at
        // 1 MiB) cut between a long inline array and the tables, and passed the file.
        let mut src = String::from("title = \"t\"\nmission = [\n");
        for i in 0..10_000 {
            src.push_str(&format!(
                "  {{ id = \"i{i}\", name = \"Inline {i} with a name\", mandate = [{{ start = 2020-01-01 }}], strength = {{ authorized = 1 }} }},\n"
            ));
        }
        src.push_str("]\n");
        src.push_str(&big(200).replace("title = \"big\"\nwarn_days = 10\n", ""));
        assert!(src.len() >= 1 << 20);
        assert_eq!(split::mission_starts(&src), None);
        let e = parse(src.as_bytes()).unwrap_err();
        assert_eq!(
            e[0].render("f.toml"),
            "f.toml:10005:3: error: TOML syntax: duplicate key"
        );
        assert_eq!(e, parse_whole(&src, &line_starts(&src)).unwrap_err());
    }
}
