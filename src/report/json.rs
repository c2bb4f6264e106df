//! `mandate --json`: the computed state as JSON, written by serde from the output types
//! here (the domain types carry no serialization).

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::Outcome;
use crate::domain::state::{self, State};
use crate::domain::{Category, Dataset, Mission};

#[derive(Serialize)]
struct JsonOut<'a> {
    file: String,
    now: String,
    title: Option<&'a str>,
    warn_days: i64,
    stale_days: i64,
    missions: Vec<JsonMission<'a>>,
}

/// One mission: who it is, then its state at `now`.
#[derive(Serialize)]
struct JsonMission<'a> {
    name: &'a str,
    short: &'a str,
    timezone: &'a str,
    successor: Option<&'a str>,
    closed: Option<NaiveDate>,
    authority: Option<&'a str>,
    id: String,
    phase: &'static str,
    today: NaiveDate,
    expires_on: Option<NaiveDate>,
    #[serde(serialize_with = "instant")]
    expires_at: Option<DateTime<Tz>>,
    days_remaining: Option<i64>,
    seconds_remaining: Option<i64>,
    starts_on: Option<NaiveDate>,
    #[serde(serialize_with = "instant")]
    starts_at: Option<DateTime<Tz>>,
    days_to_start: Option<i64>,
    authorized: Option<i64>,
    #[serde(serialize_with = "by_category")]
    authorized_by_category: Option<Vec<(Category, i64)>>,
    ceiling_resolution: Option<String>,
    deployed: Option<i64>,
    #[serde(serialize_with = "by_category")]
    deployed_by_category: Option<Vec<(Category, i64)>>,
    deployed_as_of: Option<NaiveDate>,
    deployment_ratio: Option<f64>,
    #[serde(serialize_with = "by_category")]
    deployment_ratio_by_category: Option<Vec<(Category, f64)>>,
    mandate_elapsed_ratio: Option<f64>,
    stale: bool,
    warnings: Vec<JsonWarning>,
}

#[derive(Serialize)]
struct JsonWarning {
    message: String,
}

/// Figures by category as an object (`{"uniformed": 5500, "civilian": 50}`), or null.
fn by_category<S: serde::Serializer, T: Serialize>(
    v: &Option<Vec<(Category, T)>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    match v {
        Some(cs) => {
            let mut m = s.serialize_map(Some(cs.len()))?;
            for (c, n) in cs {
                m.serialize_entry(c.key(), n)?;
            }
            m.end()
        }
        None => s.serialize_none(),
    }
}

/// Instants are written as RFC 3339 in UTC with `Z`.
fn instant<S: serde::Serializer>(v: &Option<DateTime<Tz>>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(t) => s.serialize_str(
            &t.with_timezone(&Utc)
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        ),
        None => s.serialize_none(),
    }
}

impl<'a> JsonMission<'a> {
    fn new(m: &'a Mission, s: State) -> Self {
        JsonMission {
            name: &m.name,
            short: &m.short,
            timezone: m.timezone.name(),
            successor: m.successor.as_deref(),
            closed: m.closed,
            authority: m.authority.as_deref(),
            id: s.id,
            phase: s.phase.key(),
            today: s.today,
            expires_on: s.expires_on,
            expires_at: s.expires_at,
            days_remaining: s.days_remaining,
            seconds_remaining: s.seconds_remaining,
            starts_on: s.starts_on,
            starts_at: s.starts_at,
            days_to_start: s.days_to_start,
            authorized: s.authorized,
            authorized_by_category: s.authorized_by_category,
            ceiling_resolution: s.ceiling_resolution,
            deployed: s.deployed,
            deployed_by_category: s.deployed_by_category,
            deployed_as_of: s.deployed_as_of,
            deployment_ratio: s.deployment_ratio,
            deployment_ratio_by_category: s.deployment_ratio_by_category,
            mandate_elapsed_ratio: s.mandate_elapsed_ratio,
            stale: s.stale,
            warnings: s
                .warnings
                .into_iter()
                .map(|w| JsonWarning { message: w.message })
                .collect(),
        }
    }
}

/// What `--json` needs besides the data.
pub struct Options {
    /// The file's name, for the document's `file`.
    pub file: String,
}

/// `mandate --json`.
pub fn report(data: &Dataset, now: DateTime<Utc>, options: &Options) -> Outcome {
    match json_text(data, options.file.clone(), now) {
        Ok(s) => Outcome::ok(s),
        Err(e) => Outcome::error(format!("mandate: cannot write JSON: {e}\n")),
    }
}

/// Every mission's entry; for large files the states are computed on every core.
fn missions(data: &Dataset, now: DateTime<Utc>) -> Vec<JsonMission<'_>> {
    let pairs: Vec<(&Mission, Option<&Mission>)> =
        data.missions.iter().zip(state::successors(data)).collect();
    let one = |&(m, successor): &(&Mission, Option<&Mission>)| {
        state::state(m, successor, data.warn_days, data.stale_days, now)
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 || data.missions.len() < 1000 {
        return pairs
            .iter()
            .map(|p| JsonMission::new(p.0, one(p)))
            .collect();
    }
    let per = pairs.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = pairs
            .chunks(per)
            .map(|chunk| scope.spawn(move || chunk.iter().map(one).collect::<Vec<State>>()))
            .collect();
        let states = handles.into_iter().flat_map(|h| match h.join() {
            Ok(v) => v,
            Err(p) => std::panic::resume_unwind(p),
        });
        data.missions
            .iter()
            .zip(states)
            .map(|(m, s)| JsonMission::new(m, s))
            .collect()
    })
}

/// The JSON document of `data` at `now`, naming `file`.
pub fn json_text(
    data: &Dataset,
    file: String,
    now: DateTime<Utc>,
) -> Result<String, serde_json::Error> {
    let out = JsonOut {
        file,
        now: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        title: data.title.as_deref(),
        warn_days: data.warn_days,
        stale_days: data.stale_days,
        missions: missions(data, now),
    };
    // Room for the whole text at once (about 1 KB per mission): the text is not copied
    // as it grows, and pages never written are never resident.
    let mut text = Vec::with_capacity(4096 + data.missions.len() * 2048);
    serde_json::to_writer_pretty(&mut text, &out)?;
    text.push(b'\n');
    String::from_utf8(text).map_err(serde::ser::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{at, builtin};

    #[test]
    fn instants_are_utc_with_z_and_phases_lowercase() {
        let now = at("2025-09-22T12:00:00-04:00");
        let v: serde_json::Value =
            serde_json::from_str(&json_text(&builtin(), "f".into(), now).unwrap()).unwrap();
        let mss = &v["missions"][0];
        assert_eq!(mss["id"], "mss");
        assert_eq!(mss["phase"], "expiring");
        assert_eq!(mss["expires_at"], "2025-10-03T04:00:00Z");
        assert_eq!(mss["expires_on"], "2025-10-02");
        assert_eq!(mss["starts_at"], serde_json::Value::Null);
        assert_eq!(v["now"], "2025-09-22T16:00:00Z");
    }

    #[test]
    fn many_missions_computed_on_every_core_keep_the_file_order() {
        let mut d = builtin();
        let base = d.missions.clone();
        for i in 0..600 {
            for m in &base {
                let mut m = m.clone();
                m.id = format!("{}-{i}", m.id);
                m.successor = None;
                d.missions.push(m);
            }
        }
        let now = at("2025-09-22T12:00:00-04:00");
        let v: serde_json::Value =
            serde_json::from_str(&json_text(&d, "f.toml".into(), now).unwrap()).unwrap();
        let ms = v["missions"].as_array().unwrap();
        assert_eq!(ms.len(), 1202);
        for (m, j) in d.missions.iter().zip(ms) {
            assert_eq!(j["id"], m.id.as_str());
        }
    }
}
