use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(env = "")]
    database: String,
}

fn main() {}
