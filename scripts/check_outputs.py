#!/usr/bin/env python3
"""Reads mandate's outputs back with independent parsers (run by hand, not by cargo test):
the iCalendar with the `icalendar` package, the metrics with `prometheus_client`'s text
parser, the CSV with Python's `csv` module.

    pip install icalendar prometheus-client
    python3 scripts/check_outputs.py target/debug/mandate FILE NOW [FILE NOW ...]
"""
import csv
import io
import subprocess
import sys
from datetime import date, timedelta

import icalendar
from prometheus_client.parser import text_string_to_metric_families


def run(binary, *args):
    p = subprocess.run([binary, *args], capture_output=True)
    return p.returncode, p.stdout


def check_ics(raw):
    text = raw.decode("utf-8")
    lines = text.split("\r\n")
    assert lines[-1] == "", "ends in CRLF"
    for line in lines[:-1]:
        assert "\n" not in line and "\r" not in line, "CRLF only"
        assert len(line.encode("utf-8")) <= 75, f"{len(line.encode())} octets"
    cal = icalendar.Calendar.from_ical(text)
    events = cal.walk("VEVENT")
    uids = set()
    for e in events:
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        assert isinstance(start, date) and end == start + timedelta(days=1), e["UID"]
        assert e["UID"] not in uids
        uids.add(e["UID"])
        assert e.get("DTSTAMP") is not None
        for a in e.walk("VALARM"):
            assert str(a["ACTION"]) == "DISPLAY"
            assert a.decoded("TRIGGER") < timedelta(0)
    return f"{len(events)} events, calendar name {str(cal.get('X-WR-CALNAME'))[:40]!r}"


def check_prom(raw):
    families = list(text_string_to_metric_families(raw.decode("utf-8")))
    names = [f.name for f in families]
    assert len(names) == len(set(names)), "a family twice"
    series = set()
    for f in families:
        for s in f.samples:
            key = (s.name, tuple(sorted(s.labels.items())))
            assert key not in series, f"a series twice: {key}"
            series.add(key)
    return f"{len(families)} families, {len(series)} series"


def check_csv(raw):
    text = raw.decode("utf-8-sig")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:3] == ["id", "short", "name"]
    assert all(len(r) == 16 for r in rows)
    for r in rows[1:]:
        for i in (1, 2, 3, 4, 14):
            assert not r[i][:1] in ("=", "+", "-", "@", "\t", "\r"), r[i][:20]
        for i in (7, 9, 10, 11, 13):
            if r[i]:
                float(r[i])
    return f"{len(rows) - 1} rows"


def main():
    binary, pairs = sys.argv[1], sys.argv[2:]
    for file, now in zip(pairs[::2], pairs[1::2]):
        for mode, check in (("--ics", check_ics), ("--prom", check_prom), ("--csv", check_csv)):
            code, out = run(binary, mode, "--now", now, file)
            assert code == 0, f"{mode} {file}: exit {code}"
            print(f"{file} {mode}: ok, {check(out)}")


if __name__ == "__main__":
    main()
