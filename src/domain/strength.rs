//! The strength model: the ceiling in force on a day, the latest deployed figure, the
//! ratios between them, and the warnings about the figures.

use chrono::NaiveDate;

use super::state::{State, Warning};
use super::{Category, Mission, Personnel};

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

/// Fills the strength fields of `s` (whose `today` is set) and adds the warnings.
pub(super) fn strength(mission: &Mission, stale_days: i64, s: &mut State) {
    let today = s.today;
    let ceiling = ceiling(mission, today);
    if let Some((c, period)) = ceiling {
        s.authorized = Some(c.total());
        s.authorized_by_category = c.categories().map(<[_]>::to_vec);
        s.ceiling_period = period;
        s.ceiling_resolution = period.and_then(|i| mission.mandates[i].resolution.clone());
    }
    let Some(st) = &mission.strength else {
        return;
    };
    let warn = |s: &mut State, pos, message: String| s.warnings.push(Warning { pos, message });
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
                    s,
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
                        s,
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
                    s,
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
                s,
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
            s,
            f.pos,
            format!(
                "{}: a strength figure is dated {}, after today ({today})",
                mission.id, f.date
            ),
        );
    }
}
