use attached::Attached;

#[derive(Attached)]
struct Smtp {
    host: String,
}

#[derive(Attached)]
struct Config {
    #[attached(nested, expected = "a mail relay")]
    smtp: Smtp,
}

fn main() {}
