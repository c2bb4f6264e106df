//! At home on a user's machine: the user's file and where it is looked up, `--init`
//! (writes a new file only, atomically, never over another), `--help` and `--version`,
//! the completion scripts and the man page. Each test runs the real binary with its own
//! HOME, so nothing of the developer's own configuration is read or touched.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_mandate");
/// A fixed day, so the starter's dates and the warnings do not depend on the clock.
const NOW: &str = "2026-01-15";

/// A fresh folder with an empty HOME (`home/`) and an empty working directory (`work/`).
struct Sandbox(PathBuf);

impl Sandbox {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("mandate-home-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("home")).unwrap();
        std::fs::create_dir_all(dir.join("work")).unwrap();
        Sandbox(dir)
    }
    fn home(&self) -> PathBuf {
        self.0.join("home")
    }
    fn work(&self) -> PathBuf {
        self.0.join("work")
    }
    fn user_file(&self) -> PathBuf {
        self.home().join(".config/mandate/missions.toml")
    }
    /// `mandate args` in `work/` with HOME set to `home/`, no XDG_CONFIG_HOME,
    /// MANDATE_CONFIG_DIR or MANDATE_FILE, and `env` on top.
    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .current_dir(self.work())
            .env("HOME", self.home())
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("MANDATE_CONFIG_DIR")
            .env_remove("MANDATE_FILE")
            .env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("the mandate binary runs")
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Every entry under `dir`: its content (files) or a mark (folders, links), and its
/// modification time, to show that nothing else was touched.
fn tree(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let meta = std::fs::symlink_metadata(&p).unwrap();
        let what = if meta.is_file() {
            std::fs::read(&p).unwrap()
        } else if meta.is_dir() {
            out.extend(tree(&p));
            b"<dir>".to_vec()
        } else {
            format!("<link {}>", std::fs::read_link(&p).unwrap().display()).into_bytes()
        };
        out.insert(p, (what, meta.modified().unwrap()));
    }
    out
}

#[test]
fn init_in_an_empty_home_writes_the_users_file_which_check_and_json_then_read() {
    let s = Sandbox::new("init");
    let user = s.user_file();
    let o = s.run(&["--init", "--now", NOW], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    let name = user.display().to_string();
    assert!(
        text.contains(&format!("wrote {name} (mode 0644)")),
        "{text}"
    );
    assert!(text.contains(&format!("mandate --check {name}")), "{text}");
    assert!(
        text.contains("\n  mandate    open the dashboard on it\n"),
        "{text}"
    );
    assert!(err(&o).is_empty(), "{}", err(&o));
    // the file and nothing else in its folder (no temporary file left behind)
    let dir = user.parent().unwrap();
    let names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["missions.toml"]);
    #[cfg(unix)]
    {
        assert_eq!(mode(&user), 0o644);
        assert_eq!(mode(dir), 0o755);
        assert_eq!(mode(dir.parent().unwrap()), 0o755);
    }
    let starter = std::fs::read_to_string(&user).unwrap();
    assert!(starter.starts_with("#:schema ./mandate.schema.json\n"));
    assert_eq!(
        starter,
        mandate::cli::starter("2026-01-15".parse().unwrap())
    );

    // from an empty directory, without FILE: the user's file, valid, no warnings
    let o = s.run(&["--check", "--now", NOW], &[]);
    assert_eq!(out(&o), format!("{name}: 1 mission, ok\n"), "{}", err(&o));
    assert_eq!(o.status.code(), Some(0));
    assert!(err(&o).is_empty(), "{}", err(&o));
    let o = s.run(&["--json", "--now", NOW], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v["file"], name.as_str());
    assert_eq!(v["missions"][0]["id"], "example");
    assert_eq!(v["missions"][0]["phase"], "active");
    assert_eq!(v["missions"][0]["authorized"], 11943);
    assert_eq!(v["missions"][0]["deployed"], 10590);
}

#[test]
fn init_never_overwrites_and_touches_nothing_else() {
    let s = Sandbox::new("no-overwrite");
    let dir = s.work().join("mine");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("missions.toml"), "keep me\n").unwrap();
    std::fs::write(dir.join("other.txt"), "other\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("nowhere.toml", dir.join("dangling.toml")).unwrap();
    let before = tree(&s.0);
    for target in ["mine/missions.toml", "mine/dangling.toml"] {
        let o = s.run(&["--init", target], &[]);
        if target.contains("dangling") && cfg!(not(unix)) {
            continue;
        }
        assert_eq!(o.status.code(), Some(1), "{target}: {}", out(&o));
        assert!(out(&o).is_empty());
        assert_eq!(
            err(&o).lines().next().unwrap(),
            format!(
                "mandate: {target} already exists; --init never overwrites a file (check it with `mandate --check {target}`, or give --init another PATH)"
            )
        );
        assert_eq!(tree(&s.0), before, "{target}: something was touched");
    }
    // the user's file too
    std::fs::create_dir_all(s.user_file().parent().unwrap()).unwrap();
    std::fs::write(s.user_file(), "mine\n").unwrap();
    let before = tree(&s.0);
    let o = s.run(&["--init"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains(&s.user_file().display().to_string()),
        "{}",
        err(&o)
    );
    assert_eq!(tree(&s.0), before);
}

#[test]
fn init_with_a_path_adds_that_file_only() {
    let s = Sandbox::new("path");
    std::fs::write(s.work().join("notes.txt"), "n\n").unwrap();
    let mut before = tree(&s.0);
    let o = s.run(&["--init", "ops.toml", "--now", NOW], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    // not the user's file: the dashboard needs the path
    assert!(
        out(&o).contains("\n  mandate ops.toml    open the dashboard on it\n"),
        "{}",
        out(&o)
    );
    let mut after = tree(&s.0);
    let new = after
        .remove(&s.work().join("ops.toml"))
        .expect("ops.toml written");
    assert_eq!(
        new.0,
        mandate::cli::starter("2026-01-15".parse().unwrap()).into_bytes()
    );
    // the folder's own time changes with a new entry; nothing else does
    before.remove(&s.work());
    after.remove(&s.work());
    assert_eq!(after, before);
    // a PATH in a folder that does not exist is refused; nothing is created
    let o = s.run(&["--init", "no/such/dir/ops.toml"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("the folder no/such/dir does not exist"),
        "{}",
        err(&o)
    );
    assert!(!s.work().join("no").exists());
    // --init with FILE is a usage error
    let o = s.run(&["ops.toml", "--init"], &[]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
}

#[test]
fn the_users_file_follows_xdg_config_home_and_mandate_config_dir() {
    let s = Sandbox::new("xdg");
    let xdg = s.0.join("xdg");
    let o = s.run(
        &["--init", "--now", NOW],
        &[("XDG_CONFIG_HOME", xdg.to_str().unwrap())],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let in_xdg = xdg.join("mandate/missions.toml");
    assert!(in_xdg.is_file());
    assert!(!s.user_file().exists());
    let o = s.run(
        &["--check", "--now", NOW],
        &[("XDG_CONFIG_HOME", xdg.to_str().unwrap())],
    );
    assert_eq!(out(&o), format!("{}: 1 mission, ok\n", in_xdg.display()));

    let cfg = s.0.join("cfg");
    let env = [("MANDATE_CONFIG_DIR", cfg.to_str().unwrap())];
    let o = s.run(&["--init", "--now", NOW], &env);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let in_cfg = cfg.join("missions.toml");
    assert!(in_cfg.is_file());
    let o = s.run(&["--check", "--now", NOW], &env);
    assert_eq!(out(&o), format!("{}: 1 mission, ok\n", in_cfg.display()));
    let o = s.run(&["--help"], &env);
    assert!(
        out(&o).contains(&format!(
            "2. your file, {} (found); from $MANDATE_CONFIG_DIR",
            in_cfg.display()
        )),
        "{}",
        out(&o)
    );
}

#[test]
fn lookup_order_with_the_users_file() {
    let s = Sandbox::new("order");
    let user = s.user_file();
    std::fs::create_dir_all(user.parent().unwrap()).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("tests/fixtures/valid/minimal.toml"), &user).unwrap();
    std::fs::copy(
        root.join("tests/fixtures/valid/gap_lapsed.toml"),
        s.work().join("env.toml"),
    )
    .unwrap();
    let check = |env: &[(&str, &str)]| out(&s.run(&["--check"], env));
    // the user's file, when nothing comes before it
    assert_eq!(check(&[]), format!("{}: 1 mission, ok\n", user.display()));
    // $MANDATE_FILE comes before it
    assert_eq!(
        check(&[("MANDATE_FILE", "env.toml")]),
        "env.toml: 2 missions, ok\n"
    );
    // ./data/mss-haiti.toml does not: the user's file comes first
    std::fs::create_dir(s.work().join("data")).unwrap();
    std::fs::copy(
        root.join("tests/fixtures/valid/gap_lapsed.toml"),
        s.work().join("data/mss-haiti.toml"),
    )
    .unwrap();
    assert_eq!(check(&[]), format!("{}: 1 mission, ok\n", user.display()));
    // without the user's file, ./data/mss-haiti.toml
    std::fs::remove_file(&user).unwrap();
    assert_eq!(check(&[]), "data/mss-haiti.toml: 2 missions, ok\n");
    std::fs::remove_dir_all(s.work().join("data")).unwrap();
    // gone: the built-in copy
    assert_eq!(check(&[]), "built-in data/mss-haiti.toml: 2 missions, ok\n");
}

#[test]
fn a_missing_users_file_suggests_init_and_another_missing_file_does_not() {
    let s = Sandbox::new("missing");
    let user = s.user_file();
    let o = s.run(&["--check"], &[("MANDATE_FILE", user.to_str().unwrap())]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        err(&o).lines().next().unwrap(),
        format!(
            "{}: error: file not found; `mandate --init` writes a starter file there",
            user.display()
        )
    );
    let o = s.run(&["--json", user.to_str().unwrap()], &[]);
    assert!(
        err(&o).contains("`mandate --init` writes a starter file there"),
        "{}",
        err(&o)
    );
    let o = s.run(&["--check", "elsewhere.toml"], &[]);
    assert_eq!(
        err(&o).lines().next().unwrap(),
        "elsewhere.toml: error: file not found; check the path, or set MANDATE_FILE"
    );
}

#[test]
fn help_prints_the_lookup_order_with_this_machines_paths() {
    let s = Sandbox::new("help");
    let o = s.run(&["--help"], &[]);
    assert_eq!(o.status.code(), Some(0));
    let h = out(&o);
    for line in [
        "Without FILE, mandate reads the first of (on this machine):".to_string(),
        "  1. $MANDATE_FILE: unset".to_string(),
        format!(
            "  2. your file, {} (not found; `mandate --init` writes it); set MANDATE_CONFIG_DIR for another folder",
            s.user_file().display()
        ),
        "  3. ./data/mss-haiti.toml: not here".to_string(),
        "  4. the built-in copy (built-in data/mss-haiti.toml)".to_string(),
        "Now: built-in data/mss-haiti.toml".to_string(),
    ] {
        assert!(h.lines().any(|l| l == line), "no line {line:?} in:\n{h}");
    }
    let o = s.run(&["--help"], &[("MANDATE_FILE", "x.toml")]);
    assert!(out(&o).contains("  1. $MANDATE_FILE: set: x.toml\n"));
    assert!(out(&o).contains("Now: x.toml\n"));
}

#[test]
fn every_completion_script_is_generated_and_file_completes_to_toml_files() {
    let s = Sandbox::new("complete");
    for kind in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = s.run(&["--generate", &format!("complete-{kind}")], &[]);
        assert_eq!(o.status.code(), Some(0), "{kind}: {}", err(&o));
        let script = out(&o);
        assert!(
            script.contains("mandate") && script.contains("check"),
            "{kind}"
        );
        if ["bash", "zsh", "fish"].contains(&kind) {
            assert!(
                script.contains("complete-bash"),
                "{kind}: --generate's values"
            );
        }
    }
    let zsh = out(&s.run(&["--generate", "complete-zsh"], &[]));
    assert_eq!(zsh.matches(":_files -g \"*.toml\"'").count(), 2, "{zsh}");
    let bash = out(&s.run(&["--generate", "complete-bash"], &[]));
    assert_eq!(bash.matches("compgen -f -X '!*.toml'").count(), 2, "{bash}");
    let o = s.run(&["--generate", "nonsense"], &[]);
    assert_eq!(o.status.code(), Some(2));
}

/// The bash script loads without a message and completes flags, `--generate`'s values,
/// and `.toml` files (and folders) for FILE.
#[test]
fn bash_completion_loads_and_completes() {
    if Command::new("bash").arg("--version").output().is_err() {
        eprintln!("no bash here: skipped");
        return;
    }
    let s = Sandbox::new("bash");
    let script = s.0.join("mandate.bash");
    std::fs::write(&script, out(&s.run(&["--generate", "complete-bash"], &[]))).unwrap();
    for f in ["a.toml", "b.txt", "c.toml"] {
        std::fs::write(s.work().join(f), "").unwrap();
    }
    std::fs::create_dir(s.work().join("sub")).unwrap();
    let probe = format!(
        r#"source '{}' || exit 9
t() {{ COMP_WORDS=("$@"); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); COMPREPLY=()
  _mandate mandate "${{COMP_WORDS[$COMP_CWORD]}}" "${{COMP_WORDS[$COMP_CWORD-1]}}" 2>/dev/null
  printf '%s\n' "$(printf '%s\n' "${{COMPREPLY[@]}}" | sort | tr '\n' ' ')"; }}
t mandate --ch
t mandate --gen
t mandate --generate complete-
t mandate ''
t mandate --check ''
"#,
        script.display()
    );
    let o = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &probe])
        .current_dir(s.work())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(err(&o).is_empty(), "loading printed: {}", err(&o));
    let lines: Vec<String> = out(&o).lines().map(|l| l.trim_end().to_string()).collect();
    assert_eq!(
        lines,
        [
            "--check",
            "--generate",
            "complete-bash complete-elvish complete-fish complete-powershell complete-zsh",
            "a.toml c.toml sub",
            "a.toml c.toml sub",
        ]
    );
}

#[test]
fn the_man_page_is_current() {
    insta::assert_snapshot!(
        "man_page",
        mandate::cli::man(<mandate::cli::Args as clap::CommandFactory>::command())
    );
}

#[test]
fn the_man_page_renders_without_warnings() {
    let s = Sandbox::new("man");
    let page = s.0.join("mandate.1");
    let o = s.run(&["--generate", "man"], &[]);
    assert_eq!(o.status.code(), Some(0));
    std::fs::write(&page, &o.stdout).unwrap();
    let Ok(g) = Command::new("groff")
        .args(["-wall", "-man", "-Tutf8", "-z"])
        .arg(&page)
        .output()
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "groff is missing; .ci/run installs groff-base"
        );
        eprintln!("no groff here: skipped");
        return;
    };
    assert!(
        g.status.success() && g.stderr.is_empty(),
        "groff: {}",
        err(&g)
    );
    let text = String::from_utf8_lossy(
        &Command::new("groff")
            .args(["-man", "-Tascii", "-P-cbou"])
            .arg(&page)
            .output()
            .unwrap()
            .stdout,
    )
    .into_owned();
    for section in [
        "SYNOPSIS",
        "OPTIONS",
        "THE DATA FILE",
        "EXIT STATUS",
        "ENVIRONMENT",
        "FILES",
        "EXAMPLES",
        "MANDATE_CONFIG_DIR",
        "NO_COLOR",
    ] {
        assert!(text.contains(section), "{section} not in:\n{text}");
    }
}

/// The dashboard on the user's own file, missing: the screen points at `--init` too.
#[test]
fn the_dashboard_on_a_missing_users_file_suggests_init() -> crate::common::TestResult {
    let sb = Sandbox::new("dash-init");
    let config = sb.0.join("config");
    let file = config.join("missions.toml");
    let mut tui = crate::common::Tui::spawn(
        100,
        30,
        &[file.to_str().unwrap()],
        &[("MANDATE_CONFIG_DIR", config.to_str().unwrap())],
    );
    tui.wait_for("the hint", |s| {
        s.contains("file missing;") && s.contains("mandate --init")
    })?;
    tui.send("q");
    crate::common::check_restored(&mut tui)
}
