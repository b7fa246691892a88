use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(env = "my var")]
    database: String,
}

fn main() {}
