//! mandate: the library behind the `mandate` terminal dashboard.
