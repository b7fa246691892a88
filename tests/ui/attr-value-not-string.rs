use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(env = DATABASE_URL)]
    database: String,
    #[attached(separator = ',')]
    origins: Vec<String>,
}

fn main() {}
