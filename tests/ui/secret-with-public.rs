use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(secret, public)]
    api_key: String,
}

fn main() {}
