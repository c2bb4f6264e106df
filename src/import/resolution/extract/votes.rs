//! The members against and abstaining a resolution names, for the mission's period that
//! has that resolution already.

use super::{reference, Resolution};
use crate::domain::vote::disagreements;
use crate::domain::{Mission, Period};
use crate::import::{Review, VoteDetail};

/// Whether a period's resolution (number, year; 0 when the file writes no year) is `r`.
pub(super) fn same_resolution((n, y): (u32, i32), r: &Resolution) -> bool {
    n == r.number && (y == 0 || y == r.year)
}

/// The mission's period for resolution `r`, matched by number (and year when written).
pub(super) fn existing_period<'m>(m: &'m Mission, r: &Resolution) -> Option<&'m Period> {
    m.mandates.iter().find(|p| {
        p.resolution
            .as_deref()
            .and_then(reference)
            .is_some_and(|res| same_resolution(res, r))
    })
}

/// The members against and abstaining that `r` records and that the mission's period
/// for it lacks (a list the period has is left alone): `None` when there are none (a
/// unanimous vote, a vote with nobody against or abstaining), when the period is not
/// there, or when the record's lists disagree with its own counts; a review when they
/// disagree with the period's `vote`.
pub fn vote_detail(mission: &Mission, r: &Resolution) -> Option<Result<VoteDetail, Review>> {
    let p = existing_period(mission, r)?;
    let against = if p.against.is_none() {
        r.against.clone()
    } else {
        Vec::new()
    };
    let abstaining = if p.abstaining.is_none() {
        r.abstaining.clone()
    } else {
        Vec::new()
    };
    if against.is_empty() && abstaining.is_empty() {
        return None;
    }
    let lists = (
        (!against.is_empty()).then_some(against.as_slice()),
        (!abstaining.is_empty()).then_some(abstaining.as_slice()),
    );
    if let Some(v) = &r.vote {
        if !disagreements(v, lists.0, lists.1).is_empty() {
            return None;
        }
    }
    if let Some(v) = &p.vote {
        if !disagreements(v, lists.0, lists.1).is_empty() {
            let named: Vec<String> = [("against", &against), ("abstaining", &abstaining)]
                .iter()
                .filter(|(_, l)| !l.is_empty())
                .map(|(k, l)| format!("{k}: {}", l.join(", ")))
                .collect();
            let named = named.join("; ");
            return Some(Err(Review::Disagrees {
                mission: mission.id.clone(),
                what: format!(
                    "the vote of resolution {} (the members named are not written)",
                    r.reference()
                ),
                file: v.clone(),
                source: match &r.vote {
                    Some(rv) => format!("{rv} ({named})"),
                    None => named,
                },
            }));
        }
    }
    Some(Ok(VoteDetail {
        mission: mission.id.clone(),
        resolution: r.reference(),
        against,
        abstaining,
    }))
}
