//! Reading a personnel figure: a whole number (a total), or a table of categories.

use super::suggest::nearest;
use super::values::{Cx, Tbl};
use crate::domain::text::clean;
use crate::domain::{Category, Personnel};

impl Cx<'_> {
    /// `key` in `t` as a personnel figure. A total must be at least `min`; a table needs
    /// at least one known category, each 0 or more, summing within `i64` to at least `min`.
    pub(super) fn personnel(&mut self, t: &Tbl, key: &str, min: i64) -> Option<Personnel> {
        let v = t.get(key)?;
        if v.get_ref().as_integer().is_some() {
            return self.integer(t, key, min).map(Personnel::Total);
        }
        let Some(table) = v.get_ref().as_table() else {
            let lowest = if min > 0 {
                format!("a whole number of at least {min}")
            } else {
                "a whole number".to_string()
            };
            self.type_error(
                v,
                t,
                key,
                &format!(
                    "{lowest} or a table of categories like {{ military = 11500, police = 443 }}"
                ),
            );
            return None;
        };
        let inner = Tbl {
            table,
            span: v.span(),
            name: format!("`{key}` of {}", t.name),
        };
        if table.is_empty() {
            self.error(
                &v.span(),
                format!(
                    "`{key}` in {} is an empty table; give a total (a whole number) or at least one category: {}",
                    t.name,
                    Category::keys().join(", ")
                ),
            );
            return None;
        }
        let mut counts = Vec::new();
        let mut ok = true;
        for (k, _) in table.iter() {
            let name: &str = k.get_ref();
            match Category::from_key(name) {
                Some(c) => match self.integer(&inner, name, 0) {
                    Some(n) => counts.push((c, n)),
                    None => ok = false,
                },
                None => {
                    ok = false;
                    let keys = Category::keys();
                    let hint = match nearest(name, &keys) {
                        Some(n) => format!("did you mean `{n}`? "),
                        None => String::new(),
                    };
                    self.error(
                        &k.span(),
                        format!(
                            "unknown category `{}` in {}; {hint}the categories are: {}",
                            clean(name),
                            inner.name,
                            keys.join(", ")
                        ),
                    );
                }
            }
        }
        if !ok {
            return None;
        }
        counts.sort_by_key(|(c, _)| *c);
        let sum = counts.iter().try_fold(0i64, |a, (_, n)| a.checked_add(*n));
        let Some(sum) = sum else {
            self.error(
                &v.span(),
                format!(
                    "the categories of `{key}` in {} add up to more than {}",
                    t.name,
                    i64::MAX
                ),
            );
            return None;
        };
        // The total is the figure: a ceiling of 0 is refused however it is written.
        if sum < min {
            self.error(
                &v.span(),
                format!(
                    "the categories of `{key}` in {} add up to {sum}, a ceiling of {sum}; give at least one category above 0",
                    t.name
                ),
            );
            return None;
        }
        Some(Personnel::ByCategory(counts))
    }
}
