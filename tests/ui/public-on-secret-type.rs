use attached::{Attached, Secret};

#[derive(Attached)]
struct Config {
    #[attached(public)]
    api_key: Secret<String>,
}

fn main() {}
