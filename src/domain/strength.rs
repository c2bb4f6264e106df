//! The strength model: the ceiling in force on a day, the latest deployed figure, the
//! ratios between them, and the warnings about the figures.

use chrono::NaiveDate;

use super::{Category, Mission, Personnel, Pos};

/// A warning about a mission's figures, with the place in the file it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub pos: Pos,
    pub message: String,
}

/// A mission's strength on one day: its part of the state (the fields of the same names
/// there), with the warnings about its figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StrengthState {
    /// The total ceiling in force, if any.
    pub authorized: Option<i64>,
    /// The ceiling in force by category, when it is set by category.
    pub authorized_by_category: Option<Vec<(Category, i64)>>,
    /// The resolution of the period that set the ceiling in force (`None` when the
    /// ceiling comes from `[mission.strength]`, or there is none).
    pub ceiling_resolution: Option<String>,
    /// Index into `mission.mandates` of the period whose ceiling is in force.
    pub ceiling_period: Option<usize>,
    pub deployed: Option<i64>,
    pub deployed_by_category: Option<Vec<(Category, i64)>>,
    pub deployed_as_of: Option<NaiveDate>,
    pub deployment_ratio: Option<f64>,
    /// Per category, where both the ceiling and the figure have it (and the ceiling is
    /// above 0).
    pub deployment_ratio_by_category: Option<Vec<(Category, f64)>>,
    pub stale: bool,
    pub warnings: Vec<Warning>,
}

/// The ceiling in force on `day`: the `authorized` of the latest-starting period with
/// `start <= day` that sets one (of two starting the same day, the later in the file);
/// else `[mission.strength]`'s; else none. With the index of the period that set it.
pub fn ceiling(mission: &Mission, day: NaiveDate) -> Option<(&Personnel, Option<usize>)> {
    let from_period = mission
        .mandates
        .iter()
        .enumerate()
        .filter(|(_, p)| p.start <= day && p.authorized.is_some())
        .max_by_key(|(_, p)| p.start);
    match from_period {
        Some((i, p)) => p.authorized.as_ref().map(|a| (a, Some(i))),
        None => mission
            .strength
            .as_ref()
            .and_then(|s| s.authorized.as_ref())
            .map(|a| (a, None)),
    }
}

/// `part / whole`, when `whole` is above 0.
fn ratio(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The mission's strength on `today`, with the warnings about its figures.
pub(super) fn strength(mission: &Mission, stale_days: i64, today: NaiveDate) -> StrengthState {
    let mut s = StrengthState::default();
    let ceiling = ceiling(mission, today);
    if let Some((c, period)) = ceiling {
        s.authorized = Some(c.total());
        s.authorized_by_category = c.categories().map(<[_]>::to_vec);
        s.ceiling_period = period;
        s.ceiling_resolution = period.and_then(|i| mission.mandates[i].resolution.clone());
    }
    let Some(st) = &mission.strength else {
        return s;
    };
    let warn =
        |s: &mut StrengthState, pos, message: String| s.warnings.push(Warning { pos, message });
    if let Some(f) = st.figures.iter().rev().find(|f| f.date <= today) {
        let deployed = f.deployed.total();
        s.deployed = Some(deployed);
        s.deployed_by_category = f.deployed.categories().map(<[_]>::to_vec);
        s.deployed_as_of = Some(f.date);
        let age = (today - f.date).num_days();
        s.stale = age > stale_days;
        if let Some((c, _)) = ceiling {
            let authorized = c.total();
            s.deployment_ratio = ratio(deployed, authorized);
            if deployed > authorized {
                warn(
                    &mut s,
                    f.pos,
                    format!(
                        "{}: deployed {deployed} is above the authorized {authorized}",
                        mission.id
                    ),
                );
            }
            let mut by_category: Vec<(Category, f64)> = Vec::new();
            for (cat, have) in f.deployed.categories().unwrap_or(&[]) {
                let Some(cap) = c.get(*cat) else { continue };
                if let Some(r) = ratio(*have, cap) {
                    by_category.push((*cat, r));
                }
                if *have > cap {
                    warn(
                        &mut s,
                        f.pos,
                        format!(
                            "{}: deployed {} {have} is above the authorized {cap}",
                            mission.id,
                            cat.label()
                        ),
                    );
                }
            }
            if !by_category.is_empty() {
                s.deployment_ratio_by_category = Some(by_category);
            }
        }
        let given: Vec<i64> = mission
            .contributors
            .iter()
            .filter_map(|c| c.deployed)
            .collect();
        if !given.is_empty() {
            let total: i128 = given.iter().map(|&n| i128::from(n)).sum();
            if total != i128::from(deployed) {
                warn(
                    &mut s,
                    f.pos,
                    format!(
                        "{}: contributors' deployed total {} differs from the deployed figure {} of {}",
                        mission.id, total, deployed, f.date
                    ),
                );
            }
        }
        if s.stale {
            warn(
                &mut s,
                f.pos,
                format!(
                    "{}: the deployed figure of {} is {age} days old (stale after {stale_days})",
                    mission.id, f.date
                ),
            );
        }
    }
    for f in st.figures.iter().filter(|f| f.date > today) {
        warn(
            &mut s,
            f.pos,
            format!(
                "{}: a strength figure is dated {}, after today ({today})",
                mission.id, f.date
            ),
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::state::{state, State};
    use crate::source::parse;
    use chrono::{DateTime, Utc};

    fn at(src: &str, now: &str) -> State {
        let d = parse(src.as_bytes()).expect("a valid file");
        let now = DateTime::parse_from_rfc3339(now)
            .unwrap()
            .with_timezone(&Utc);
        state(&d.missions[0], None, 30, 90, now)
    }

    const HEAD: &str = "[[mission]]\nid = \"m\"\nname = \"M\"\n";

    fn with(periods: &str, strength: &str) -> String {
        format!("{HEAD}{periods}{strength}")
    }

    const CUT: &str = "[[mission.mandate]]\nstart = 2025-05-01\nend = 2026-04-30\nresolution = \"A\"\nauthorized = { military = 17000, police = 2101 }\n\
        [[mission.mandate]]\nstart = 2026-05-01\nend = 2027-04-30\nresolution = \"B\"\nauthorized = { military = 12500, police = 2100 }\n";

    #[test]
    fn a_ceiling_holds_from_its_period_until_a_later_one_changes_it() {
        let src = with(CUT, "");
        let s = at(&src, "2026-04-30T12:00:00Z");
        assert_eq!(s.authorized, Some(19101));
        assert_eq!(s.ceiling_resolution.as_deref(), Some("A"));
        assert_eq!(s.ceiling_period, Some(0));
        assert_eq!(
            s.authorized_by_category,
            Some(vec![(Category::Military, 17000), (Category::Police, 2101)])
        );
        let s = at(&src, "2026-05-01T00:00:00Z");
        assert_eq!(s.authorized, Some(14600));
        assert_eq!(s.ceiling_resolution.as_deref(), Some("B"));
        // Expired: the last ceiling stays.
        let s = at(&src, "2030-01-01T00:00:00Z");
        assert_eq!(s.authorized, Some(14600));
        // Before any period sets one, and without [mission.strength]: none.
        let s = at(&src, "2025-01-01T00:00:00Z");
        assert_eq!((s.authorized, s.ceiling_resolution), (None, None));
    }

    #[test]
    fn a_period_without_a_ceiling_keeps_the_one_before_and_strength_is_the_fallback() {
        let periods = "[[mission.mandate]]\nstart = 2020-01-01\nend = 2020-12-31\nresolution = \"A\"\nauthorized = 100\n\
            [[mission.mandate]]\nstart = 2021-01-01\nend = 2021-12-31\nresolution = \"B\"\n";
        let src = with(periods, "[mission.strength]\nauthorized = 7\n");
        let s = at(&src, "2021-06-01T00:00:00Z");
        assert_eq!(s.authorized, Some(100));
        assert_eq!(s.ceiling_resolution.as_deref(), Some("A"));
        assert_eq!(s.authorized_by_category, None);
        // Before the first period: [mission.strength]'s, with no resolution.
        let s = at(&src, "2019-06-01T00:00:00Z");
        assert_eq!((s.authorized, s.ceiling_resolution), (Some(7), None));
    }

    #[test]
    fn ratios_in_total_and_by_category_and_over_strength_by_category() {
        let strength = "[mission.strength]\nhistory = [{ date = 2026-02-01, deployed = { military = 12800, police = 1400, civilian = 900 } }]\n";
        let src = with(CUT, strength);
        let s = at(&src, "2026-03-01T00:00:00Z");
        assert_eq!(s.deployed, Some(15100));
        assert_eq!(s.deployment_ratio, Some(15100.0 / 19101.0));
        assert_eq!(
            s.deployment_ratio_by_category,
            Some(vec![
                (Category::Military, 12800.0 / 17000.0),
                (Category::Police, 1400.0 / 2101.0)
            ])
        );
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        // After the cut: military over its ceiling, and the total too.
        let s = at(&src, "2026-05-02T00:00:00Z");
        let w: Vec<&str> = s.warnings.iter().map(|w| w.message.as_str()).collect();
        assert!(
            w.contains(&"m: deployed military 12800 is above the authorized 12500"),
            "{w:?}"
        );
        assert!(
            w.contains(&"m: deployed 15100 is above the authorized 14600"),
            "{w:?}"
        );
        assert!(!w.iter().any(|m| m.contains("police")), "{w:?}");
    }

    #[test]
    fn uniformed_with_civilian_as_the_gsf() {
        let periods = "[[mission.mandate]]\nstart = 2025-10-03\nend = 2026-10-02\nresolution = \"2793 (2025)\"\nauthorized = { uniformed = 5500, civilian = 50 }\n";
        let strength = "[mission.strength]\ndeployed = { uniformed = 980 }\nas_of = 2025-12-08\n";
        let s = at(&with(periods, strength), "2025-12-10T00:00:00Z");
        assert_eq!(s.authorized, Some(5550));
        assert_eq!(s.deployment_ratio, Some(980.0 / 5550.0));
        assert_eq!(
            s.deployment_ratio_by_category,
            Some(vec![(Category::Uniformed, 980.0 / 5500.0)])
        );
    }

    #[test]
    fn no_strength_at_all_means_no_figures_and_no_warnings() {
        let periods = "[[mission.mandate]]\nstart = 2025-03-18\nend = 2026-03-17\n";
        let s = at(&with(periods, ""), "2026-01-01T00:00:00Z");
        assert_eq!(
            (
                s.authorized,
                s.deployed,
                s.deployed_as_of,
                s.deployment_ratio
            ),
            (None, None, None, None)
        );
        assert_eq!(s.authorized_by_category, None);
        assert_eq!(s.deployment_ratio_by_category, None);
        assert!(!s.stale);
        assert!(s.warnings.is_empty());
    }

    #[test]
    fn a_zero_ceiling_gives_no_ratio() {
        // The parser refuses a ceiling of 0 however it is written; a dataset built
        // otherwise may still hold one.
        let periods = "[[mission.mandate]]\nstart = 2025-01-01\nauthorized = { observers = 1 }\n";
        let strength = "[mission.strength]\ndeployed = { observers = 3 }\nas_of = 2025-02-01\n";
        let mut d = parse(with(periods, strength).as_bytes()).expect("a valid file");
        d.missions[0].mandates[0].authorized = Some(crate::domain::Personnel::ByCategory(vec![(
            Category::Observers,
            0,
        )]));
        let now = DateTime::parse_from_rfc3339("2025-03-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let s = state(&d.missions[0], None, 30, 90, now);
        assert_eq!((s.authorized, s.deployment_ratio), (Some(0), None));
        assert_eq!(s.deployment_ratio_by_category, None);
    }
}
