use attached::Attached;

fn parse_level(text: String) -> u8 {
    text.len() as u8
}

#[derive(Attached)]
struct Config {
    #[attached(with = parse_level)]
    level: u8,
}

fn main() {
    let _ = Config::from_env();
}
