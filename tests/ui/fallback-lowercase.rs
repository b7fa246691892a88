use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(env = "APP_PORT", fallback = "port")]
    port: u16,
}

fn main() {}
