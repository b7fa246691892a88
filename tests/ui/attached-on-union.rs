use attached::Attached;

#[derive(Attached)]
union Port {
    number: u16,
    raw: [u8; 2],
}

fn main() {}
