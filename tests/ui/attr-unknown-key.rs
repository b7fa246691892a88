use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(defualt = 8080)]
    port: u16,
    #[attached(hidden)]
    token: String,
}

fn main() {
    let _ = Config::from_env();
}
