use attached::Attached;

#[derive(Attached)]
struct Smtp {
    host: String,
}

#[derive(Attached)]
struct Config {
    #[attached(nested)]
    smtp: Vec<Smtp>,
}

fn main() {}
