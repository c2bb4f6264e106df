//! The keys each table of the data file may hold, in the order messages list them.
//! Public so that tests can hold the JSON Schema (`schema/mandate.schema.json`) to the
//! same sets.

/// The top level.
pub const TOP_KEYS: &[&str] = &["title", "warn_days", "stale_days", "mission"];
/// `[[mission]]`.
pub const MISSION_KEYS: &[&str] = &[
    "id",
    "name",
    "short",
    "aliases",
    "kind",
    "authority",
    "host",
    "lead",
    "summary",
    "timezone",
    "successor",
    "closed",
    "mandate",
    "strength",
    "contributor",
    "funding",
    "milestone",
    "requirement",
    "source",
];
/// `[[mission.mandate]]`.
pub const MANDATE_KEYS: &[&str] = &[
    "start",
    "end",
    "resolution",
    "adopted",
    "vote",
    "against",
    "abstaining",
    "not_participating",
    "final",
    "note",
    "authorized",
];
/// `[mission.strength]`.
pub const STRENGTH_KEYS: &[&str] = &["authorized", "deployed", "as_of", "history", "source"];
/// An entry of `history` in `[mission.strength]`.
pub const HISTORY_KEYS: &[&str] = &["date", "deployed"];
/// `[[mission.contributor]]`.
pub const CONTRIBUTOR_KEYS: &[&str] = &["country", "pledged", "deployed", "role"];
/// `[mission.funding]`.
pub const FUNDING_KEYS: &[&str] = &["currency", "required", "pledged", "received", "as_of"];
/// `[[mission.milestone]]`.
pub const MILESTONE_KEYS: &[&str] = &["text", "date", "done"];
/// `[[mission.requirement]]`.
pub const REQUIREMENT_KEYS: &[&str] = &["text", "met"];
/// `[[mission.source]]`.
pub const SOURCE_KEYS: &[&str] = &["title", "url", "date"];
