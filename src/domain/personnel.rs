//! Personnel figures: a total, or a count per category as resolutions set ceilings
//! (MONUSCO: 11,500 military, 600 observers and staff officers, 443 police, 1,270 in
//! formed police units).

/// A category of personnel, in the order they are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    Military,
    Observers,
    Police,
    FormedPolice,
    Corrections,
    Civilian,
    /// An unsplit uniformed figure (military and police together).
    Uniformed,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Military,
        Category::Observers,
        Category::Police,
        Category::FormedPolice,
        Category::Corrections,
        Category::Civilian,
        Category::Uniformed,
    ];

    /// The key in the data file and in JSON: `formed_police`.
    pub fn key(self) -> &'static str {
        match self {
            Category::Military => "military",
            Category::Observers => "observers",
            Category::Police => "police",
            Category::FormedPolice => "formed_police",
            Category::Corrections => "corrections",
            Category::Civilian => "civilian",
            Category::Uniformed => "uniformed",
        }
    }

    /// How the dashboard names it: "formed police".
    pub fn label(self) -> &'static str {
        match self {
            Category::FormedPolice => "formed police",
            c => c.key(),
        }
    }

    pub fn from_key(key: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.key() == key)
    }

    /// Every key, for messages.
    pub fn keys() -> Vec<&'static str> {
        Category::ALL.iter().map(|c| c.key()).collect()
    }
}

/// A personnel figure as written: a total, or counts by category (sorted by category,
/// each category once, at least one; their sum fits an `i64`, which loading checks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Personnel {
    Total(i64),
    ByCategory(Vec<(Category, i64)>),
}

impl Personnel {
    /// The total: the figure, or the sum of the categories.
    pub fn total(&self) -> i64 {
        match self {
            Personnel::Total(n) => *n,
            Personnel::ByCategory(cs) => cs.iter().fold(0i64, |a, (_, n)| a.saturating_add(*n)),
        }
    }

    /// The counts by category, when the figure has them.
    pub fn categories(&self) -> Option<&[(Category, i64)]> {
        match self {
            Personnel::Total(_) => None,
            Personnel::ByCategory(cs) => Some(cs),
        }
    }

    /// The count of one category, when the figure has it.
    pub fn get(&self, c: Category) -> Option<i64> {
        self.categories()?
            .iter()
            .find(|(k, _)| *k == c)
            .map(|(_, n)| *n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_sum_the_categories() {
        let p = Personnel::ByCategory(vec![(Category::Uniformed, 5500), (Category::Civilian, 50)]);
        assert_eq!(p.total(), 5550);
        assert_eq!(p.get(Category::Civilian), Some(50));
        assert_eq!(p.get(Category::Police), None);
        assert_eq!(Personnel::Total(2500).total(), 2500);
        assert_eq!(Personnel::Total(2500).categories(), None);
        assert_eq!(
            Category::from_key("formed_police"),
            Some(Category::FormedPolice)
        );
        assert_eq!(Category::FormedPolice.label(), "formed police");
    }
}
