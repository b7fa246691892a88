use attached::Attached;

fn parse_level(text: &str) -> Result<u32, String> {
    text.parse().map_err(|_| "not a number".to_owned())
}

#[derive(Attached)]
struct Config {
    #[attached(with = parse_level)]
    level: u8,
}

fn main() {
    let _ = Config::from_env();
}
