#!/usr/bin/env python3
"""Checks pathological data files against the validation budget: any file under the
16 MiB limit, valid or not, is checked (`mandate --check`) in under 3 s with under
512 MiB peak RSS. Generates the files into a temporary directory, runs the release
binary on each under /usr/bin/time, prints a table, and exits 1 when a budget is passed.

  cargo build --release && python3 scripts/budget.py
"""
import os, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from perf import mission  # noqa: E402  (the missions of perf.py's 10,000-mission file)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
MANDATE = os.path.join(TARGET, "release", "mandate")
LIMIT = 16 << 20  # the file size limit: files under it are read
SECONDS, MIB = 3.0, 512
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


def main():
    if not os.access(MANDATE, os.X_OK):
        sys.exit(f"{MANDATE} is missing: run cargo build --release")
    failed = []
    print(f"{'file':<26} {'bytes':>10} {'exit':>4} {'seconds':>8} {'peak MiB':>9}  stderr lines")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in CASES:
            path = os.path.join(tmp, "f.toml")
            with open(path, "w") as f:
                f.write(make())
            size = os.path.getsize(path)
            r = subprocess.run(["/usr/bin/time", "-f", "%e %M", MANDATE, "--check", "--now", NOW, path],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            lines = r.stderr.splitlines()
            seconds, kib = lines[-1].split()
            seconds, mib = float(seconds), int(kib) / 1024
            ok = seconds < SECONDS and mib < MIB and size < LIMIT and r.returncode in (0, 1)
            # The program's own lines (time's last line aside, and its exit note).
            own = [l for l in lines[:-1] if not l.startswith("Command exited")]
            print(f"{name:<26} {size:>10} {r.returncode:>4} {seconds:>8.2f} {mib:>9.1f}  {len(own)}"
                  + ("" if ok else "  OVER BUDGET"))
            if not ok:
                failed.append(name)
    if failed:
        sys.exit(f"over budget ({SECONDS:.0f} s, {MIB} MiB): {', '.join(failed)}")
    print(f"all within budget: under {SECONDS:.0f} s and {MIB} MiB each")


if __name__ == "__main__":
    main()
