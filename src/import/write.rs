//! Writing the edited file: atomically, and only over the text that was read.
//!
//! The new text goes to a temporary file in the same folder, which is flushed to disk,
//! given the file's mode and renamed into place (then the folder is flushed too), so a
//! reader sees the old file or the new one, never a part. Nothing is written when the
//! file changed since it was read, or when it or its folder is read-only; on any failure
//! the original is left as it was and the temporary file is removed.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::domain::text::clean;

/// Replaces the file at `path`, whose text was `read`, by `new`. A symbolic link is
/// followed: the file it points to is replaced.
pub fn write_atomic(path: &Path, read: &str, new: &str) -> Result<(), String> {
    let shown = clean(&path.display().to_string());
    let target: PathBuf = fs::canonicalize(path).map_err(|e| {
        format!(
            "{shown}: cannot be written, nothing was: {}",
            describe(&e, "it no longer exists")
        )
    })?;
    let meta = fs::metadata(&target).map_err(|e| {
        format!(
            "{shown}: cannot be written, nothing was: {}",
            describe(&e, "")
        )
    })?;
    if !meta.is_file() {
        return Err(format!("{shown}: not a regular file; nothing was written"));
    }
    if meta.permissions().readonly() {
        return Err(format!(
            "{shown}: the file is read-only; nothing was written (make it writable, or import into a copy)"
        ));
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir_meta = fs::metadata(&dir).map_err(|e| {
        format!(
            "{shown}: its folder cannot be read, nothing was written: {}",
            describe(&e, "")
        )
    })?;
    if dir_meta.permissions().readonly() {
        return Err(format!(
            "{shown}: its folder is read-only, so no temporary file can be made beside it; nothing was written"
        ));
    }
    unchanged(&target, read, &shown)?;

    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "mandate".into());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| {
            format!(
                "{shown}: cannot make a temporary file in its folder, nothing was written: {}",
                describe(&e, "")
            )
        })?;
    let fail = |e: std::io::Error| {
        format!(
            "{shown}: writing the temporary file failed, nothing was written: {}",
            describe(&e, "")
        )
    };
    tmp.write_all(new.as_bytes()).map_err(fail)?;
    tmp.as_file()
        .set_permissions(meta.permissions())
        .map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    // Once more just before the rename: the shortest window for a change to slip in.
    unchanged(&target, read, &shown)?;
    tmp.persist(&target).map_err(|e| {
        format!(
            "{shown}: renaming the temporary file into place failed, nothing was written: {}",
            describe(&e.error, "")
        )
    })?;
    // The rename is durable once the folder is on disk; the file is already in place.
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// An error unless the file still holds `read`.
fn unchanged(target: &Path, read: &str, shown: &str) -> Result<(), String> {
    let now = fs::read(target).map_err(|e| {
        format!(
            "{shown}: cannot be read again before writing, nothing was written: {}",
            describe(&e, "it no longer exists")
        )
    })?;
    if now != read.as_bytes() {
        return Err(format!(
            "{shown}: the file changed since it was read; nothing was written (run the import again to see the changes against the new text)"
        ));
    }
    Ok(())
}

fn describe(e: &std::io::Error, missing: &str) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound if !missing.is_empty() => missing.to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => clean(&e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missions.toml");
        fs::write(&path, text).unwrap();
        (dir, path)
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn the_new_text_replaces_the_old_and_no_temporary_file_is_left() {
        let (dir, path) = setup("old\n");
        write_atomic(&path, "old\n", "new\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert_eq!(entries(dir.path()), ["missions.toml"]);
    }

    #[cfg(unix)]
    #[test]
    fn the_mode_is_kept_and_a_link_is_followed() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, path) = setup("old\n");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        write_atomic(&link, "old\n", "new\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_written() {
        let (dir, path) = setup("changed by someone\n");
        let e = write_atomic(&path, "old\n", "new\n").unwrap_err();
        assert!(
            e.contains("the file changed since it was read; nothing was written"),
            "{e}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "changed by someone\n");
        assert_eq!(entries(dir.path()), ["missions.toml"]);
    }

    #[test]
    fn a_read_only_file_is_not_written() {
        let (dir, path) = setup("old\n");
        let mut p = fs::metadata(&path).unwrap().permissions();
        p.set_readonly(true);
        fs::set_permissions(&path, p).unwrap();
        let e = write_atomic(&path, "old\n", "new\n").unwrap_err();
        assert!(
            e.contains("the file is read-only; nothing was written"),
            "{e}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n");
        assert_eq!(entries(dir.path()), ["missions.toml"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_in_a_read_only_folder_is_not_written() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, path) = setup("old\n");
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
        let e = write_atomic(&path, "old\n", "new\n").unwrap_err();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        assert!(e.contains("its folder is read-only"), "{e}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n");
        assert_eq!(entries(dir.path()), ["missions.toml"]);
    }

    #[test]
    fn a_missing_file_or_a_folder_is_an_error() {
        let (dir, path) = setup("old\n");
        let e = write_atomic(&dir.path().join("gone.toml"), "old\n", "new\n").unwrap_err();
        assert!(e.contains("it no longer exists"), "{e}");
        let e = write_atomic(dir.path(), "old\n", "new\n").unwrap_err();
        assert!(e.contains("not a regular file"), "{e}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n");
    }
}
