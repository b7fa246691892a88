//! `S3Url`: a location in an S3-compatible object store, `s3://bucket/prefix`.
//!
//! Scheme: `s3://`, as the AWS CLI writes it; the bucket follows the AWS naming rules.
//! Parameters: `region` and `endpoint` (a store other than AWS); others are kept. No
//! credentials: they come from the AWS environment, and a user name or password in the
//! URL is refused. No driver parser is compared: SDKs take a bucket and a key, not a URL.

use std::borrow::Cow;

use crate::service::http::HttpUrl;
use crate::service::service_type;
use crate::service::uri::{self, Parsed, Schemes, Uri};
use crate::value::{Value, ValueError};

/// A location in an S3-compatible object store, checked when read:
/// `s3://bucket/key/prefix/`, as the AWS CLI writes it.
///
/// - The bucket follows the AWS naming rules
///   (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html>):
///   3 to 63 characters, lowercase letters, digits, `.` and `-`, beginning and ending
///   with a letter or digit.
/// - The key prefix is the rest of the path, percent-decoded, without its leading `/`;
///   empty for the whole bucket. A trailing `/` is kept as written.
/// - Optional parameters: `region` (`?region=eu-west-1`), and `endpoint`, the
///   `http(s)://` URL of a store other than AWS (MinIO, Ceph, R2, ...), percent-encoded or
///   not: `?endpoint=http://minio:9000`. Other parameters are kept and readable with
///   [`param`](Self::param).
/// - No credentials: an `s3://` URL with a user name or password is refused; give them
///   through the usual `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` variables.
///
/// ```
/// use attached::S3Url;
/// let url: S3Url = "s3://invoices/2024/?region=eu-west-1&endpoint=http://minio:9000".parse()?;
/// assert_eq!(url.bucket(), "invoices");
/// assert_eq!(url.prefix(), "2024/");
/// assert_eq!(url.region().as_deref(), Some("eu-west-1"));
/// assert_eq!(url.endpoint().unwrap().host(), "minio");
/// # Ok::<(), attached::ValueError>(())
/// ```
#[derive(Clone)]
pub struct S3Url {
    url: Parsed,
}

service_type!(S3Url, "an S3 location such as s3://bucket/prefix");

const SCHEMES: Schemes = Schemes {
    names: &["s3"],
    listed: "s3://",
    any_case: false,
};

impl S3Url {
    fn from_text(text: &str) -> Result<Self, ValueError> {
        let (_, colon) = uri::scheme(text, &SCHEMES)?;
        let url = Parsed::checked(text, Uri::parse(text, colon, false)?, |url| {
            url.require_authority("s3://bucket/prefix")?;
            if url.uri.user.is_some() {
                return Err(ValueError::new(
                    "an s3:// URL takes no user name or password: give credentials through \
                     the AWS environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)",
                ));
            }
            let bucket = match url.uri.hosts.as_slice() {
                [] => {
                    return Err(ValueError::new(
                        "the bucket is empty: expected s3://bucket/prefix",
                    ));
                }
                [bucket] => bucket,
                _ => return Err(ValueError::new("an s3:// URL names one bucket, not a list")),
            };
            if bucket.port.is_some() {
                return Err(ValueError::new(
                    "an s3:// URL names a bucket, which has no port (give a store's address \
                     as ?endpoint=)",
                ));
            }
            check_bucket(url.raw(bucket.name))?;
            url.no_fragment("an s3:// URL")?;
            if let Some(region) = url.param("region") {
                let valid = !region.is_empty()
                    && region
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                if !valid {
                    return Err(ValueError::new(
                        "the `region` parameter must be a region name such as eu-west-1",
                    ));
                }
            }
            if let Some(endpoint) = url.param("endpoint") {
                let endpoint = HttpUrl::parse(&endpoint).map_err(|e| {
                    ValueError::new(format!("the `endpoint` parameter: {}", e.reason()))
                })?;
                if endpoint.user().is_some() || endpoint.password().is_some() {
                    return Err(ValueError::new(
                        "the `endpoint` parameter takes no user name or password",
                    ));
                }
            }
            Ok(())
        })?;
        Ok(S3Url { url })
    }

    /// No connection parameters to check.
    fn param_warnings(&self, warn: &mut dyn FnMut(String)) {
        let _ = warn;
    }

    fn redacted(&self) -> String {
        // A user name in an `s3://` URL is refused; if one ever reaches here, it is a key.
        self.url.redacted(true)
    }

    /// The bucket.
    pub fn bucket(&self) -> &str {
        self.url
            .uri
            .hosts
            .first()
            .map_or("", |host| self.url.raw(host.name))
    }

    /// The key prefix, percent-decoded, without a leading `/`; empty for the whole bucket.
    pub fn prefix(&self) -> Cow<'_, str> {
        self.url.path_segment().unwrap_or_default()
    }

    /// The `region` parameter, if given.
    pub fn region(&self) -> Option<Cow<'_, str>> {
        self.url.param("region")
    }

    /// The `endpoint` parameter, if given: the store's `http(s)://` address.
    pub fn endpoint(&self) -> Option<HttpUrl> {
        HttpUrl::parse(&self.url.param("endpoint")?).ok()
    }
}

fn check_bucket(name: &str) -> Result<(), ValueError> {
    let edge = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let valid = (3..=63).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && edge(name.as_bytes().first())
        && edge(name.as_bytes().last());
    if valid {
        Ok(())
    } else {
        Err(ValueError::new(
            "the bucket name must be 3 to 63 lowercase letters, digits, `.` and `-`, \
             beginning and ending with a letter or digit",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::tests::{never_shows, refuses};

    fn s3(text: &str) -> S3Url {
        S3Url::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn reason(text: &str) -> String {
        S3Url::parse(text).expect_err(text).reason().to_owned()
    }

    #[test]
    fn accepts_the_documented_forms() {
        let cases = [
            ("s3://mybucket", "mybucket", ""),
            ("s3://mybucket/", "mybucket", ""),
            ("s3://mybucket/path/to/", "mybucket", "path/to/"),
            ("s3://my.bucket-1/a%20b.txt", "my.bucket-1", "a b.txt"),
            ("s3://logs/users/a@b.example/", "logs", "users/a@b.example/"),
        ];
        for (text, bucket, prefix) in cases {
            let url = s3(text);
            assert_eq!((url.bucket(), &*url.prefix()), (bucket, prefix), "{text}");
            assert_eq!(url.expose(), text);
            assert_eq!(url.region(), None);
        }
        let url = s3("s3://b12/x?region=us-east-1&endpoint=https%3A%2F%2Fs3.example.com%3A9000");
        assert_eq!(url.region().as_deref(), Some("us-east-1"));
        let endpoint = url.endpoint().unwrap();
        assert_eq!((endpoint.host(), endpoint.port()), ("s3.example.com", 9000));
    }

    #[test]
    fn rejects_other_schemes_naming_the_accepted_ones() {
        for text in [
            "s3a://bucket/x",
            "gs://bucket",
            "https://bucket.s3.amazonaws.com",
        ] {
            assert_eq!(reason(text), "unsupported scheme; use s3://");
        }
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let cases = [
            ("s3:///prefix", "bucket is empty"),
            ("s3://", "bucket is empty"),
            ("s3://My_Bucket/x", "bucket name"),
            ("s3://ab", "bucket name"),
            ("s3://-bucket", "bucket name"),
            ("s3://bucket:9000/x", "no port"),
            ("s3://a,b/x", "one bucket"),
            ("s3://bucket/x?region=EU%20West", "`region`"),
            (
                "s3://bucket/x?endpoint=minio:9000",
                "`endpoint` parameter: unsupported scheme",
            ),
            (
                "s3://bucket/x?endpoint=http://u:p@minio",
                "no user name or password",
            ),
            ("s3://bucket/x#y", "no `#`"),
        ];
        refuses::<S3Url>(&cases);
    }

    #[test]
    fn never_shows_a_secret() {
        never_shows(
            "s3://bucket/prefix/?region=eu-west-1&token=T0k3nValue",
            S3Url::expose,
            &["T0k3nValue"],
            &[
                "s3://AKIA:Sup3rS3cret@bucket/prefix?token=T0k3nValue",
                "s3://AKIA:Sup3r/S3cret@bucket/prefix?token=T0k3nValue",
                "s4://bucket/prefix?token=T0k3nValue",
                "s3://bucket:99999/prefix?token=T0k3nValue",
            ],
        );
        assert!(!reason("s3://AKIA:Sup3rS3cret@bucket/").contains("Sup3rS3cret"));
    }
}
