//! `e`: the user's editor on the data file, in the foreground, with the dashboard's
//! terminal set aside around it.
//!
//! The editor is `$VISUAL`, else `$EDITOR`, else `vi`; either variable may carry
//! arguments (`code --wait`, `emacs -nw`), split into words the way a shell would split
//! plain text (whitespace; quotes group, a backslash escapes) but never run through a
//! shell: nothing is expanded. The line goes as `+LINE FILE`, which vi, vim, nvim, nano,
//! emacs, helix and kakoune understand; VS Code and Sublime Text get theirs.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, ExitStatus};

use ratatui::DefaultTerminal;

use super::keys::Gate;
use super::terminal::{self, Mouse};

/// The editor when neither `$VISUAL` nor `$EDITOR` is set.
const FALLBACK: &str = "vi";

/// The program to start and its arguments, the file's included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorLine {
    pub program: String,
    pub args: Vec<OsString>,
}

/// The editor's command line for `path` at `line`, from the values of `$VISUAL` and
/// `$EDITOR` (empty or blank counts as unset).
pub fn command_line(
    visual: Option<&str>,
    editor: Option<&str>,
    path: &Path,
    line: usize,
) -> Result<EditorLine, String> {
    let (name, value) = [("$VISUAL", visual), ("$EDITOR", editor)]
        .into_iter()
        .find_map(|(name, v)| v.filter(|v| !v.trim().is_empty()).map(|v| (name, v)))
        .unwrap_or(("the default editor", FALLBACK));
    let mut words = split_words(value).map_err(|e| format!("cannot read {name}: {e}"))?;
    if words.first().is_none_or(String::is_empty) {
        return Err(format!("cannot read {name}: no program"));
    }
    let program = words.remove(0);
    let mut args: Vec<OsString> = words.into_iter().map(OsString::from).collect();
    let file = safe_path(path);
    let base = Path::new(&program)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    let at = |sep: &str| {
        let mut s = file.clone().into_os_string();
        s.push(format!("{sep}{line}"));
        s
    };
    match base {
        "code" | "code-insiders" | "codium" | "vscodium" => {
            args.push("--goto".into());
            args.push(at(":"));
        }
        "subl" | "sublime_text" => args.push(at(":")),
        _ => {
            args.push(format!("+{line}").into());
            args.push(file.into_os_string());
        }
    }
    Ok(EditorLine { program, args })
}

/// A relative path that begins like an option (`-x`, `+5`) as `./-x`, so the editor
/// takes it for a file.
fn safe_path(path: &Path) -> PathBuf {
    let s = path.as_os_str().to_string_lossy();
    if path.is_relative() && (s.starts_with('-') || s.starts_with('+')) {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    }
}

/// Splits `text` into words: whitespace separates; `'...'` keeps everything as it is;
/// `"..."` keeps everything but `\"` and `\\`; a backslash outside quotes keeps the next
/// character. Nothing else is special (no variables, no globs).
pub fn split_words(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => words.extend(word.take()),
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => return Err("a ' is not closed".into()),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\')) => w.push(c),
                            Some(c) => {
                                w.push('\\');
                                w.push(c);
                            }
                            None => return Err("a \" is not closed".into()),
                        },
                        Some(c) => w.push(c),
                        None => return Err("a \" is not closed".into()),
                    }
                }
            }
            '\\' => match chars.next() {
                Some(c) => word.get_or_insert_with(String::new).push(c),
                None => return Err("it ends with a \\".into()),
            },
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Ok(words)
}

/// The status bar's word on how the editor went.
pub fn outcome(program: &str, result: io::Result<ExitStatus>) -> String {
    match result {
        Ok(s) if s.success() => format!("back from {program}; reloading"),
        Ok(s) => match s.code() {
            Some(code) => format!("{program} exited with status {code}; reloading"),
            None => format!("{program} was ended by a signal; reloading"),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            format!("cannot start the editor {program}: not found (set $VISUAL or $EDITOR)")
        }
        Err(e) => format!("cannot start the editor {program}: {e}"),
    }
}

/// Runs the editor on `path` at `line` in the foreground: the key reader paused, the
/// terminal given back (the normal screen, cooked mode, no mouse reports), then taken
/// again and fully redrawn. Returns what the status bar says; an error only when the
/// terminal cannot be taken back.
pub fn edit(
    terminal: &mut DefaultTerminal,
    mouse: Mouse,
    keys: &Gate,
    path: &Path,
    line: usize,
) -> io::Result<String> {
    let visual = std::env::var("VISUAL").ok();
    let editor = std::env::var("EDITOR").ok();
    let cmd = match command_line(visual.as_deref(), editor.as_deref(), path, line) {
        Ok(cmd) => cmd,
        Err(e) => return Ok(e),
    };
    let paused = keys.pause();
    let ran =
        terminal::leave(mouse).and_then(|()| Process::new(&cmd.program).args(&cmd.args).status());
    let back = terminal::resume(terminal, mouse);
    drop(paused);
    back?;
    Ok(outcome(&crate::domain::text::clean(&cmd.program), ran))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(visual: Option<&str>, editor: Option<&str>, path: &str, n: usize) -> Vec<String> {
        let c = command_line(visual, editor, Path::new(path), n).unwrap();
        std::iter::once(c.program)
            .chain(c.args.iter().map(|a| a.to_string_lossy().into_owned()))
            .collect()
    }

    #[test]
    fn visual_before_editor_before_vi_with_the_line_before_the_file() {
        let f = "data/m.toml";
        assert_eq!(line(Some("nvim"), Some("nano"), f, 7), ["nvim", "+7", f]);
        assert_eq!(line(None, Some("nano"), f, 7), ["nano", "+7", f]);
        assert_eq!(line(Some(""), Some("nano"), f, 7), ["nano", "+7", f]);
        assert_eq!(line(Some("  "), None, f, 7), ["vi", "+7", f]);
        assert_eq!(line(None, None, f, 1), ["vi", "+1", f]);
    }

    #[test]
    fn arguments_are_split_never_given_to_a_shell() {
        let f = "/tmp/m.toml";
        assert_eq!(
            line(Some("emacs -nw"), None, f, 3),
            ["emacs", "-nw", "+3", f]
        );
        assert_eq!(
            line(
                None,
                Some("  /opt/my\\ editor/bin/ed  --flag 'a b' \"c \\\"d\\\"\" "),
                f,
                3
            ),
            ["/opt/my editor/bin/ed", "--flag", "a b", "c \"d\"", "+3", f]
        );
        // Shell syntax is only text.
        assert_eq!(
            line(None, Some("vi $HOME;rm"), f, 2),
            ["vi", "$HOME;rm", "+2", f]
        );
        for bad in ["vi 'x", "vi \"x", "vi \\"] {
            let e = command_line(None, Some(bad), Path::new(f), 1).unwrap_err();
            assert!(e.starts_with("cannot read $EDITOR"), "{e}");
        }
        let e = command_line(Some("''"), None, Path::new(f), 1).unwrap_err();
        assert!(e.contains("no program"), "{e}");
    }

    #[test]
    fn vs_code_and_sublime_get_file_colon_line_and_odd_names_stay_files() {
        assert_eq!(
            line(Some("code --wait"), None, "m.toml", 9),
            ["code", "--wait", "--goto", "m.toml:9"]
        );
        assert_eq!(
            line(Some("subl -w"), None, "m.toml", 9),
            ["subl", "-w", "m.toml:9"]
        );
        assert_eq!(line(None, None, "-m.toml", 2), ["vi", "+2", "./-m.toml"]);
        assert_eq!(line(None, None, "+5", 2), ["vi", "+2", "./+5"]);
    }

    #[cfg(unix)]
    #[test]
    fn the_status_bar_says_how_the_editor_went() {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(
            outcome("vim", Ok(ExitStatus::from_raw(0))),
            "back from vim; reloading"
        );
        assert_eq!(
            outcome("vim", Ok(ExitStatus::from_raw(3 << 8))),
            "vim exited with status 3; reloading"
        );
        assert!(outcome("vim", Ok(ExitStatus::from_raw(9))).contains("ended by a signal"));
        let missing = Process::new("/nonexistent/editor-for-mandate").status();
        assert_eq!(
            outcome("ed", missing),
            "cannot start the editor ed: not found (set $VISUAL or $EDITOR)"
        );
    }
}
