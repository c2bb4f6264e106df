//! Reading a file one `[[mission]]` at a time: each mission's text is parsed and
//! validated on its own, so only one mission's tree is alive at a time per thread.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use toml::de::DeTable;

use super::cross::{Entry, Roll};
use super::findings::Findings;
use super::values::{Cx, Tbl};
use crate::domain::{Dataset, Diagnostics};

/// Files at least this large are read on every core.
const PARALLEL_MIN_BYTES: usize = 256 << 10;

/// Reads the file as a preamble (before `starts[0]`) and one part per mission (from
/// each of `starts`, the top-level `[[mission]]` headers, to the next).
///
/// Returns `None` whenever a part has a TOML problem or a shape other than the plain
/// one, so the caller reads the file whole: the parts never decide what a TOML error
/// looks like. When every part parses cleanly, the file is the parts joined at line
/// starts, so it parses cleanly too, to the same tree; every other message is made by
/// the same code in the same order as when reading whole.
pub(super) fn parse_in_parts(
    src: &str,
    line_starts: &[usize],
    starts: &[usize],
) -> Option<Result<Dataset, Diagnostics>> {
    let first = *starts.first()?;
    let mut cx = Cx::new(src, line_starts);
    let (root, syntax) = DeTable::parse_recoverable(&src[..first]);
    if !syntax.is_empty() || root.get_ref().get("mission").is_some() {
        return None;
    }
    let head = cx.top(&Tbl {
        table: root.get_ref(),
        span: root.span(),
        name: "the top level".to_string(),
    });
    drop(root);
    let mut roll = Roll::new(head, std::mem::take(&mut cx.diags), starts.len());

    let parts: Vec<Range<usize>> = starts
        .iter()
        .zip(starts[1..].iter().chain([&src.len()]))
        .map(|(&a, &b)| a..b)
        .collect();
    let threads = if src.len() >= PARALLEL_MIN_BYTES {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
    } else {
        1
    };
    if threads < 2 || parts.len() < 2 * threads {
        for e in read_parts(src, line_starts, &parts, &AtomicBool::new(false))? {
            roll.push(e);
        }
        return Some(roll.finish());
    }
    // Contiguous runs of missions of about the same size, one per thread.
    let mut cuts = vec![0];
    for k in 1..threads {
        let want = src.len() / threads * k;
        let at = parts.partition_point(|p| p.start < want);
        if at > *cuts.last().unwrap_or(&0) && at < parts.len() {
            cuts.push(at);
        }
    }
    cuts.push(parts.len());
    let failed = AtomicBool::new(false);
    let runs: Vec<Option<Vec<Entry>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = cuts
            .windows(2)
            .map(|w| {
                let run = &parts[w[0]..w[1]];
                let failed = &failed;
                scope.spawn(move || read_parts(src, line_starts, run, failed))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| match h.join() {
                Ok(v) => v,
                Err(p) => std::panic::resume_unwind(p),
            })
            .collect()
    });
    for run in runs {
        for e in run? {
            roll.push(e);
        }
    }
    Some(roll.finish())
}

/// Reads missions in order; `None` (and `failed` set) at the first part that is not
/// one clean `[[mission]]`, or when another thread has failed.
fn read_parts(
    src: &str,
    line_starts: &[usize],
    parts: &[Range<usize>],
    failed: &AtomicBool,
) -> Option<Vec<Entry>> {
    let mut cx = Cx::new(src, line_starts);
    let mut out = Vec::with_capacity(parts.len());
    // The problems of this run so far, which come before the next mission's wherever
    // the run's entries are rolled: past their bar, a problem is only counted.
    let mut seen = Findings::default();
    for part in parts {
        if failed.load(Ordering::Relaxed) {
            return None;
        }
        cx.base = part.start;
        let entry = read_part(&mut cx, &src[part.clone()]);
        match entry {
            Some(e) => {
                seen.append(e.diags.clone());
                cx.bar = seen.bar();
                out.push(e);
            }
            None => {
                failed.store(true, Ordering::Relaxed);
                return None;
            }
        }
    }
    Some(out)
}

/// One mission's text: it must parse cleanly to a top level holding only `mission`, an
/// array of exactly one table.
fn read_part(cx: &mut Cx, text: &str) -> Option<Entry> {
    let (root, syntax) = DeTable::parse_recoverable(text);
    let root = root.get_ref();
    if !syntax.is_empty() || root.len() != 1 {
        return None;
    }
    let [item] = &**root.get("mission")?.get_ref().as_array()? else {
        return None;
    };
    let t = Tbl {
        table: item.get_ref().as_table()?,
        span: item.span(),
        name: "[[mission]]".to_string(),
    };
    Some(cx.entry(&t))
}

/// The TOML problems of a file whose missions (at `starts`) do not all parse cleanly,
/// as reading it whole gives them, without the whole file's tree: the file is read
/// whole with the preamble and every mission that parses cleanly on its own blanked
/// out (spaces, line breaks kept, so every place stays). A clean mission adds no TOML
/// problem to a whole read (the parts are cut at the top-level headers TOML's own
/// lexer finds), and blanked it adds nothing to the tree. `None` when no part has a
/// TOML problem (the file is then read whole, as it is).
pub(super) fn syntax_errors(
    src: &str,
    line_starts: &[usize],
    starts: &[usize],
) -> Option<Diagnostics> {
    let first = *starts.first()?;
    let ends = starts[1..].iter().copied().chain([src.len()]);
    let parts = std::iter::once(0..first).chain(starts.iter().zip(ends).map(|(&a, b)| a..b));
    let mut blanked = src.as_bytes().to_vec();
    let mut broken = false;
    for part in parts {
        if DeTable::parse_recoverable(&src[part.clone()]).1.is_empty() {
            for b in &mut blanked[part] {
                if !matches!(*b, b'\n' | b'\r') {
                    *b = b' ';
                }
            }
        } else {
            broken = true;
        }
    }
    if !broken {
        return None;
    }
    // Every byte of a blanked part is now ASCII: still UTF-8, and the lines of the
    // parts with problems, the only places named, are as they were.
    let blanked = String::from_utf8(blanked).ok()?;
    let (_, syntax) = DeTable::parse_recoverable(&blanked);
    super::syntax_messages(&blanked, line_starts, syntax)
}
