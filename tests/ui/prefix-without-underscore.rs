use attached::Attached;

#[derive(Attached)]
#[attached(prefix = "BILLING")]
struct Config {
    database_url: String,
}

fn main() {}
