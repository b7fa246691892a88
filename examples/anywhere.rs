//! One program, any database: the environment says where the database is, and the code
//! never asks. Without `APP_DATABASE` it runs on an in-memory SQLite database; with it, on
//! whatever the text names: a Postgres cluster, a MySQL container, a file.
//!
//! ```sh
//! cargo run --example anywhere
//! APP_DATABASE=postgres://app:pw@db1:5432,db2:5432/billing cargo run --example anywhere
//! APP_DATABASE=mysql://app:pw@mysql/billing cargo run --example anywhere
//! APP_DATABASE=sqlite:///var/lib/app/data.db cargo run --example anywhere
//! ```
//!
//! The password never reaches the output: `Display` masks it. A real program would hand
//! `config.database.expose()` to its driver.

use attached::{Attached, DatabaseUrl, Env, Report, Source};

/// What this program needs from its environment.
#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Config {
    /// The application's database (Postgres, MySQL or SQLite).
    database: DatabaseUrl, // APP_DATABASE
}

fn main() -> Result<(), Report> {
    // The environment, over a built-in default.
    let source = Env::new().over([("APP_DATABASE", "sqlite::memory:")]);
    let config = Config::from_source(&source)?;
    let database = &config.database;

    let hosts: Vec<String> = database.hosts().iter().map(ToString::to_string).collect();
    println!("engine:   {}", database.engine());
    println!("hosts:    {}", hosts.join(", "));
    println!("database: {}", database.database().unwrap_or_default());
    println!("url:      {database}");
    Ok(())
}
