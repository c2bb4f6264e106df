use super::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/contributions/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).unwrap()
}

fn names(list: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
    list.iter()
        .map(|(id, n)| (id.to_string(), n.iter().map(|s| s.to_string()).collect()))
        .collect()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn cats(list: &[(Category, i64)]) -> BTreeMap<Category, i64> {
    list.iter().copied().collect()
}

use Category::*;

#[test]
fn the_hdx_file_with_every_quirk() {
    let missions = names(&[
        ("unmiss", &["UNMISS", "unmiss"]),
        ("undof", &["UNDOF", "undof"]),
        ("mss", &["MSS", "mss"]),
    ]);
    let (deps, unmatched) =
        read_contributions("hdx.csv", &fixture("hdx.csv"), &missions, None).unwrap();
    assert_eq!(deps.len(), 2, "{deps:?}");
    let undof = &deps[0];
    assert_eq!(undof.mission, "undof");
    assert_eq!(undof.latest.date, d("2026-01-31"));
    assert_eq!(undof.latest.by_category, cats(&[(Military, 410)]));
    assert_eq!(undof.earlier.len(), 1);
    assert_eq!(undof.earlier[0].by_category, cats(&[(Military, 400)]));

    let unmiss = &deps[1];
    assert_eq!(unmiss.mission, "unmiss");
    assert_eq!(unmiss.latest.date, d("2026-01-31"));
    // Female plus male per type; #N/A and an empty cell count as 0.
    assert_eq!(
        unmiss.latest.by_category,
        cats(&[
            (Military, 50 + 650 + 100 + 2300),
            (Observers, 2 + 10 + 5),
            (Police, 20),
            (FormedPolice, 160)
        ])
    );
    // Earlier months oldest first.
    assert_eq!(
        unmiss.earlier,
        vec![
            MonthFigure {
                date: d("2025-11-30"),
                by_category: cats(&[(Military, 2080)])
            },
            MonthFigure {
                date: d("2025-12-31"),
                by_category: cats(&[(Military, 680 + 2380)])
            },
        ]
    );
    assert_eq!(
        unmiss.contributors,
        vec![
            ("India".to_string(), 2405),
            ("Ghana".to_string(), 712),
            ("Rwanda".to_string(), 160),
            ("Nepal".to_string(), 20)
        ]
    );
    assert_eq!(
        unmiss.source,
        NewSource {
            title: "UN Peacekeeping, troop and police contributions (Jan 2026)".into(),
            url: CONTRIBUTIONS_URL.into(),
            date: d("2026-01-31"),
        }
    );
    // Trailing spaces trimmed; a 1999 date read as 1999.
    assert_eq!(
        unmatched,
        BTreeMap::from([("MINUSMA".to_string(), 2), ("UNTAET".to_string(), 1)])
    );
}

#[test]
fn the_data_hub_spelling_with_aliases_and_since() {
    let missions = names(&[
        ("undof", &["UNDOF"]),
        ("colombia-vm", &["Colombia VM", "colombia-vm", "UNVMC"]),
        ("unmik", &["UNMIK"]),
    ]);
    let bytes = fixture("datahub.csv");
    let (deps, unmatched) = read_contributions("datahub.csv", &bytes, &missions, None).unwrap();
    assert!(unmatched.is_empty(), "{unmatched:?}");
    let ids: Vec<&str> = deps.iter().map(|d| d.mission.as_str()).collect();
    assert_eq!(ids, ["colombia-vm", "undof", "unmik"]);
    assert_eq!(deps[0].latest.by_category, cats(&[(Observers, 10)]));
    let undof = &deps[1];
    assert_eq!(undof.latest.date, d("2026-02-28"));
    assert_eq!(
        undof.latest.by_category,
        cats(&[(Military, 410), (Observers, 5)])
    );
    assert_eq!(
        undof.contributors,
        vec![
            ("Nepal".to_string(), 410),
            ("Korea, Republic of".to_string(), 5)
        ]
    );
    assert_eq!(undof.earlier[0].date, d("2026-01-31"));
    assert_eq!(deps[2].latest.by_category, cats(&[(Police, 2)]));
    // `since` bounds the earlier months only.
    let (deps, _) =
        read_contributions("datahub.csv", &bytes, &missions, Some(d("2026-02-01"))).unwrap();
    assert!(deps[1].earlier.is_empty());
    assert_eq!(deps[2].latest.date, d("2026-01-31"));
}

const HEAD: &str = "Contributing_Country,Mission_Acronym,Personnel_Type,Female_Personnel,Male_Personnel,Last_Reporting_Date\n";

fn one(rows: &str) -> Result<Contributions, SourceError> {
    read(
        "f.csv",
        format!("{HEAD}{rows}").as_bytes(),
        &names(&[("m", &["M"])]),
        None,
    )
}

#[test]
fn an_unreadable_row_of_a_matched_mission_is_an_error_naming_its_line() {
    let e = one("Ghana,M,Troops,1,2,31-Nov-25\n").unwrap_err();
    assert_eq!((e.path.as_str(), e.line), ("f.csv", Some(2)));
    assert!(
        e.message
            .contains("reporting date `31-Nov-25` cannot be read"),
        "{e:?}"
    );
    let e = one("Ghana,M,Troops,1,2,30-Nov-25\nGhana,M,Civilians,1,2,30-Nov-25\n").unwrap_err();
    assert_eq!(e.line, Some(3));
    assert!(
        e.message
            .contains("personnel type `Civilians` is not one of: Troops, Staff Officer"),
        "{e:?}"
    );
    let e = one("Ghana,M,Troops,-1,2,30-Nov-25\n").unwrap_err();
    assert!(e.message.contains("female personnel `-1`"), "{e:?}");
    let e = one("Ghana,M,Troops,1,2,11/30/2025\n").unwrap_err();
    assert!(e.message.contains("`11/30/2025`"), "{e:?}");
    // The same rows for a mission not in the file are only counted.
    let c = one("Ghana,X,Civilians,a,b,never\n").unwrap();
    assert_eq!(c.unmatched, BTreeMap::from([("X".to_string(), 1)]));
}

#[test]
fn a_file_that_is_not_a_contributions_file_is_refused() {
    let e = read("f.csv", b"a,b,c\n1,2,3\n", &names(&[]), None).unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(
        e.message
            .contains("lacks contributing_country, mission_acronym"),
        "{e:?}"
    );
    let e = read("f.csv", b"\xEF\xBB\xBF\r\n\r\n", &names(&[]), None).unwrap_err();
    assert!(e.message.contains("empty"), "{e:?}");
    let big = vec![b'a'; MAX_FILE_BYTES as usize + 1];
    let e = read("f.csv", &big, &names(&[]), None).unwrap_err();
    assert!(e.message.contains("over the 16 MiB limit"), "{e:?}");
    assert!(looks_like_contributions(&fixture("hdx.csv")));
    assert!(looks_like_contributions(&fixture("datahub.csv")));
    assert!(!looks_like_contributions(b"<akomaNtoso/>"));
}

#[test]
fn dates_in_each_spelling() {
    for (text, want) in [
        ("30-Nov-20", "2020-11-30"),
        ("1-jan-99", "1999-01-01"),
        ("30-Nov-2020", "2020-11-30"),
        ("30/11/2020", "2020-11-30"),
        ("2020-11-30", "2020-11-30"),
        ("2020-11-30 00:00:00", "2020-11-30"),
    ] {
        assert_eq!(parse_date(text), Some(d(want)), "{text}");
    }
    for bad in [
        "",
        "30-Foo-20",
        "31/02/2020",
        "2020-11-30x",
        "30/11/20",
        "30-11",
    ] {
        assert_eq!(parse_date(bad), None, "{bad}");
    }
    assert_eq!(count("1,234"), Some(1234));
    assert_eq!(count("12.0"), Some(12));
    assert_eq!(count("12.5"), None);
}

/// `rows` generated rows, newest month first, over 100 missions of which one is in
/// the file.
fn generated(rows: usize) -> Vec<u8> {
    let mut s = String::from(HEAD);
    let types = [
        "Troops",
        "Staff Officer",
        "Experts on Mission",
        "Individual Police",
        "Formed Police Units",
    ];
    for i in 0..rows {
        let months_back = i / (rows / 24).max(1);
        let date = NaiveDate::from_ymd_opt(2026, 1, 31)
            .and_then(|d| d.checked_sub_months(chrono::Months::new(months_back as u32)))
            .unwrap();
        s.push_str(&format!(
            "Country {},MISSION{} ,{},{},{},{}\n",
            i % 120,
            i % 100,
            types[i % 5],
            i % 7,
            i % 50,
            date.format("%d-%b-%y")
        ));
    }
    s.into_bytes()
}

/// A file the size of the real one (150,000+ rows) is read whole, with the right months.
/// Its time is measured, not judged: `cargo test --release --lib two_hundred -- --nocapture`
/// prints it beside the time for an eighth of the rows (a linear reader: about 8x).
#[test]
fn two_hundred_thousand_rows_are_read_with_every_month() {
    let missions = names(&[("m", &["MISSION7"])]);
    let time = |bytes: &[u8]| {
        let t = std::time::Instant::now();
        let c = read("big.csv", bytes, &missions, None).unwrap();
        (t.elapsed(), c)
    };
    let (t_small, _) = time(&generated(25_000));
    let (t_big, c) = time(&generated(200_000));
    eprintln!("25,000 rows in {t_small:?}, 200,000 in {t_big:?}");
    assert_eq!(c.deployments.len(), 1);
    assert_eq!(c.unmatched.values().sum::<usize>(), 200_000 - 2_000);
    let dep = &c.deployments[0];
    // Rows 0..8,333 are January 2026, and so on back; the mission's last row
    // (199,907) is 23 months before it.
    assert_eq!(dep.earlier.len() + 1, 24);
    assert_eq!(dep.latest.date, d("2026-01-31"));
    assert_eq!(dep.earlier[0].date, d("2024-02-29"));
}
