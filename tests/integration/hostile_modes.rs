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
            stderr(&o).contains("the categories of `authorized` in [mission.strength] add up to 0, a ceiling of 0; give at least one category above 0"),
            "{}",
            stderr(&o)
        );
    }
    let src = format!("{ONE}\n[mission.strength]\nauthorized = {{ military = 0, police = 1 }}\n");
    let o = run(&["--check", file("one_ceiling", &src).to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// A threshold range of the Nagios plugin guidelines: `[@]start:end`, where `10` means
/// `0:10`, `10:` means 10 to infinity, `~:10` minus infinity to 10; without `@` it alerts
/// outside the range (end points included in the range), with `@` inside.
fn alerts(range: &str, value: f64) -> bool {
    let (inside, r) = match range.strip_prefix('@') {
        Some(r) => (true, r),
        None => (false, range),
    };
    let (start, end) = match r.split_once(':') {
        Some((s, e)) => (s, e),
        None => ("0", r),
    };
    let start = match start {
        "~" => f64::NEG_INFINITY,
        "" => 0.0,
        s => s.parse().expect("a range start"),
    };
    let end = match end {
        "" => f64::INFINITY,
        e => e.parse().expect("a range end"),
    };
    let within = start <= value && value <= end;
    if inside {
        within
    } else {
        !within
    }
}

#[test]
fn the_range_parser_reads_the_guidelines_examples() {
    // The guidelines' table: 10 -> outside 0..10; 10: -> below 10; ~:10 -> above 10;
    // 10:20 -> outside 10..20; @10:20 -> inside 10..20.
    assert!(alerts("10", 11.0) && alerts("10", -1.0) && !alerts("10", 10.0));
    assert!(alerts("10:", 9.0) && !alerts("10:", 1e9));
    assert!(alerts("~:10", 11.0) && !alerts("~:10", -1e9));
    assert!(alerts("10:20", 9.0) && !alerts("10:20", 20.0));
    assert!(alerts("@10:20", 10.0) && !alerts("@10:20", 21.0));
}

#[test]
fn nagios_thresholds_read_by_the_guidelines_agree_with_the_plugin_s_status() {
    let path = file("nagios_ranges", ONE);
    let p = path.to_str().unwrap();
    // The last day is 2024-10-02; at noon on these days, 0 to 60 days are left.
    for (now, within, critical) in [
        ("2024-10-02", "30", "7"),
        ("2024-09-26", "30", "7"),
        ("2024-09-25", "30", "7"),
        ("2024-09-01", "30", "7"),
        ("2024-08-01", "30", "7"),
        ("2024-09-21", "10", "11"),
        ("2024-09-21", "0", "0"),
    ] {
        let o = run(&[
            "--nagios",
            "--now",
            now,
            "--within",
            within,
            "--critical",
            critical,
            p,
        ]);
        let out = stdout(&o);
        let perf = out.lines().next().unwrap().split(" | ").nth(1).unwrap();
        let item = perf
            .split(' ')
            .find(|i| i.starts_with("mss_days="))
            .unwrap();
        let fields: Vec<&str> = item["mss_days=".len()..].split(';').collect();
        let value: f64 = fields[0].parse().unwrap();
        let read = if alerts(fields[2], value) {
            2
        } else if alerts(fields[1], value) {
            1
        } else {
            0
        };
        assert_eq!(
            o.status.code(),
            Some(read),
            "{now} {within} {critical}: {out}"
        );
    }
}

#[test]
fn only_web_urls_reach_any_output() {
    let hostile = [
        "javascript:alert(1)",
        "JavaScript:alert(2)",
        "file:///etc/passwd",
        "smb://attacker/share",
        "data:text/html,<script>alert(3)</script>",
        "vbscript:msgbox",
        "ftp://a.example/x",
        "http ://a.example/space",
    ];
    let mut src = ONE.to_string();
    for u in hostile {
        src.push_str(&format!(
            "\n[[mission.source]]\ntitle = \"t\"\nurl = {}\n",
            toml_string(u)
        ));
    }
    src.push_str("\n[[mission.source]]\ntitle = \"web\"\nurl = \"https://un.example/res\"\n");
    let path = file("url_schemes", &src);
    let p = path.to_str().unwrap();
    for mode in DATA_MODES {
        let o = run(&[mode, "--now", "2024-09-01", p]);
        let text = format!("{}{}", stdout(&o), stderr(&o)).replace("\r\n ", "");
        for u in hostile {
            let start: String = u.to_ascii_lowercase().chars().take(10).collect();
            assert!(
                !text.to_ascii_lowercase().contains(&start),
                "{mode} carries {u}: {text}"
            );
        }
    }
    let ics = stdout(&run(&["--ics", "--now", "2024-09-01", p])).replace("\r\n ", "");
    assert!(ics.contains("URL:https://un.example/res\r\n"), "{ics}");
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `--init` with an odd name: each command it suggests, run by bash in the same folder,
/// reaches the file it wrote.
#[test]
fn init_advice_names_the_written_file_for_odd_names() {
    use std::ffi::OsString;
    let mut names: Vec<OsString> = [
        "-x.toml",
        "a b's.toml",
        "new\nline.toml",
        "tab\there.toml",
        "back\\slash $HOME.toml",
        "é\u{202e}lmot.toml",
    ]
    .iter()
    .map(OsString::from)
    .collect();
    #[cfg(unix)]
    names.push(std::os::unix::ffi::OsStringExt::from_vec(
        b"latin\xe9.toml".to_vec(),
    ));
    for (i, name) in names.iter().enumerate() {
        let d = dir(&format!("init_odd_{i}"));
        let mut arg = OsString::from("--init=");
        arg.push(name);
        let o = bin()
            .current_dir(&d)
            .args([arg.as_os_str(), "--now".as_ref(), "2026-01-01".as_ref()])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{name:?}: {}", stderr(&o));
        assert!(d.join(name).is_file(), "{name:?}");
        let out = stdout(&o);
        let advice = out
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("mandate --check "))
            .unwrap_or_else(|| panic!("{name:?}: no advice in {out}"));
        let word = advice.split("    ").next().unwrap();
        let shell = format!("\"$MANDATE\" --check --now 2026-01-01 {word}");
        let r = Command::new("bash")
            .current_dir(&d)
            .env("MANDATE", env!("CARGO_BIN_EXE_mandate"))
            .env_remove("MANDATE_FILE")
            .args(["-c", &shell])
            .output()
            .expect("bash");
        assert_eq!(
            r.status.code(),
            Some(0),
            "{name:?}: {shell}: {}",
            stderr(&r)
        );
        // Run again: the refusal names the same file for --check.
        let o = bin().current_dir(&d).arg(&arg).output().unwrap();
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).contains(&format!("`mandate --check {word}`")),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn init_with_a_relative_config_folder_or_home_works_the_first_time() {
    for (var, value, made) in [
        (
            "MANDATE_CONFIG_DIR",
            "cfgrel/sub",
            "cfgrel/sub/missions.toml",
        ),
        ("MANDATE_CONFIG_DIR", "one", "one/missions.toml"),
        ("HOME", "relhome", "relhome/.config/mandate/missions.toml"),
    ] {
        let d = dir(&format!("init_rel_{}", value.replace('/', "_")));
        let o = bin()
            .current_dir(&d)
            .env_remove("XDG_CONFIG_HOME")
            .env(var, value)
            .args(["--init", "--now", "2026-01-01"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{var}={value}: {}", stderr(&o));
        assert!(d.join(made).is_file(), "{var}={value}: {}", stdout(&o));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let top = d.join(made.split('/').next().unwrap());
            let mode = std::fs::metadata(top).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o755);
        }
    }
}

/// The text fish makes of a double-quoted string starting at `s` (after the `"`), by
/// its rules: `\"`, `\$`, `\\` and `\` + newline are escapes; an unescaped `$` expands a
/// variable, returned as an error.
fn fish_double_quoted(s: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Ok(out),
            '\\' => match chars.next() {
                Some(e @ ('"' | '$' | '\\')) => out.push(e),
                Some('\n') => {}
                Some(e) => {
                    out.push('\\');
                    out.push(e);
                }
                None => return Err("unterminated".into()),
            },
            '$' => return Err(format!("fish expands a variable at: {}", chars.as_str())),
            c => out.push(c),
        }
    }
    Err("unterminated".into())
}

#[test]
fn completions_keep_dollar_names_and_complete_no_file_for_values() {
    let fish = stdout(&run(&["--generate", "complete-fish"]));
    let at = fish
        .find("-l generate")
        .expect("--generate in the fish script");
    let values = &fish[at..];
    let start = values.find(" -a \"").expect("the values of --generate") + 5;
    let text = fish_double_quoted(&values[start..]).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.contains("a folder of $fpath"), "{text}");
    assert!(text.contains("dot-source from $PROFILE"), "{text}");

    // bash: the completion function run on a folder of names with spaces.
    let d = dir("bash_completion");
    for f in ["a b.toml", "c.toml", "x y.txt"] {
        std::fs::write(d.join(f), "").unwrap();
    }
    std::fs::create_dir_all(d.join("sub dir")).unwrap();
    std::fs::write(
        d.join("c.bash"),
        stdout(&run(&["--generate", "complete-bash"])),
    )
    .unwrap();
    let complete = |words: &str| -> Vec<String> {
        let script = format!(
            "source ./c.bash; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); \
             _mandate mandate \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\" 2>/dev/null; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\""
        );
        let o = Command::new("bash")
            .current_dir(&d)
            .args(["-c", &script])
            .output()
            .expect("bash");
        let mut v: Vec<String> = stdout(&o)
            .lines()
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        v.sort();
        v
    };
    for flag in ["--within", "--critical", "--now", "--size"] {
        assert_eq!(
            complete(&format!("mandate {flag} ''")),
            Vec::<String>::new(),
            "{flag}"
        );
    }
    for words in ["mandate ''", "mandate --check ''", "mandate --init ''"] {
        assert_eq!(
            complete(words),
            ["a b.toml", "c.toml", "sub dir"],
            "{words}"
        );
    }
    assert_eq!(complete("mandate --check a"), ["a b.toml"]);
    let bash = std::fs::read_to_string(d.join("c.bash")).unwrap();
    assert_eq!(bash.matches("compopt +o default +o bashdefault").count(), 4);
}

/// A planted `./data/mss-haiti.toml` is not read in place of the user's own file, and
/// every data mode names the file it read.
#[test]
fn every_mode_names_the_file_and_a_planted_file_does_not_beat_the_users() {
    let d = dir("lookup_order");
    let cfg = d.join("cfg");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::create_dir_all(d.join("data")).unwrap();
    // Due on 2024-09-25: the user's mission expires in 7 days.
    std::fs::write(cfg.join("missions.toml"), ONE).unwrap();
    std::fs::write(
        d.join("data/mss-haiti.toml"),
        ONE.replace("Multinational Security Support", "Planted")
            .replace("\"mss\"", "\"planted\""),
    )
    .unwrap();
    let user = cfg.join("missions.toml");
    let user = user.display().to_string();
    let mode = |args: &[&str]| {
        bin()
            .current_dir(&d)
            .env("MANDATE_CONFIG_DIR", &cfg)
            .args(args)
            .args(["--now", "2024-09-25"])
            .output()
            .unwrap()
    };
    let o = mode(&["--check"]);
    assert_eq!(stdout(&o), format!("{user}: 1 mission, ok\n"));
    let o = mode(&["--json"]);
    assert!(
        stdout(&o).contains(&format!("\"file\": \"{user}\"")),
        "{}",
        stdout(&o)
    );
    let o = mode(&["--prom"]);
    assert_eq!(
        stdout(&o).lines().next(),
        Some(format!("# mandate: read {user}").as_str())
    );
    assert!(!stdout(&o).contains("planted"));
    let o = mode(&["--nagios"]);
    assert_ne!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o).lines().last(),
        Some(format!("data file: {user}").as_str())
    );
    let o = mode(&["--ics"]);
    let ics = stdout(&o).replace("\r\n ", "");
    assert!(
        ics.contains(&format!("X-WR-CALDESC:Mandates read from {user}\r\n")),
        "{ics}"
    );
    for flag in ["--csv", "--due"] {
        let o = mode(&[flag]);
        assert_eq!(stderr(&o), format!("mandate: read {user}\n"), "{flag}");
        assert!(!stdout(&o).contains("planted") && !stdout(&o).contains("Planted"));
        let o = mode(&[flag, "--quiet"]);
        assert_eq!(stderr(&o), "", "{flag} --quiet");
    }
    // Nothing due: --due stays silent, for cron.
    let o = bin()
        .current_dir(&d)
        .env("MANDATE_CONFIG_DIR", &cfg)
        .args(["--due", "--now", "2024-01-01"])
        .output()
        .unwrap();
    assert_eq!(
        (o.status.code(), stdout(&o), stderr(&o)),
        (Some(0), String::new(), String::new())
    );
    // Without the user's file, the working directory's, named.
    std::fs::remove_file(cfg.join("missions.toml")).unwrap();
    let o = mode(&["--prom"]);
    assert_eq!(
        stdout(&o).lines().next(),
        Some("# mandate: read data/mss-haiti.toml")
    );
}

/// The peak resident memory, in KiB, of `mandate args` (its output thrown away), read
/// from the child's own resource usage.
#[cfg(unix)]
fn peak_kib(args: &[&str]) -> i64 {
    use std::process::Stdio;
    let child = bin()
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run mandate");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 reaps this child only, which `child`
    // (dropped without a wait) does not wait for again.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4");
    drop(child);
    usage.ru_maxrss
}

/// Many valid missions, about `bytes` long, in the manner of `scripts/perf.py`.
fn many_missions(bytes: usize) -> String {
    let mut out = String::from("title = \"many operations\"\n");
    let mut i = 0;
    while out.len() < bytes {
        let y = 2016 + i % 10;
        out.push_str(&format!(
            "\n[[mission]]\nid = \"op-{i}\"\nname = \"Operation {i}, a mission with a reasonably long descriptive name\"\n\
             kind = \"peacekeeping\"\nsummary = \"A paragraph that describes the operation, its mandate and its history.\"\n\
             [[mission.mandate]]\nstart = {y}-01-01\nend = {y}-12-31\nresolution = \"{} ({y})\"\n\
             [mission.strength]\nauthorized = {}\ndeployed = {}\nas_of = 2025-06-01\n\
             history = [{{ date = 2024-01-01, deployed = 100 }}, {{ date = 2024-06-01, deployed = 200 }}]\n\
             [[mission.contributor]]\ncountry = \"Kenya\"\ndeployed = 50\n\
             [[mission.source]]\ntitle = \"Source {i}\"\nurl = \"https://example.org/{i}\"\n",
            1000 + i,
            100 + i * 37 % 20000,
            50 + i * 53 % 20000
        ));
        i += 1;
    }
    out
}

/// An invalid file with one TOML error near its end is not read whole a second time:
/// its peak memory stays near that of the same file without the error.
#[cfg(unix)]
#[test]
fn one_syntax_error_near_the_end_of_a_large_file_needs_no_whole_read() {
    let valid = many_missions(3 << 20);
    let at = valid.rfind("kind = \"peacekeeping\"\n").unwrap();
    let broken = format!(
        "{}kind = \"peacekeeping\n{}",
        &valid[..at],
        &valid[at + 22..]
    );
    let v = file("big_valid", &valid);
    let b = dir("big_broken").join("m.toml");
    std::fs::write(&b, &broken).unwrap();
    let o = run(&["--check", b.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("TOML syntax"), "{}", stderr(&o));
    let valid_kib = peak_kib(&["--check", v.to_str().unwrap()]);
    let broken_kib = peak_kib(&["--check", b.to_str().unwrap()]);
    eprintln!("--check peak: valid {valid_kib} KiB, one error {broken_kib} KiB");
    assert!(
        broken_kib * 10 < valid_kib * 25,
        "one error: {broken_kib} KiB, valid: {valid_kib} KiB"
    );
}

/// No output mode needs more than about twice the memory of `--check` on the same large
/// file (the calendar once needed thirteen times as much, as the crate's objects).
#[cfg(unix)]
#[test]
fn every_output_mode_stays_within_twice_the_memory_of_check() {
    let path = file("big_outputs", &many_missions(4 << 20));
    let p = path.to_str().unwrap();
    let check = peak_kib(&["--check", "--now", "2025-09-22", p]);
    for mode in ["--json", "--ics", "--due", "--nagios", "--prom", "--csv"] {
        let kib = peak_kib(&[mode, "--now", "2025-09-22", p]);
        eprintln!("{mode}: {kib} KiB, --check {check} KiB");
        assert!(
            kib <= check * 2 + 8192,
            "{mode}: {kib} KiB, --check {check} KiB"
        );
    }
}
