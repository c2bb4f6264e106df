//! mandate: the library behind the `mandate` terminal dashboard.
pub mod data;
pub mod text;
pub mod model;
