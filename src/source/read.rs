//! Reading a data file from disk, with a size limit; I/O failures become messages.

use std::path::Path;

use crate::domain::text::clean;

/// Files larger than this are refused before they are parsed.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    Missing,
    Directory,
    TooLarge(u64),
    Unreadable(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Missing => write!(f, "file not found; check the path, or set MANDATE_FILE"),
            ReadError::Directory => write!(f, "is a directory; give the path of a .toml file"),
            ReadError::TooLarge(n) => write!(
                f,
                "file is {n} bytes, over the {} MiB limit; split it into smaller files",
                MAX_FILE_BYTES / 1024 / 1024
            ),
            ReadError::Unreadable(why) => write!(f, "cannot read the file: {}", clean(why)),
        }
    }
}

/// Reads a data file, refusing directories and files over [`MAX_FILE_BYTES`].
pub fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(io_error)?;
    let meta = file.metadata().map_err(io_error)?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(meta.len().max(bytes.len() as u64)));
    }
    Ok(bytes)
}

fn io_error(e: std::io::Error) -> ReadError {
    match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::Missing,
        std::io::ErrorKind::IsADirectory => ReadError::Directory,
        std::io::ErrorKind::PermissionDenied => {
            ReadError::Unreadable("permission denied; check the file's permissions".into())
        }
        _ => ReadError::Unreadable(e.to_string()),
    }
}
