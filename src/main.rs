use std::io::Write;
use std::path::Path;

use clap::Parser;
use mandate::cli::{self, Args};

fn main() {
    let args = Args::parse();
    let env_file = std::env::var("MANDATE_FILE").ok();
    let origin = cli::origin(
        args.file.as_deref(),
        env_file.as_deref(),
        Path::new(cli::DEFAULT_FILE).is_file(),
    );
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let real = chrono::Utc::now();
    let now = args.now.unwrap_or(real);
    let outcome = if args.check {
        cli::check(&origin, now)
    } else if args.json {
        cli::json(&origin, now)
    } else if args.print {
        cli::print(&origin, now, args.size)
    } else {
        match mandate::term::run(origin, args.now, no_color) {
            Ok(()) => return,
            Err(e) => cli::Outcome {
                stdout: String::new(),
                stderr: format!("mandate: cannot run the dashboard: {e}\n"),
                code: 1,
            },
        }
    };
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    std::process::exit(outcome.code);
}
