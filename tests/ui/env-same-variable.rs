use attached::Attached;

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Config {
    database_url: String,
    #[attached(env = "APP_DATABASE_URL")]
    database: String,
}

fn main() {
    let _ = Config::from_env();
}
