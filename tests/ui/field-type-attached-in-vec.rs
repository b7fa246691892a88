use attached::Attached;

#[derive(Attached)]
struct Smtp {
    host: String,
}

#[derive(Attached)]
struct Config {
    relays: Vec<Smtp>,
}

fn main() {
    let _ = Config::from_env();
}
