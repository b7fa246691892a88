//! Typed connection strings for the usual backing services.
