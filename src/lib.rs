//! mandate: the library behind the `mandate` terminal dashboard.
//!
//! The layers point one way: `cli` -> `runtime` -> `ui` -> `app` -> `source` -> `domain`,
//! with `report` (the outputs for other programs) between `cli` and `app`: it may use `app`,
//! `source` and `domain`, and only `cli` uses it. A module may use the ones to its right,
//! never one to its left.
pub mod app;
pub mod cli;
pub mod domain;
pub mod report;
pub mod runtime;
pub mod source;
pub mod ui;
