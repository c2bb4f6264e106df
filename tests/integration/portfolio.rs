//! Facts of the bundled portfolio (`data/portfolio.toml`) checked against the fact sheet
//! (the resolutions and reports its sources cite).

use chrono::{DateTime, NaiveDate, Utc};
use mandate::domain::state::{self, Phase};
use mandate::domain::{Category, Dataset, Mission, Personnel};

fn portfolio() -> Dataset {
    let bytes = std::fs::read("data/portfolio.toml").expect("the portfolio file");
    mandate::source::parse(&bytes).expect("the portfolio is valid")
}

fn mission<'a>(d: &'a Dataset, id: &str) -> &'a Mission {
    d.missions
        .iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no mission `{id}`"))
}

fn day(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn noon(s: &str) -> DateTime<Utc> {
    day(s).and_hms_opt(12, 0, 0).expect("noon").and_utc()
}

#[test]
fn at_least_20_operations_of_every_shape() {
    let d = portfolio();
    assert!(d.missions.len() >= 20, "{}", d.missions.len());
    let political = d
        .missions
        .iter()
        .filter(|m| m.kind.as_deref() == Some("political"));
    assert!(political.clone().count() >= 5);
    assert!(political.clone().all(|m| m.strength.is_none()));
    assert!(d
        .missions
        .iter()
        .any(|m| m.mandates.iter().any(|p| p.end.is_none())));
    assert!(d
        .missions
        .iter()
        .any(|m| m.mandates.iter().any(|p| p.final_)));
    for id in ["aussom", "eufor-althea", "kfor", "gsf", "mss"] {
        assert_eq!(
            mission(&d, id).authority.as_deref(),
            Some("UN Security Council"),
            "{id}"
        );
    }
}

#[test]
fn monusco_ceiling_by_category_of_resolution_2808() {
    let d = portfolio();
    let m = mission(&d, "monusco");
    let p = m
        .mandates
        .iter()
        .find(|p| p.resolution.as_deref() == Some("2808 (2025)"))
        .expect("the 2808 period");
    assert_eq!(p.end, Some(day("2026-12-20")));
    assert_eq!(
        p.authorized,
        Some(Personnel::ByCategory(vec![
            (Category::Military, 11500),
            (Category::Observers, 600),
            (Category::Police, 443),
            (Category::FormedPolice, 1270),
        ]))
    );
    let s = state::state_in(&d, m, noon("2026-03-01"));
    assert_eq!(s.authorized, Some(13813));
    assert_eq!(s.ceiling_resolution.as_deref(), Some("2808 (2025)"));
}

#[test]
fn unifil_final_period_ends_31_december_2026() {
    let d = portfolio();
    let m = mission(&d, "unifil");
    let last = m.mandates.iter().max_by_key(|p| p.start).expect("a period");
    assert!(last.final_);
    assert_eq!(last.end, Some(day("2026-12-31")));
    assert_eq!(last.resolution.as_deref(), Some("2790 (2025)"));
    let s = state::state_in(&d, m, noon("2027-01-01"));
    assert_eq!(s.phase, Phase::Expired);
}

#[test]
fn untso_is_open_ended_and_never_counts_down() {
    let d = portfolio();
    let m = mission(&d, "untso");
    assert!(m.mandates.iter().any(|p| p.end.is_none()));
    let s = state::state_in(&d, m, noon("2026-11-29"));
    assert_eq!(
        (s.phase, s.expires_on, s.days_remaining),
        (Phase::Active, None, None)
    );
}

#[test]
fn a_political_mission_has_no_strength_and_no_figures() {
    let d = portfolio();
    let m = mission(&d, "unama");
    assert_eq!(m.kind.as_deref(), Some("political"));
    assert!(m.strength.is_none());
    let s = state::state_in(&d, m, noon("2026-01-01"));
    assert_eq!(
        (s.authorized, s.deployed, s.deployment_ratio),
        (None, None, None)
    );
    assert!(s.warnings.is_empty());
}

#[test]
fn unmiss_ceiling_cut_by_the_2026_renewal() {
    let d = portfolio();
    let m = mission(&d, "unmiss");
    let before = state::state_in(&d, m, noon("2026-04-01"));
    let after = state::state_in(&d, m, noon("2026-06-01"));
    let military = |s: &state::State| {
        s.authorized_by_category.as_ref().and_then(|c| {
            c.iter()
                .find(|(k, _)| *k == Category::Military)
                .map(|(_, n)| *n)
        })
    };
    assert_eq!(military(&before), Some(17000));
    assert_eq!(military(&after), Some(12500));
}

#[test]
fn the_gsf_ceiling_is_5500_uniformed_and_50_civilian_in_both_files() {
    for file in ["data/portfolio.toml", "data/mss-haiti.toml"] {
        let d = mandate::source::parse(&std::fs::read(file).unwrap()).unwrap();
        let gsf = mission(&d, "gsf");
        let p = &gsf.mandates[0];
        assert_eq!(p.resolution.as_deref(), Some("2793 (2025)"), "{file}");
        assert_eq!(
            p.authorized,
            Some(Personnel::ByCategory(vec![
                (Category::Civilian, 50),
                (Category::Uniformed, 5500)
            ])),
            "{file}"
        );
    }
}
