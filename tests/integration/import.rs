//! `mandate --import`: the binary run on copies of files in a temporary folder, with the
//! fixtures of `tests/fixtures/import`: the diff shown and nothing written by default,
//! `--write`, a second run that changes nothing, every byte of a commented file kept,
//! a read-only file, a malformed source among good ones, `--json`, usage errors; and the
//! dashboard following the write.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use crate::common::{check, TestResult, Tui};

const BIN: &str = env!("CARGO_BIN_EXE_mandate");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn fixture(rel: &str) -> PathBuf {
    Path::new(ROOT).join("tests/fixtures/import").join(rel)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("a readable file")
}

/// Runs `mandate` in `dir` with `args`, away from any file of the developer's.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("MANDATE_FILE")
        .env("MANDATE_CONFIG_DIR", "/nonexistent/mandate-tests/config")
        .output()
        .expect("the mandate binary runs")
}

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("an exit code")
}

/// A temporary folder with a copy of the commented fixture (`missions.toml`) and a
/// resolution that extends the mandate of its mission `alpha` (known by the alias
/// "ALF"): the UNMISS renewal fixture with the mission's names changed.
struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::copy(fixture("commented.toml"), dir.path().join("missions.toml"))
            .expect("copy the fixture");
        let xml = read(&fixture("resolutions/unmiss-renewal.xml"))
            .replace("UN Mission in South Sudan", "Alpha Verification Mission")
            .replace(
                "United Nations Mission in South Sudan",
                "Alpha Verification Mission",
            )
            .replace("UNMISS", "ALF");
        std::fs::write(dir.path().join("alpha-renewal.xml"), xml).expect("write the source");
        Setup { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn file(&self) -> PathBuf {
        self.path("missions.toml")
    }

    fn run(&self, args: &[&str]) -> Output {
        run_in(self.dir.path(), args)
    }
}

#[test]
fn the_diff_is_shown_and_nothing_written_then_write_then_nothing_more() {
    let s = Setup::new();
    let original = read(&s.file());
    let args = ["--import", "alpha-renewal.xml", "missions.toml"];
    let o = s.run(&args);
    assert_eq!(code(&o), 3, "{}", err(&o));
    let diff = out(&o);
    assert!(
        diff.starts_with("--- a/missions.toml\n+++ b/missions.toml\n"),
        "{diff}"
    );
    assert!(diff.contains("+resolution = \"2820 (2026)\"\n"), "{diff}");
    assert!(
        diff.contains("+abstaining = [\"China\", \"Russian Federation\"]\n"),
        "{diff}"
    );
    let summary = err(&o);
    assert!(
        summary.contains("alpha: period 2026-05-01 to 2027-04-30, resolution 2820 (2026) adopted 2026-04-30 (13-0-2)"),
        "{summary}"
    );
    assert!(
        summary.contains("Nothing was written: run again with --write"),
        "{summary}"
    );
    assert_eq!(read(&s.file()), original, "nothing written without --write");

    let o = s.run(&["--import", "alpha-renewal.xml", "--write", "missions.toml"]);
    assert_eq!(code(&o), 0, "{}", err(&o));
    assert!(err(&o).contains("Written to missions.toml."), "{}", err(&o));
    let written = read(&s.file());
    assert_ne!(written, original);
    let check = s.run(&["--check", "missions.toml"]);
    assert_eq!(code(&check), 0, "{}{}", out(&check), err(&check));

    // Every byte of the file is kept: the edit only inserts lines.
    let ops = similar::TextDiff::from_lines(&original, &written);
    for change in ops.iter_all_changes() {
        assert_ne!(
            change.tag(),
            similar::ChangeTag::Delete,
            "a line of the original was lost: {change}"
        );
    }
    assert!(written.contains("\n[[mission.mandate]]\nstart = 2026-05-01\nend = 2027-04-30\nresolution = \"2820 (2026)\"\nadopted = 2026-04-30\nvote = \"13-0-2\"\nabstaining = [\"China\", \"Russian Federation\"]\n\n# The strength, after a comment block\n"), "{written}");

    // Again: nothing to change, exit 0, and the file as it was.
    for extra in [&[][..], &["--write"]] {
        let mut args = vec!["--import", "alpha-renewal.xml"];
        args.extend_from_slice(extra);
        args.push("missions.toml");
        let o = s.run(&args);
        assert_eq!(code(&o), 0, "{}", err(&o));
        assert_eq!(out(&o), "", "no diff");
        assert!(
            err(&o).contains("No changes: missions.toml already holds"),
            "{}",
            err(&o)
        );
        assert_eq!(read(&s.file()), written);
    }
}

#[test]
fn the_summary_lists_the_unrelated_resolutions_and_the_ceiling_for_review() {
    let s = Setup::new();
    // The bundled portfolio as it was before its 2026 resolutions were imported.
    std::fs::copy(fixture("portfolio-2025.toml"), s.path("portfolio.toml")).unwrap();
    let folder = fixture("resolutions");
    let o = s.run(&["--import", folder.to_str().unwrap(), "portfolio.toml"]);
    let summary = err(&o);
    // The folder holds hostile and broken files among the good ones.
    assert_eq!(code(&o), 1, "{summary}");
    assert!(summary.contains("Needs a person:\n  unmiss: resolution 2820 (2026) sets a personnel ceiling (operative paragraph 5); write the figures as `authorized` by hand: \"Decides that the overall force levels of UNMISS shall consist of a troop ceiling of 12,500 personnel"), "{summary}");
    assert!(
        summary.contains("resolutions concern no mission in the file: S/RES/"),
        "{summary}"
    );
    assert!(
        summary.contains("truncated.xml:35: malformed XML"),
        "{summary}"
    );
    assert!(
        summary.contains("billion-laughs.xml:2: a document type declaration"),
        "{summary}"
    );
    for added in ["unama: period", "unmiss: period", "gsf: period"] {
        assert!(summary.contains(added), "{added}: {summary}");
    }
    assert!(!summary.contains("Personnel types"), "{summary}");
}

#[test]
fn members_who_abstained_are_added_to_periods_already_there() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("missions.toml");
    std::fs::copy(fixture("vote-detail.toml"), &file).expect("copy the fixture");
    let original = read(&file);
    let sources: Vec<PathBuf> = [
        "unmiss-renewal.xml",
        "gsf-extension.xml",
        "drc-sanctions.xml",
    ]
    .iter()
    .map(|n| fixture("resolutions").join(n))
    .collect();
    let mut args: Vec<&str> = Vec::new();
    for s in &sources {
        args.extend(["--import", s.to_str().unwrap()]);
    }
    args.push("missions.toml");
    let o = run_in(dir.path(), &args);
    assert_eq!(code(&o), 3, "{}", err(&o));
    let summary = err(&o);
    assert!(
        summary.contains(
            "  unmiss: vote detail for 2820 (2026): abstaining China, Russian Federation\n"
        ),
        "{summary}"
    );
    // Known by another name: the resolution's number finds the mission.
    assert!(
        summary.contains(
            "  hsf: vote detail for 2829 (2026): abstaining China, Pakistan, Russian Federation\n"
        ),
        "{summary}"
    );
    assert!(
        summary.contains("1 resolution concerns no mission in the file: S/RES/2825 (2026)\n"),
        "{summary}"
    );
    assert_eq!(read(&file), original, "nothing written without --write");

    let mut json_args = args.clone();
    json_args.insert(json_args.len() - 1, "--json");
    let o = run_in(dir.path(), &json_args);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("JSON");
    assert_eq!(v["matched"][0]["mission"], "unmiss");
    assert_eq!(
        v["matched"][0]["votes"],
        serde_json::json!([{
            "resolution": "2820 (2026)",
            "against": [],
            "abstaining": ["China", "Russian Federation"],
        }])
    );
    assert_eq!(v["matched"][0]["periods"], serde_json::json!([]));

    let mut write_args = args.clone();
    write_args.insert(write_args.len() - 1, "--write");
    let o = run_in(dir.path(), &write_args);
    assert_eq!(code(&o), 0, "{}", err(&o));
    let written = read(&file);
    let expected = original
        .replace(
            "vote = \"13-0-2\"  # China and Russia abstained\n",
            "vote = \"13-0-2\"  # China and Russia abstained\nabstaining = [\"China\", \"Russian Federation\"]\n",
        )
        .replace(
            "vote = \"12-0-3\"\n",
            "vote = \"12-0-3\"\nabstaining = [\"China\", \"Pakistan\", \"Russian Federation\"]\n",
        );
    assert_eq!(written, expected);
    let check = run_in(dir.path(), &["--check", "missions.toml"]);
    assert_eq!(code(&check), 0, "{}{}", out(&check), err(&check));

    // Again: nothing to change.
    let o = run_in(dir.path(), &write_args);
    assert_eq!(code(&o), 0, "{}", err(&o));
    assert!(
        err(&o).contains("No changes: missions.toml already holds"),
        "{}",
        err(&o)
    );
    assert_eq!(read(&file), written);
}

#[test]
fn a_malformed_source_among_good_ones_is_reported_and_the_others_imported() {
    let s = Setup::new();
    let truncated = fixture("resolutions/truncated.xml");
    let bad_json = fixture("resolutions/malformed-line.json");
    let o = s.run(&[
        "--import",
        truncated.to_str().unwrap(),
        "--import",
        "alpha-renewal.xml",
        "--import",
        bad_json.to_str().unwrap(),
        "--write",
        "missions.toml",
    ]);
    let e = err(&o);
    assert_eq!(code(&o), 1, "{e}");
    assert!(e.contains("truncated.xml:35: malformed XML"), "{e}");
    assert!(e.contains("malformed-line.json:2: malformed JSON"), "{e}");
    assert!(e.contains("2 sources could not be read"), "{e}");
    assert!(e.contains("Written to missions.toml."), "{e}");
    assert!(read(&s.file()).contains("resolution = \"2820 (2026)\""));
}

#[test]
fn contributions_fill_the_figures_and_print_the_mapping() {
    let s = Setup::new();
    let csv = read(&fixture("contributions/hdx.csv")).replace("UNMISS", "ALF");
    std::fs::write(s.path("contributions.csv"), csv).unwrap();
    let o = s.run(&[
        "--import",
        "contributions.csv",
        "--since",
        "2025-12-01",
        "--write",
        "missions.toml",
    ]);
    let e = err(&o);
    assert_eq!(code(&o), 0, "{e}");
    assert!(e.contains("Personnel types (contributions file -> category in the file):\n  Troops               -> military\n  Staff Officer        -> observers\n  Experts on Mission   -> observers\n  Individual Police    -> police\n  Formed Police Units  -> formed_police\n"), "{e}");
    assert!(e.contains("alpha: deployed as of 2026-01-31"), "{e}");
    assert!(
        e.contains("contribution rows for missions not in the file: "),
        "{e}"
    );
    let check = s.run(&["--check", "missions.toml"]);
    assert_eq!(code(&check), 0, "{}{}", out(&check), err(&check));
    let again = s.run(&[
        "--import",
        "contributions.csv",
        "--since",
        "2025-12-01",
        "missions.toml",
    ]);
    assert_eq!(code(&again), 0, "{}", err(&again));
}

#[test]
fn json_prints_the_summary_for_scripts() {
    let s = Setup::new();
    let o = s.run(&["--import", "alpha-renewal.xml", "--json", "missions.toml"]);
    assert_eq!(code(&o), 3, "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("JSON");
    assert_eq!(v["file"], "missions.toml");
    assert_eq!(v["outcome"], "proposed");
    assert_eq!(v["sources"][0], "alpha-renewal.xml");
    let period = &v["matched"][0]["periods"][0];
    assert_eq!(v["matched"][0]["mission"], "alpha");
    assert_eq!(period["resolution"], "2820 (2026)");
    assert_eq!(period["end"], "2027-04-30");
    assert_eq!(period["vote"], "13-0-2");
    assert_eq!(period["final"], false);
    assert_eq!(v["review"][0]["kind"], "ceiling");
    assert_eq!(v["review"][0]["paragraph"], "5.");
    assert!(v["errors"].as_array().unwrap().is_empty());
    assert!(v["unrelated"].as_array().unwrap().is_empty());
    assert!(v["diff"]
        .as_str()
        .unwrap()
        .contains("+resolution = \"2820 (2026)\""));
    assert!(v.get("personnel_types").is_none());
    assert_eq!(err(&o), "");
}

#[test]
fn a_read_only_file_is_refused_and_kept() {
    let s = Setup::new();
    let original = read(&s.file());
    let mut p = std::fs::metadata(s.file()).unwrap().permissions();
    p.set_readonly(true);
    std::fs::set_permissions(s.file(), p).unwrap();
    let o = s.run(&["--import", "alpha-renewal.xml", "--write", "missions.toml"]);
    let e = err(&o);
    assert_eq!(code(&o), 1, "{e}");
    assert!(
        e.contains("mandate: missions.toml: the file is read-only; nothing was written"),
        "{e}"
    );
    assert_eq!(read(&s.file()), original);
    let left: Vec<_> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn bad_usage_exits_2_and_a_bad_file_or_the_built_in_copy_exits_1() {
    let s = Setup::new();
    for args in [
        &["--write", "missions.toml"][..],
        &["--since", "2025-01-01", "missions.toml"],
        &[
            "--import",
            "alpha-renewal.xml",
            "--since",
            "January",
            "missions.toml",
        ],
        &["--import", "alpha-renewal.xml", "--check", "missions.toml"],
        &["--import"],
    ] {
        let o = s.run(args);
        assert_eq!(code(&o), 2, "{args:?}: {}", err(&o));
    }
    // No file here, none in the environment: the built-in copy, which is not written.
    let o = s.run(&["--import", "alpha-renewal.xml"]);
    assert_eq!(code(&o), 1);
    assert!(
        err(&o).contains("is part of the program and cannot be imported into"),
        "{}",
        err(&o)
    );
    let o = s.run(&["--import", "alpha-renewal.xml", "absent.toml"]);
    assert_eq!(code(&o), 1);
    assert!(err(&o).contains("absent.toml"), "{}", err(&o));
    std::fs::write(s.path("bad.toml"), "title = \n").unwrap();
    let o = s.run(&["--import", "alpha-renewal.xml", "bad.toml"]);
    assert_eq!(code(&o), 1);
    assert!(
        err(&o).contains("run `mandate --check` again"),
        "{}",
        err(&o)
    );
    let o = s.run(&["--import", "missing-source.xml", "missions.toml"]);
    assert_eq!(code(&o), 1);
    assert!(err(&o).contains("missing-source.xml"), "{}", err(&o));
}

/// The dashboard open on a file while `--import --write` runs shows the new period.
#[test]
fn the_dashboard_follows_an_import() -> TestResult {
    let s = Setup::new();
    let file = s.file();
    let file = file.to_str().unwrap();
    let tui = Tui::spawn(120, 40, &["--now", "2026-05-10", file], &[]);
    tui.wait_for_within("the dashboard", Duration::from_secs(20), |t| {
        t.contains("Alpha")
    })?;
    let before = tui.text();
    check(
        !before.contains("2820 (2026)"),
        "no 2820 before the import",
        &before,
    )?;
    let o = s.run(&["--import", "alpha-renewal.xml", "--write", "missions.toml"]);
    assert_eq!(code(&o), 0, "{}", err(&o));
    let screen = tui
        .wait_for_within("the new period", Duration::from_secs(20), |t| {
            t.contains("2820")
        })
        .map_err(|e| format!("{e}\n{}", err(&o)))?;
    check(screen.contains("2820"), "the new resolution shown", &screen)
}
