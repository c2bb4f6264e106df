//! The worker's merging of bursts, on a real file with no file-system watch: whatever
//! arrives while it is busy is one read, and one message at most.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use notify::event::{DataChange, ModifyKind};
use notify::EventKind;

use super::{FileEvent, Wake, Worker, MAX_DEBOUNCE, PERSIST, QUIET};

/// Long enough for every read a burst could still cause (a debounce, then a recheck).
const SETTLE: Duration = Duration::from_millis(600);

/// A worker on a good file, its wake-up channel and what it delivers.
fn worker() -> (
    tempfile::TempDir,
    mpsc::Sender<Wake>,
    Worker,
    mpsc::Receiver<FileEvent>,
) {
    assert!(SETTLE > QUIET + MAX_DEBOUNCE + PERSIST);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("missions.toml");
    std::fs::write(&path, crate::source::BUILTIN).expect("written");
    let (tx, rx) = mpsc::channel();
    let (out_tx, out_rx) = mpsc::channel();
    let mut w = Worker::new(path, None, Box::new(move |ev| out_tx.send(ev).is_ok()), rx);
    w.sync_watches();
    (dir, tx, w, out_rx)
}

fn change(w: &Worker) -> Wake {
    let ev = notify::Event::new(EventKind::Modify(ModifyKind::Data(DataChange::Any)))
        .add_path(w.path.clone());
    Wake::Fs(Ok(ev))
}

#[test]
fn a_burst_of_reloads_is_one_read_and_one_message() {
    let (_dir, tx, w, out) = worker();
    // A held `r`, repeated signals, and the file's own events among them, all waiting
    // before the worker gets to the first.
    for i in 0..60 {
        tx.send(Wake::Reload).unwrap();
        if i % 10 == 0 {
            tx.send(change(&w)).unwrap();
        }
    }
    let running = thread::spawn(move || w.run(None));
    let first = out.recv_timeout(Duration::from_secs(10)).expect("one load");
    assert!(matches!(first, FileEvent::Loaded(_)), "{first:?}");
    thread::sleep(SETTLE);
    assert_eq!(out.try_iter().count(), 0, "the burst was sent once");
    // A later reload is its own: one more message.
    tx.send(Wake::Reload).unwrap();
    let again = out.recv_timeout(Duration::from_secs(10)).expect("a reload");
    assert!(matches!(again, FileEvent::Loaded(_)), "{again:?}");
    thread::sleep(SETTLE);
    assert_eq!(out.try_iter().count(), 0);
    tx.send(Wake::Stop).unwrap();
    running.join().expect("the worker stops");
}

#[test]
fn a_stop_in_a_burst_of_reloads_stops_without_reading() {
    let (_dir, tx, w, out) = worker();
    for _ in 0..5 {
        tx.send(Wake::Reload).unwrap();
    }
    tx.send(Wake::Stop).unwrap();
    tx.send(Wake::Reload).unwrap();
    thread::spawn(move || w.run(None))
        .join()
        .expect("the worker stops");
    assert_eq!(out.try_iter().count(), 0);
}
