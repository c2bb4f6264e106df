//! A resolution's vote as the file writes it ("12-0-3", "unanimous", "without a vote"),
//! and whether the members it names agree with its counts.

/// What a `vote` string says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vote {
    /// "12-0-3": in favour, against, abstaining.
    Counts {
        in_favour: u32,
        against: u32,
        abstaining: u32,
    },
    /// "unanimous": every member in favour, none against or abstaining.
    Unanimous,
    /// "without a vote": adopted with no vote taken.
    WithoutVote,
}

impl Vote {
    /// The vote in `s`, or `None` when it is in none of the forms above (free text the
    /// file may hold, which nothing is then checked against).
    pub fn parse(s: &str) -> Option<Vote> {
        let t = s.trim().to_lowercase();
        match t.as_str() {
            "unanimous" | "unanimously" => return Some(Vote::Unanimous),
            "without a vote" | "without vote" => return Some(Vote::WithoutVote),
            _ => {}
        }
        let parts: Vec<&str> = t.split(['-', '–']).map(str::trim).collect();
        let [f, a, b] = parts.as_slice() else {
            return None;
        };
        let n = |p: &str| {
            (!p.is_empty() && p.len() <= 3 && p.bytes().all(|c| c.is_ascii_digit()))
                .then(|| p.parse::<u32>().ok())
                .flatten()
        };
        Some(Vote::Counts {
            in_favour: n(f)?,
            against: n(a)?,
            abstaining: n(b)?,
        })
    }

    /// How many voted against and abstained: (0, 0) for a unanimous vote or none taken.
    pub fn against_abstaining(self) -> (u32, u32) {
        match self {
            Vote::Counts {
                against,
                abstaining,
                ..
            } => (against, abstaining),
            Vote::Unanimous | Vote::WithoutVote => (0, 0),
        }
    }
}

/// Which list disagrees with the vote: (`against` or `abstaining`, what the vote counts,
/// how many the list names).
pub type Disagreement = (&'static str, u32, usize);

/// Where the members listed against and abstaining disagree with the counts of `vote`;
/// a list not given is not checked, nor is a vote in no known form.
pub fn disagreements(
    vote: &str,
    against: Option<&[String]>,
    abstaining: Option<&[String]>,
) -> Vec<Disagreement> {
    let Some(v) = Vote::parse(vote) else {
        return Vec::new();
    };
    let (a, b) = v.against_abstaining();
    let mut out = Vec::new();
    for (key, count, list) in [("against", a, against), ("abstaining", b, abstaining)] {
        if let Some(list) = list {
            if u32::try_from(list.len()).ok() != Some(count) {
                out.push((key, count, list.len()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("Member {i}")).collect()
    }

    #[test]
    fn votes_are_read_in_their_three_forms() {
        assert_eq!(
            Vote::parse("12-0-3"),
            Some(Vote::Counts {
                in_favour: 12,
                against: 0,
                abstaining: 3
            })
        );
        assert_eq!(Vote::parse(" Unanimous "), Some(Vote::Unanimous));
        assert_eq!(Vote::parse("without a vote"), Some(Vote::WithoutVote));
        for free in [
            "", "12-0", "12-0-3-1", "a-b-c", "1234-0-0", "12--3", "adopted",
        ] {
            assert_eq!(Vote::parse(free), None, "{free}");
        }
    }

    #[test]
    fn lists_are_held_to_the_counts() {
        assert!(disagreements("12-0-3", Some(&[]), Some(&names(3))).is_empty());
        assert_eq!(
            disagreements("12-0-3", None, Some(&names(2))),
            vec![("abstaining", 3, 2)]
        );
        assert_eq!(
            disagreements("unanimous", Some(&names(1)), Some(&names(1))),
            vec![("against", 0, 1), ("abstaining", 0, 1)]
        );
        assert!(disagreements("unanimous", Some(&[]), None).is_empty());
        assert!(disagreements("as reported", Some(&names(4)), None).is_empty());
        assert!(disagreements("12-0-3", None, None).is_empty());
    }
}
