use attached::Attached;

struct Smtp {
    host: String,
}

#[derive(Attached)]
struct Config {
    #[attached(nested)]
    smtp: Smtp,
}

fn main() {
    let _ = Config::from_env();
}
