use attached::Attached;

struct LevelError;

fn parse_level(text: &str) -> Result<u8, LevelError> {
    text.parse().map_err(|_| LevelError)
}

#[derive(Attached)]
struct Config {
    #[attached(with = parse_level)]
    level: u8,
}

fn main() {
    let _ = Config::from_env();
}
