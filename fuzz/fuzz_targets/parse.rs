//! Arbitrary bytes through load, the state model and one rendered frame.
//!
//! On a valid file: the states at a few instants derived from the input (and at the
//! edges of the first mission's periods), then one frame at a size derived from the
//! input. On an invalid file: every message is free of control characters, and both the
//! error screen and the banner over the last good data (a bad reload) render. Every frame is checked: no control or bidi characters in any
//! cell, and every row exactly the frame's width.
#![no_main]

#[path = "../common/spec.rs"]
mod spec;

use std::sync::OnceLock;

use chrono::{DateTime, Duration, Utc};
use libfuzzer_sys::fuzz_target;
use mandate::app::{App, Msg};
use mandate::source::{FileEvent, Origin, Problem};
use mandate::domain::Dataset;
use mandate::domain::state;
use mandate::source::parse;

/// FNV-1a, to derive instants and sizes from the input.
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The built-in example, the last good data under a bad reload.
fn good() -> &'static Dataset {
    static GOOD: OnceLock<Dataset> = OnceLock::new();
    GOOD.get_or_init(|| match parse(mandate::source::BUILTIN.as_bytes()) {
        Ok(d) => d,
        Err(e) => panic!("the built-in data is invalid: {e:?}"),
    })
}

fn check_frame(app: &App, what: &str) {
    let buf = spec::render(app);
    let problems = spec::frame_problems(&buf);
    assert!(problems.is_empty(), "{what}: {problems:#?}");
}

fn check_message(line: &str) {
    let bad = spec::forbidden_in(line);
    assert!(
        bad.is_empty(),
        "message with control characters {bad:?}: {line:?}"
    );
}

fuzz_target!(|bytes: &[u8]| {
    let h = hash(bytes);
    // Any size from 1x1 to 500x200 one time in 32; otherwise up to 160x50, which covers
    // every layout and keeps the runs fast.
    let (mw, mh) = if h >> 59 == 0 { (500, 200) } else { (160, 50) };
    let size = ((1 + (h >> 8) % mw) as u16, (1 + (h >> 24) % mh) as u16);
    let now0 = spec::instant(h.rotate_left(17) as i64);
    // Half the time, a now near the present, where the dates of real files are.
    let now0 = if h & 1 == 0 {
        DateTime::<Utc>::from_timestamp(
            1_758_542_400 + ((h >> 33) % 400_000_000) as i64 - 200_000_000,
            0,
        )
        .unwrap_or(now0)
    } else {
        now0
    };
    match parse(bytes) {
        Ok(d) => {
            for w in &d.warnings {
                check_message(&w.render("f.toml"));
            }
            let mut nows = vec![now0, spec::instant(h as i64)];
            if let Some(m) = d.missions.first() {
                for p in m.mandates.iter().take(3) {
                    let t = state::day_start(m.timezone, p.start).with_timezone(&Utc);
                    nows.extend([t - Duration::seconds(1), t]);
                    if let Some(e) = p.end {
                        let t = state::end_instant(m.timezone, e).with_timezone(&Utc);
                        nows.extend([t - Duration::seconds(1), t]);
                    }
                }
            }
            for now in &nows {
                let states = state::states(&d, *now);
                for s in &states {
                    for w in &s.warnings {
                        check_message(&w.message);
                    }
                }
                // What `--json` writes for them.
                if let Err(e) = mandate::report::json::json_text(&d, "f.toml".into(), *now) {
                    panic!("the states do not serialize: {e}");
                }
            }
            let app = spec::app_for(d, now0, size);
            check_frame(&app, "valid file");
        }
        Err(diags) => {
            assert!(!diags.is_empty(), "an invalid file with no message");
            for d in &diags {
                check_message(&d.render("f.toml"));
            }
            let app_diags = diags.clone();
            let app = App::showing(
                &Origin::File("f.toml".into()),
                FileEvent::Failed(Problem::Invalid(diags)),
                now0,
                size,
            );
            check_frame(&app, "invalid file");
            // The same problems in the banner over the last good data (a bad reload).
            let mut app = spec::app_for(good().clone(), now0, size);
            app.update(Msg::FileChanged {
                event: FileEvent::Failed(Problem::Invalid(app_diags)),
                at: now0,
            });
            check_frame(&app, "banner over good data");
        }
    }
});
