//! The integration tests, in one binary so the heavy dev-dependencies (pty, vt100,
//! proptest, insta) link once. Each module is one area: `cli` (the non-interactive
//! modes), `render` (snapshots), `e2e` (keys in a pseudo-terminal), `reload` (live
//! reload), `safety` (signals and what the program never does), `soak`, `hostile`
//! (inputs that try to break it), `props` (property tests), `readme`, `outputs` (the
//! calendar, cron, monitoring, metrics and spreadsheet modes, read back by parsers), `home`
//! (the user's file, `--init`, completions, the man page), `schema` (the JSON Schema),
//! `import` (`--import` on copies of files, and the dashboard following its write).

mod common;

mod brief;
mod cli;
mod e2e;
mod e2e_burst;
mod e2e_edit;
mod e2e_wide;
mod home;
mod hostile;
mod hostile_modes;
mod import;
mod outputs;
mod portfolio;
mod props;
mod props_strength;
mod readme;
mod reload;
mod render;
mod robust;
mod safety;
mod schema;
mod soak;
