use attached::Attached;

struct Region {
    name: String,
}

#[derive(Attached)]
struct Config {
    database: String,
    region: Region,
}

fn main() {
    let _ = Config::from_env();
}
