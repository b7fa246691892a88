use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(default = Some(8))]
    workers: Option<u32>,
}

fn main() {
    let _ = Config::from_env();
}
