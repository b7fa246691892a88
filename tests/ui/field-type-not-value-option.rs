use attached::Attached;
use std::rc::Rc;

#[derive(Attached)]
struct Config {
    name: Option<Rc<str>>,
}

fn main() {
    let _ = Config::from_env();
}
