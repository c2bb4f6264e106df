//! Shared by the import fuzz targets (`import_xml`, `import_jsonl`, `import_csv`): the
//! bundled portfolio the proposals are matched against and written into, and the checks
//! on what the readers, `propose` and `edit::apply` return.
//!
//! Every error must name the file it was read from; every string that can reach the
//! terminal (errors, names, titles, paragraphs, review items, the editor's summary and
//! refusals) must be free of control characters (`spec::forbidden`); an edit is refused
//! with a message or gives a file the parser accepts, and applying the same proposal to
//! the result changes nothing.
#![allow(dead_code)]

use std::sync::OnceLock;

use mandate::domain::Dataset;
use mandate::import::edit;
use mandate::import::kind::{kind_of, SourceKind};
use mandate::import::resolution::Resolution;
use mandate::import::{Proposal, Review, SourceError};

use crate::spec::forbidden_in;

/// The bundled portfolio, the user's file of these runs.
pub const PORTFOLIO: &str = include_str!("../../data/portfolio.toml");

/// The portfolio as loaded, once.
pub fn portfolio() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| match mandate::source::parse(PORTFOLIO.as_bytes()) {
        Ok(d) => d,
        Err(e) => panic!("data/portfolio.toml is invalid: {e:?}"),
    })
}

/// FNV-1a, to derive choices from the input.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// `s` (described by `what`) holds no control or bidi control character.
pub fn clean(what: &str, s: &str) {
    let bad = forbidden_in(s);
    assert!(
        bad.is_empty(),
        "{what} with control characters {bad:?}: {s:?}"
    );
}

/// An error names `path`, gives a message, and a line (when given) counted from 1.
pub fn check_error(e: &SourceError, path: &str) {
    assert_eq!(e.path, path, "an error that does not name the file: {e:?}");
    assert!(
        !e.message.trim().is_empty(),
        "an error with no message: {e:?}"
    );
    assert_ne!(e.line, Some(0), "an error on line 0: {e:?}");
    clean("error message", &e.message);
}

/// The kind of `bytes`, or a clean error naming `path`.
pub fn check_kind(bytes: &[u8], path: &str) -> Option<SourceKind> {
    match kind_of(bytes, path) {
        Ok(k) => Some(k),
        Err(e) => {
            check_error(&e, path);
            None
        }
    }
}

/// Every string of a resolution is clean, and it names the file it came from.
pub fn check_resolution(r: &Resolution, path: &str) {
    assert_eq!(r.origin, path, "a resolution that does not name its file");
    clean("symbol", &r.symbol);
    if let Some(v) = &r.vote {
        clean("vote", v);
    }
    for name in r.in_favour.iter().chain(&r.against).chain(&r.abstaining) {
        clean("member name", name);
    }
    if let Some(t) = &r.title {
        clean("title", t);
    }
    for (_, p) in &r.paragraphs {
        clean("paragraph", p);
    }
    clean("reference", &r.reference());
    clean("url", &r.url());
}

fn check_review(r: &Review) {
    match r {
        Review::UnreadableEnd {
            mission,
            resolution,
            paragraph,
        } => {
            for s in [mission, resolution, paragraph] {
                clean("review (unreadable end)", s);
            }
        }
        Review::Ceiling {
            mission,
            resolution,
            paragraph,
            sentence,
        } => {
            for s in [mission, resolution, paragraph, sentence] {
                clean("review (ceiling)", s);
            }
        }
        Review::Disagrees {
            mission,
            what,
            file,
            source,
        } => {
            for s in [mission, what, file, source] {
                clean("review (disagrees)", s);
            }
        }
    }
}

/// Every string of a proposal is clean, and its missions are the portfolio's.
pub fn check_proposal(p: &Proposal) {
    let data = portfolio();
    let known = |id: &str| data.missions.iter().any(|m| m.id == id);
    for n in &p.periods {
        assert!(known(&n.mission), "a period for an unknown mission: {n:?}");
        for s in [&n.resolution, &n.vote, &n.source.title, &n.source.url] {
            clean("new period", s);
        }
        for name in n.in_favour.iter().chain(&n.against).chain(&n.abstaining) {
            clean("new period's member", name);
        }
    }
    for d in &p.deployments {
        assert!(known(&d.mission), "figures for an unknown mission: {d:?}");
        for (country, _) in &d.contributors {
            clean("contributor", country);
        }
        clean("source title", &d.source.title);
        clean("source url", &d.source.url);
    }
    p.review.iter().for_each(check_review);
    for s in &p.unrelated {
        clean("unrelated symbol", s);
    }
    for s in p.unmatched_rows.keys() {
        clean("unmatched acronym", s);
    }
}

/// Writes `p` into the portfolio's text: a refusal with a clean message, or a text the
/// parser accepts, to which applying `p` again changes nothing.
pub fn check_apply(p: &Proposal) {
    check_proposal(p);
    if p.periods.is_empty() && p.deployments.is_empty() {
        return;
    }
    let edited = match edit::apply(PORTFOLIO, p) {
        Ok(e) => e,
        Err(message) => {
            assert!(!message.trim().is_empty(), "a refusal with no message");
            clean("refusal", &message);
            return;
        }
    };
    if edited.is_unchanged() {
        assert_eq!(
            edited.text, PORTFOLIO,
            "no change reported, but the text changed"
        );
    }
    if let Err(diags) = mandate::source::parse(edited.text.as_bytes()) {
        panic!(
            "apply returned a file that does not load: {diags:#?}\n{}",
            edited.text
        );
    }
    for c in &edited.changes {
        for s in std::iter::once(&c.mission)
            .chain(&c.periods)
            .chain(&c.sources)
            .chain(&c.contributors_updated)
            .chain(&c.contributors_added)
        {
            clean("summary of changes", s);
        }
    }
    edited.review.iter().for_each(check_review);
    match edit::apply(&edited.text, p) {
        Ok(again) => {
            assert!(
                again.is_unchanged(),
                "a second apply changed something: {:#?}\nproposal: {p:#?}",
                again.changes
            );
            assert!(
                again.text == edited.text,
                "a second apply changed the text:\n{}\nproposal: {p:#?}",
                edit::diff("portfolio.toml", &edited.text, &again.text)
            );
        }
        Err(m) => panic!("a second apply refused the file the first wrote: {m}\nproposal: {p:#?}"),
    }
}
