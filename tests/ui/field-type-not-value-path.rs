use attached::Attached;

#[derive(Attached)]
struct Config {
    database: String,
    labels: std::collections::HashMap<String, String>,
}

fn main() {
    let _ = Config::from_env();
}
