use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(prefix = "DB_")]
    database_url: String,
}

fn main() {}
