use attached::Attached;

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Config {
    #[attached(fallback = "APP_PORT")]
    port: u16,
}

fn main() {}
