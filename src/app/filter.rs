//! The mission list's filter and sort: which missions are listed, and in what order.

use crate::domain::state::{self, State};
use crate::domain::Mission;

/// The fields the filter searches, lowercased and joined, one string per mission (built
/// once per load, so a keystroke over 10,000 missions is one `contains` each).
pub fn haystack(m: &Mission) -> String {
    let fields: [Option<&str>; 7] = [
        Some(&m.id),
        Some(&m.short),
        Some(&m.name),
        m.host.as_deref(),
        m.lead.as_deref(),
        m.kind.as_deref(),
        m.authority.as_deref(),
    ];
    fields
        .iter()
        .flatten()
        .map(|f| f.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether a mission's haystack matches `query` (case-insensitive substring; an empty
/// query matches everything).
pub fn matches(haystack: &str, query: &str) -> bool {
    query.is_empty() || haystack.contains(&query.to_lowercase())
}

/// The order of the mission list; `s` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sort {
    /// Soonest expiry first (today's): the default.
    #[default]
    Expiry,
    /// By short name, A to Z.
    Name,
    /// Lowest deployment ratio first (missions without a figure last).
    Deployment,
    /// Oldest strength figure first (missions without a figure last).
    FiguresAge,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Expiry => Sort::Name,
            Sort::Name => Sort::Deployment,
            Sort::Deployment => Sort::FiguresAge,
            Sort::FiguresAge => Sort::Expiry,
        }
    }

    /// How the title names it ("by expiry").
    pub fn label(self) -> &'static str {
        match self {
            Sort::Expiry => "by expiry",
            Sort::Name => "by name",
            Sort::Deployment => "by deployed",
            Sort::FiguresAge => "by figures age",
        }
    }

    /// Sorts mission indices `order` (ties: file order).
    pub fn apply(self, order: &mut [usize], missions: &[Mission], states: &[State]) {
        match self {
            Sort::Expiry => order.sort_by_key(|&i| state::urgency(&states[i])),
            Sort::Name => order.sort_by_cached_key(|&i| missions[i].short.to_lowercase()),
            Sort::Deployment => order.sort_by(|&a, &b| {
                let key = |i: usize| states[i].deployment_ratio.filter(|r| r.is_finite());
                match (key(a), key(b)) {
                    (Some(x), Some(y)) => x.total_cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            }),
            Sort::FiguresAge => order.sort_by_key(|&i| match states[i].deployed_as_of {
                Some(d) => (0, d),
                None => (1, chrono::NaiveDate::MAX),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sort_cycles_through_four_and_back() {
        let mut s = Sort::default();
        let mut seen = vec![s];
        for _ in 0..4 {
            s = s.next();
            seen.push(s);
        }
        assert_eq!(seen.first(), seen.last());
        assert_eq!(Sort::default(), Sort::Expiry);
    }

    #[test]
    fn matching_is_a_case_insensitive_substring() {
        assert!(matches("monusco\ncongo", "CONGO"));
        assert!(matches("monusco\ncongo", ""));
        assert!(!matches("monusco\ncongo", "haiti"));
    }
}
