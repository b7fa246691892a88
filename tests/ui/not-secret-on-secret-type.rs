use attached::{Attached, Secret};

#[derive(Attached)]
struct Config {
    #[attached(not_secret)]
    token: Option<Secret<String>>,
}

fn main() {}
