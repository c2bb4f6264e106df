//! mandate: the library behind the `mandate` terminal dashboard.
//!
//! The layers point one way: `cli` -> `runtime` -> `ui` -> `app` -> `source` -> `domain`.
//! A module may use the ones to its right, never one to its left.
pub mod app;
pub mod cli;
pub mod domain;
pub mod import;
pub mod runtime;
pub mod source;
pub mod ui;
