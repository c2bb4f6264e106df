//! Arbitrary bytes through the Akoma Ntoso reader of `mandate --import`, then the
//! periods it proposes for the bundled portfolio written into its text.
//!
//! The reader never panics; an error names the file; every string of the resolution is
//! free of control characters; the edit is refused with a message or loads, and a
//! second apply of the same proposal changes nothing (`common/import.rs`).
#![no_main]

#[path = "../common/spec.rs"]
mod spec;

#[path = "../common/import.rs"]
mod import;

use libfuzzer_sys::fuzz_target;
use mandate::import::resolution::{akn, propose};
use mandate::import::Proposal;

const PATH: &str = "imports/S_RES_2829_(2026)_EN.xml";

fuzz_target!(|bytes: &[u8]| {
    import::check_kind(bytes, PATH);
    let r = match akn::parse(bytes, PATH) {
        Ok(r) => r,
        Err(e) => {
            import::check_error(&e, PATH);
            return;
        }
    };
    import::check_resolution(&r, PATH);
    let (periods, review, unrelated) = propose(std::slice::from_ref(&r), import::portfolio());
    import::check_apply(&Proposal {
        periods,
        review,
        unrelated,
        ..Proposal::default()
    });
});
