use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(separator = ",")]
    origins: String,
}

fn main() {}
