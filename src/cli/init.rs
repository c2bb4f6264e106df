//! `mandate --init [PATH]`: the one mode that writes anything. It writes a starter file,
//! never over an existing one: to a temporary file in the same folder, then renamed into
//! place without replacing (so a crash leaves no half-written file, and a file that
//! appears meanwhile is kept).

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use super::home::{shown, Home};
use crate::report::Outcome;
use crate::source::{Lookup, Origin};

/// The starter file, with `{LAST_YEAR}`, `{YEAR}`, `{NEXT_YEAR}` and `{TODAY}` to fill.
const STARTER: &str = include_str!("starter.toml");

/// The starter file for `today`: the example's mandate is in force from 1 January of this
/// year to the end of the next, and its figures are dated today, so `--check` on a new
/// file reports no warning.
pub fn starter(today: NaiveDate) -> String {
    let year = today.year().clamp(2, 9998);
    STARTER
        .replace("{LAST_YEAR}", &format!("{:04}", year - 1))
        .replace("{NEXT_YEAR}", &format!("{:04}", year + 1))
        .replace("{YEAR}", &format!("{year:04}"))
        .replace("{TODAY}", &today.format("%Y-%m-%d").to_string())
}

/// `mandate --init [PATH]`: writes the starter to `path`, or to the user's file (creating
/// its folder) when no path is given.
pub fn init(path: Option<&Path>, home: &Home, today: NaiveDate) -> Outcome {
    let (path, is_user_file) = match (path, &home.lookup.user_file) {
        (Some(p), u) => (p.to_path_buf(), u.as_deref() == Some(p)),
        (None, Some(u)) => (u.clone(), true),
        (None, None) => {
            return fail(
                "mandate: no home folder is known for your file; set MANDATE_CONFIG_DIR, or give --init a PATH\n"
                    .to_string(),
            )
        }
    };
    let name = shown(&path);
    if path.symlink_metadata().is_ok() {
        return exists(&path);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut notes = String::new();
    if !dir.is_dir() {
        if !is_user_file {
            return fail(format!(
                "mandate: the folder {} does not exist; create it first, or give --init another PATH\n",
                shown(&dir)
            ));
        }
        match create_folders(&dir) {
            Ok(()) => notes.push_str(&format!("created the folder {} (mode 0755)\n", shown(&dir))),
            Err(e) => {
                return fail(format!(
                    "mandate: cannot create the folder {}: {e}\n",
                    shown(&dir)
                ))
            }
        }
    }
    match write_new(&path, &dir, starter(today).as_bytes()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return exists(&path),
        Err(e) => return fail(format!("mandate: cannot write {name}: {e}\n")),
    }
    // Would `mandate` alone find it? Only if nothing comes before the user's file.
    let found = is_user_file
        && Origin::choose(
            None,
            &Lookup {
                user_file_exists: true,
                ..home.lookup.clone()
            },
        ) == Origin::File(path.clone());
    let q = shell_word(&path);
    let open = if found {
        "mandate".to_string()
    } else {
        format!("mandate {q}")
    };
    let schema = shell_word(&dir.join("mandate.schema.json"));
    Outcome {
        stdout: format!(
            "{notes}wrote {name} (mode 0644): a starter data file with every key, and one example mission to replace\n\
             next:\n  \
             mandate --check {q}    check it after each edit\n  \
             {open}    open the dashboard on it\n  \
             mandate --generate schema > {schema}    let your editor check it as you type (optional)\n"
        ),
        stderr: String::new(),
        code: 0,
    }
}

fn fail(stderr: String) -> Outcome {
    Outcome {
        stdout: String::new(),
        stderr,
        code: 1,
    }
}

fn exists(path: &Path) -> Outcome {
    fail(format!(
        "mandate: {} already exists; --init never overwrites a file (check it with `mandate --check {}`, or give --init another PATH)\n",
        shown(path),
        shell_word(path)
    ))
}

/// Creates `dir` and its missing parents, each with mode 0755.
fn create_folders(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        // A relative folder's last ancestor is "", the working folder: not one to create.
        let missing: Vec<&Path> = dir
            .ancestors()
            .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
            .collect();
        b.mode(0o755).create(dir)?;
        // The mode is exact, whatever the umask.
        for d in missing {
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    b.create(dir)
}

/// Writes `bytes` to a new file at `path`: a temporary file in `dir` (created with
/// O_EXCL), mode 0644, synced, then linked into place only if nothing is there
/// (`persist_noclobber`). On any failure the temporary file is removed.
fn write_new(path: &Path, dir: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".mandate-init-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        // The new name is durable too; a file system that cannot sync a folder is no error.
        let _ = d.sync_all();
    }
    Ok(())
}

/// A path as a shell word that names exactly that file: as it is when it is plain, in
/// single quotes when it holds only printable characters, else in `$'...'` (bash, zsh,
/// ksh and POSIX.1-2024 sh) with escapes for the control characters and bytes that are
/// not UTF-8. A relative path that starts with `-` gets `./`, so that it is not read as
/// an option.
fn shell_word(path: &Path) -> String {
    #[cfg(unix)]
    let bytes: Vec<u8> = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes: Vec<u8> = path.to_string_lossy().into_owned().into_bytes();
    let mut bytes = bytes;
    if bytes.first() == Some(&b'-') {
        bytes.splice(0..0, *b"./");
    }
    match std::str::from_utf8(&bytes) {
        Ok(s) if !s.chars().any(|c| c.is_control() || is_invisible(c)) => quote(s),
        _ => ansi_c(&bytes),
    }
}

/// Characters a terminal would not show as themselves (bidi controls, zero-width).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// `$'...'` quoting: printable ASCII as itself (`\\` and `\'` escaped), every other
/// byte as `\xHH`.
fn ansi_c(bytes: &[u8]) -> String {
    let mut out = String::from("$'");
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\'' => out.push_str("\\'"),
            0x20..=0x7e => out.push(char::from(b)),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push('\'');
    out
}

/// A path as a shell word: as it is when it is plain, else in single quotes.
fn quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:,@%~".contains(c))
        && !s.starts_with('~')
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_is_valid_with_no_warning_and_has_every_key() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let text = starter(today);
        assert!(text.starts_with("#:schema ./mandate.schema.json\n"));
        for hole in ["{LAST_YEAR}", "{YEAR}", "{NEXT_YEAR}", "{TODAY}"] {
            assert!(!text.contains(hole), "{hole} is left in the starter");
        }
        let data = crate::source::parse(text.as_bytes()).expect("the starter is valid");
        assert_eq!(data.missions.len(), 1);
        assert!(data.warnings.is_empty(), "{:?}", data.warnings);
        let now = today.and_hms_opt(12, 0, 0).unwrap().and_utc();
        assert!(crate::report::check::warnings(&data, now).is_empty());
        use crate::source::parse::allowed_keys::*;
        for (table, keys) in [
            ("top", TOP_KEYS),
            ("[[mission]]", MISSION_KEYS),
            ("[[mission.mandate]]", MANDATE_KEYS),
            ("[mission.strength]", STRENGTH_KEYS),
            ("history", HISTORY_KEYS),
            ("[[mission.contributor]]", CONTRIBUTOR_KEYS),
            ("[mission.funding]", FUNDING_KEYS),
            ("[[mission.milestone]]", MILESTONE_KEYS),
            ("[[mission.requirement]]", REQUIREMENT_KEYS),
            ("[[mission.source]]", SOURCE_KEYS),
        ] {
            for k in keys {
                let written = [
                    format!("\n{k} ="),
                    format!("\n# {k} ="),
                    format!("{{ {k} ="),
                    format!(", {k} ="),
                    format!("[[{k}]]"),
                    format!("[[mission.{k}]]"),
                    format!("[mission.{k}]"),
                ];
                assert!(
                    written.iter().any(|w| text.contains(w.as_str())),
                    "the starter lacks `{k}` of {table}"
                );
            }
        }
    }

    /// The last step never replaces a file that appeared after the first check (a race),
    /// and a failed write leaves no temporary file.
    #[test]
    fn the_rename_never_replaces_a_file_and_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("mandate-init-unit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("missions.toml");
        std::fs::write(&target, "theirs\n").unwrap();
        let e = write_new(&target, &dir, b"ours\n").unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "theirs\n");
        let new = dir.join("new.toml");
        write_new(&new, &dir, b"ours\n").unwrap();
        assert_eq!(std::fs::read_to_string(&new).unwrap(), "ours\n");
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["missions.toml", "new.toml"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&new).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o644);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn quoting_leaves_plain_paths_alone() {
        assert_eq!(
            quote("/home/u/.config/mandate/missions.toml"),
            "/home/u/.config/mandate/missions.toml"
        );
        assert_eq!(quote("/a b/it's.toml"), r"'/a b/it'\''s.toml'");
    }
}
