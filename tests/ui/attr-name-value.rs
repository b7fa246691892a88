use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached = "DATABASE_URL"]
    database: String,
}

fn main() {}
