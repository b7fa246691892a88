use attached::Attached;

#[derive(Attached)]
struct Smtp {
    host: String,
}

#[derive(Attached)]
struct Config {
    #[attached(nested, env = "SMTP")]
    smtp: Smtp,
}

fn main() {}
