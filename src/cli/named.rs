//! Every data mode names the file it read, so that a file read in place of the one meant
//! (a `data/mss-haiti.toml` in the working directory, a stale `$MANDATE_FILE`) shows:
//! `--check` and `--json` in their own output, `--ics` in `X-WR-CALDESC` (in
//! `crate::report::ics`), and here, on the way out, the rest: a comment line first in
//! `--prom`, a last long-output line in `--nagios`, and a note on standard error for
//! `--csv` and `--due` (which `--quiet` leaves out). `--due` says nothing when nothing is
//! due, so that cron stays quiet.

use crate::domain::text::clean;
use crate::report::Outcome;

use super::Mode;

/// `outcome` of `mode` with the file `name` named; `quiet`: no note on standard error.
pub fn name_the_file(mode: &Mode, name: &str, outcome: Outcome, quiet: bool) -> Outcome {
    let name = clean(name);
    let mut o = outcome;
    match mode {
        Mode::Prom if o.code == 0 => {
            o.stdout = format!("# mandate: read {name}\n{}", o.stdout);
        }
        Mode::Nagios { .. } if o.code != crate::report::nagios::UNKNOWN => {
            // Long output: no `|`, which would start performance data.
            o.stdout
                .push_str(&format!("data file: {}\n", name.replace('|', "\u{a6}")));
        }
        Mode::Csv { .. } if !quiet && o.code == 0 => note(&mut o, &name),
        Mode::Due { .. } if !quiet && !o.stdout.is_empty() => note(&mut o, &name),
        _ => {}
    }
    o
}

fn note(o: &mut Outcome, name: &str) {
    o.stderr.push_str(&format!("mandate: read {name}\n"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(stdout: &str, code: i32) -> Outcome {
        Outcome {
            stdout: stdout.into(),
            stderr: String::new(),
            code,
        }
    }

    #[test]
    fn each_mode_names_the_file_in_its_own_way() {
        let name = "data/mss-haiti.toml";
        let o = name_the_file(&Mode::Prom, name, ok("a 1\n", 0), false);
        assert_eq!(o.stdout, "# mandate: read data/mss-haiti.toml\na 1\n");
        let nagios = Mode::Nagios {
            within: None,
            critical: None,
        };
        let o = name_the_file(&nagios, "a|b\nc", ok("MANDATE OK - x | a=1\n", 0), false);
        assert_eq!(o.stdout, "MANDATE OK - x | a=1\ndata file: a\u{a6}b c\n");
        let o = name_the_file(
            &nagios,
            name,
            ok("MANDATE UNKNOWN - f: 1 error\n", 3),
            false,
        );
        assert_eq!(o.stdout, "MANDATE UNKNOWN - f: 1 error\n");
        let csv = Mode::Csv { bom: false };
        let o = name_the_file(&csv, name, ok("id\r\n", 0), false);
        assert_eq!(
            (o.stdout.as_str(), o.stderr.as_str()),
            ("id\r\n", "mandate: read data/mss-haiti.toml\n")
        );
        assert_eq!(name_the_file(&csv, name, ok("id\r\n", 0), true).stderr, "");
        let due = Mode::Due { within: None };
        assert_eq!(name_the_file(&due, name, ok("", 0), false).stderr, "");
        assert_eq!(
            name_the_file(&due, name, ok("x\n", 3), false).stderr,
            "mandate: read data/mss-haiti.toml\n"
        );
        assert_eq!(name_the_file(&due, name, ok("x\n", 3), true).stderr, "");
    }
}
