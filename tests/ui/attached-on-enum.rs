use attached::Attached;

#[derive(Attached)]
enum LogFormat {
    Json,
    Text,
}

fn main() {
    let _ = LogFormat::from_env();
}
