//! Arbitrary bytes through the `data_extract` JSON Lines reader of `mandate --import`,
//! then the periods its resolutions propose for the bundled portfolio written into its
//! text.
//!
//! The reader never panics; every error names the file; every string of the resolutions
//! is free of control characters; the edit is refused with a message or loads, and a
//! second apply of the same proposal changes nothing (`common/import.rs`).
#![no_main]

#[path = "../common/spec.rs"]
mod spec;

#[path = "../common/import.rs"]
mod import;

use libfuzzer_sys::fuzz_target;
use mandate::import::resolution::{jsonl, propose};
use mandate::import::Proposal;

const PATH: &str = "imports/data_extract/2026.json";

fuzz_target!(|bytes: &[u8]| {
    import::check_kind(bytes, PATH);
    let (resolutions, errors) = jsonl::parse(bytes, PATH);
    for e in &errors {
        import::check_error(e, PATH);
    }
    for r in &resolutions {
        import::check_resolution(r, PATH);
    }
    // One record per symbol.
    for (i, r) in resolutions.iter().enumerate() {
        assert!(
            !resolutions[..i]
                .iter()
                .any(|o| (o.number, o.year) == (r.number, r.year)),
            "{} read twice",
            r.symbol
        );
    }
    if resolutions.is_empty() {
        return;
    }
    let (periods, review, unrelated) = propose(&resolutions, import::portfolio());
    import::check_apply(&Proposal {
        periods,
        review,
        unrelated,
        errors,
        ..Proposal::default()
    });
});
