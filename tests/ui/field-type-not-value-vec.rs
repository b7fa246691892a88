use attached::Attached;

#[derive(Attached)]
struct Config {
    peers: Vec<std::rc::Rc<str>>,
}

fn main() {
    let _ = Config::from_env();
}
