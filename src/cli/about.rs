//! What `--version` says: the version, and how old the built-in data is.

use crate::source::{self, Origin};

/// `0.1.0` and a line naming the built-in data and the date of its latest figure:
/// "data: Haiti: MSS and the Gang Suppression Force, figures as of 8 Dec 2025".
pub fn long_version() -> String {
    let version = env!("CARGO_PKG_VERSION");
    let Ok(data) = source::load(&Origin::Builtin).into_result() else {
        return version.to_string();
    };
    let title = data.title.as_deref().unwrap_or("the built-in copy");
    let latest = data
        .missions
        .iter()
        .filter_map(|m| m.strength.as_ref())
        .flat_map(|s| s.figures.iter().map(|f| f.date))
        .max();
    match latest {
        Some(d) => format!(
            "{version}\ndata: {title}, figures as of {}",
            crate::domain::format::date(d)
        ),
        None => format!("{version}\ndata: {title}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_long_version_dates_the_built_in_data() {
        assert_eq!(
            super::long_version(),
            format!(
                "{}\ndata: Haiti: MSS and the Gang Suppression Force, figures as of 8 Dec 2025",
                env!("CARGO_PKG_VERSION")
            )
        );
    }
}
