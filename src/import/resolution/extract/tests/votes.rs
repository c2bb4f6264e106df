//! Members against and abstaining for periods the file has already.

use super::*;
use crate::import::VoteDetail;

/// The file's UNMISS period for 2820 (2026), voted `vote`, with `extra` lines after it.
fn with_2820(vote: &str, extra: &str) -> Dataset {
    let text = format!(
        "{FILE}\n[[mission]]\nid = \"other\"\nname = \"Other\"\nshort = \"OTH\"\ntimezone = \"UTC\"\n\n[[mission.mandate]]\nstart = 2026-05-01\nend = 2027-04-30\nresolution = \"2820 (2026)\"\nvote = \"{vote}\"\n{extra}"
    );
    crate::source::parse(text.as_bytes()).unwrap()
}

#[test]
fn a_period_already_there_gets_the_members_its_resolution_names() {
    let r = xml("unmiss-renewal.xml");
    assert_eq!(r.vote.as_deref(), Some("13-0-2"));
    // Found by number in a mission the text does not name: it concerns that mission.
    let p = propose(std::slice::from_ref(&r), &with_2820("13-0-2", ""));
    assert_eq!(
        p.votes,
        vec![VoteDetail {
            mission: "other".into(),
            resolution: "2820 (2026)".into(),
            against: vec![],
            abstaining: vec!["China".into(), "Russian Federation".into()],
        }]
    );
    assert!(p.unrelated.is_empty(), "{:?}", p.unrelated);
    // UNMISS, named, still gets its new period.
    assert_eq!(p.periods.len(), 1);
    assert_eq!(p.periods[0].mission, "unmiss");

    // A vote in the file that disagrees: a review, nothing written.
    let p = propose(std::slice::from_ref(&r), &with_2820("12-0-3", ""));
    assert!(p.votes.is_empty(), "{:?}", p.votes);
    assert_eq!(
        p.review
            .iter()
            .filter(|rv| matches!(rv, Review::Disagrees { mission, file, .. } if mission == "other" && file == "12-0-3"))
            .count(),
        1,
        "{:?}",
        p.review
    );
    // A list the period has already: nothing.
    let p = propose(
        std::slice::from_ref(&r),
        &with_2820("13-0-2", "abstaining = [\"China\", \"Russia\"]\n"),
    );
    assert!(p.votes.is_empty(), "{:?}", p.votes);
    assert!(!p
        .review
        .iter()
        .any(|rv| matches!(rv, Review::Disagrees { .. })));

    // A unanimous vote, or a record whose lists disagree with its own count: nothing.
    for change in [
        |r: &mut Resolution| {
            r.vote = Some("unanimous".into());
            r.abstaining.clear();
        },
        |r: &mut Resolution| r.abstaining.truncate(1),
    ] {
        let mut r = r.clone();
        change(&mut r);
        let p = propose(&[r], &with_2820("13-0-2", ""));
        assert!(p.votes.is_empty(), "{:?}", p.votes);
        assert!(p.unrelated.is_empty());
    }
}

#[test]
fn an_initial_authorization_concerns_the_mission_with_its_number() {
    let mut r = xml("gsf-extension.xml");
    r.title = None;
    r.paragraphs = vec![(
        1,
        "Decides to authorize Member States to form the Gang Suppression Force (GSF);".into(),
    )];
    let (periods, _, unrelated) = one(r.clone());
    assert!(periods.is_empty());
    assert_eq!(unrelated, vec!["S/RES/2829 (2026)"]);
    let text = format!(
        "{FILE}\n[[mission.mandate]]\nstart = 2026-10-02\nend = 2027-10-01\nresolution = \"2829\"\nvote = \"12-0-3\"\n"
    );
    let data = crate::source::parse(text.as_bytes()).unwrap();
    let p = propose(std::slice::from_ref(&r), &data);
    assert!(p.unrelated.is_empty(), "{:?}", p.unrelated);
    assert!(p.periods.is_empty() && p.review.is_empty(), "{p:?}");
    assert_eq!(p.votes.len(), 1, "{:?}", p.votes);
    assert_eq!(p.votes[0].resolution, "2829 (2026)");
    assert_eq!(
        p.votes[0].abstaining,
        vec!["China", "Pakistan", "Russian Federation"]
    );
}
