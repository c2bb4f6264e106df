//! mandate: the library behind the `mandate` terminal dashboard.
pub mod app;
pub mod cli;
pub mod data;
pub mod keys;
pub mod model;
pub mod term;
pub mod text;
pub mod ui;
pub mod watch;
