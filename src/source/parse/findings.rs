//! The problems found while reading a file: the first [`KEPT`] are kept, the rest only
//! counted, so that a file with millions of problems costs no more memory than one with
//! a hundred, and no more time than counting them.
//!
//! Errors come before warnings for a place among the kept ones (a file whose every
//! mission warns still shows its one error); among each, the first by place. The kept
//! ones are given in the order of places, ties in the order found, as before the cap.

use crate::domain::{Diagnostic, Diagnostics, Pos, Severity, KEPT};

/// How a problem ranks for a place among the kept: errors first, then by place, then
/// in the order found.
type Rank = (bool, Option<Pos>, usize);

fn rank(found: usize, d: &Diagnostic) -> Rank {
    (d.severity == Severity::Warning, d.pos, found)
}

/// The problems found so far.
#[derive(Debug, Default, Clone)]
pub(super) struct Findings {
    /// Candidates for the kept ones, each with its number in the order found; cut back
    /// to [`KEPT`] whenever there are twice as many.
    kept: Vec<(usize, Diagnostic)>,
    /// How many were found (the next one's number).
    found: usize,
    /// Once cut: the rank of the last kept. A problem found later that ranks after it
    /// cannot be among the kept.
    last: Option<Rank>,
    left_out: usize,
    errors: usize,
}

impl Findings {
    pub(super) fn push(&mut self, d: Diagnostic) {
        if d.severity == Severity::Error {
            self.errors += 1;
        }
        let found = self.found;
        self.found += 1;
        if matches!(self.last, Some(last) if rank(found, &d) > last) {
            self.left_out += 1;
            return;
        }
        self.kept.push((found, d));
        if self.kept.len() >= 2 * KEPT {
            self.cut();
        }
    }

    /// Whether a problem of this severity at this place, found now, could be kept; when
    /// not, [`Findings::count`] it instead of making its message.
    pub(super) fn could_keep(&self, severity: Severity, pos: Option<Pos>) -> bool {
        let rank = (severity == Severity::Warning, pos, self.found);
        !matches!(self.last, Some(last) if rank > last)
    }

    /// Once more than [`KEPT`] were found: the severity (whether a warning) and place
    /// from which on a problem found later cannot be kept, here or in any findings
    /// these are later appended to (there at least as many rank before it).
    pub(super) fn bar(&self) -> Option<(bool, Option<Pos>)> {
        self.last.map(|(warning, pos, _)| (warning, pos))
    }

    /// A problem found that cannot be kept (see [`Findings::could_keep`]).
    pub(super) fn count(&mut self, severity: Severity) {
        if severity == Severity::Error {
            self.errors += 1;
        }
        self.found += 1;
        self.left_out += 1;
    }

    /// `n` problems found that cannot be kept, as many calls of [`Findings::count`].
    pub(super) fn count_many(&mut self, severity: Severity, n: usize) {
        if severity == Severity::Error {
            self.errors += n;
        }
        self.found += n;
        self.left_out += n;
    }

    /// How many errors were found (kept or not).
    pub(super) fn errors(&self) -> usize {
        self.errors
    }

    /// Adds problems found after these.
    pub(super) fn append(&mut self, mut later: Findings) {
        let kept_errors = later
            .kept
            .iter()
            .filter(|(_, d)| d.severity == Severity::Error)
            .count();
        self.errors += later.errors - kept_errors;
        self.left_out += later.left_out;
        later.kept.sort_unstable_by_key(|(found, _)| *found);
        for (_, d) in later.kept {
            self.push(d);
        }
    }

    /// Keeps the first [`KEPT`] by rank.
    fn cut(&mut self) {
        if self.kept.len() <= KEPT {
            return;
        }
        self.kept.sort_unstable_by_key(|(found, d)| rank(*found, d));
        self.left_out += self.kept.len() - KEPT;
        self.kept.truncate(KEPT);
        self.last = self.kept.last().map(|(found, d)| rank(*found, d));
    }

    /// The kept problems in the order of places (ties in the order found), and the
    /// counts.
    pub(super) fn finish(mut self) -> Diagnostics {
        self.cut();
        self.kept.sort_unstable_by_key(|(found, d)| (d.pos, *found));
        Diagnostics {
            kept: self.kept.into_iter().map(|(_, d)| d).collect(),
            left_out: self.left_out,
            errors: self.errors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, n: usize, sev: Severity) -> Diagnostic {
        Diagnostic {
            severity: sev,
            pos: Some(Pos { line, col: 1 }),
            message: format!("{n}"),
        }
    }

    #[test]
    fn the_first_by_place_are_kept_and_the_rest_counted() {
        // Lines found in a scrambled order, two problems per line; every third a warning.
        let mut all = Vec::new();
        let mut f = Findings::default();
        for n in 0..10_000 {
            let line = (n * 7_919) % 5_000;
            let sev = if n % 3 == 0 {
                Severity::Warning
            } else {
                Severity::Error
            };
            all.push(at(line, n, sev));
            f.push(at(line, n, sev));
        }
        let d = f.finish();
        // Errors first, then by place; given by place.
        all.sort_by_key(|d| (d.severity == Severity::Warning, d.pos));
        all.truncate(KEPT);
        all.sort_by_key(|d| d.pos);
        assert_eq!(d.kept, all);
        assert!(d.kept.iter().all(|d| d.severity == Severity::Error));
        assert_eq!(d.left_out, 10_000 - KEPT);
        assert_eq!(d.errors, 10_000 - 3_334);
        assert_eq!(d.total(), 10_000);
    }

    #[test]
    fn warnings_fill_what_errors_leave() {
        let mut f = Findings::default();
        for n in 0..1_000 {
            f.push(at(n, n, Severity::Warning));
        }
        f.push(at(5_000, 1_000, Severity::Error));
        let d = f.finish();
        assert_eq!(d.kept.len(), KEPT);
        assert_eq!(d.kept[KEPT - 1].message, "1000", "the one error is kept");
        assert_eq!(d.kept[KEPT - 2].message, "98");
        assert_eq!((d.left_out, d.errors), (901, 1));
    }

    #[test]
    fn appending_is_like_pushing_in_order() {
        let (mut a, mut b, mut one) = (
            Findings::default(),
            Findings::default(),
            Findings::default(),
        );
        for n in 0..500 {
            let d = at(1_000 - n % 300, n, Severity::Error);
            one.push(d.clone());
            if n < 250 {
                a.push(d);
            } else {
                b.push(d);
            }
        }
        a.append(b);
        assert_eq!(a.finish(), one.finish());
    }
}
