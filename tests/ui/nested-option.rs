use attached::Attached;

#[derive(Attached)]
struct Smtp {
    host: String,
}

#[derive(Attached)]
struct Config {
    #[attached(nested)]
    smtp: Option<Smtp>,
}

fn main() {}
