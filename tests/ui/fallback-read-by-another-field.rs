use attached::Attached;

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Config {
    #[attached(env = "APP_DATABASE_URL", fallback = "DATABASE_URL")]
    database: String,
    #[attached(env = "DATABASE_URL")]
    legacy_database: String,
}

fn main() {}
