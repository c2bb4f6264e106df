//! Facts of the bundled files (`data/portfolio.toml`, `data/mss-haiti.toml`) checked against
//! the resolutions and reports their sources cite, and the sources themselves.

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

/// The mission's period by resolution, and the state at noon UTC on 2 Dec 2026.
fn renewed_by(d: &Dataset, id: &str, resolution: &str) -> (NaiveDate, state::State) {
    let m = mission(d, id);
    let p = m
        .mandates
        .iter()
        .find(|p| p.resolution.as_deref() == Some(resolution))
        .unwrap_or_else(|| panic!("{id}: no period of {resolution}"));
    (
        p.end.expect("an end"),
        state::state_in(d, m, noon("2026-12-02")),
    )
}

#[test]
fn the_2026_renewals_are_in_force_on_2_december_2026() {
    let d = portfolio();
    for (id, resolution, end) in [
        ("unama", "2822 (2026)", "2027-06-17"),
        ("unmiss", "2820 (2026)", "2027-04-30"),
        ("undof", "2824 (2026)", "2026-12-31"),
        ("gsf", "2829 (2026)", "2027-03-31"),
    ] {
        let (last, s) = renewed_by(&d, id, resolution);
        assert_eq!(last, day(end), "{id}");
        assert_eq!(s.expires_on, Some(day(end)), "{id}");
        assert!(
            matches!(s.phase, Phase::Active | Phase::Expiring),
            "{id} is {:?}",
            s.phase
        );
    }
    // The GSF's renewal is in the seed file too.
    let seed = mandate::source::parse(&std::fs::read("data/mss-haiti.toml").unwrap()).unwrap();
    let (last, _) = renewed_by(&seed, "gsf", "2829 (2026)");
    assert_eq!(last, day("2027-03-31"));
}

#[test]
fn unmiss_2820_sets_12500_troops_and_2101_police() {
    let d = portfolio();
    let m = mission(&d, "unmiss");
    let p = m
        .mandates
        .iter()
        .find(|p| p.resolution.as_deref() == Some("2820 (2026)"))
        .expect("the 2820 period");
    assert_eq!(p.vote.as_deref(), Some("13-0-2"));
    assert_eq!(
        p.authorized,
        Some(Personnel::ByCategory(vec![
            (Category::Military, 12500),
            (Category::Police, 2101)
        ]))
    );
}

#[test]
fn unmogip_is_open_ended_since_resolution_91() {
    let d = portfolio();
    let m = mission(&d, "unmogip");
    assert!(m.mandates.iter().all(|p| p.end.is_none()));
    assert!(m
        .mandates
        .iter()
        .any(|p| p.resolution.as_deref() == Some("91 (1951)")));
    let s = state::state_in(&d, m, noon("2026-12-02"));
    assert_eq!(s.phase, Phase::Active);
    assert_eq!(s.expires_on, None);
}

/// On 2 Dec 2026 no mission reads expired unless the file records its end: a final last
/// period, a successor that has started, or `closed`.
#[test]
fn no_mission_reads_expired_without_a_recorded_end() {
    let d = portfolio();
    let mut expired = Vec::new();
    for m in &d.missions {
        let s = state::state_in(&d, m, noon("2026-12-02"));
        if s.phase == Phase::Expired {
            expired.push(m.id.as_str());
        }
    }
    expired.sort_unstable();
    assert_eq!(expired, ["mss", "unami", "unitams", "unmha", "untmis"]);
}

/// Hosts that redistribute other publishers' texts, and internal paths: no source names
/// one.
const NOT_A_PUBLISHER: [&str; 14] = [
    "pubt.io",
    "globalsecurity.org",
    "miragenews.com",
    "menafn.com",
    "urdupoint.com",
    "arcamax.com",
    "bignewsnetwork.com",
    "christianforsberg.com",
    "pre.efe.com",
    "unscr.com",
    "docslib",
    "%7B",
    "meetings-coverage?page=",
    "shared/",
];

#[test]
fn every_source_is_a_public_address_of_its_publisher() {
    for file in ["data/portfolio.toml", "data/mss-haiti.toml"] {
        let d = mandate::source::parse(&std::fs::read(file).unwrap()).unwrap();
        for m in &d.missions {
            for s in &m.sources {
                let url = s.url.as_deref().unwrap_or("");
                assert!(
                    url.starts_with("https://") || url.starts_with("http://"),
                    "{file}: {}: {:?} has no public address",
                    m.id,
                    s.title
                );
                for bad in NOT_A_PUBLISHER {
                    assert!(!url.contains(bad), "{file}: {}: {url}", m.id);
                }
                assert!(
                    !s.title.contains("shared/") && !s.title.contains("fact sheet"),
                    "{file}: {}: {:?} names an internal file",
                    m.id,
                    s.title
                );
            }
        }
    }
}

/// A resolution cited at docs.un.org is cited at its own number, and every period's
/// resolution from 1946 on is cited that way.
#[test]
fn every_resolution_is_cited_at_its_official_address() {
    for file in ["data/portfolio.toml", "data/mss-haiti.toml"] {
        let d = mandate::source::parse(&std::fs::read(file).unwrap()).unwrap();
        for m in &d.missions {
            let cited: Vec<&str> = m.sources.iter().filter_map(|s| s.url.as_deref()).collect();
            for url in &cited {
                if let Some(rest) = url.strip_prefix("https://docs.un.org/en/S/RES/") {
                    let (number, year) = rest
                        .trim_end_matches(')')
                        .split_once('(')
                        .unwrap_or_else(|| panic!("{file}: {url}"));
                    let written = format!("{number} ({year})");
                    assert!(
                        m.mandates
                            .iter()
                            .any(|p| p.resolution.as_deref() == Some(written.as_str()))
                            || m.sources.iter().any(|s| s.title.contains(&written)),
                        "{file}: {}: {url} matches no period or title",
                        m.id
                    );
                }
            }
            for p in &m.mandates {
                let Some(r) = p.resolution.as_deref() else {
                    continue;
                };
                let (number, year) = r.trim_end_matches(')').split_once(" (").expect(r);
                let url = format!("https://docs.un.org/en/S/RES/{number}({year})");
                assert!(
                    cited.contains(&url.as_str()),
                    "{file}: {}: resolution {r} is not cited at {url}",
                    m.id
                );
            }
        }
    }
}
