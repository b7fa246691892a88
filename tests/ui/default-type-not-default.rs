use attached::Attached;
use std::net::SocketAddr;

#[derive(Attached)]
struct Config {
    #[attached(default)]
    listen: SocketAddr,
}

fn main() {
    let _ = Config::from_env();
}
