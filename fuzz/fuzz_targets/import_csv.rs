//! Arbitrary bytes through the troop and police contributions reader of
//! `mandate --import`, for the missions of the bundled portfolio, then the figures it
//! proposes written into the portfolio's text.
//!
//! The reader never panics; an error names the file; every string of the figures
//! (contributors, acronyms of other missions) is free of control characters; the edit
//! is refused with a message or loads, and a second apply of the same proposal changes
//! nothing (`common/import.rs`).
#![no_main]

#[path = "../common/spec.rs"]
mod spec;

#[path = "../common/import.rs"]
mod import;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use mandate::import::contributions::{mission_names, read, read_contributions};
use mandate::import::Proposal;

const PATH: &str = "imports/odp_contributionsbygender.csv";

fuzz_target!(|bytes: &[u8]| {
    import::check_kind(bytes, PATH);
    let names = mission_names(import::portfolio());
    // Half the time, earlier months are read only from a date derived from the input.
    let h = import::hash(bytes);
    let since = if h & 1 == 0 {
        None
    } else {
        NaiveDate::from_ymd_opt(1990 + (h >> 8) as i32 % 40, 1 + (h >> 16) as u32 % 12, 1)
    };
    let got = read(PATH, bytes, &names, since);
    let pair = read_contributions(PATH, bytes, &names, since);
    match (got, pair) {
        (Ok(c), Ok((deployments, unmatched))) => {
            assert_eq!(
                c.deployments, deployments,
                "read and read_contributions differ"
            );
            assert_eq!(c.unmatched, unmatched, "read and read_contributions differ");
            for d in &c.deployments {
                for f in std::iter::once(&d.latest).chain(&d.earlier) {
                    assert!(
                        f.by_category.values().all(|n| *n >= 0),
                        "a negative figure: {d:?}"
                    );
                }
                assert!(
                    d.earlier.iter().all(|f| f.date < d.latest.date),
                    "an earlier month after the latest: {d:?}"
                );
            }
            import::check_apply(&Proposal {
                deployments: c.deployments,
                unmatched_rows: c.unmatched,
                ..Proposal::default()
            });
        }
        (Err(e), Err(e2)) => {
            assert_eq!(e, e2, "read and read_contributions differ");
            import::check_error(&e, PATH);
        }
        (a, b) => panic!("read and read_contributions differ: {a:?} / {b:?}"),
    }
});
