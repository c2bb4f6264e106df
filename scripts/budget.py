#!/usr/bin/env python3
"""Checks pathological data files against the validation budget: any file under the
16 MiB limit, valid or not, is checked (`mandate --check`) in under 512 MiB peak RSS,
and within 5 times the time of a valid file of the same size, measured in the same run
(machines differ; the ratio does not, much). Generates the files into a temporary
directory, runs the release binary on each and on its valid twin under /usr/bin/time,
and prints a table with the ratio. Exits 1 when a file passes the memory budget or the
size limit, or exits other than 0 or 1; times and ratios are printed, never failed on
(a busy machine would make them flaky), with a note beside a ratio over 5.

  cargo build --release && python3 scripts/budget.py
"""
import os, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from perf import mission  # noqa: E402  (the missions of perf.py's 10,000-mission file)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
MANDATE = os.path.join(TARGET, "release", "mandate")
LIMIT = 16 << 20  # the file size limit: files under it are read
SECONDS, MIB, RATIO = 3.0, 512, 5.0
NOW = "2025-09-22T12:00:00-04:00"


def under_limit(text):
    return text[: LIMIT - 2]


def equals_lines():
    # 16,777,214 bytes of "=\n": 25 million TOML syntax errors.
    return under_limit("=\n" * (LIMIT // 2))


def ids_only(n=80_000):
    # Missions with an id and nothing else: no name, no mandate.
    return "".join(f'[[mission]]\nid="m{i}"\n' for i in range(n))


def bogus_zones(n):
    # Every mission valid but for a distinct 64-character time zone.
    out = []
    for i in range(n):
        zone = f"Bogus/{i:058d}"
        out.append(f'[[mission]]\nid="m{i}"\nname="M {i}"\ntimezone="{zone}"\n'
                   f'[[mission.mandate]]\nstart=2024-01-01\n')
    return "".join(out)




def valid_16mib():
    parts, size, i = ['title = "many operations"\n'], 0, 0
    while True:
        m = mission(i)
        if size + len(m) >= LIMIT - 64:
            break
        parts.append(m)
        size += len(m)
        i += 1
    return "".join(parts)


def one_long_line():
    # No newline at all: 16 MiB of "=".
    return "=" * (LIMIT - 1)


def unclosed_array():
    # An array never closed, then a syntax error on every line.
    return under_limit("a = [\n" + "=\n" * (LIMIT // 2))


CASES = [
    ("=\\n to 16 MiB", equals_lines),
    ("80k missions, id only", ids_only),
    ("10k bogus zones", lambda: bogus_zones(10_000)),
    ("20k bogus zones", lambda: bogus_zones(20_000)),
    ("valid, 16 MiB", valid_16mib),
    ("= on one 16 MiB line", one_long_line),
    ("unclosed array, 16 MiB", unclosed_array),
]


def valid_of_size(size):
    """A valid file of exactly `size` bytes: whole missions, then a comment to fill."""
    parts, total, i = ['title = "many operations"\n'], 26, 0
    while True:
        m = mission(i)
        if total + len(m) > size - 64:
            break
        parts.append(m)
        total += len(m)
        i += 1
    text = "".join(parts)
    pad = size - len(text.encode())
    if pad > 0:
        text += "\n" + "#" * max(pad - 2, 0) + ("\n" if pad >= 2 else "")
    return text


def measure(path, runs=3):
    """(exit code, seconds, peak MiB, the program's own stderr lines) of --check: the
    least time and the largest peak of `runs` runs, so that a busy moment of a shared
    machine weighs less on the ratio."""
    results = [measure_once(path) for _ in range(runs)]
    code, _, _, own = results[0]
    return code, min(r[1] for r in results), max(r[2] for r in results), own


def measure_once(path):
    r = subprocess.run(["/usr/bin/time", "-f", "%e %M", MANDATE, "--check", "--now", NOW, path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = r.stderr.splitlines()
    seconds, kib = lines[-1].split()
    # The program's own lines (time's last line aside, and its exit note).
    own = [l for l in lines[:-1] if not l.startswith("Command exited")]
    return r.returncode, float(seconds), int(kib) / 1024, len(own)


def main():
    if not os.access(MANDATE, os.X_OK):
        sys.exit(f"{MANDATE} is missing: run cargo build --release")
    failed, slow = [], []
    print(f"{'file':<26} {'bytes':>10} {'exit':>4} {'seconds':>8} {'peak MiB':>9} "
          f"{'valid s':>8} {'ratio':>6}  stderr lines")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in CASES:
            path = os.path.join(tmp, "f.toml")
            with open(path, "w") as f:
                f.write(make())
            size = os.path.getsize(path)
            twin = os.path.join(tmp, "valid.toml")
            with open(twin, "w") as f:
                f.write(valid_of_size(size))
            code, seconds, mib, own = measure(path)
            vcode, vseconds, _, _ = measure(twin)
            if vcode != 0:
                sys.exit(f"the valid twin of {name} is not valid (exit {vcode})")
            ratio = seconds / max(vseconds, 0.01)
            ok = mib < MIB and size < LIMIT and code in (0, 1)
            note = ("" if ok else "  OVER BUDGET") + ("" if ratio <= RATIO else f"  OVER {RATIO:.0f}x")
            print(f"{name:<26} {size:>10} {code:>4} {seconds:>8.2f} {mib:>9.1f} "
                  f"{vseconds:>8.2f} {ratio:>6.1f}  {own}{note}")
            if not ok:
                failed.append(name)
            if ratio > RATIO:
                slow.append(name)
    if slow:
        print(f"over {RATIO:.0f}x the valid file's time (printed, not failed on): {', '.join(slow)}")
    if failed:
        sys.exit(f"over budget ({MIB} MiB, exit 0 or 1): {', '.join(failed)}")
    print(f"all within budget: under {MIB} MiB each" + ("" if slow else f", and within {RATIO:.0f}x the time of a valid file"))


if __name__ == "__main__":
    main()
