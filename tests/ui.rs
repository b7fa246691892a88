//! The compile errors a user sees for each misuse of the derives, checked against
//! `tests/ui/*.stderr`. Regenerate with `TRYBUILD=overwrite cargo test --test ui` and read
//! the diff: a `.stderr` is a promise about what a user sees.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/ui-pass/*.rs");
}
