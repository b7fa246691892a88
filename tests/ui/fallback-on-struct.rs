use attached::Attached;

#[derive(Attached)]
#[attached(prefix = "APP_", fallback = "PORT")]
struct Config {
    port: u16,
}

fn main() {}
