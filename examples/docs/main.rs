//! Prints the documentation that `attached` makes of a billing service's configuration: a
//! Markdown table, a `.env.example`, a Kubernetes `env:` block, and the public values of
//! a loaded configuration as JSON.
//!
//! ```text
//! cargo run --example docs
//! ```

// The example documents the configuration and reads none of its fields.
#[allow(dead_code)]
mod config;

use attached::{Docs, Loader};
use config::Config;

fn main() -> Result<(), attached::Report> {
    let docs = Docs::of::<Config>();
    println!("# Markdown\n\n{}", docs.markdown());
    println!("# .env.example\n\n{}", docs.env_example());
    let yaml = docs.kubernetes("billing-secrets", "billing-config");
    println!("# Kubernetes\n\n{yaml}");

    // A fixed demo environment, so that the example prints the same everywhere; a service
    // reads its own with `Loader::from_env()`.
    let demo = [
        (
            "BILLING_DATABASE_URL",
            "postgres://billing:demo-password@db:5432/billing",
        ),
        ("BILLING_STRIPE_SECRET_KEY", "sk_test_demo"),
        ("BILLING_STRIPE_PUBLISHABLE_KEY", "pk_test_demo"),
        ("BILLING_SMTP_HOST", "mail.example.com"),
    ];
    let loaded = Loader::new(&demo).load::<Config>()?;
    println!("# Public values, as JSON\n\n{}", loaded.public_json());
    Ok(())
}
