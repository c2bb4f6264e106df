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
    /// A FIFO, a device, a socket: reading it could block for ever.
    NotRegular(&'static str),
    TooLarge(u64),
    Unreadable(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Missing => write!(f, "file not found; check the path, or set MANDATE_FILE"),
            ReadError::Directory => write!(f, "is a directory; give the path of a .toml file"),
            ReadError::NotRegular(what) => write!(
                f,
                "not a regular file ({what}); give the path of a .toml file saved on disk"
            ),
            ReadError::TooLarge(n) => write!(
                f,
                "file is {n} bytes, over the {} MiB limit; split it into smaller files",
                MAX_FILE_BYTES / 1024 / 1024
            ),
            ReadError::Unreadable(why) => write!(f, "cannot read the file: {}", clean(why)),
        }
    }
}

/// Reads a data file, refusing directories, anything but a regular file, and files over
/// [`MAX_FILE_BYTES`]. The file is opened without blocking (a FIFO with no writer would
/// block an ordinary open for ever) and checked to be a regular file before any read.
pub fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let file = open_nonblocking(path).map_err(io_error)?;
    let meta = file.metadata().map_err(io_error)?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta)));
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

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// What a file that is not a regular file is, for the message.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device, such as a terminal";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "not a file"
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_and_a_terminal_are_refused_without_blocking() {
        let dir = std::env::temp_dir().join(format!("mandate-read-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("f.toml");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let e = read(&fifo).unwrap_err();
        assert_eq!(e, ReadError::NotRegular("a FIFO"));
        assert!(
            e.to_string().starts_with("not a regular file (a FIFO)"),
            "{e}"
        );
        assert!(matches!(
            read(Path::new("/dev/null")),
            Err(ReadError::NotRegular(_))
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
