use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(env = "APP_TOKEN", fallback = "TOKEN_FILE")]
    token: String,
}

fn main() {}
