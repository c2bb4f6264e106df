//! Property tests of the strength rules (ceilings set by periods, figures by category)
//! against `naive`, a second implementation written from the rules of docs/format.md alone: it
//! scans every period and figure for the day instead of using the model's code.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use mandate::domain::state::{self, State};
use mandate::domain::Category;
use mandate::source::parse;
use proptest::prelude::*;

const CATS: [&str; 7] = [
    "military",
    "observers",
    "police",
    "formed_police",
    "corrections",
    "civilian",
    "uniformed",
];

/// A figure as written: a total or (category index, count) pairs (distinct categories).
#[derive(Debug, Clone)]
enum Fig {
    Total(i64),
    Cats(Vec<(usize, i64)>),
}

impl Fig {
    fn toml(&self) -> String {
        match self {
            Fig::Total(n) => n.to_string(),
            Fig::Cats(cs) => {
                let parts: Vec<String> = cs
                    .iter()
                    .map(|(c, n)| format!("{} = {n}", CATS[*c]))
                    .collect();
                format!("{{ {} }}", parts.join(", "))
            }
        }
    }

    fn total(&self) -> i64 {
        match self {
            Fig::Total(n) => *n,
            Fig::Cats(cs) => cs.iter().map(|(_, n)| n).sum(),
        }
    }

    fn get(&self, c: usize) -> Option<i64> {
        match self {
            Fig::Total(_) => None,
            Fig::Cats(cs) => cs.iter().find(|(k, _)| *k == c).map(|(_, n)| *n),
        }
    }
}

fn fig(min_total: i64) -> impl Strategy<Value = Fig> {
    prop_oneof![
        (min_total..30_000i64).prop_map(Fig::Total),
        prop::collection::btree_map(0usize..7, 0i64..20_000, 1..4)
            .prop_map(|m| Fig::Cats(m.into_iter().collect())),
    ]
}

#[derive(Debug, Clone)]
struct Spec {
    /// (start offset in days, ceiling)
    periods: Vec<(i64, Option<Fig>)>,
    strength_ceiling: Option<Fig>,
    /// (day offset, deployed); offsets distinct
    figures: Vec<(i64, Fig)>,
    has_strength: bool,
}

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
}

fn at(off: i64) -> NaiveDate {
    base() + Duration::days(off)
}

impl Spec {
    fn toml(&self) -> String {
        let mut s = String::from("[[mission]]\nid = \"m\"\nname = \"M\"\n");
        for (off, ceiling) in &self.periods {
            s.push_str(&format!("[[mission.mandate]]\nstart = {}\n", at(*off)));
            if let Some(c) = ceiling {
                s.push_str(&format!("authorized = {}\n", c.toml()));
            }
        }
        if self.has_strength {
            s.push_str("[mission.strength]\n");
            if let Some(c) = &self.strength_ceiling {
                s.push_str(&format!("authorized = {}\n", c.toml()));
            }
            let entries: Vec<String> = self
                .figures
                .iter()
                .map(|(off, f)| format!("{{ date = {}, deployed = {} }}", at(*off), f.toml()))
                .collect();
            s.push_str(&format!("history = [{}]\n", entries.join(", ")));
        }
        s
    }
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        // Starts on a coarse grid, so that periods often start the same day.
        prop::collection::vec(
            ((0i64..8).prop_map(|k| k * 200), prop::option::of(fig(1))),
            1..5,
        ),
        prop::option::of(fig(1)),
        prop::collection::btree_map(0i64..1500, fig(0), 0..5),
        any::<bool>(),
    )
        .prop_map(|(periods, strength_ceiling, figures, has_strength)| Spec {
            periods,
            strength_ceiling,
            figures: figures.into_iter().collect(),
            has_strength,
        })
}

/// What the rules say for `day`, computed by scanning.
struct Naive {
    authorized: Option<i64>,
    resolution_period: Option<usize>,
    deployed: Option<i64>,
    ratio: Option<f64>,
    by_category: Vec<(usize, f64)>,
    over: BTreeSet<String>,
}

fn naive(spec: &Spec, day: NaiveDate) -> Naive {
    // The latest-starting period with start <= day that sets a ceiling; of equal starts,
    // the later in the file.
    let mut best: Option<(usize, NaiveDate)> = None;
    for (i, (off, c)) in spec.periods.iter().enumerate() {
        if c.is_some() && at(*off) <= day && best.is_none_or(|(_, s)| at(*off) >= s) {
            best = Some((i, at(*off)));
        }
    }
    let ceiling: Option<&Fig> = match best {
        Some((i, _)) => spec.periods[i].1.as_ref(),
        None if spec.has_strength => spec.strength_ceiling.as_ref(),
        None => None,
    };
    let figure = if spec.has_strength {
        spec.figures
            .iter()
            .filter(|(off, _)| at(*off) <= day)
            .max_by_key(|(off, _)| *off)
            .map(|(_, f)| f)
    } else {
        None
    };
    let mut n = Naive {
        authorized: ceiling.map(Fig::total),
        resolution_period: best.map(|(i, _)| i),
        deployed: figure.map(Fig::total),
        ratio: None,
        by_category: Vec::new(),
        over: BTreeSet::new(),
    };
    if let (Some(c), Some(f)) = (ceiling, figure) {
        if c.total() > 0 {
            n.ratio = Some(f.total() as f64 / c.total() as f64);
        }
        if f.total() > c.total() {
            n.over.insert(format!(
                "m: deployed {} is above the authorized {}",
                f.total(),
                c.total()
            ));
        }
        for (k, name) in CATS.iter().enumerate() {
            if let (Some(have), Some(cap)) = (f.get(k), c.get(k)) {
                if cap > 0 {
                    n.by_category.push((k, have as f64 / cap as f64));
                }
                if have > cap {
                    let label = name.replace('_', " ");
                    n.over.insert(format!(
                        "m: deployed {label} {have} is above the authorized {cap}"
                    ));
                }
            }
        }
    }
    n
}

proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(500),
        failure_persistence: None,
        ..Default::default()
    })]

    #[test]
    fn the_model_agrees_with_the_naive_rules(spec in spec(), day_off in -10i64..1600) {
        let text = spec.toml();
        let data = parse(text.as_bytes()).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        let m = &data.missions[0];
        let day = at(day_off);
        let now = day.and_hms_opt(12, 0, 0).unwrap().and_utc();
        let s: State = state::state(m, None, 30, 100_000, now);
        let n = naive(&spec, day);
        prop_assert_eq!(s.authorized, n.authorized, "{}", text);
        prop_assert_eq!(s.ceiling_period, n.resolution_period, "{}", text);
        prop_assert_eq!(s.deployed, n.deployed, "{}", text);
        prop_assert_eq!(s.deployment_ratio, n.ratio, "{}", text);
        let by: Vec<(usize, f64)> = s
            .deployment_ratio_by_category
            .unwrap_or_default()
            .into_iter()
            .map(|(c, r)| (Category::ALL.iter().position(|k| *k == c).unwrap(), r))
            .collect();
        prop_assert_eq!(by, n.by_category, "{}", text);
        let over: BTreeSet<String> = s
            .warnings
            .iter()
            .map(|w| w.message.clone())
            .filter(|m| m.contains("is above the authorized"))
            .collect();
        prop_assert_eq!(over, n.over, "{}", text);
    }
}
