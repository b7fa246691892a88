use attached::{Attached, Value, ValueError};

struct Region(String);

impl Value for Region {
    const EXPECTED: &'static str = "a region name";
    fn parse(text: &str) -> Result<Self, ValueError> {
        Ok(Region(text.to_owned()))
    }
    fn render(&self) -> String {
        self.0.clone()
    }
}

#[derive(Attached)]
struct Config {
    region: Region,
}

fn main() {
    let _ = Config::from_env();
}
