#!/usr/bin/env python3
"""Measures the real mandate binary in a pseudo-terminal, beside the floor (a minimal
ratatui app redrawing a gauge and a countdown once a second, examples/floor.rs).

  python3 scripts/perf.py            # full run: 60 s idle for each program
  python3 scripts/perf.py --idle 10  # shorter idle window

Figures: idle CPU (from /proc/PID/task/*/schedstat, nanoseconds on CPU) and RSS over the
idle window; file-write-to-screen latency over 20 writes; start to first frame with the
bundled file and with 10,000 missions; --json on 10,000 missions; a key press to the
redrawn frame with 10,000 missions. Needs a release build:
  cargo build --release --bins --example floor
"""
import argparse, os, pty, select, shutil, signal, statistics, struct, subprocess, sys, tempfile, time, fcntl, termios

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MANDATE = os.path.join(ROOT, "target", "release", "mandate")
FLOOR = os.path.join(ROOT, "target", "release", "examples", "floor")
NOW = "2025-09-22T12:00:00-04:00"


class Pty:
    def __init__(self, argv, cols=120, rows=40, env=None):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        e = dict(os.environ, TERM="xterm-256color")
        e.pop("NO_COLOR", None)
        e.update(env or {})
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=e,
                                     cwd=ROOT, start_new_session=True)
        os.close(slave)
        self.out = b""

    def pump(self, timeout):
        """Reads what is there within `timeout` s; answers cursor-position queries."""
        r, _, _ = select.select([self.master], [], [], timeout)
        if not r:
            return b""
        try:
            data = os.read(self.master, 1 << 20)
        except OSError:
            return b""
        if b"\x1b[6n" in data:
            os.write(self.master, b"\x1b[1;1R")
        self.out += data
        return data

    def wait_for(self, needle, timeout=10.0):
        """Seconds from now until `needle` appears in the output stream."""
        start = time.monotonic()
        mark = len(self.out)
        while time.monotonic() - start < timeout:
            self.pump(0.05)
            if needle in self.out[mark:]:
                return time.monotonic() - start
        raise TimeoutError(f"{needle!r} not seen in {timeout} s")

    def drain(self, quiet=0.2):
        while self.pump(quiet):
            pass

    def cpu_ns(self):
        total = 0
        task = f"/proc/{self.proc.pid}/task"
        for t in os.listdir(task):
            with open(f"{task}/{t}/schedstat") as f:
                total += int(f.read().split()[0])
        return total

    def rss_kib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def idle(self, seconds):
        """CPU share of one core and RSS (start, end) over `seconds` of idling."""
        self.drain()
        rss0, c0, t0 = self.rss_kib(), self.cpu_ns(), time.monotonic()
        end = t0 + seconds
        while time.monotonic() < end:
            self.pump(min(1.0, end - time.monotonic()))
        c1, t1, rss1 = self.cpu_ns(), time.monotonic(), self.rss_kib()
        return (c1 - c0) / ((t1 - t0) * 1e9) * 100.0, rss0, rss1

    def key(self, data):
        """Seconds from a key press to the first byte of the redrawn frame."""
        self.drain(0.05)
        t = time.monotonic()
        os.write(self.master, data)
        while time.monotonic() - t < 5:
            if self.pump(0.5):
                return time.monotonic() - t
        raise TimeoutError("no redraw after a key")

    def close(self):
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=5)
        os.close(self.master)


def mission(i):
    """The i-th mission of the 10,000-mission file (scripts/budget.py writes them too)."""
    zones = ["UTC", "America/Port-au-Prince", "Africa/Juba", "Asia/Kolkata", "America/Santiago"]
    y = 2016 + i % 10
    return f'''
[[mission]]
id = "op-{i}"
name = "Operation {i}, a mission with a reasonably long descriptive name"
short = "OP{i}"
kind = "peacekeeping"
timezone = "{zones[i % len(zones)]}"
summary = "A paragraph that describes the operation, its mandate and its history in a few sentences."
[[mission.mandate]]
start = {y}-01-01
end = {y}-12-31
resolution = "{1000 + i} ({y})"
[[mission.mandate]]
start = {y + 1}-01-01
end = {y + 1}-{1 + i % 12:02}-{1 + i % 28:02}
[mission.strength]
authorized = {100 + i * 37 % 20000}
deployed = {50 + i * 53 % 20000}
as_of = 2025-06-01
history = [{{ date = 2024-01-01, deployed = 100 }}, {{ date = 2024-06-01, deployed = 200 }}]
[[mission.contributor]]
country = "Kenya"
deployed = 50
[[mission.source]]
title = "Source {i}"
url = "https://example.org/{i}"
'''


def big_file(path, n=10_000):
    with open(path, "w") as f:
        f.write('title = "10,000 operations"\n')
        for i in range(n):
            f.write(mission(i))


def median_ms(xs):
    return statistics.median(xs) * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--idle", type=float, default=60.0, help="idle window in seconds")
    args = ap.parse_args()
    for exe in (MANDATE, FLOOR):
        if not os.path.exists(exe):
            sys.exit(f"{exe} is missing: run `cargo build --release --example floor` first")
    tmp = tempfile.mkdtemp(prefix="mandate-perf-")
    try:
        data = os.path.join(tmp, "mss.toml")
        shutil.copy(os.path.join(ROOT, "data", "mss-haiti.toml"), data)
        big = os.path.join(tmp, "big.toml")
        big_file(big)

        print(f"== idle over {args.idle:.0f} s at 120x40")
        p = Pty([FLOOR]); p.wait_for(b"Countdown")
        floor_cpu, floor_rss0, floor_rss1 = p.idle(args.idle); p.close()
        p = Pty([MANDATE, data, "--now", NOW]); p.wait_for(b"Countdown")
        cpu, rss0, rss1 = p.idle(args.idle)
        print(f"floor:   CPU {floor_cpu:.4f} % of a core, RSS {floor_rss0/1024:.1f} -> {floor_rss1/1024:.1f} MiB")
        print(f"mandate: CPU {cpu:.4f} % of a core, RSS {rss0/1024:.1f} -> {rss1/1024:.1f} MiB")
        print(f"ratio:   CPU {cpu / floor_cpu if floor_cpu else float('nan'):.2f}x the floor, RSS {rss1 / floor_rss1:.2f}x")

        print("== file write to screen, 20 writes")
        lat = []
        original = open(data).read()
        for i in range(20):
            mark = chr(ord("A") + i) * 8
            text = original.replace('title = "Haiti: MSS and the Gang Suppression Force"', f'title = "perf {mark}"')
            t = time.monotonic()
            with open(data, "w") as f:
                f.write(text)
            done = time.monotonic()
            p.wait_for(mark.encode(), timeout=5)
            lat.append(time.monotonic() - done)
            time.sleep(0.05)
        p.close()
        lat.sort()
        print(f"latency: median {median_ms(lat):.1f} ms, min {lat[0]*1000:.1f} ms, max {lat[-1]*1000:.1f} ms")

        print("== start to first frame (5 runs each)")
        for name, path in (("bundled file", data), ("10,000 missions", big)):
            times = []
            for _ in range(5):
                p = Pty([MANDATE, path, "--now", NOW])
                times.append(p.wait_for(b"Countdown", timeout=30))
                p.close()
            print(f"{name}: median {median_ms(times):.0f} ms (min {min(times)*1000:.0f}, max {max(times)*1000:.0f})")
        times = []
        for _ in range(5):
            p = Pty([FLOOR]); times.append(p.wait_for(b"Countdown")); p.close()
        print(f"floor: median {median_ms(times):.0f} ms")

        print("== --json on 10,000 missions (5 runs)")
        times = []
        for _ in range(5):
            t = time.monotonic()
            subprocess.run([MANDATE, "--json", big, "--now", NOW], stdout=subprocess.DEVNULL, check=True)
            times.append(time.monotonic() - t)
        print(f"--json: median {median_ms(times):.0f} ms")

        print("== key press to redrawn frame, 10,000 missions (20 presses each)")
        p = Pty([MANDATE, big, "--now", NOW]); p.wait_for(b"Countdown", timeout=30); p.drain()
        for label, key in (("Tab", b"\t"), ("Down in Missions", b"j")):
            if key == b"j":
                p.key(b"1")
            times = [p.key(key) for _ in range(20)]
            print(f"{label}: median {median_ms(times):.1f} ms, max {max(times)*1000:.1f} ms")
        p.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
