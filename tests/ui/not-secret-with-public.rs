use attached::Attached;

#[derive(Attached)]
struct Config {
    #[attached(public, not_secret)]
    stripe_publishable_key: String,
}

fn main() {}
