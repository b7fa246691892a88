use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(env = "database_url")]
    database: String,
}

fn main() {}
