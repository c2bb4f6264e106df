//! The README tells the truth: its printed frame is what `--print` shows, and its key
//! table lists every key binding.

use mandate::app::View;
use mandate::cli::{self, Home, Mode};
use mandate::source::Origin;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn readme_frame_is_what_print_shows() {
    let now = cli::parse_now("2025-09-22T12:00:00-04:00").unwrap();
    let print = Mode::Print {
        size: (100, 32),
        view: View::Dashboard,
    };
    let origin = Origin::File("data/mss-haiti.toml".into());
    let frame = cli::run(&print, &origin, now, &Home::default()).stdout;
    assert!(
        readme().contains(frame.trim_end()),
        "README's frame is out of date; replace it with the output of\n\
         mandate --print --now 2025-09-22T12:00:00-04:00 --size 100x32:\n{frame}"
    );
}

/// Every key of the key table (which the help overlay is built from) is in the first
/// column of the README's Keys table, as a key of its own.
#[test]
fn readme_lists_every_key() {
    let text = readme();
    let start = text.find("### Keys").expect("a Keys section");
    let section = &text[start..];
    let keys: Vec<&str> = section
        .lines()
        .skip_while(|l| !l.starts_with("| key"))
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| l.split('|').nth(1))
        .flat_map(|cell| cell.split([',', '/']))
        .map(str::trim)
        .collect();
    for b in mandate::app::keys::BINDINGS {
        for part in b.label.split(" / ") {
            let part = part.trim();
            // "/" itself splits the cells: it is listed as a row of its own.
            let listed = if part == "/" {
                section.contains("\n| / |")
            } else {
                keys.contains(&part)
            };
            assert!(listed, "README's Keys table lacks {part:?} (has {keys:?})");
        }
    }
}

/// The README and every page of `docs/`.
fn pages() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![("README.md".to_string(), readme())];
    let mut docs: Vec<_> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    for p in docs {
        let name = format!("docs/{}", p.file_name().unwrap().to_string_lossy());
        pages.push((name, std::fs::read_to_string(&p).unwrap()));
    }
    pages
}

/// GitHub's anchor for a heading: lowercase, spaces to `-`, punctuation but `-` and `_`
/// dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

fn anchors(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| slug(l.trim_start_matches('#')))
        .collect()
}

/// Every relative link of the README and docs/ names a file that exists, and an anchor
/// that is a heading of that file.
#[test]
fn every_link_of_the_readme_and_docs_resolves() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages = pages();
    let mut checked = 0;
    for (name, text) in &pages {
        let dir = std::path::Path::new(name).parent().unwrap();
        for (i, _) in text.match_indices("](") {
            let rest = &text[i + 2..];
            let target = &rest[..rest.find(')').unwrap()];
            if target.starts_with("http") {
                continue;
            }
            let (file, anchor) = match target.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (target, None),
            };
            let path = if file.is_empty() {
                std::path::PathBuf::from(name)
            } else {
                dir.join(file)
            };
            let full = root.join(&path);
            assert!(full.exists(), "{name}: the link {target:?} names no file");
            if let Some(a) = anchor {
                let body = std::fs::read_to_string(&full).unwrap();
                assert!(
                    anchors(&body).iter().any(|h| h == a),
                    "{name}: the link {target:?} names no heading of {}",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 8, "only {checked} links found");
}

/// Every `mandate ...` command shown in a shell block of the README and docs/ is one the
/// program accepts (optional parts in brackets and shell plumbing aside).
#[test]
fn every_command_of_the_readme_and_docs_parses() {
    let mut checked = 0;
    for (name, text) in pages() {
        let mut in_sh = false;
        for line in text.lines() {
            if line.starts_with("```") {
                in_sh = line == "```sh";
                continue;
            }
            let line = line.trim_start_matches("$ ");
            if !in_sh || !line.starts_with("mandate") {
                continue;
            }
            // Cut a comment, then shell plumbing, then optional [parts].
            let mut cmd = line.split(" #").next().unwrap().to_string();
            for cut in [" >", " |", " &&", " <"] {
                if let Some(i) = cmd.find(cut) {
                    cmd.truncate(i);
                }
            }
            while let (Some(a), Some(b)) = (cmd.find('['), cmd.find(']')) {
                if b < a {
                    break;
                }
                cmd.replace_range(a..=b, "");
            }
            let raw: Vec<std::ffi::OsString> = cmd.split_whitespace().map(Into::into).collect();
            let parsed = cli::parse_args(<cli::Args as clap::CommandFactory>::command(), &raw);
            assert!(
                parsed.is_ok(),
                "{name}: `{cmd}` is refused: {}",
                parsed.err().map(|e| e.to_string()).unwrap_or_default()
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} commands found");
}

#[test]
fn readme_brief_is_what_brief_prints() {
    let now = cli::parse_now("2025-09-22T12:00:00-04:00").unwrap();
    let mode = Mode::Brief {
        month: Some(mandate::report::brief::Month::parse("2025-10").unwrap()),
        format: mandate::report::brief::Format::Markdown,
    };
    let origin = Origin::File("data/mss-haiti.toml".into());
    let brief = cli::run(&mode, &origin, now, &Home::default()).stdout;
    assert!(
        readme().contains(&format!("````markdown\n{brief}````\n")),
        "README's briefing is out of date; replace it with the output of\n\
         mandate --brief --month 2025-10 data/mss-haiti.toml --now 2025-09-22T12:00:00-04:00:\n{brief}"
    );
}
