//! The program at home on a user's machine: where the user's file is, what `--help`
//! says of the lookup order here, and the hint for a user's file that is not there yet.

use std::path::{Path, PathBuf};

use crate::domain::text::clean;
use crate::source::{self, Lookup, Origin, ReadError, BUILTIN_NAME, DEFAULT_FILE};

/// The environment as the lookup sees it.
#[derive(Debug, Clone, Default)]
pub struct Home {
    pub lookup: Lookup,
    /// Whether `$MANDATE_CONFIG_DIR` chose the folder of the user's file.
    pub config_dir_set: bool,
}

impl Home {
    /// Reads `$MANDATE_FILE`, `$MANDATE_CONFIG_DIR` and the platform's configuration
    /// folder (etcetera: `$XDG_CONFIG_HOME` or `~/.config` on Linux and macOS, the roaming
    /// AppData folder on Windows), and asks whether the files exist.
    pub fn from_process() -> Home {
        use etcetera::BaseStrategy;
        let env_file = std::env::var("MANDATE_FILE").ok();
        let over = std::env::var_os("MANDATE_CONFIG_DIR")
            .map(PathBuf::from)
            .filter(|d| !d.as_os_str().is_empty());
        let base = etcetera::choose_base_strategy()
            .ok()
            .map(|s| s.config_dir());
        let user_file = source::user_file(over.as_deref(), base.as_deref());
        Home {
            lookup: Lookup {
                env_file,
                default_exists: Path::new(DEFAULT_FILE).is_file(),
                user_file_exists: user_file.as_deref().is_some_and(Path::exists),
                user_file,
            },
            config_dir_set: over.is_some(),
        }
    }
}

/// How the user's file is found, in general terms (the man page; `--help` adds the paths).
pub const USER_FILE_RULE: &str = if cfg!(windows) {
    "$MANDATE_CONFIG_DIR\\missions.toml if MANDATE_CONFIG_DIR is set, else %APPDATA%\\mandate\\missions.toml"
} else {
    "$MANDATE_CONFIG_DIR/missions.toml if MANDATE_CONFIG_DIR is set, else $XDG_CONFIG_HOME/mandate/missions.toml (default ~/.config/mandate/missions.toml, on macOS too)"
};

/// `--help`'s closing text: the lookup order with this machine's paths and what is there.
pub fn after_help(home: &Home) -> String {
    let l = &home.lookup;
    let env = match l.env_file.as_deref().filter(|e| !e.is_empty()) {
        Some(e) => format!("set: {}", clean(e)),
        None => "unset".to_string(),
    };
    let here = if l.default_exists {
        "found"
    } else {
        "not here"
    };
    let user = match &l.user_file {
        Some(p) => format!(
            "{} ({})",
            shown(p),
            if l.user_file_exists {
                "found"
            } else {
                "not found; `mandate --init` writes it"
            }
        ),
        None => "none: no home folder known; set MANDATE_CONFIG_DIR".to_string(),
    };
    let from = if home.config_dir_set {
        "from $MANDATE_CONFIG_DIR"
    } else {
        "set MANDATE_CONFIG_DIR for another folder"
    };
    let now = Origin::choose(None, l).name();
    format!(
        "Without FILE, mandate reads the first of (on this machine):\n  \
         1. $MANDATE_FILE: {env}\n  \
         2. your file, {user}; {from}\n  \
         3. ./{DEFAULT_FILE}: {here}\n  \
         4. the built-in copy ({BUILTIN_NAME})\n\
         Now: {now}\n\n\
         Exit codes: 0 ok, 1 invalid data file (or --init: the file exists or cannot be written), 2 usage error; --due: 3 when something is due; --nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (also for a bad file or bad usage)."
    )
}

/// A path as messages show it.
pub fn shown(p: &Path) -> String {
    clean(&p.display().to_string())
}

/// What a missing user's file is told.
pub const INIT_HINT: &str = "`mandate --init` writes a starter file there";

/// Whether `origin` is the user's own file.
pub fn is_user_file(origin: &Origin, home: &Home) -> bool {
    origin.path().is_some() && origin.path() == home.lookup.user_file.as_deref()
}

/// The message for a missing file, with a pointer to `--init` when it is the user's own.
pub fn with_init_hint(stderr: String, origin: &Origin, home: &Home) -> String {
    if !is_user_file(origin, home) {
        return stderr;
    }
    let missing = format!(": error: {}", ReadError::Missing);
    stderr.replacen(
        &missing,
        &format!(": error: file not found; {INIT_HINT}"),
        1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn home(user_exists: bool) -> Home {
        Home {
            lookup: Lookup {
                env_file: None,
                default_exists: false,
                user_file: Some("/h/.config/mandate/missions.toml".into()),
                user_file_exists: user_exists,
            },
            config_dir_set: false,
        }
    }

    #[test]
    fn help_names_this_machines_paths_and_what_it_would_read() {
        let h = after_help(&home(false));
        assert!(
            h.contains("2. your file, /h/.config/mandate/missions.toml (not found; `mandate --init` writes it)"),
            "{h}"
        );
        assert!(h.contains("Now: built-in data/mss-haiti.toml"), "{h}");
        let h = after_help(&home(true));
        assert!(h.contains("Now: /h/.config/mandate/missions.toml"), "{h}");
        assert!(h.contains("1. $MANDATE_FILE: unset"), "{h}");
    }

    #[test]
    fn a_missing_user_file_suggests_init_and_another_missing_file_does_not() {
        let msg = format!("F: error: {}\nF: 1 error; fix\n", ReadError::Missing);
        let user = Origin::File("/h/.config/mandate/missions.toml".into());
        let out = with_init_hint(msg.clone(), &user, &home(false));
        assert!(
            out.starts_with(
                "F: error: file not found; `mandate --init` writes a starter file there\n"
            ),
            "{out}"
        );
        let other = Origin::File("x.toml".into());
        assert_eq!(with_init_hint(msg.clone(), &other, &home(false)), msg);
        assert_eq!(
            with_init_hint(msg.clone(), &Origin::Builtin, &home(false)),
            msg
        );
    }
}
