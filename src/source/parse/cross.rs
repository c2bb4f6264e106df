//! The checks across missions (unique ids, successors that name a mission) and the
//! result, from the missions read one by one in file order.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher, RandomState};

use super::findings::Findings;
use crate::domain::{Dataset, Diagnostic, Diagnostics, Mission, Pos};

/// The top level's own values.
pub(super) struct Head {
    pub(super) title: Option<String>,
    pub(super) warn_days: i64,
    pub(super) stale_days: i64,
}

/// One `[[mission]]` read on its own.
pub(super) struct Entry {
    /// `None` when the table has problems.
    pub(super) mission: Option<Mission>,
    /// The problems found in it, in the order found.
    pub(super) diags: Findings,
    /// Its `id` when that is a string.
    pub(super) id: Option<String>,
    /// When the id is valid: where the id is, and the line of the table.
    pub(super) unique: Option<(Pos, usize)>,
    /// Its `successor` when that is a string, and where.
    pub(super) successor: Option<(String, Pos)>,
}

/// The missions read so far.
pub(super) struct Roll {
    head: Head,
    diags: Findings,
    missions: Vec<Mission>,
    complete: bool,
    /// The first ids in file order, for messages.
    listed: Vec<String>,
    /// id -> line of first use, for the duplicate and successor checks in O(n).
    first_line: Ids,
    every_id_known: bool,
    successors: Vec<(Option<String>, String, Pos)>,
}

/// A fast hasher for ids (the multiply-and-rotate of rustc's FxHash, its high bits
/// folded down at the end so that ids sharing their first bytes spread over the table)
/// from a random seed per run, so that a file's ids cannot be chosen to collide
/// without knowing it. SipHash cost a file of many short missions a tenth of its time.
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(word) ^ (rest.len() as u64) << 56);
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// The seed of an [`Ids`] map, drawn once per map.
struct IdSeed(u64);

impl Default for IdSeed {
    fn default() -> Self {
        IdSeed(RandomState::new().build_hasher().finish())
    }
}

impl BuildHasher for IdSeed {
    type Hasher = IdHasher;

    fn build_hasher(&self) -> IdHasher {
        IdHasher(self.0)
    }
}

type Ids = HashMap<String, usize, IdSeed>;

/// How many ids a message lists.
const LISTED: usize = 20;

impl Roll {
    /// Starts with the top level and the problems found before the first mission, for
    /// this many missions.
    pub(super) fn new(head: Head, diags: Findings, missions: usize) -> Self {
        Roll {
            head,
            diags,
            missions: Vec::with_capacity(missions),
            complete: true,
            listed: Vec::new(),
            first_line: Ids::default(),
            every_id_known: true,
            successors: Vec::new(),
        }
    }

    /// The next mission in file order.
    pub(super) fn push(&mut self, e: Entry) {
        self.diags.append(e.diags);
        match e.mission {
            Some(m) => self.missions.push(m),
            None => self.complete = false,
        }
        match (&e.id, e.unique) {
            (Some(id), Some((at, line))) => {
                if let Some(&first) = self.first_line.get(id.as_str()) {
                    self.diags.push(Diagnostic::error(
                        Some(at),
                        format!(
                            "duplicate mission id `{id}` (first used on line {first}); ids must be unique"
                        ),
                    ));
                } else {
                    self.first_line.insert(id.clone(), line);
                    if self.listed.len() < LISTED {
                        self.listed.push(id.clone());
                    }
                }
            }
            _ => self.every_id_known = false,
        }
        if let Some((succ, at)) = e.successor {
            self.successors.push((e.id, succ, at));
        }
    }

    /// Checks the successors, then gives the data, or the problems sorted by place.
    pub(super) fn finish(mut self) -> Result<Dataset, Diagnostics> {
        if self.every_id_known {
            for (id, succ, at) in &self.successors {
                if id.as_ref() == Some(succ) {
                    self.diags.push(Diagnostic::error(
                        Some(*at),
                        format!("mission `{succ}` names itself as its successor"),
                    ));
                } else if !self.first_line.contains_key(succ.as_str()) {
                    let mut list: Vec<&str> = self.listed.iter().map(String::as_str).collect();
                    if self.first_line.len() > LISTED {
                        list.push("...");
                    }
                    self.diags.push(Diagnostic::error(
                        Some(*at),
                        format!(
                            "successor `{succ}` names no mission in this file; the ids are: {}",
                            list.join(", ")
                        ),
                    ));
                }
            }
        }
        let has_errors = self.diags.errors() > 0;
        let diags = self.diags.finish();
        if !self.complete || self.missions.is_empty() || has_errors {
            return Err(diags);
        }
        Ok(Dataset {
            title: self.head.title,
            warn_days: self.head.warn_days,
            stale_days: self.head.stale_days,
            missions: self.missions,
            warnings: diags,
        })
    }
}
