use attached::Attached;

#[derive(Attached)]
struct Config {
    tls_key: String,
    tls_key_file: String,
}

fn main() {}
