use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(expected = labels)]
    labels: String,
}

fn main() {}
