use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(env = "APP_PORT", fallback = "PORT", fallback = "PORT")]
    port: u16,
}

fn main() {}
