use attached::Attached;

#[derive(Attached)]
#[attached(env = "DATABASE_URL")]
struct Config {
    database: String,
}

fn main() {}
