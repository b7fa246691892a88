use attached::Attached;

#[derive(Attached)]
struct Config<T> {
    value: T,
}

fn main() {
    let _ = Config::<u16>::from_env();
}
