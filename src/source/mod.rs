//! Where the data comes from: the file or the built-in copy ([`Origin`]), the one
//! [`load`] every mode uses, the parser, and the watcher that follows the file.

pub mod parse;
mod read;
pub mod watch;

use std::path::{Path, PathBuf};

use crate::domain::{Dataset, Diagnostic, Diagnostics};
pub use parse::parse;
pub use read::{read, ReadError, MAX_FILE_BYTES};

/// The bundled example, built into the binary.
pub const BUILTIN: &str = include_str!("../../data/mss-haiti.toml");
/// What the built-in copy is called in messages.
pub const BUILTIN_NAME: &str = "built-in data/mss-haiti.toml";
/// The file looked for in the working directory when none is given.
pub const DEFAULT_FILE: &str = "data/mss-haiti.toml";

/// The user's file in their configuration folder: `$XDG_CONFIG_HOME/mandate/missions.toml`,
/// or `missions.toml` in `$MANDATE_CONFIG_DIR`.
pub const USER_FILE_NAME: &str = "missions.toml";

/// Where the data comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    File(PathBuf),
    Builtin,
}

/// What [`Origin::choose`] needs to know of the environment, gathered by the caller (the
/// command line reads the variables and asks the file system), so the choice stays pure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lookup {
    /// `$MANDATE_FILE` (empty counts as unset).
    pub env_file: Option<String>,
    /// Whether `./data/mss-haiti.toml` exists.
    pub default_exists: bool,
    /// The user's file, when a folder for it is known (see [`user_file`]).
    pub user_file: Option<PathBuf>,
    /// Whether the user's file exists.
    pub user_file_exists: bool,
}

/// The user's file: `missions.toml` in `config_dir_override` (`$MANDATE_CONFIG_DIR`,
/// when set and not empty), else in `mandate/` of the platform's configuration folder
/// (`base_config_dir`: `$XDG_CONFIG_HOME` or `~/.config` on Linux and macOS, the
/// roaming AppData folder on Windows); none when neither is known.
pub fn user_file(
    config_dir_override: Option<&Path>,
    base_config_dir: Option<&Path>,
) -> Option<PathBuf> {
    match config_dir_override.filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => Some(dir.join(USER_FILE_NAME)),
        None => base_config_dir.map(|b| b.join("mandate").join(USER_FILE_NAME)),
    }
}

impl Origin {
    /// The file argument, else `$MANDATE_FILE`, else the user's file if it exists, else
    /// `data/mss-haiti.toml` here, else the built-in copy. The user's file comes before
    /// the working directory's: a file planted where the shell happens to be (a download,
    /// a shared folder) is not read in place of the user's own.
    pub fn choose(file: Option<&Path>, env: &Lookup) -> Origin {
        if let Some(f) = file {
            return Origin::File(f.to_path_buf());
        }
        if let Some(e) = env.env_file.as_deref().filter(|e| !e.is_empty()) {
            return Origin::File(PathBuf::from(e));
        }
        match &env.user_file {
            Some(u) if env.user_file_exists => Origin::File(u.clone()),
            _ if env.default_exists => Origin::File(PathBuf::from(DEFAULT_FILE)),
            _ => Origin::Builtin,
        }
    }

    /// The path of the file (none for the built-in copy).
    pub fn path(&self) -> Option<&Path> {
        match self {
            Origin::File(p) => Some(p),
            Origin::Builtin => None,
        }
    }

    /// The name used in messages and the status bar.
    pub fn name(&self) -> String {
        match self {
            Origin::File(p) => crate::domain::text::clean(&p.display().to_string()),
            Origin::Builtin => BUILTIN_NAME.to_string(),
        }
    }

    /// Whether there is a file to watch (the built-in copy never changes).
    pub fn is_builtin(&self) -> bool {
        *self == Origin::Builtin
    }

    /// The file's bytes (the built-in copy needs no reading).
    pub fn read(&self) -> Result<Vec<u8>, ReadError> {
        match self {
            Origin::File(p) => read(p),
            Origin::Builtin => Ok(BUILTIN.as_bytes().to_vec()),
        }
    }
}

/// What is wrong with the file right now.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The file parses badly: the first problems, and how many more.
    Invalid(Diagnostics),
    /// The file is gone.
    Missing,
    /// The file cannot be read (permissions, a directory, too large...).
    Unreadable(String),
}

impl Problem {
    /// The problem as diagnostics, for `--check` and the other modes.
    pub fn diagnostics(self) -> Diagnostics {
        match self {
            Problem::Invalid(d) => d,
            Problem::Missing => {
                Diagnostics::one(Diagnostic::error(None, ReadError::Missing.to_string()))
            }
            Problem::Unreadable(why) => Diagnostics::one(Diagnostic::error(None, why)),
        }
    }
}

/// What one load of the file found.
#[derive(Debug, Clone, PartialEq)]
pub enum FileEvent {
    /// A valid file.
    Loaded(Box<Dataset>),
    /// A file that cannot be shown.
    Failed(Problem),
}

impl FileEvent {
    /// The result of reading and parsing.
    pub fn of(result: Result<Vec<u8>, ReadError>) -> FileEvent {
        match result {
            Ok(bytes) => match parse(&bytes) {
                Ok(d) => FileEvent::Loaded(Box::new(d)),
                Err(diags) => FileEvent::Failed(Problem::Invalid(diags)),
            },
            Err(ReadError::Missing) => FileEvent::Failed(Problem::Missing),
            Err(e) => FileEvent::Failed(Problem::Unreadable(e.to_string())),
        }
    }

    /// The data, or the problems as diagnostics.
    pub fn into_result(self) -> Result<Dataset, Diagnostics> {
        match self {
            FileEvent::Loaded(d) => Ok(*d),
            FileEvent::Failed(p) => Err(p.diagnostics()),
        }
    }
}

/// Reads and parses the data now: the one loader of every mode and of the watcher.
pub fn load(origin: &Origin) -> FileEvent {
    FileEvent::of(origin.read())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_order() {
        let user = PathBuf::from("/home/u/.config/mandate/missions.toml");
        let all = Lookup {
            env_file: Some("e.toml".into()),
            default_exists: true,
            user_file: Some(user.clone()),
            user_file_exists: true,
        };
        let f = Path::new("x.toml");
        assert_eq!(Origin::choose(Some(f), &all), Origin::File(f.into()));
        assert_eq!(Origin::choose(None, &all), Origin::File("e.toml".into()));
        let no_env = Lookup {
            env_file: Some(String::new()),
            ..all.clone()
        };
        // the user's file comes before ./data/mss-haiti.toml
        assert_eq!(Origin::choose(None, &no_env), Origin::File(user.clone()));
        let no_user_yet = Lookup {
            user_file_exists: false,
            ..no_env.clone()
        };
        assert_eq!(
            Origin::choose(None, &no_user_yet),
            Origin::File(DEFAULT_FILE.into())
        );
        let no_default = Lookup {
            default_exists: false,
            ..no_env.clone()
        };
        assert_eq!(
            Origin::choose(None, &no_default),
            Origin::File(user.clone())
        );
        let no_user = Lookup {
            user_file_exists: false,
            ..no_default.clone()
        };
        assert_eq!(Origin::choose(None, &no_user), Origin::Builtin);
        assert_eq!(Origin::choose(None, &Lookup::default()), Origin::Builtin);
        // a user file that exists is still beaten by an explicit file or $MANDATE_FILE
        assert_eq!(Origin::choose(Some(f), &no_default), Origin::File(f.into()));
    }

    #[test]
    fn the_user_file_is_in_the_override_else_in_mandate_under_the_config_folder() {
        let base = Path::new("/home/u/.config");
        assert_eq!(
            user_file(None, Some(base)),
            Some(PathBuf::from("/home/u/.config/mandate/missions.toml"))
        );
        assert_eq!(
            user_file(Some(Path::new("/etc/m")), Some(base)),
            Some(PathBuf::from("/etc/m/missions.toml"))
        );
        // an empty override counts as unset
        assert_eq!(
            user_file(Some(Path::new("")), Some(base)),
            Some(PathBuf::from("/home/u/.config/mandate/missions.toml"))
        );
        assert_eq!(
            user_file(Some(Path::new("rel")), None),
            Some(PathBuf::from("rel/missions.toml"))
        );
        assert_eq!(user_file(None, None), None);
    }

    #[test]
    fn builtin_data_is_valid() {
        let d = load(&Origin::Builtin)
            .into_result()
            .expect("the built-in data must be valid");
        assert!(d.missions.len() >= 2);
    }
}
