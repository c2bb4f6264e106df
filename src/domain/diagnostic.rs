//! A problem found in a data file, and where.

/// A place in the file, 1-based; the column counts characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a file, compiler style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub pos: Option<Pos>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            pos,
            message: message.into(),
        }
    }

    pub fn warning(pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            pos,
            message: message.into(),
        }
    }

    /// `FILE:LINE:COL: error: message` (or `FILE: error: message` without a place).
    pub fn render(&self, file: &str) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.pos {
            Some(p) => format!("{file}:{}:{}: {sev}: {}", p.line, p.col, self.message),
            None => format!("{file}: {sev}: {}", self.message),
        }
    }
}

/// At most this many problems of a file are kept (and printed); the rest are counted.
pub const KEPT: usize = 100;

/// The problems of a file: the first [`KEPT`] by place, and how many were left out.
///
/// Derefs to the kept problems, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagnostics {
    /// The first problems by place (ties in the order found), at most [`KEPT`].
    pub kept: Vec<Diagnostic>,
    /// How many problems were found beyond the kept ones.
    pub left_out: usize,
    /// How many of all the problems, kept or left out, are errors.
    pub errors: usize,
}

impl Diagnostics {
    /// A single problem.
    pub fn one(d: Diagnostic) -> Self {
        Diagnostics {
            errors: usize::from(d.severity == Severity::Error),
            kept: vec![d],
            left_out: 0,
        }
    }

    /// Every problem found, kept or left out.
    pub fn total(&self) -> usize {
        self.kept.len() + self.left_out
    }

    /// `FILE: and N more problems (only the first 100 are shown)`, when some were left
    /// out; it follows the kept ones.
    pub fn left_out_line(&self, file: &str) -> Option<String> {
        match self.left_out {
            0 => None,
            n => Some(format!(
                "{file}: and {n} more problem{} (only the first {KEPT} are shown)",
                if n == 1 { "" } else { "s" }
            )),
        }
    }
}

impl std::ops::Deref for Diagnostics {
    type Target = [Diagnostic];

    fn deref(&self) -> &[Diagnostic] {
        &self.kept
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.kept.iter()
    }
}
