use attached::Attached;

#[derive(Attached)]
struct Smtp {
    host: String,
}

#[derive(Attached)]
struct Config {
    smtp: Smtp,
}

fn main() {
    let _ = Config::from_env();
}
