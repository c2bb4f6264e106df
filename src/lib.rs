//! mandate: the library behind the `mandate` terminal dashboard.
//!
//! The layers point one way: `cli` -> `runtime` -> `ui` -> `app` -> `source` -> `domain`,
//! with `report` (the outputs for other programs) and `import` (the UN's records into the
//! user's file) beside `runtime`, under `cli`: they use `source` and `domain` only. A module may use the ones to its right,
//! never one to its left.
pub mod app;
pub mod cli;
pub mod domain;
pub mod import;
pub mod report;
pub mod runtime;
pub mod source;
pub mod ui;
