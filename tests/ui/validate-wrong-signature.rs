use attached::Attached;

fn at_least_two(n: u32) -> bool {
    n >= 2
}

#[derive(Attached)]
struct Config {
    #[attached(validate = at_least_two)]
    replicas: u32,
}

fn main() {
    let _ = Config::from_env();
}
