//! Differential tests of `attached`'s service URL types against real drivers' parsers; the tests are in `tests/drivers.rs`.
