use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(default = "8080")]
    port: u16,
}

fn main() {
    let _ = Config::from_env();
}
