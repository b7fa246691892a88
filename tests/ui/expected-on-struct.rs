use attached::Attached;

#[derive(Attached)]
#[attached(expected = "a configuration")]
struct Config {
    labels: String,
}

fn main() {}
