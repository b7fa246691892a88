use attached::Value;

#[derive(Value)]
#[attached(rename_all = "lowercase")]
enum LogFormat {
    Json,
    Text,
}

fn main() {}
