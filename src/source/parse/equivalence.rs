//! Reading one mission at a time gives exactly what reading the file whole gives: the
//! same data, or the same messages in the same order at the same places. Checked on
//! generated files (valid and not), on the fuzz corpora and on the test fixtures.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::Config;

use super::*;

/// The file read whole, with `parse`'s own checks before (UTF-16/32, UTF-8, empty).
fn whole(bytes: &[u8]) -> Result<Dataset, Diagnostics> {
    match std::str::from_utf8(bytes) {
        Ok(src) if !src.trim().is_empty() && hints::wide_encoding(bytes).is_none() => {
            parse_whole(src, &line_starts(src))
        }
        _ => parse(bytes),
    }
}

/// The file read one mission at a time, or `None` when it goes to the whole read.
fn in_parts(src: &str) -> Option<Result<Dataset, Diagnostics>> {
    parts::parse_in_parts(src, &line_starts(src), &split::mission_starts(src)?)
}

/// `parse` agrees with the whole read; a valid file with `[[mission]]` tables is read
/// in parts (never twice). Returns whether the file is valid.
fn check(bytes: &[u8]) -> bool {
    let expected = whole(bytes);
    assert_eq!(parse(bytes), expected, "{}", String::from_utf8_lossy(bytes));
    let Ok(src) = std::str::from_utf8(bytes) else {
        return false;
    };
    let headers = split::mission_starts(src).is_some_and(|s| !s.is_empty());
    if let (Ok(_), true) = (&expected, headers) {
        assert_eq!(
            in_parts(src),
            Some(expected.clone()),
            "not read in parts:\n{src}"
        );
    }
    expected.is_ok()
}

/// How a header may spell the `mission` key.
const HEADERS: &[&str] = &[
    "[[mission]]",
    "[[ mission ]]",
    "[[\"mission\"]]",
    "[['mission']]",
    "  [[mission]]   # the next one",
    "[[\tmission\t]]",
    "[[\"mis\\u0073ion\"]]",
];
const STRENGTH_HEADERS: &[&str] = &[
    "[mission.strength]",
    "[ mission . strength ]",
    "[\"mission\".strength]",
    "[mission.'strength']",
];
const IDS: &[&str] = &["a", "b", "c", "d", "A b"];

/// One `[[mission]]` table, as choices.
#[derive(Debug, Clone)]
struct M {
    /// Only choices that keep the mission valid.
    sane: bool,
    header: usize,
    id: usize,
    name: usize,
    successor: usize,
    mandates: usize,
    strength: usize,
    extra: usize,
    tricky: usize,
}

fn mission() -> impl Strategy<Value = M> {
    (
        prop::bool::weighted(0.8),
        0..HEADERS.len(),
        0..IDS.len() + 1,
        0..4usize,
        0..5usize,
        0..5usize,
        0..10usize,
        0..12usize,
        0..12usize,
    )
        .prop_map(
            |(sane, header, id, name, successor, mandates, strength, extra, tricky)| M {
                sane,
                header,
                id,
                name,
                successor,
                mandates,
                strength,
                extra,
                tricky,
            },
        )
}

/// The choices that keep a mission valid.
fn sane(m: &M, i: usize) -> M {
    let pick = |xs: &[usize], k: usize| xs[k % xs.len()];
    M {
        sane: true,
        header: m.header,
        id: usize::MAX - i,
        name: pick(&[0, 1, 2], m.name),
        successor: pick(&[0, 4], m.successor),
        mandates: pick(&[1, 2, 3], m.mandates),
        strength: pick(&[0, 1, 2, 3, 5, 6, 7, 8], m.strength),
        extra: pick(&[0, 2, 5, 9], m.extra),
        tricky: pick(&[0, 1, 5, 9, 10], m.tricky),
    }
}

fn write_mission(m: &M, out: &mut String) {
    out.push_str(HEADERS[m.header]);
    out.push('\n');
    match IDS.get(m.id) {
        Some(id) => out.push_str(&format!("id = \"{id}\"\n")),
        None if m.id > IDS.len() => out.push_str(&format!("id = \"m{}\"\n", usize::MAX - m.id)),
        None => {}
    }
    match m.name {
        0 => out.push_str("name = \"A mission\"\n"),
        1 => out.push_str("name = \"\"\"\nA name\n[[mission]]\nid = \"zz\"\n\"\"\"\n"),
        2 => out.push_str("name = '''\n[mission.strength]\n'''\n"),
        _ => {}
    }
    match m.successor {
        1 => out.push_str("successor = \"b\"\n"),
        2 => out.push_str("successor = \"nowhere\"\n"),
        3 => out.push_str("successor = 7\n"),
        4 => out.push_str("successor = \"m0\"\n"),
        _ => {}
    }
    match m.tricky {
        0 => out.push_str("# [[mission]]\n"),
        1 => out.push_str("summary = \"[[mission]]\" # [[mission]]\n"),
        2 => out.push_str("nmae = \"typo\"\n"),
        3 => out.push_str("id = \"twice\"\n"),
        4 => out.push_str("kind = \"unterminated\n"),
        5 => out.push_str("kind = '[[mission]]' # ]\n\n  \t\n"),
        6 => out.push_str("mission.x = 1\n"),
        7 => out.push_str("timezone = \"Mars/Olympus\"\n"),
        8 => out.push_str("host = 'a lone carriage return'\r"),
        _ => {}
    }
    for k in 0..m.mandates.min(3) {
        out.push_str(&format!(
            "[[mission.mandate]]\nstart = 202{k}-01-01\nend = 202{}-12-31\n",
            if m.mandates == 4 { 0 } else { k }
        ));
    }
    let sh = STRENGTH_HEADERS[m.strength % STRENGTH_HEADERS.len()];
    match m.strength {
        0..=3 => out.push_str(&format!("{sh}\nauthorized = 10\n")),
        4 => out.push_str(&format!("{sh}\nauthorized = 0\nas_of = 2025-01-01\n")),
        5 => out.push_str(&format!(
            "{sh}\nauthorized = 5\nhistory = [\n  {{ date = 2024-01-01, deployed = 1 }},\n]\nas_of = 2025-01-01\n"
        )),
        6 => out.push_str("strength = { authorized = 3, deployed = 2, as_of = 2025-02-02 }\n"),
        // Figures by category, and a category with a typo.
        7 => out.push_str(&format!(
            "{sh}\nauthorized = {{ military = 10, police = 2 }}\nhistory = [{{ date = 2024-01-01, deployed = {{ uniformed = 9 }} }}]\n"
        )),
        8 => out.push_str(&format!("{sh}\ndeployed = {{ militray = 1 }}\nas_of = 2025-01-01\n")),
        _ => {}
    }
    match m.extra {
        0 => out.push_str("[[mission.source]]\ntitle = \"S\"\n"),
        1 => out.push_str("[mission.funding]\nrequired = -1\n"),
        2 => out.push_str("[[mission.contributor]]\ncountry = \"Kenya\"\n[[ mission . contributor ]]\ncountry = \"Chad\"\n"),
        3 => out.push_str("[mission.strength]\nauthorized = 1\n"),
        4 => out.push_str("[mission]\nx = 1\n"),
        5 => out.push_str("[mission.funding.deep]\nx = 1\n"),
        _ => {}
    }
}

/// A whole file, as choices.
#[derive(Debug, Clone)]
struct F {
    /// Only choices that keep the top level valid.
    sane: bool,
    preamble: usize,
    missions: Vec<M>,
    tail: usize,
    crlf: bool,
}

fn file() -> impl Strategy<Value = F> {
    (
        prop::bool::weighted(0.7),
        0..10usize,
        prop::collection::vec(mission(), 0..6),
        0..8usize,
        any::<bool>(),
    )
        .prop_map(|(sane, preamble, missions, tail, crlf)| F {
            sane,
            preamble,
            missions,
            tail,
            crlf,
        })
}

fn write_file(f: &F, filler: usize) -> String {
    let mut out = String::new();
    let (preamble, tail) = match f.sane {
        true => ([0, 1, 2, 7, 8, 9][f.preamble % 6], [2, 9][f.tail % 2]),
        false => (f.preamble, f.tail),
    };
    match preamble {
        0 => out.push_str("title = \"T\"\nwarn_days = 10\n"),
        1 => out.push_str("# a comment\n\n"),
        2 => out.push_str("title = \"\"\"\n[[mission]]\n\"\"\"\n"),
        3 => out.push_str("mission = [ { id = \"i\", name = \"I\", mandate = [{ start = 2020-01-01 }], strength = { authorized = 1 } } ]\n"),
        4 => out.push_str("stale_days = 0\ntitel = \"x\"\n"),
        5 => out.push_str("[other]\nx = 1\n"),
        6 => out.push_str("\"mission\" = []\n"),
        7 => out.push_str("title = \"T\"\n  "),
        8 => out.push_str("\u{feff}# after a byte order mark\n"),
        _ => {}
    }
    // Unique, valid missions to take the file past the size read on every core.
    for (i, m) in f.missions.iter().enumerate() {
        if i == f.missions.len() / 2 {
            for k in 0..filler {
                out.push_str(&format!(
                    "\n[[mission]]\nid = \"f{k}\"\nname = \"Filler {k} with a long name\"\nsummary = \"{}\"\n[[mission.mandate]]\nstart = 2020-01-01\n[mission.strength]\nauthorized = 5\n",
                    "x".repeat(600)
                ));
            }
        }
        match m.sane {
            true => write_mission(&sane(m, i), &mut out),
            false => write_mission(m, &mut out),
        }
    }
    match tail {
        0 => out.push_str("[other]\nx = 1\n"),
        1 => out.push_str("[other.mission]\nx = 1\n"),
        2 => out.push_str("# trailing comment without a newline"),
        3 => out.push_str("[[mission]]"),
        4 => out.push_str("x = ["),
        _ => {}
    }
    if f.crlf {
        out = out.replace('\n', "\r\n");
    }
    out
}

proptest! {
    #![proptest_config(Config { cases: 1024, ..Config::default() })]

    #[test]
    fn generated_files_read_in_parts_as_whole(f in file()) {
        check(write_file(&f, 0).as_bytes());
    }
}

proptest! {
    #![proptest_config(Config { cases: 24, ..Config::default() })]

    /// Past 256 KiB the missions are read on every core.
    #[test]
    fn large_generated_files_read_in_parts_as_whole(f in file()) {
        let src = write_file(&f, 400);
        prop_assume!(src.len() >= 256 << 10);
        check(src.as_bytes());
    }
}

#[test]
fn some_generated_files_are_valid() {
    // The generator must make valid files too, or the property says little.
    let m = M {
        sane: false,
        header: 3,
        id: 0,
        name: 1,
        successor: 0,
        mandates: 2,
        strength: 5,
        extra: 2,
        tricky: 5,
    };
    let f = F {
        sane: false,
        preamble: 2,
        missions: vec![
            m.clone(),
            M {
                id: 1,
                header: 6,
                ..m
            },
        ],
        tail: 9,
        crlf: true,
    };
    let src = write_file(&f, 0);
    assert!(check(src.as_bytes()), "{:?}\n{src}", parse(src.as_bytes()));
    assert!(check(write_file(&f, 400).as_bytes()));
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn corpora_and_fixtures_read_in_parts_as_whole() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    // The corpora are in git; a checkout without them skips them.
    files_under(&root.join("fuzz/corpus/parse"), &mut files);
    files_under(&root.join("fuzz/corpus/structured"), &mut files);
    let mut fixtures = Vec::new();
    files_under(&root.join("tests/fixtures"), &mut fixtures);
    fixtures.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    assert!(!fixtures.is_empty());
    files.extend(fixtures);
    files.push(root.join("data/mss-haiti.toml"));
    let mut valid = 0;
    for p in &files {
        let bytes = std::fs::read(p).unwrap();
        if std::panic::catch_unwind(|| check(&bytes)).unwrap_or_else(|e| {
            eprintln!("{}", p.display());
            std::panic::resume_unwind(e)
        }) {
            valid += 1;
        }
    }
    eprintln!("{} files, {valid} valid", files.len());
    assert!(valid > 0);
}

/// Files with far more problems than are kept, of every kind, with warnings among
/// them: read in parts (on one core and on every core), the problems past the kept
/// ones of a run are only counted, and the kept ones and the counts are those of the
/// whole read.
#[test]
fn files_of_many_problems_read_in_parts_as_whole() {
    for (n, pad) in [(400, 0), (3_000, 60)] {
        let mut src = String::from("title = \"many problems\"\n");
        for i in 0..n {
            let pad = "x".repeat(pad);
            // Warnings first: the errors after them are kept in their place.
            src.push_str(&match if i < n / 3 { 6 } else { i % 6 } {
                6 => format!("[[mission]]\nid = \"w{i}\"\nname = \"W\"\n[[mission.mandate]]\nstart = 2020-01-01\n[mission.strength]\nauthorized = 5\nas_of = 2020-01-01\n"),
                0 => format!("[[mission]]\nid = \"m{i}\"\n"),
                1 => format!("[[mission]]\nid = \"m{i}\"\nname = \"M\"\nnmae = 1\n[[mission.mandate]]\nstart = 2020-01-01\n"),
                2 => format!("[[mission]]\nid = \"A b{i}\"\nsummary = \"{pad}\"\n"),
                3 => format!("[[mission]]\nid = \"m{}\"\nname = \"M\"\ntimezone = \"Mars/Base\"\n[[mission.mandate]]\nstart = 2020-01-01\n", i - 3),
                4 => format!("[[mission]]\nid = \"m{i}\"\nname = \"M\"\nsuccessor = \"nowhere\"\n[[mission.mandate]]\nstart = 2020-01-01\nend = 2019-01-01\n"),
                _ => "[[mission]]\nname = 5\n[[mission.mandate]]\nstart = 2020-01-01\n".to_string(),
            });
        }
        let expected = whole(src.as_bytes());
        let Err(diags) = &expected else {
            panic!("the file should be invalid")
        };
        assert!(diags.left_out > 0, "more problems than are kept");
        assert!(diags.errors < diags.total(), "warnings among them");
        assert_eq!(in_parts(&src), Some(expected.clone()));
        assert_eq!(parse(src.as_bytes()), expected);
    }
}
