use attached::Value;

#[derive(Value)]
struct Percent {
    value: u8,
}

fn main() {}
