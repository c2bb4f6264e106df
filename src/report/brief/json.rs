//! The briefing as JSON, for scripts: the same content as the Markdown.

use serde_json::{json, Value};

use super::{resolution, Briefing, Concerned, Event};
use crate::domain::signals::Signals;

fn event(e: &Event) -> Value {
    match e {
        Event::Ends {
            on,
            resolution,
            final_,
        } => json!({"kind": e.key(), "date": on, "resolution": resolution, "final": final_}),
        Event::Starts { on, resolution } => {
            json!({"kind": e.key(), "date": on, "resolution": resolution})
        }
        Event::Unrecorded { since } => json!({"kind": e.key(), "date": since}),
    }
}

fn signals(s: &Signals) -> Value {
    json!({
        "votes": s.votes.iter().map(|v| json!({
            "resolution": v.resolution,
            "adopted": v.adopted,
            "vote": v.vote,
            "against": v.against,
            "abstaining": v.abstaining,
            "not_participating": v.not_participating,
        })).collect::<Vec<_>>(),
        "periods": s.lengths.iter().map(|l| json!({
            "start": l.start, "end": l.end, "days": l.days, "months": l.months,
        })).collect::<Vec<_>>(),
        "trend": s.trend.map(|t| t.word()),
        "final": s.final_.as_ref().map(|f| json!({"resolution": f.resolution, "end": f.end})),
        "ceiling_changes": s.ceilings.iter().map(|c| json!({
            "date": c.on, "resolution": c.resolution, "from": c.from, "to": c.to,
        })).collect::<Vec<_>>(),
        "successor": s.successor.as_ref().map(|n| json!({
            "id": n.id, "short": n.short, "starts": n.starts,
        })),
        "lapses": s.lapses.iter().map(|l| json!({
            "from": l.from, "to": l.to, "days": l.days(),
        })).collect::<Vec<_>>(),
        "open_requirements": s.open_requirements,
    })
}

fn concerned(c: &Concerned) -> Value {
    let s = &c.state;
    json!({
        "id": c.mission.id,
        "short": c.mission.short,
        "name": c.mission.name,
        "events": c.events.iter().map(event).collect::<Vec<_>>(),
        "phase": s.phase.key(),
        "expires_on": s.expires_on,
        "days_remaining": s.days_remaining,
        "days_to_start": s.days_to_start,
        "resolution": resolution(c),
        "authorized": s.authorized,
        "deployed": s.deployed,
        "deployed_as_of": s.deployed_as_of,
        "deployment_ratio": s.deployment_ratio,
        "signals": signals(&c.signals),
    })
}

/// The whole briefing, pretty-printed, with a final newline.
pub(super) fn write(b: &Briefing) -> String {
    let v = json!({
        "month": b.month.key(),
        "file": b.file,
        "title": b.title,
        "facts_to": b.facts_to,
        "counted_on": b.month.first(),
        "concerned": b.concerned.iter().map(concerned).collect::<Vec<_>>(),
        "rest": b.rest.iter().map(|o| json!({
            "id": o.mission.id,
            "short": o.mission.short,
            "phase": o.state.phase.key(),
            "expires_on": o.state.expires_on,
            "days_remaining": o.state.days_remaining,
            "days_to_start": o.state.days_to_start,
        })).collect::<Vec<_>>(),
    });
    let mut out = serde_json::to_string_pretty(&v).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}
