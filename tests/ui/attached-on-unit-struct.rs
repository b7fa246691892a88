use attached::Attached;

#[derive(Attached)]
struct Config;

fn main() {}
