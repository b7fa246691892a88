use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(env = "PORT", env = "HTTP_PORT")]
    port: u16,
}

fn main() {}
