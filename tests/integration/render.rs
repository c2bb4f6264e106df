//! Snapshots of whole rendered frames (the same text `mandate --print` writes).

use mandate::app::View;
use mandate::cli::{self, Home, Mode};
use mandate::source::Origin;

/// What `mandate --print` writes for `file` at `now`, `size`, in `view`.
fn print(file: &str, now: &str, size: (u16, u16), view: View) -> String {
    let origin = Origin::File(file.into());
    let now = cli::parse_now(now).unwrap();
    cli::run(&Mode::Print { size, view }, &origin, now, &Home::default()).stdout
}

fn frame(file: &str, now: &str, size: (u16, u16)) -> String {
    print(file, now, size, View::Dashboard)
}

const SEED_NOW: &str = "2025-09-22T12:00:00-04:00";
const PORTFOLIO_NOW: &str = "2026-03-01T12:00:00Z";

#[test]
fn seed_120x40() {
    let f = frame("data/mss-haiti.toml", SEED_NOW, (120, 40));
    assert!(f.contains("10d 12:00:00"));
    assert!(f.contains("11 days left"));
    assert!(f.contains("989 / 2,500 (40%)"));
    insta::assert_snapshot!(f);
}

#[test]
fn seed_80x24() {
    let f = frame("data/mss-haiti.toml", SEED_NOW, (80, 24));
    assert!(f.contains("10d 12:00:00"));
    insta::assert_snapshot!(f);
}

#[test]
fn seed_minimum_size() {
    let (w, h) = (mandate::ui::MIN_WIDTH, mandate::ui::MIN_HEIGHT);
    let f = frame("data/mss-haiti.toml", SEED_NOW, (w, h));
    assert!(
        f.contains("10d 12:00:00"),
        "the exact countdown shows at every size:\n{f}"
    );
    insta::assert_snapshot!(f);
}

#[test]
fn below_minimum_size_asks_for_room() {
    let f = frame("data/mss-haiti.toml", SEED_NOW, (59, 18));
    assert!(f.contains("terminal too small: need 60x18, have 59x18"));
}

#[test]
fn portfolio_120x40() {
    let f = frame("data/portfolio.toml", PORTFOLIO_NOW, (120, 40));
    insta::assert_snapshot!(f);
}

#[test]
fn portfolio_80x24() {
    let f = frame("data/portfolio.toml", PORTFOLIO_NOW, (80, 24));
    insta::assert_snapshot!(f);
}

#[test]
fn portfolio_minimum_size() {
    let (w, h) = (mandate::ui::MIN_WIDTH, mandate::ui::MIN_HEIGHT);
    insta::assert_snapshot!(frame("data/portfolio.toml", PORTFOLIO_NOW, (w, h)));
}

#[test]
fn every_size_renders_without_panic() {
    for w in [1u16, 2, 10, 59, 60, 61, 80, 119, 120, 200, 500] {
        for h in [1u16, 2, 10, 17, 18, 19, 24, 40, 200] {
            let f = frame("data/mss-haiti.toml", SEED_NOW, (w, h));
            assert_eq!(f.lines().count(), usize::from(h));
        }
    }
}

#[test]
fn a_bad_save_shows_the_whole_error_over_the_last_good_data() {
    use mandate::app::{App, Msg};
    use mandate::domain::{Diagnostic, Pos};
    use mandate::source::{FileEvent, Origin, Problem};
    let now = cli::parse_now(SEED_NOW).unwrap();
    let origin = Origin::File("data/mss-haiti.toml".into());
    let mut app = App::showing(&origin, mandate::source::load(&origin), now, (120, 40));
    let long =
        "`deployed` in [mission.strength] `mss` must be a whole number, found the string \"lots\"";
    let diag = Diagnostic::error(Some(Pos { line: 58, col: 35 }), long);
    app.update(Msg::FileChanged {
        event: FileEvent::Failed(Problem::Invalid(mandate::domain::Diagnostics::one(diag))),
        at: now,
    });
    let f = mandate::ui::frame_text(&mut app, 120, 40);
    assert!(f.contains("data/mss-haiti.toml:58:35: error:"), "{f}");
    assert!(f.contains("showing the last good data"), "{f}");
    assert!(
        f.contains("989 / 2,500 (40%)"),
        "the old figures stay:\n{f}"
    );
}

#[test]
fn strength_by_category_120x40() {
    let f = frame(
        "tests/fixtures/valid/categories.toml",
        "2026-03-01T12:00:00Z",
        (120, 40),
    );
    assert!(f.contains("15,100 / 19,101 (79%)"), "{f}");
    assert!(f.contains("12,800 / 17,000 (75%)"), "{f}");
    assert!(f.contains("Ceiling set by resolution 2779 (2025)"), "{f}");
    insta::assert_snapshot!(f);
}

/// The timeline of `file` at `now`, `w`x`h`, after typing `keys` (`\r` is Enter).
fn timeline(file: &str, now: &str, size: (u16, u16), keys: &str) -> String {
    typed(file, now, size, View::Timeline, keys)
}

/// `view` of `file` at `now`, `w`x`h`, without colour, after typing `keys`.
fn typed(file: &str, now: &str, (w, h): (u16, u16), view: View, keys: &str) -> String {
    use mandate::app::{App, Colors, Msg};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let origin = Origin::File(file.into());
    let now = cli::parse_now(now).unwrap();
    let mut app = App::showing(&origin, mandate::source::load(&origin), now, (w, h))
        .with_colors(Colors::Off)
        .with_view(view);
    mandate::ui::frame_text(&mut app, w, h);
    for c in keys.chars() {
        let code = match c {
            '\r' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
    mandate::ui::frame_text(&mut app, w, h)
}

/// The bundled portfolio.
const PORTFOLIO: &str = "data/portfolio.toml";
const SEED: &str = "data/mss-haiti.toml";

#[test]
fn timeline_portfolio_80x24_printed() {
    let f = print(PORTFOLIO, PORTFOLIO_NOW, (80, 24), View::Timeline);
    assert_eq!(f, timeline(PORTFOLIO, PORTFOLIO_NOW, (80, 24), ""));
    for m in ["MINUSCA", "MONUSCO", "UNMISS", "UNIFIL", "UNISFA"] {
        assert!(f.contains(m), "{m} has a row:\n{f}");
    }
    assert!(f.contains("today 1 Mar 2026") && f.contains('▼') && f.contains('┿'));
    insta::assert_snapshot!(f);
}

#[test]
fn political_mission_120x40() {
    let f = frame(
        "tests/fixtures/valid/political.toml",
        "2026-01-01T12:00:00Z",
        (120, 40),
    );
    assert!(
        f.contains("no troop or police ceiling: political mission"),
        "{f}"
    );
    assert!(f.contains("Authorized by: UN Security Council"), "{f}");
    insta::assert_snapshot!(f);
}

#[test]
fn timeline_portfolio_160x48() {
    insta::assert_snapshot!(timeline(PORTFOLIO, PORTFOLIO_NOW, (160, 48), ""));
}

#[test]
fn timeline_seed_80x24() {
    let f = timeline(SEED, SEED_NOW, (80, 24), "");
    assert!(f.contains("MSS ⚠"), "the expiring MSS is marked:\n{f}");
    insta::assert_snapshot!(f);
}

#[test]
fn timeline_seed_160x48() {
    insta::assert_snapshot!(timeline(SEED, SEED_NOW, (160, 48), ""));
}

#[test]
fn timeline_minimum_size_is_readable() {
    let (w, h) = (mandate::ui::MIN_WIDTH, mandate::ui::MIN_HEIGHT);
    let f = timeline(PORTFOLIO, PORTFOLIO_NOW, (w, h), "");
    // Soonest expiry first: the first rows of the 24, the axis and the legend fit.
    for m in ["UNMHA", "UNTMIS", "UNSMIL", "2026", "in force"] {
        assert!(f.contains(m), "{m} at {w}x{h}:\n{f}");
    }
    insta::assert_snapshot!(f);
}

#[test]
fn timeline_portfolio_zoomed_in_to_3_months() {
    let f = timeline(PORTFOLIO, PORTFOLIO_NOW, (80, 24), "++");
    assert!(f.contains("3 months across"), "{f}");
    insta::assert_snapshot!(f);
}

#[test]
fn timeline_portfolio_zoomed_out_to_10_years() {
    let f = timeline(PORTFOLIO, PORTFOLIO_NOW, (160, 48), "-----");
    assert!(f.contains("10 years across"), "{f}");
    assert!(f.contains('┃'), "renewals show at 10 years:\n{f}");
    assert!(f.contains('═'), "UNIFIL's final period is marked:\n{f}");
    insta::assert_snapshot!(f);
}

#[test]
fn timeline_seed_zoomed_out_and_panned() {
    insta::assert_snapshot!(timeline(SEED, SEED_NOW, (120, 40), "--hh"));
}

#[test]
fn timeline_portfolio_filtered() {
    let f = timeline(PORTFOLIO, PORTFOLIO_NOW, (80, 24), "/congo\r");
    assert!(f.contains("Timeline /congo 1 of 24"), "{f}");
    assert!(f.contains("MONUSCO") && !f.contains("UNIFIL"), "{f}");
    insta::assert_snapshot!(f);
}

/// From 22 Sep 2024 (the first MSS period in force) 30 days on: past the renewal of
/// 3 Oct 2024, which now sits left of the today line.
#[test]
fn timeline_seed_after_time_travel_across_a_renewal() {
    let before = timeline(SEED, "2024-09-22T12:00:00-04:00", (120, 40), "++");
    let after = timeline(SEED, "2024-09-22T12:00:00-04:00", (120, 40), "++}");
    // The MSS row without the borders (`┃` is also the renewal).
    let mss = |f: &str| {
        let row = f.lines().find(|l| l.starts_with("┃▶ MSS")).unwrap();
        let l: Vec<char> = row.chars().collect();
        l[1..l.len() - 1].iter().collect::<String>()
    };
    let (b, a) = (mss(&before), mss(&after));
    assert!(
        b.find('┿') < b.find('┃'),
        "renewal after today before:\n{before}"
    );
    assert!(
        a.find('┃') < a.find('┿'),
        "renewal before today after:\n{after}"
    );
    assert!(after.contains("today 22 Oct 2024") && after.contains("time travel: +30 days"));
    insta::assert_snapshot!(after);
}

/// Facts older than `stale_days` are said first in the header, at a glance; fresh ones
/// are not flagged.
#[test]
fn the_header_flags_facts_older_than_stale_days() {
    // The latest dated fact is resolution 2829 of 29 Sep 2026: on 2 Dec 2026 it is 64
    // days old, on 15 Jan 2027 108 (stale after 90).
    let later = frame("data/portfolio.toml", "2027-01-15T12:00:00Z", (120, 40));
    let header = later.lines().next().unwrap();
    assert!(
        header.contains("⚑ facts to Sep 2026  ·  24 missions"),
        "{header}"
    );
    let fresh = frame("data/portfolio.toml", "2026-12-02T12:00:00Z", (120, 40));
    assert!(!fresh.lines().next().unwrap().contains('⚑'), "{fresh}");
}

/// Four ended or ending operations on 2 Dec 2026: UNAMA's end is not recorded, UNMHA's
/// last period was final, UNITAMS has `closed`, BINUH is in force.
const UNRECORDED: &str = "tests/fixtures/valid/unrecorded.toml";
const UNRECORDED_NOW: &str = "2026-12-02T12:00:00Z";

#[test]
fn an_unrecorded_mission_s_badge_and_status_120x40() {
    // Sorted by expiry: BINUH (in force), then UNAMA (unrecorded), then the expired.
    let f = typed(UNRECORDED, UNRECORDED_NOW, (120, 40), View::Dashboard, "j");
    let header = f.lines().next().unwrap();
    assert!(
        header.contains("4 missions: 1 active, 1 unrecorded, 2 expired"),
        "{header}"
    );
    let rows: Vec<&str> = f
        .lines()
        .filter(|l| l.starts_with('┃'))
        .filter(|l| {
            ["UNAMA ", "UNMHA ", "UNITAMS ", "BINUH "]
                .iter()
                .any(|m| l.contains(m))
        })
        .collect();
    assert!(
        rows[0].contains("BINUH") && rows[1].contains("UNAMA"),
        "{f}"
    );
    assert!(rows[1].contains("UNRECORDED ended"), "{f}");
    assert!(
        rows[2].contains("EXPIRED") && rows[3].contains("EXPIRED"),
        "{f}"
    );
    assert!(f.contains(" ? UNRECORDED "), "the badge:\n{f}");
    let status: String = f
        .lines()
        .map(|l| l.split('│').nth(1).unwrap_or("").trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        status.contains("ended 17 Mar 2026: no renewal or closure is recorded; update the file"),
        "{f}"
    );
    insta::assert_snapshot!(f);
}

#[test]
fn timeline_with_an_unrecorded_mission_120x40() {
    let f = timeline(UNRECORDED, UNRECORDED_NOW, (120, 40), "-");
    let row = |id: &str| {
        f.lines()
            .find(|l| l.contains(&format!(" {id} ")))
            .unwrap_or_else(|| panic!("{id}:\n{f}"))
            .to_string()
    };
    let (unama, unmha) = (row("UNAMA"), row("UNMHA"));
    // From the end of 17 Mar 2026 to the today line
    let (end, stretch, today) = (
        unama.rfind('━').expect("the period"),
        unama.find('░').expect("the unrecorded stretch"),
        unama.find('│').expect("today"),
    );
    assert!(end < stretch && stretch < today, "{unama}");
    assert!(
        !unmha.contains('░'),
        "an expired mission has no stretch:\n{f}"
    );
    assert!(f.contains("░ unrecorded"), "the legend:\n{f}");
    insta::assert_snapshot!(f);
}
