//! Command-line tests: exit codes and output of `mandate --check` and `mandate --json`,
//! the fixtures in `tests/fixtures`, and the order in which the data file is looked up.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_mandate");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs `mandate` in `dir` with `args`, without `MANDATE_FILE` unless `env_file` is given,
/// and with the user's file in a folder that does not exist (a developer's own
/// `~/.config/mandate/missions.toml` must not change what these tests see).
fn run_in(dir: &Path, args: &[&str], env_file: Option<&str>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(dir)
        .env_remove("MANDATE_FILE")
        .env("MANDATE_CONFIG_DIR", "/nonexistent/mandate-tests/config");
    if let Some(f) = env_file {
        cmd.env("MANDATE_FILE", f);
    }
    cmd.output().expect("the mandate binary runs")
}

/// Runs `mandate` in the crate's root.
fn run(args: &[&str]) -> Output {
    run_in(Path::new(ROOT), args, None)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// A fresh directory under the system's temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("mandate-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create a temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The `.toml` files of a fixture directory, as paths relative to the crate root.
fn fixtures(kind: &str) -> Vec<String> {
    let dir = Path::new(ROOT).join("tests/fixtures").join(kind);
    let mut out: Vec<String> = std::fs::read_dir(&dir)
        .expect("the fixture directory exists")
        .map(|e| e.expect("a directory entry").file_name())
        .filter_map(|n| n.to_str().map(str::to_string))
        .filter(|n| n.ends_with(".toml"))
        .map(|n| format!("tests/fixtures/{kind}/{n}"))
        .collect();
    out.sort();
    out
}

/// Asserts that `--check` failed with exactly these problem lines, followed by the
/// one-line summary naming the file and the number of errors.
fn assert_problems(o: &Output, file: &str, expected: &[String]) {
    let err = stderr(o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{file}: exit code; stderr:\n{err}"
    );
    assert!(stdout(o).is_empty(), "{file}: nothing on stdout");
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines.len() > expected.len(),
        "{file}: expected {} problem lines and a summary, got:\n{err}",
        expected.len()
    );
    for (i, want) in expected.iter().enumerate() {
        assert_eq!(lines[i], want, "{file}: line {} of stderr:\n{err}", i + 1);
    }
    let rest = &lines[expected.len()..];
    assert_eq!(rest.len(), 1, "{file}: unexpected extra lines:\n{err}");
    let errors = expected.iter().filter(|l| l.contains(": error: ")).count();
    let summary = format!(
        "{file}: {errors} error{}; ",
        if errors == 1 { "" } else { "s" }
    );
    assert!(
        rest[0].starts_with(&summary),
        "{file}: summary line {:?} should start with {summary:?}",
        rest[0]
    );
}

#[test]
fn every_fault_of_the_spec_has_an_invalid_fixture() {
    let have = fixtures("invalid");
    for name in [
        "toml_syntax",
        "unknown_key",
        "wrong_type",
        "missing_key",
        "authorized_zero",
        "negative_figure",
        "end_before_start",
        "unknown_timezone",
        "duplicate_id",
        "unknown_successor",
        "deployed_without_as_of",
        "duplicate_figure_date",
        "empty",
        "not_utf8",
        "several_problems",
        "category_empty",
        "category_negative",
        "category_wrong_type",
        "category_unknown",
        "period_authorized_wrong_type",
        "utf16",
        "utf16_without_bom",
        "recursion_limit",
        "vote_lists_disagree",
        "vote_list_wrong_type",
    ] {
        let path = format!("tests/fixtures/invalid/{name}.toml");
        assert!(have.contains(&path), "missing fixture {path}");
    }
}

#[test]
fn invalid_fixtures_fail_with_their_expected_messages() {
    let files = fixtures("invalid");
    assert!(files.len() >= 15);
    for file in files {
        let expected_path = Path::new(ROOT).join(file.replace(".toml", ".expected"));
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let expected: Vec<String> = expected.lines().map(str::to_string).collect();
        assert!(!expected.is_empty(), "{file}: the .expected file is empty");
        for line in &expected {
            assert!(
                line.starts_with(&format!("{file}:")),
                "{file}: an expected line must start with the file's path: {line}"
            );
        }
        let o = run(&["--check", &file]);
        assert_problems(&o, &file, &expected);
    }
}

#[test]
fn several_problems_are_all_reported_in_one_run() {
    let file = "tests/fixtures/invalid/several_problems.toml";
    let o = run(&["--check", file]);
    let err = stderr(&o);
    let errors = err.lines().filter(|l| l.contains(": error: ")).count();
    assert!(errors >= 8, "{err}");
    for what in [
        "`warn_days`",
        "unknown time zone",
        "successor `gsf`",
        "`end` 2023-10-01 is before",
        "`vote`",
        "`authorized`",
        "`deployed` needs `as_of`",
        "duplicate mission id `mss`",
        "unknown key `sumary`",
    ] {
        assert!(err.contains(what), "{what} is not reported:\n{err}");
    }
}

#[test]
fn messages_never_carry_control_characters() {
    for file in fixtures("invalid") {
        let o = run(&["--check", &file]);
        let err = stderr(&o);
        assert!(
            !err.chars()
                .any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{file}: {err:?}"
        );
    }
}

#[test]
fn invalid_file_in_json_mode_is_exit_1_with_the_same_messages() {
    let file = "tests/fixtures/invalid/unknown_key.toml";
    let expected: Vec<String> =
        std::fs::read_to_string(Path::new(ROOT).join(file.replace(".toml", ".expected")))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
    assert_problems(&run(&["--json", file]), file, &expected);
}

#[test]
fn valid_fixtures_pass() {
    let files = fixtures("valid");
    assert!(files.len() >= 6);
    for file in files {
        let o = run(&["--check", &file, "--now", "2025-09-22T12:00:00-04:00"]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let src = std::fs::read_to_string(Path::new(ROOT).join(&file)).unwrap();
        let n = src.lines().filter(|l| l.trim() == "[[mission]]").count();
        let want = format!("{file}: {n} mission{}, ok\n", if n == 1 { "" } else { "s" });
        assert_eq!(stdout(&o), want);
        // warnings are allowed, errors are not
        for line in stderr(&o).lines() {
            assert!(
                line.starts_with(&format!("{file}:")) && line.contains(": warning: "),
                "{file}: {line}"
            );
        }
        // --json works on every valid file too
        let o = run(&["--json", &file, "--now", "2025-09-22T12:00:00-04:00"]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
        assert_eq!(v["missions"].as_array().map(Vec::len), Some(n), "{file}");
    }
}

#[test]
fn bundled_data_files_pass() {
    for file in ["data/mss-haiti.toml", "data/portfolio.toml"] {
        let o = run(&["--check", file]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        assert!(
            stdout(&o).starts_with(&format!("{file}: ")),
            "{}",
            stdout(&o)
        );
        assert!(stdout(&o).ends_with(" missions, ok\n"), "{}", stdout(&o));
        assert!(!stderr(&o).contains(": error: "), "{}", stderr(&o));
    }
}

#[test]
fn unicode_text_is_kept_and_control_characters_cleaned() {
    let file = "tests/fixtures/valid/unicode.toml";
    let o = run(&["--json", file, "--now", "2025-09-22"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let title = v["title"].as_str().unwrap();
    assert!(title.starts_with("Opérations de paix — عمليات السلام — 和平行动 🕊"));
    assert!(title.ends_with('\u{2407}'), "{title:?}"); // BEL shown as ␇, U+202E removed
    assert_eq!(v["missions"][0]["short"], "MINUSTAH ✓");
}

#[test]
fn a_directory_is_refused() {
    let o = run(&["--check", "tests/fixtures"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).lines().next(),
        Some("tests/fixtures: error: is a directory; give the path of a .toml file")
    );
}

#[test]
fn a_missing_file_is_refused() {
    let o = run(&["--check", "tests/fixtures/no-such-file.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).lines().next(),
        Some("tests/fixtures/no-such-file.toml: error: file not found; check the path, or set MANDATE_FILE")
    );
    let o = run(&["--json", "tests/fixtures/no-such-file.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
}

#[test]
fn files_over_16_mib_are_refused_and_files_at_the_limit_are_read() {
    const LIMIT: usize = 16 * 1024 * 1024;
    let tmp = TempDir::new("size");
    let valid =
        std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/valid/minimal.toml")).unwrap();
    // a valid file padded with comment lines to exactly `len` bytes
    let padded = |len: usize| {
        let mut s = valid.clone();
        while s.len() < len {
            let line = "# padding to make the file large\n";
            let room = len - s.len();
            if room >= line.len() {
                s.push_str(line);
            } else {
                s.push_str(&"\n".repeat(room));
            }
        }
        s
    };
    let big = tmp.0.join("big.toml");
    std::fs::write(&big, padded(LIMIT + 1)).unwrap();
    let o = run_in(&tmp.0, &["--check", "big.toml"], None);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).lines().next(),
        Some("big.toml: error: file is 16777217 bytes, over the 16 MiB limit; split it into smaller files")
    );
    let at_limit = tmp.0.join("limit.toml");
    std::fs::write(&at_limit, padded(LIMIT)).unwrap();
    let o = run_in(&tmp.0, &["--check", "limit.toml"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "limit.toml: 1 mission, ok\n");
}

#[test]
fn a_bad_now_is_a_usage_error_naming_the_value() {
    for bad in [
        "yesterday",
        "2025-09-22T12:00:00",
        "2025-13-01",
        "22/09/2025",
    ] {
        let o = run(&["--check", "data/mss-haiti.toml", "--now", bad]);
        assert_eq!(o.status.code(), Some(2), "--now {bad}");
        assert!(stderr(&o).contains(bad), "--now {bad}: {}", stderr(&o));
        assert!(stdout(&o).is_empty());
    }
}

#[test]
fn a_bad_flag_is_a_usage_error() {
    let o = run(&["--chekc"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--chekc"), "{}", stderr(&o));
}

#[test]
fn json_shows_the_mss_expiring_with_11_days_left_at_40_percent() {
    let o = run(&[
        "--json",
        "data/mss-haiti.toml",
        "--now",
        "2025-09-22T12:00:00-04:00",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let now = v["now"].as_str().expect("now is a string");
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(now).map(|t| t.timestamp()),
        Ok(1_758_556_800), // 2025-09-22T16:00:00Z
        "{now}"
    );
    let missions = v["missions"].as_array().expect("missions is an array");
    assert_eq!(missions.len(), 2);
    for m in missions {
        for key in [
            "id",
            "name",
            "short",
            "phase",
            "timezone",
            "expires_on",
            "expires_at",
            "days_remaining",
            "seconds_remaining",
            "starts_on",
            "days_to_start",
            "authorized",
            "deployed",
            "deployed_as_of",
            "deployment_ratio",
            "mandate_elapsed_ratio",
            "stale",
            "warnings",
        ] {
            assert!(m.get(key).is_some(), "missing key {key} in {m}");
        }
        assert!(m["warnings"].is_array());
    }
    let mss = &missions[0];
    assert_eq!(mss["id"], "mss");
    assert_eq!(mss["phase"], "expiring");
    assert_eq!(mss["days_remaining"], 11);
    assert_eq!(mss["seconds_remaining"], 907_200);
    assert_eq!(mss["expires_on"], "2025-10-02");
    assert_eq!(mss["expires_at"], "2025-10-03T04:00:00Z");
    assert_eq!(mss["starts_on"], serde_json::Value::Null);
    assert_eq!(mss["days_to_start"], serde_json::Value::Null);
    let ratio = mss["deployment_ratio"].as_f64().expect("a ratio");
    assert!((ratio - 0.40).abs() < 0.01, "{ratio}");
    let elapsed = mss["mandate_elapsed_ratio"].as_f64().expect("a ratio");
    assert!((0.0..=1.0).contains(&elapsed), "{elapsed}");
    // the successor is authorized but not yet in force
    let gsf = &missions[1];
    assert_eq!(gsf["id"], "gsf");
    assert_eq!(gsf["phase"], "pending");
    assert_eq!(gsf["days_remaining"], serde_json::Value::Null);
    assert_eq!(gsf["seconds_remaining"], serde_json::Value::Null);
    assert_eq!(gsf["starts_on"], "2025-10-03");
    assert_eq!(gsf["days_to_start"], 11);
}

#[test]
fn json_on_a_bare_date_means_noon_utc() {
    let o = run(&["--json", "data/mss-haiti.toml", "--now", "2025-09-22"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let now = chrono::DateTime::parse_from_rfc3339(v["now"].as_str().unwrap()).unwrap();
    assert_eq!(now.timestamp(), 1_758_542_400); // 2025-09-22T12:00:00Z
                                                // 08:00 in Port-au-Prince: still 22 September there, so 11 days; 20 h more in seconds
    assert_eq!(v["missions"][0]["days_remaining"], 11);
    assert_eq!(v["missions"][0]["seconds_remaining"], 907_200 + 4 * 3600);
}

#[test]
fn lookup_order_file_argument_then_env_then_default_then_builtin() {
    let tmp = TempDir::new("lookup");
    let dir = &tmp.0;
    let minimal = Path::new(ROOT).join("tests/fixtures/valid/minimal.toml");
    let gap = Path::new(ROOT).join("tests/fixtures/valid/gap_lapsed.toml");
    std::fs::copy(&gap, dir.join("env.toml")).unwrap();

    // no data/ here and no MANDATE_FILE: the built-in copy
    let o = run_in(dir, &["--check"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "built-in data/mss-haiti.toml: 2 missions, ok\n");
    let o = run_in(dir, &["--json", "--now", "2025-09-22T12:00:00-04:00"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["missions"][0]["days_remaining"], 11);

    // an empty MANDATE_FILE counts as unset
    let o = run_in(dir, &["--check"], Some(""));
    assert_eq!(stdout(&o), "built-in data/mss-haiti.toml: 2 missions, ok\n");

    // data/mss-haiti.toml in the working directory
    std::fs::create_dir(dir.join("data")).unwrap();
    std::fs::copy(&minimal, dir.join("data/mss-haiti.toml")).unwrap();
    let o = run_in(dir, &["--check"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "data/mss-haiti.toml: 1 mission, ok\n");

    // MANDATE_FILE wins over data/mss-haiti.toml
    let o = run_in(dir, &["--check"], Some("env.toml"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "env.toml: 2 missions, ok\n");

    // a MANDATE_FILE that does not exist is an error, not a fallback
    let o = run_in(dir, &["--check"], Some("nowhere.toml"));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("nowhere.toml: error: file not found"));

    // the file argument wins over MANDATE_FILE
    let o = run_in(dir, &["--check", "data/mss-haiti.toml"], Some("env.toml"));
    assert_eq!(stdout(&o), "data/mss-haiti.toml: 1 mission, ok\n");
}

#[test]
fn help_and_version() {
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("--check"));
    let o = run(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        format!(
            "mandate {}\ndata: Haiti: MSS and the Gang Suppression Force, figures as of 8 Dec 2025\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    let o = run(&["-V"]);
    assert_eq!(
        stdout(&o),
        format!("mandate {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn the_dashboard_without_a_terminal_says_what_to_use_instead() {
    // stdout is a pipe here: no panic, no half-drawn terminal, a clear message.
    let o = run(&["data/mss-haiti.toml"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("not a terminal"), "{err}");
    assert!(err.contains("--print"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(stdout(&o).is_empty(), "nothing is drawn into the pipe");
}
