//! Following the data file: loading it into a `FileEvent`, and watching it for changes.
//!
//! The watcher runs on its own thread. It watches the file's *parent directory* (and, for
//! a symlink, the directories of its target), because a watch on the file itself dies with
//! the first save by rename. Events are filtered by kind (the `Access` events that our own
//! reads cause are ignored, except a close after writing) and by name (editors' temporary
//! files are ignored), collected until the file is quiet for a moment, and then the file is
//! read. What to do with a read is decided by [`Reloader`], a pure state machine: a good
//! parse is sent at once, a bad one only once it has persisted for [`PERSIST`] (the empty
//! moment of a truncate-then-write is never shown), and content already shown is not sent
//! again. A slow stat-based poll catches changes where no events arrive.
//!
//! Nothing here ever writes to the file or its directory.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ffi::OsString;
use std::hash::{Hash, Hasher};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{EventKind, RecursiveMode, Watcher as _};

use crate::app::FileEvent;
use crate::cli::Origin;
use crate::data::{self, ReadError};
use crate::term::Input;

/// How long the file must be quiet after an event before it is read.
pub const QUIET: Duration = Duration::from_millis(15);
/// The longest a stream of events can delay a read.
pub const MAX_DEBOUNCE: Duration = Duration::from_millis(100);
/// How long a bad file (invalid, missing, unreadable) must stay bad before it is shown,
/// once good data has been shown.
pub const PERSIST: Duration = Duration::from_millis(200);
/// The fallback poll, for file systems that send no events.
pub const POLL: Duration = Duration::from_secs(2);

/// Reads and parses the file now.
pub fn load(origin: &Origin) -> FileEvent {
    event_of(origin.read())
}

fn event_of(result: Result<Vec<u8>, ReadError>) -> FileEvent {
    match result {
        Ok(bytes) => match data::parse(&bytes) {
            Ok(d) => FileEvent::Loaded(Box::new(d)),
            Err(diags) => FileEvent::Invalid(diags),
        },
        Err(ReadError::Missing) => FileEvent::Missing,
        Err(e) => FileEvent::Unreadable(e.to_string()),
    }
}

// ---------------------------------------------------------------------------------------
// The decision: a pure state machine
// ---------------------------------------------------------------------------------------

/// What one read of the file found, reduced to what tells two reads apart.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    /// The file's bytes, by hash (good or bad content alike).
    Content(u64),
    Missing,
    Unreadable(String),
}

impl Key {
    fn of(result: &Result<Vec<u8>, ReadError>) -> Key {
        match result {
            Ok(bytes) => {
                let mut h = DefaultHasher::new();
                bytes.hash(&mut h);
                Key::Content(h.finish())
            }
            Err(ReadError::Missing) => Key::Missing,
            Err(e) => Key::Unreadable(e.to_string()),
        }
    }
}

/// What the watcher should do after a read.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Send this to the dashboard.
    Send(FileEvent),
    /// The file is bad but has not been bad for long: read it again at this instant.
    RecheckAt(Instant),
    /// Nothing new.
    Nothing,
}

/// Decides, read by read, what the dashboard gets to see. No threads, no clock, no files:
/// the time and the result of each read are given.
#[derive(Debug, Default)]
pub struct Reloader {
    /// What the dashboard shows now, as far as this watcher knows.
    shown: Option<Key>,
    /// Whether good data was ever sent.
    ever_good: bool,
    /// Since when the file has been bad, when that has not been shown yet.
    bad_since: Option<Instant>,
}

impl Reloader {
    pub fn new() -> Self {
        Reloader::default()
    }

    /// The file was read at `at` with this result.
    pub fn on_read(&mut self, at: Instant, result: Result<Vec<u8>, ReadError>) -> Decision {
        let key = Key::of(&result);
        if self.shown.as_ref() == Some(&key) {
            // Back to what is shown before a bad moment was shown: nothing to show, but
            // the dashboard may have shown the bad moment through a manual reload (`r`),
            // so good data is sent again to clear it.
            if self.bad_since.take().is_some() && self.ever_good {
                if let ev @ FileEvent::Loaded(_) = event_of(result) {
                    return Decision::Send(ev);
                }
            }
            return Decision::Nothing;
        }
        let ev = event_of(result);
        if matches!(ev, FileEvent::Loaded(_)) || !self.ever_good {
            self.ever_good |= matches!(ev, FileEvent::Loaded(_));
            self.shown = Some(key);
            self.bad_since = None;
            return Decision::Send(ev);
        }
        let since = *self.bad_since.get_or_insert(at);
        let due = since + PERSIST;
        if at >= due {
            self.shown = Some(key);
            self.bad_since = None;
            Decision::Send(ev)
        } else {
            Decision::RecheckAt(due)
        }
    }
}

// ---------------------------------------------------------------------------------------
// What to watch
// ---------------------------------------------------------------------------------------

/// The file's metadata, to notice a change without reading (the fallback poll).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Stat {
    File {
        len: u64,
        mtime: Option<SystemTime>,
        ino: u64,
        dev: u64,
        ctime: i64,
        ctime_ns: i64,
    },
    Failed(std::io::ErrorKind),
}

fn stat(path: &Path) -> Stat {
    match std::fs::metadata(path) {
        Ok(m) => {
            #[cfg(unix)]
            let (ino, dev, ctime, ctime_ns) = {
                use std::os::unix::fs::MetadataExt;
                (m.ino(), m.dev(), m.ctime(), m.ctime_nsec())
            };
            #[cfg(not(unix))]
            let (ino, dev, ctime, ctime_ns) = (0, 0, 0, 0);
            Stat::File {
                len: m.len(),
                mtime: m.modified().ok(),
                ino,
                dev,
                ctime,
                ctime_ns,
            }
        }
        Err(e) => Stat::Failed(e.kind()),
    }
}

/// A directory's identity (device and inode), if it is there.
fn identity(dir: &Path) -> Option<(u64, u64)> {
    let m = std::fs::metadata(dir).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        Some((0, 0))
    }
}

/// The directories to watch and the names that matter in them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Targets {
    dirs: BTreeSet<PathBuf>,
    names: HashSet<OsString>,
}

/// Follows `path` through its symlinks: the directory of the path and of every link's
/// target, and the names along the way (so a swapped `..data` link, the Kubernetes
/// ConfigMap way, is noticed in the directory that holds it).
fn targets(path: &Path) -> Targets {
    let mut t = Targets::default();
    let add = |t: &mut Targets, p: &Path| {
        if let Some(name) = p.file_name() {
            t.names.insert(name.to_owned());
        }
        let dir = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        t.dirs
            .insert(std::fs::canonicalize(&dir).unwrap_or(dir.clone()));
    };
    add(&mut t, path);
    let mut cur = path.to_path_buf();
    for _ in 0..40 {
        let Ok(link) = std::fs::read_link(&cur) else {
            break;
        };
        for c in link.components() {
            if let Component::Normal(n) = c {
                t.names.insert(n.to_owned());
            }
        }
        cur = match cur.parent() {
            Some(d) => d.join(&link),
            None => link,
        };
        add(&mut t, &cur);
    }
    if let Ok(real) = std::fs::canonicalize(path) {
        add(&mut t, &real);
    }
    t
}

/// Whether an event matters, and whether it says the file is complete (so the read need
/// not wait for the quiet window).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relevance {
    Ignore,
    Changed,
    Complete,
}

fn relevance(ev: &notify::Event, t: &Targets) -> Relevance {
    if ev.need_rescan() {
        return Relevance::Changed;
    }
    let complete = match ev.kind {
        // A close after writing: the writer is done. Every other access (opens, reads,
        // closes after reading, our own included) is ignored.
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => return Relevance::Ignore,
        EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both)) => true,
        _ => false,
    };
    let named = ev.paths.is_empty()
        || ev
            .paths
            .iter()
            .any(|p| t.dirs.contains(p) || p.file_name().is_some_and(|n| t.names.contains(n)));
    match (named, complete) {
        (false, _) => Relevance::Ignore,
        (true, true) => Relevance::Complete,
        (true, false) => Relevance::Changed,
    }
}

// ---------------------------------------------------------------------------------------
// The thread
// ---------------------------------------------------------------------------------------

enum Msg {
    Fs(notify::Result<notify::Event>),
    /// A reload asked for by hand (`r`, SIGUSR1).
    Reload,
    Stop,
}

/// Watches the file for changes (nothing to watch for the built-in copy). Stops when
/// dropped.
pub struct Watcher {
    stop: Sender<Msg>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.stop.send(Msg::Stop);
    }
}

impl Watcher {
    /// Reads the file now, as asked by hand: what it holds is sent even when it is what
    /// the dashboard shows already (a bad file is shown at once).
    pub fn reload(&self) {
        let _ = self.stop.send(Msg::Reload);
    }

    /// Starts watching. The file is read once at start and its state sent, so nothing
    /// that happens between the dashboard's first load and the first watch is missed.
    pub fn start(origin: &Origin, tx: Sender<Input>) -> Option<Watcher> {
        let Origin::File(path) = origin else {
            return None;
        };
        let path = match std::env::current_dir() {
            Ok(cwd) if !path.is_absolute() => cwd.join(path),
            _ => path.clone(),
        };
        let (msg_tx, msg_rx) = mpsc::channel::<Msg>();
        let fs_tx = msg_tx.clone();
        // No watcher (out of inotify instances, say): the poll still runs.
        let notify = notify::recommended_watcher(move |res| {
            let _ = fs_tx.send(Msg::Fs(res));
        })
        .ok();
        let mut worker = Worker::new(path, notify, tx);
        // Watch first, then read: a change after the read is an event. The first read is
        // done here, before the dashboard's first frame, so that nothing seen on screen
        // comes before it.
        worker.sync_watches();
        let mut recheck = None;
        worker.read(&mut recheck);
        thread::Builder::new()
            .name("watch".into())
            .spawn(move || worker.run(msg_rx, recheck))
            .ok()?;
        Some(Watcher { stop: msg_tx })
    }
}

struct Worker {
    path: PathBuf,
    notify: Option<notify::RecommendedWatcher>,
    tx: Sender<Input>,
    targets: Targets,
    /// Directories watched now, with their identity when the watch was set (a directory
    /// deleted and made again needs a new watch).
    watched: BTreeMap<PathBuf, (u64, u64)>,
    reloader: Reloader,
    last_stat: Option<Stat>,
}

impl Worker {
    fn new(path: PathBuf, notify: Option<notify::RecommendedWatcher>, tx: Sender<Input>) -> Self {
        Worker {
            path,
            notify,
            tx,
            targets: Targets::default(),
            watched: BTreeMap::new(),
            reloader: Reloader::new(),
            last_stat: None,
        }
    }

    /// Re-resolves the path and brings the watches in line. Directories that cannot be
    /// watched (not there yet) are tried again at the next poll.
    fn sync_watches(&mut self) {
        self.targets = targets(&self.path);
        let Some(notify) = self.notify.as_mut() else {
            return;
        };
        let stale: Vec<PathBuf> = self
            .watched
            .iter()
            .filter(|(d, id)| !self.targets.dirs.contains(*d) || identity(d) != Some(**id))
            .map(|(d, _)| d.clone())
            .collect();
        for d in stale {
            let _ = notify.unwatch(&d);
            self.watched.remove(&d);
        }
        for d in &self.targets.dirs {
            if self.watched.contains_key(d) {
                continue;
            }
            let Some(id) = identity(d) else {
                continue;
            };
            if notify.watch(d, RecursiveMode::NonRecursive).is_ok() {
                self.watched.insert(d.clone(), id);
            }
        }
    }

    /// Reads the file and acts on the decision. Returns false when the dashboard is gone.
    fn read(&mut self, recheck: &mut Option<Instant>) -> bool {
        // Stat before reading: a change in between is seen again by the next poll.
        self.last_stat = Some(stat(&self.path));
        let result = data::read(&self.path);
        match self.reloader.on_read(Instant::now(), result) {
            Decision::Send(ev) => {
                *recheck = None;
                return self.tx.send(Input::File(ev)).is_ok();
            }
            Decision::RecheckAt(t) => *recheck = Some(t),
            Decision::Nothing => *recheck = None,
        }
        true
    }

    fn run(mut self, rx: Receiver<Msg>, mut recheck: Option<Instant>) {
        // (first event of the burst, read at)
        let mut debounce: Option<(Instant, Instant)> = None;
        let mut next_poll = Instant::now() + POLL;
        loop {
            let now = Instant::now();
            let wake = [debounce.map(|d| d.1), recheck, Some(next_poll)]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(next_poll);
            match rx.recv_timeout(wake.saturating_duration_since(now)) {
                Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                Ok(Msg::Reload) => {
                    self.sync_watches();
                    self.reloader = Reloader::new();
                    if !self.read(&mut recheck) {
                        return;
                    }
                }
                Ok(Msg::Fs(res)) => {
                    let rel = match &res {
                        Ok(ev) => relevance(ev, &self.targets),
                        Err(_) => Relevance::Changed,
                    };
                    let now = Instant::now();
                    if rel != Relevance::Ignore {
                        let first = debounce.map_or(now, |d| d.0);
                        let at = if rel == Relevance::Complete {
                            now
                        } else {
                            (now + QUIET).min(first + MAX_DEBOUNCE)
                        };
                        debounce = Some((first, at));
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
            let now = Instant::now();
            if debounce.is_some_and(|d| d.1 <= now) {
                debounce = None;
                self.sync_watches();
                if !self.read(&mut recheck) {
                    return;
                }
            }
            if recheck.is_some_and(|t| t <= now) && debounce.is_none() && !self.read(&mut recheck) {
                return;
            }
            if next_poll <= now {
                next_poll = now + POLL;
                self.sync_watches();
                if self.last_stat.as_ref() != Some(&stat(&self.path)) && !self.read(&mut recheck) {
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = crate::cli::BUILTIN;

    fn good(title: &str) -> Result<Vec<u8>, ReadError> {
        let s = GOOD.replacen(
            "title = \"Haiti: MSS and the Gang Suppression Force\"",
            &format!("title = \"{title}\""),
            1,
        );
        assert_ne!(s, GOOD);
        Ok(s.into_bytes())
    }

    fn bad(text: &str) -> Result<Vec<u8>, ReadError> {
        Ok(text.as_bytes().to_vec())
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn sent_loaded(d: &Decision, title: &str) -> bool {
        matches!(d, Decision::Send(FileEvent::Loaded(ds)) if ds.title.as_deref() == Some(title))
    }

    #[test]
    fn good_bad_good_again() {
        let t0 = Instant::now();
        let mut r = Reloader::new();
        assert!(sent_loaded(&r.on_read(t0, good("A")), "A"));
        // A bad edit is held back for PERSIST...
        assert_eq!(
            r.on_read(t0 + ms(10), bad("x = ")),
            Decision::RecheckAt(t0 + ms(10) + PERSIST)
        );
        // ...and sent when it is still bad after it.
        let d = r.on_read(t0 + ms(10) + PERSIST, bad("x = "));
        assert!(matches!(d, Decision::Send(FileEvent::Invalid(_))), "{d:?}");
        // Still the same bad file: nothing new.
        assert_eq!(r.on_read(t0 + ms(500), bad("x = ")), Decision::Nothing);
        // Fixed: sent at once.
        assert!(sent_loaded(&r.on_read(t0 + ms(600), good("B")), "B"));
        // Fixed back to the very first content: that is a change too.
        assert!(sent_loaded(&r.on_read(t0 + ms(700), good("A")), "A"));
    }

    #[test]
    fn missing_waits_then_shows_and_recovers() {
        let t0 = Instant::now();
        let mut r = Reloader::new();
        assert!(sent_loaded(&r.on_read(t0, good("A")), "A"));
        assert_eq!(
            r.on_read(t0 + ms(5), Err(ReadError::Missing)),
            Decision::RecheckAt(t0 + ms(5) + PERSIST)
        );
        assert_eq!(
            r.on_read(t0 + ms(205), Err(ReadError::Missing)),
            Decision::Send(FileEvent::Missing)
        );
        assert_eq!(
            r.on_read(t0 + ms(300), Err(ReadError::Missing)),
            Decision::Nothing
        );
        // Recreated with the same content as before: the banner must go.
        assert!(sent_loaded(&r.on_read(t0 + ms(400), good("A")), "A"));
    }

    #[test]
    fn unreadable_follows_the_same_rule() {
        let t0 = Instant::now();
        let mut r = Reloader::new();
        assert!(sent_loaded(&r.on_read(t0, good("A")), "A"));
        let denied = || Err(ReadError::Unreadable("permission denied".into()));
        assert!(matches!(r.on_read(t0, denied()), Decision::RecheckAt(_)));
        assert!(matches!(
            r.on_read(t0 + PERSIST, denied()),
            Decision::Send(FileEvent::Unreadable(why)) if why.contains("permission denied")
        ));
    }

    #[test]
    fn unchanged_content_is_not_sent_again() {
        let t0 = Instant::now();
        let mut r = Reloader::new();
        assert!(sent_loaded(&r.on_read(t0, good("A")), "A"));
        assert_eq!(r.on_read(t0 + ms(1), good("A")), Decision::Nothing);
        assert_eq!(r.on_read(t0 + ms(5000), good("A")), Decision::Nothing);
    }

    #[test]
    fn bad_at_start_is_sent_at_once() {
        let t0 = Instant::now();
        let mut r = Reloader::new();
        assert!(matches!(
            r.on_read(t0, bad("[[mission]\n")),
            Decision::Send(FileEvent::Invalid(_))
        ));
        // Nothing good yet: a different bad file is shown at once too.
        assert!(matches!(
            r.on_read(t0 + ms(1), bad("")),
            Decision::Send(FileEvent::Invalid(_))
        ));
        assert_eq!(r.on_read(t0 + ms(2), bad("")), Decision::Nothing);
        assert!(sent_loaded(&r.on_read(t0 + ms(3), good("A")), "A"));
        // Once good data was shown, bad edits wait again.
        assert!(matches!(
            r.on_read(t0 + ms(4), bad("")),
            Decision::RecheckAt(_)
        ));
    }

    #[test]
    fn missing_at_start_is_sent_at_once() {
        let mut r = Reloader::new();
        assert_eq!(
            r.on_read(Instant::now(), Err(ReadError::Missing)),
            Decision::Send(FileEvent::Missing)
        );
    }

    #[test]
    fn a_bad_moment_that_clears_within_the_window_is_never_shown() {
        let t0 = Instant::now();
        let mut r = Reloader::new();
        assert!(sent_loaded(&r.on_read(t0, good("A")), "A"));
        // Truncate (empty) then write new content.
        assert!(matches!(
            r.on_read(t0 + ms(1), bad("")),
            Decision::RecheckAt(_)
        ));
        assert!(sent_loaded(&r.on_read(t0 + ms(20), good("B")), "B"));
        // The recheck finds the good file: nothing, and no error ever sent.
        assert_eq!(r.on_read(t0 + ms(201), good("B")), Decision::Nothing);
        assert_eq!(r.on_read(t0 + ms(400), good("B")), Decision::Nothing);
    }

    #[test]
    fn bad_edits_in_a_row_are_timed_from_the_first() {
        let t0 = Instant::now();
        let mut r = Reloader::new();
        assert!(sent_loaded(&r.on_read(t0, good("A")), "A"));
        assert_eq!(r.on_read(t0, bad("a")), Decision::RecheckAt(t0 + PERSIST));
        assert_eq!(
            r.on_read(t0 + ms(150), bad("ab")),
            Decision::RecheckAt(t0 + PERSIST)
        );
        assert!(matches!(
            r.on_read(t0 + ms(210), bad("abc")),
            Decision::Send(FileEvent::Invalid(_))
        ));
    }

    #[test]
    fn events_are_filtered_by_kind_and_name() {
        use notify::event::{CreateKind, DataChange, RemoveKind};
        let dir = PathBuf::from("/d");
        let t = Targets {
            dirs: [dir.clone()].into(),
            names: [OsString::from("f.toml")].into(),
        };
        let ev = |kind, name: &str| notify::Event::new(kind).add_path(dir.join(name));
        let open = EventKind::Access(AccessKind::Open(AccessMode::Any));
        let read_close = EventKind::Access(AccessKind::Close(AccessMode::Read));
        let write_close = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let moved = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        assert_eq!(relevance(&ev(open, "f.toml"), &t), Relevance::Ignore);
        assert_eq!(relevance(&ev(read_close, "f.toml"), &t), Relevance::Ignore);
        assert_eq!(
            relevance(&ev(write_close, "f.toml"), &t),
            Relevance::Complete
        );
        assert_eq!(relevance(&ev(data, "f.toml"), &t), Relevance::Changed);
        assert_eq!(relevance(&ev(data, ".f.toml.swp"), &t), Relevance::Ignore);
        assert_eq!(relevance(&ev(moved, "f.toml"), &t), Relevance::Complete);
        assert_eq!(relevance(&ev(moved, "4913"), &t), Relevance::Ignore);
        let created = EventKind::Create(CreateKind::File);
        assert_eq!(relevance(&ev(created, "f.toml"), &t), Relevance::Changed);
        let dir_gone = notify::Event::new(EventKind::Remove(RemoveKind::Folder)).add_path(dir);
        assert_eq!(relevance(&dir_gone, &t), Relevance::Changed);
    }

    #[cfg(unix)]
    #[test]
    fn targets_follow_a_configmap_style_symlink() {
        let root = std::env::temp_dir().join(format!("mandate-watch-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let v1 = root.join("..2025_01");
        std::fs::create_dir_all(&v1).unwrap();
        std::fs::write(v1.join("f.toml"), "x").unwrap();
        std::os::unix::fs::symlink("..2025_01", root.join("..data")).unwrap();
        std::os::unix::fs::symlink("..data/f.toml", root.join("f.toml")).unwrap();
        let t = targets(&root.join("f.toml"));
        let root_c = std::fs::canonicalize(&root).unwrap();
        assert!(t.dirs.contains(&root_c), "{t:?}");
        assert!(t.dirs.contains(&root_c.join("..2025_01")), "{t:?}");
        assert!(t.names.contains(&OsString::from("..data")), "{t:?}");
        assert!(t.names.contains(&OsString::from("f.toml")), "{t:?}");
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn targets_of_a_path_in_a_missing_directory() {
        let t = targets(Path::new("/no/such/dir/f.toml"));
        assert!(t.dirs.contains(Path::new("/no/such/dir")));
        assert!(t.names.contains(&OsString::from("f.toml")));
    }
}
