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
    let now = args.now.unwrap_or_else(chrono::Utc::now);
    let outcome = if args.check {
        cli::check(&origin, now)
    } else {
        cli::json(&origin, now)
    };
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    std::process::exit(outcome.code);
}
