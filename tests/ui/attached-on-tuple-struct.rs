use attached::Attached;

#[derive(Attached)]
struct Config(String, u16);

fn main() {
    let _ = Config::from_env();
}
