//! The output modes, `--init`, the lookup order and the completions under hostile or
//! careless use: numbers at the ends of their range, dates at the end of the calendar,
//! URLs of any scheme, odd file names, and the largest files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mandate"));
    c.env_remove("MANDATE_FILE")
        .env_remove("MANDATE_CONFIG_DIR")
        .env("NO_COLOR", "1");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run mandate")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh folder of its own for one test.
fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile_modes")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn file(name: &str, contents: &str) -> PathBuf {
    let path = dir(name).join("m.toml");
    std::fs::write(&path, contents).expect("write");
    path
}

const ONE: &str = r#"[[mission]]
id = "mss"
name = "Multinational Security Support"

[[mission.mandate]]
start = 2023-10-02
end = 2024-10-02
"#;

const DATA_MODES: [&str; 7] = [
    "--check", "--json", "--ics", "--due", "--nagios", "--prom", "--csv",
];

#[test]
fn warn_days_out_of_range_is_refused_by_every_mode_and_the_largest_allowed_works() {
    for (key, n) in [
        ("warn_days", "106751991168"),
        ("warn_days", "9223372036854775807"),
        ("stale_days", "36501"),
    ] {
        let path = file("warn_days", &format!("{key} = {n}\n{ONE}"));
        let p = path.to_str().unwrap();
        for mode in DATA_MODES {
            let o = run(&[mode, "--now", "2024-01-01", p]);
            let text = format!("{}{}", stdout(&o), stderr(&o));
            assert!(!text.contains("panicked"), "{mode} {key}={n}: {text}");
            assert_ne!(o.status.code(), Some(0), "{mode} {key}={n}: {text}");
            assert!(
                text.contains(&format!(
                    "`{key}` in the top level must be at most 36500 days"
                )),
                "{mode} {key}={n}: {text}"
            );
        }
    }
    let path = file(
        "warn_days_max",
        &format!("warn_days = 36500\nstale_days = 36500\n{ONE}"),
    );
    let p = path.to_str().unwrap();
    for mode in DATA_MODES {
        let o = run(&[mode, "--now", "2024-01-01", p]);
        assert!(!stderr(&o).contains("panicked"), "{mode}: {}", stderr(&o));
    }
    let o = run(&["--ics", "--now", "2024-01-01", p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("TRIGGER:-P36500D"), "{}", stdout(&o));
    // A usage error: 2, or the plugin's UNKNOWN (3) with its text on standard output.
    for (args, code) in [
        (["--due", "--within", "36501"], 2),
        (["--nagios", "--critical", "4294967295"], 3),
    ] {
        let o = run(&[args[0], args[1], args[2], p]);
        assert_eq!(o.status.code(), Some(code), "{args:?}");
        let text = format!("{}{}", stdout(&o), stderr(&o));
        assert!(text.contains("from 0 to 36500"), "{text}");
    }
}

/// Every date-valued property of a calendar: eight digits, a real date of years
/// 0001..9999 (RFC 5545 3.3.4), as an icalendar reader needs.
fn assert_calendar_dates(ics: &str) {
    for line in ics.lines() {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        if name.starts_with("DTSTART") || name.starts_with("DTEND") {
            let d = value.trim_end();
            assert!(
                d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()),
                "{line}"
            );
            assert!(
                chrono::NaiveDate::parse_from_str(d, "%Y%m%d").is_ok(),
                "{line}"
            );
        }
    }
}

#[test]
fn a_period_ending_or_starting_on_9999_12_31_gives_valid_calendar_dates() {
    let text = ONE
        .replace("start = 2023-10-02", "start = 9999-12-31")
        .replace("end = 2024-10-02", "end = 9999-12-31");
    for src in [ONE.replace("end = 2024-10-02", "end = 9999-12-31"), text] {
        let path = file("ics_9999", &src);
        let o = run(&["--ics", "--now", "2024-01-01", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let ics = stdout(&o);
        assert_calendar_dates(&ics);
        assert!(ics.contains("DTSTART;VALUE=DATE:99991231\r\n"), "{ics}");
        assert!(ics.contains("DURATION:P1D\r\n"), "{ics}");
        let parsed: icalendar::Calendar = ics.parse().expect("the calendar parses");
        assert!(!parsed.components.is_empty());
    }
}

#[test]
fn a_ceiling_of_categories_adding_up_to_zero_is_refused_like_a_total_of_zero() {
    for ceiling in [
        "{ military = 0 }",
        "{ military = 0, police = 0, civilian = 0 }",
    ] {
        let src = format!("{ONE}\n[mission.strength]\nauthorized = {ceiling}\ndeployed = 922\ndeployed_as_of = 2024-01-01\n");
        let path = file("zero_ceiling", &src);
        let o = run(&["--check", "--now", "2024-01-01", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{ceiling}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("the categories of `authorized` in [mission.strength] add up to 0; the total must be at least 1"),
            "{}",
            stderr(&o)
        );
    }
    let src = format!("{ONE}\n[mission.strength]\nauthorized = {{ military = 0, police = 1 }}\n");
    let o = run(&["--check", file("one_ceiling", &src).to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
