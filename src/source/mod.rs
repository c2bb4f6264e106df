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

/// Where the data comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    File(PathBuf),
    Builtin,
}

impl Origin {
    /// The file argument, else `$MANDATE_FILE`, else `data/mss-haiti.toml` here, else
    /// the built-in copy.
    pub fn choose(file: Option<&Path>, env_file: Option<&str>, default_exists: bool) -> Origin {
        if let Some(f) = file {
            return Origin::File(f.to_path_buf());
        }
        if let Some(e) = env_file.filter(|e| !e.is_empty()) {
            return Origin::File(PathBuf::from(e));
        }
        if default_exists {
            return Origin::File(PathBuf::from(DEFAULT_FILE));
        }
        Origin::Builtin
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
        let f = Path::new("x.toml");
        assert_eq!(
            Origin::choose(Some(f), Some("e.toml"), true),
            Origin::File(f.into())
        );
        assert_eq!(
            Origin::choose(None, Some("e.toml"), true),
            Origin::File("e.toml".into())
        );
        assert_eq!(
            Origin::choose(None, Some(""), true),
            Origin::File(DEFAULT_FILE.into())
        );
        assert_eq!(Origin::choose(None, None, false), Origin::Builtin);
    }

    #[test]
    fn builtin_data_is_valid() {
        let d = load(&Origin::Builtin)
            .into_result()
            .expect("the built-in data must be valid");
        assert!(d.missions.len() >= 2);
    }
}
