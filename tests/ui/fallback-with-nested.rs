use attached::Attached;

#[derive(Attached)]
struct Smtp {
    host: String,
}

#[derive(Attached)]
struct Config {
    #[attached(nested, fallback = "MAIL")]
    smtp: Smtp,
}

fn main() {}
