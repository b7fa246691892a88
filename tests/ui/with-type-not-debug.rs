use attached::Attached;

struct Level(u8);

fn parse_level(text: &str) -> Result<Level, String> {
    text.parse().map(Level).map_err(|_| "not a number".to_owned())
}

#[derive(Attached)]
struct Config {
    #[attached(with = parse_level)]
    level: Level,
}

fn main() {
    let _ = Config::from_env();
}
