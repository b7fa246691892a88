//! Checked against real servers: see `tests/` and README.md.
