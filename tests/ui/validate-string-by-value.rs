use attached::Attached;

fn not_blank(text: String) -> Result<(), String> {
    if text.trim().is_empty() {
        Err("must not be blank".to_owned())
    } else {
        Ok(())
    }
}

#[derive(Attached)]
struct Config {
    #[attached(validate = not_blank)]
    name: String,
}

fn main() {
    let _ = Config::from_env();
}
