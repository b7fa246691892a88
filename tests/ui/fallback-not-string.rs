use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(fallback = PORT)]
    port: u16,
}

fn main() {}
