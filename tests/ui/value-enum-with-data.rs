use attached::Value;

#[derive(Value)]
enum Backend {
    Memory,
    Disk(std::path::PathBuf),
    Remote { url: String },
}

fn main() {
    let _ = <Backend as Value>::parse("memory");
}
