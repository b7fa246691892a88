use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(expected = " ")]
    labels: String,
}

fn main() {}
