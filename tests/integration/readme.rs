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
