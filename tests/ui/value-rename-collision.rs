use attached::Value;

#[derive(Value)]
enum LogFormat {
    Json,
    #[attached(rename = "JSON")]
    JsonLines,
    PlainText,
    #[attached(rename = "plain_text")]
    Text,
}

fn main() {}
