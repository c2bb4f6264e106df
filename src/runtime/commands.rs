//! The side effects `update` asks for by `Command`: opening a URL, copying it.

use std::io::{self, Write};
use std::process::{Command as Process, Stdio};

/// The system's opener: `open` on macOS, `xdg-open` elsewhere.
const OPENER: &str = if cfg!(target_os = "macos") {
    "open"
} else {
    "xdg-open"
};

/// Opens `url` with the system's opener, as one argument and never through a shell;
/// returns what the status bar says. The opener is reaped on its own thread.
pub fn open(url: &str) -> String {
    let child = Process::new(OPENER)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match child {
        Ok(mut c) => {
            let _ = std::thread::Builder::new()
                .name("opener".into())
                .spawn(move || c.wait());
            format!("opened {url} with {OPENER}")
        }
        Err(e) => format!("cannot open the URL: {OPENER}: {e}"),
    }
}

/// Copies `text` to the clipboard with OSC 52 (the terminal does it, over SSH too).
pub fn copy(out: &mut impl Write, text: &str) -> String {
    let seq = osc52(text);
    match out.write_all(seq.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => format!("copied {text} (OSC 52: if the terminal allows it)"),
        Err(e) => format!("cannot copy: {e}"),
    }
}

/// Copies to the clipboard through standard output.
pub fn copy_to_terminal(text: &str) -> String {
    copy(&mut io::stdout(), text)
}

/// `ESC ] 52 ; c ; BASE64 BEL`
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> shift & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_carries_the_text_in_base64() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(
            osc52("https://un.org"),
            "\x1b]52;c;aHR0cHM6Ly91bi5vcmc=\x07"
        );
        let mut out = Vec::new();
        assert!(copy(&mut out, "x").starts_with("copied x"));
        assert_eq!(out, b"\x1b]52;c;eA==\x07");
    }
}
