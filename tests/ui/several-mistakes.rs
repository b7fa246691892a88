use attached::Attached;

#[derive(Attached)]
#[attached(prefix = "APP")]
struct Config {
    #[attached(env = "database_url")]
    database: String,
    #[attached(defualt = 8080)]
    port: u16,
    #[attached(secret, public)]
    api_key: String,
    #[attached(separator = ";")]
    origins: String,
}

fn main() {
    let config = Config::from_env().unwrap();
    println!("{config:?}");
}
