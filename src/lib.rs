//! mandate: the library behind the `mandate` terminal dashboard.
pub mod cli;
pub mod data;
pub mod model;
pub mod text;
