use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(secret, not_secret)]
    api_key: String,
}

fn main() {}
