//! Following the data: watching the file for changes and loading it into a `FileEvent`
//! (the built-in copy, which never changes, is loaded at start and on a reload only).
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

#[cfg(test)]
mod burst;
mod reloader;

use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{EventKind, RecursiveMode, Watcher as _};

use super::{load, read, FileEvent, Origin};
pub use reloader::{Decision, Reloader};

/// Where the watcher delivers what it found; returns false once nobody listens.
pub type Deliver = Box<dyn FnMut(FileEvent) -> bool + Send>;

/// How long the file must be quiet after an event before it is read.
pub const QUIET: Duration = Duration::from_millis(15);
/// The longest a stream of events can delay a read.
pub const MAX_DEBOUNCE: Duration = Duration::from_millis(100);
/// How long a bad file (invalid, missing, unreadable) must stay bad before it is shown,
/// once good data has been shown.
pub const PERSIST: Duration = Duration::from_millis(200);
/// The fallback poll, for file systems that send no events.
pub const POLL: Duration = Duration::from_secs(2);

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

enum Wake {
    Fs(notify::Result<notify::Event>),
    /// A reload asked for by hand (`r`, SIGUSR1).
    Reload,
    Stop,
}

/// The feed of the data: watches the file for changes, or, for the built-in copy (which
/// never changes), only loads it at start and on [`Watcher::reload`]. Either way every
/// load reaches the same `deliver`. Stops when dropped.
pub struct Watcher {
    feed: Feed,
}

enum Feed {
    /// The watching thread, woken through this.
    File(Sender<Wake>),
    /// The built-in copy: loaded on the caller's thread.
    Builtin(Mutex<Deliver>),
}

impl Drop for Watcher {
    fn drop(&mut self) {
        if let Feed::File(tx) = &self.feed {
            let _ = tx.send(Wake::Stop);
        }
    }
}

impl Watcher {
    /// Reads the data now, as asked by hand: what it holds is sent even when it is what
    /// the dashboard shows already (a bad file is shown at once).
    pub fn reload(&self) {
        match &self.feed {
            Feed::File(tx) => {
                let _ = tx.send(Wake::Reload);
            }
            Feed::Builtin(deliver) => {
                if let Ok(mut deliver) = deliver.lock() {
                    deliver(load(&Origin::Builtin));
                }
            }
        }
    }

    /// Starts the feed. The data is read once at start and its state sent (for a file:
    /// after the watch is set, so nothing between the first load and the first watch is
    /// missed; for the built-in copy: before this returns).
    pub fn start(origin: &Origin, mut deliver: Deliver) -> std::io::Result<Watcher> {
        let path = match origin {
            Origin::File(path) => path,
            Origin::Builtin => {
                deliver(load(origin));
                return Ok(Watcher {
                    feed: Feed::Builtin(Mutex::new(deliver)),
                });
            }
        };
        let path = match std::env::current_dir() {
            Ok(cwd) if !path.is_absolute() => cwd.join(path),
            _ => path.clone(),
        };
        let (msg_tx, msg_rx) = mpsc::channel::<Wake>();
        let fs_tx = msg_tx.clone();
        // No watcher (out of inotify instances, say): the poll still runs.
        let notify = notify::recommended_watcher(move |res| {
            let _ = fs_tx.send(Wake::Fs(res));
        })
        .ok();
        let mut worker = Worker::new(path, notify, deliver, msg_rx);
        // Watch first, then read: a change after the read is an event. The first read is
        // the thread's first job, so a slow parse never holds up the dashboard (which
        // shows "loading" until it arrives, and quits at once if asked).
        thread::Builder::new().name("watch".into()).spawn(move || {
            worker.sync_watches();
            let mut recheck = None;
            if worker.read(&mut recheck) {
                worker.run(recheck);
            }
        })?;
        Ok(Watcher {
            feed: Feed::File(msg_tx),
        })
    }
}

struct Worker {
    path: PathBuf,
    notify: Option<notify::RecommendedWatcher>,
    deliver: Deliver,
    targets: Targets,
    /// Directories watched now, with their identity when the watch was set (a directory
    /// deleted and made again needs a new watch).
    watched: BTreeMap<PathBuf, (u64, u64)>,
    reloader: Reloader,
    last_stat: Option<Stat>,
    rx: Receiver<Wake>,
    /// Wake-ups taken from `rx` while a read was being parsed, to be handled next.
    backlog: VecDeque<Wake>,
}

impl Worker {
    fn new(
        path: PathBuf,
        notify: Option<notify::RecommendedWatcher>,
        deliver: Deliver,
        rx: Receiver<Wake>,
    ) -> Self {
        Worker {
            path,
            notify,
            deliver,
            targets: Targets::default(),
            watched: BTreeMap::new(),
            reloader: Reloader::new(),
            last_stat: None,
            rx,
            backlog: VecDeque::new(),
        }
    }

    /// The next wake-up: one set aside during a read first, else from the channel.
    fn next(&mut self, timeout: Duration) -> Result<Wake, RecvTimeoutError> {
        match self.backlog.pop_front() {
            Some(w) => Ok(w),
            None => self.rx.recv_timeout(timeout),
        }
    }

    /// Whether the file changed while the last read was being parsed: a newer save
    /// supersedes it, and its result is never shown.
    fn superseded(&mut self) -> bool {
        self.backlog.extend(self.rx.try_iter());
        self.backlog.iter().any(|w| match w {
            Wake::Fs(Ok(ev)) => relevance(ev, &self.targets) != Relevance::Ignore,
            Wake::Fs(Err(_)) => true,
            Wake::Reload | Wake::Stop => false,
        })
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
        let result = read(&self.path);
        match self.reloader.on_read(Instant::now(), result) {
            Decision::Send(_) if self.superseded() => {
                // Read again once the burst of events settles.
                self.reloader.forget_shown();
                *recheck = None;
            }
            Decision::Send(ev) => {
                *recheck = None;
                return (self.deliver)(ev);
            }
            Decision::RecheckAt(t) => *recheck = Some(t),
            Decision::Nothing => *recheck = None,
        }
        true
    }

    fn run(mut self, mut recheck: Option<Instant>) {
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
            match self.next(wake.saturating_duration_since(now)) {
                Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                Ok(Wake::Reload) => {
                    // Reloads asked for in a burst (a held key, repeated signals) are one.
                    let mut pending: Vec<Wake> = self.backlog.drain(..).collect();
                    pending.extend(self.rx.try_iter());
                    pending.retain(|w| !matches!(w, Wake::Reload));
                    if pending.iter().any(|w| matches!(w, Wake::Stop)) {
                        return;
                    }
                    if pending.iter().any(|w| matches!(w, Wake::Fs(_))) {
                        debounce.get_or_insert((now, now));
                    }
                    self.sync_watches();
                    self.reloader = Reloader::new();
                    if !self.read(&mut recheck) {
                        return;
                    }
                }
                Ok(Wake::Fs(res)) => {
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

    #[test]
    fn the_built_in_copy_is_fed_at_start_and_on_each_reload() {
        let (tx, rx) = mpsc::channel();
        let feed = Watcher::start(&Origin::Builtin, Box::new(move |ev| tx.send(ev).is_ok()))
            .expect("a feed");
        let first = rx.try_recv().expect("loaded before start returns");
        assert!(matches!(first, FileEvent::Loaded(_)), "{first:?}");
        assert!(rx.try_recv().is_err(), "one load, one message");
        feed.reload();
        feed.reload();
        assert_eq!(rx.try_iter().count(), 2, "each reload is one message");
        assert_eq!(rx.try_recv().ok(), None);
        drop(feed);
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
