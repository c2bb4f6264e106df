//! The members named against and abstaining, written beside the vote.

use super::*;

#[test]
fn members_against_and_abstaining_are_written_when_the_source_names_them() {
    let original = commented();
    let mut alpha = period("alpha", "2821", "2026-04-28", "2026-05-01", "2027-04-30");
    alpha.vote = "12-1-2".into();
    alpha.against = vec!["Russian Federation".into()];
    alpha.abstaining = vec!["China".into(), "Pakistan".into()];
    let proposal = Proposal {
        periods: vec![alpha.clone()],
        ..Proposal::default()
    };
    let edited = apply(&original, &proposal).unwrap();
    assert!(
        edited.text.contains("vote = \"12-1-2\"\nagainst = [\"Russian Federation\"]\nabstaining = [\"China\", \"Pakistan\"]\n"),
        "{}",
        diff("f", &original, &edited.text)
    );
    let data = crate::source::parse(edited.text.as_bytes()).unwrap();
    let p = &data.missions[0].mandates[2];
    assert_eq!(
        p.against.as_deref(),
        Some(&["Russian Federation".to_string()][..])
    );
    assert_eq!(p.abstaining.as_ref().map(Vec::len), Some(2));
    assert_eq!(p.not_participating, None);

    // A unanimous vote: no lists. Lists that disagree with the count: the vote alone.
    let mut unanimous = alpha.clone();
    unanimous.vote = "unanimous".into();
    unanimous.against.clear();
    unanimous.abstaining.clear();
    let mut degraded = alpha;
    degraded.mission = "beta".into();
    degraded.resolution = "2822 (2026)".into();
    degraded.vote = "13-0-2".into();
    degraded.abstaining = vec!["China".into()];
    degraded.against.clear();
    for p in [unanimous, degraded] {
        let edited = apply(
            &original,
            &Proposal {
                periods: vec![p],
                ..Proposal::default()
            },
        )
        .unwrap();
        assert!(!edited.text.contains("abstaining ="), "{}", edited.text);
        assert!(!edited.text.contains("against ="), "{}", edited.text);
    }
}
