//! The briefing as Markdown: CommonMark, with tables as GitHub renders them.

use super::{resolution, Briefing, Concerned, Event};
use crate::domain::format::{date, days, percent, phase_detail, thousands};
use crate::domain::signals::{ceiling_words, lengths_words, vote_words, Signals};
use crate::domain::state::State;

/// Text from the file, made literal: every Markdown punctuation escaped with a
/// backslash (CommonMark allows it before any ASCII punctuation).
pub(super) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn dash(v: Option<String>) -> String {
    v.unwrap_or_else(|| "—".into())
}

/// "ends 2 Oct 2025 (2751 (2024))"
pub(super) fn event_words(e: &Event) -> String {
    let res = |r: &Option<String>| {
        r.as_ref()
            .map_or(String::new(), |r| format!(" ({})", md(r)))
    };
    match e {
        Event::Ends {
            on,
            resolution,
            final_,
        } => format!(
            "ends {}{}{}",
            date(*on),
            res(resolution),
            if *final_ { ", announced as final" } else { "" }
        ),
        Event::Starts { on, resolution } => format!("starts {}{}", date(*on), res(resolution)),
        Event::Unrecorded { since } => format!(
            "no period recorded after {}: the renewal is not in the file",
            date(*since)
        ),
    }
}

fn deployed(s: &State) -> String {
    match (s.deployed, s.deployment_ratio) {
        (Some(d), Some(r)) => format!("{} ({})", thousands(d), percent(r)),
        (Some(d), None) => thousands(d),
        _ => "—".into(),
    }
}

fn name(m: &crate::domain::Mission) -> String {
    if m.short == m.name {
        md(&m.short)
    } else {
        format!("{} ({})", md(&m.short), md(&m.name))
    }
}

fn signal_lines(s: &Signals) -> Vec<String> {
    let mut out = Vec::new();
    if !s.votes.is_empty() {
        let v: Vec<String> = s
            .votes
            .iter()
            .map(|v| {
                let mut w = md(&vote_words(v));
                if let Some(r) = &v.resolution {
                    w = format!("{}: {w}", md(r));
                }
                if let Some(a) = v.adopted {
                    w.push_str(&format!(", adopted {}", date(a)));
                }
                w
            })
            .collect();
        let label = if v.len() == 1 {
            "Last vote"
        } else {
            "Last votes"
        };
        out.push(format!("**{label}** (oldest first): {}", v.join("; ")));
    }
    if !s.lengths.is_empty() {
        let mut p = format!("**Periods** (oldest first): {}", lengths_words(&s.lengths));
        if let Some(t) = s.trend {
            p.push_str(&format!(", {}", t.word()));
        }
        out.push(p);
    }
    if let Some(f) = &s.final_ {
        let mut p = "**Final:** the period".to_string();
        if let Some(e) = f.end {
            p.push_str(&format!(" to {}", date(e)));
        }
        if let Some(r) = &f.resolution {
            p.push_str(&format!(" ({})", md(r)));
        }
        p.push_str(" was announced as the last extension");
        out.push(p);
    }
    for c in &s.ceilings {
        out.push(format!("**Ceiling** {}", md(&ceiling_words(c))));
    }
    if let Some(n) = &s.successor {
        let mut p = format!(
            "**Successor:** {}",
            md(n.short.as_deref().unwrap_or(n.id.as_str()))
        );
        if let Some(d) = n.starts {
            p.push_str(&format!(", first period from {}", date(d)));
        }
        out.push(p);
    }
    for l in &s.lapses {
        out.push(format!(
            "**Lapse:** no mandate from {} to {} ({})",
            date(l.from),
            date(l.to),
            days(l.days())
        ));
    }
    if !s.open_requirements.is_empty() {
        out.push("**Open requirements:**".into());
        for r in &s.open_requirements {
            out.push(format!("  - {}", md(r)));
        }
    }
    out
}

fn section(out: &mut String, c: &Concerned) {
    let m = c.mission;
    out.push_str(&format!("\n## {}\n\n", name(m)));
    let ev: Vec<String> = c.events.iter().map(event_words).collect();
    out.push_str(&format!("- **This month:** {}\n", ev.join("; ")));
    let lines = signal_lines(&c.signals);
    if lines.is_empty() {
        out.push_str("- No signal in the file.\n");
    }
    for l in lines {
        if l.starts_with("  ") {
            out.push_str(&format!("{l}\n"));
        } else {
            out.push_str(&format!("- {l}\n"));
        }
    }
}

/// The whole briefing.
pub(super) fn write(b: &Briefing) -> String {
    let first = date(b.month.first());
    let mut out = format!("# Mandates in {}\n\n", b.month.words());
    if let Some(t) = b.title {
        out.push_str(&format!("{}  \n", md(t)));
    }
    out.push_str(&format!("File `{}`", b.file.replace('`', "'")));
    if let Some(f) = b.facts_to {
        out.push_str(&format!(", facts to {}", date(f)));
    }
    out.push_str(&format!(
        ". Days left are counted on {first}; the signals are read from the file alone.\n"
    ));
    if b.concerned.is_empty() {
        out.push_str(&format!(
            "\nNo mandate ends, starts or is unrecorded in {}.\n",
            b.month.words()
        ));
    } else {
        out.push_str(&format!(
            "\n| Mission | This month | Ends | Days left on {first} | Resolution in force | Ceiling | Deployed |\n"
        ));
        out.push_str("| --- | --- | --- | --- | --- | ---: | ---: |\n");
        for c in &b.concerned {
            let ev: Vec<&str> = c.events.iter().map(Event::key).collect();
            let s = &c.state;
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} |\n",
                md(&c.mission.short),
                ev.join(", "),
                s.expires_on.map_or("open-ended".into(), date),
                phase_detail(s),
                dash(resolution(c).map(|r| md(&r))),
                dash(s.authorized.map(thousands)),
                deployed(s),
            ));
        }
        for c in &b.concerned {
            section(&mut out, c);
        }
    }
    if !b.rest.is_empty() {
        out.push_str(&format!(
            "\n## The rest of the portfolio\n\n| Mission | On {first} | Ends |\n| --- | --- | --- |\n"
        ));
        for o in &b.rest {
            let s = &o.state;
            out.push_str(&format!(
                "| {} | {} {} | {} |\n",
                md(&o.mission.short),
                s.phase.word(),
                phase_detail(s),
                s.expires_on.map_or("open-ended".into(), date),
            ));
        }
    }
    out
}
