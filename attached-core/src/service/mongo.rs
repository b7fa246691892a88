//! `MongoUrl`: MongoDB connection strings, standard (`mongodb://`) and DNS seed list
//! (`mongodb+srv://`), after the connection string specification.
//!
//! Schemes: `mongodb://` (one or more hosts, port 27017, Unix sockets percent-encoded)
//! and `mongodb+srv://` (one host name, no port). The path is the database where the user
//! is authenticated unless `authSource` says otherwise. Parameters: the specification's
//! URI options, compared without case; any other is a warning (drivers ignore it, with a
//! warning of their own).
//!
//! Checked against the specification and its examples; no driver's parser is compared
//! here.

use std::borrow::Cow;

use crate::service::uri::{self, Parsed, Schemes, Uri};
use crate::service::{authority_accessors, service_type};
use crate::value::ValueError;

/// A MongoDB connection string, checked when read, following the connection string
/// specification (<https://www.mongodb.com/docs/manual/reference/connection-string/>).
///
/// - `mongodb://user:password@host1:27017,host2:27017/database?replicaSet=rs0`: one or
///   more hosts, each with its port (27017 by default); a host may be a percent-encoded
///   Unix socket path (`%2Ftmp%2Fmongodb-27017.sock`).
/// - `mongodb+srv://user:password@cluster.example.net/database`: exactly one host name
///   and no port; the driver looks up the servers in DNS. [`port`](Self::port) is then
///   the nominal 27017.
/// - The database (the path) is where the user is authenticated unless `authSource` says
///   otherwise; `None` when not given.
///
/// ```
/// use attached::MongoUrl;
/// let url: MongoUrl = "mongodb://app:hunter2@m1,m2:27018/shop?replicaSet=rs0".parse()?;
/// let hosts: Vec<String> = url.hosts().iter().map(|h| h.to_string()).collect();
/// assert_eq!(hosts, ["m1:27017", "m2:27018"]);
/// assert_eq!(url.database().as_deref(), Some("shop"));
/// assert_eq!(url.to_string(), "mongodb://app:***@m1,m2:27018/shop?replicaSet=rs0");
/// # Ok::<(), attached::ValueError>(())
/// ```
#[derive(Clone)]
pub struct MongoUrl {
    url: Parsed,
}

service_type!(
    MongoUrl,
    "a MongoDB URL such as mongodb://user:password@host1:27017,host2:27017/database"
);

authority_accessors!(
    MongoUrl,
    hosts = "Every host with its port (27017 by default), in order.",
    port = "The first host's port, given or 27017."
);

/// The URI options of the connection string specification.
const OPTIONS: &[&str] = &[
    "appName",
    "authMechanism",
    "authMechanismProperties",
    "authSource",
    "compressors",
    "connectTimeoutMS",
    "directConnection",
    "gssapiServiceName",
    "heartbeatFrequencyMS",
    "journal",
    "loadBalanced",
    "localThresholdMS",
    "maxConnecting",
    "maxIdleTimeMS",
    "maxPoolSize",
    "maxStalenessSeconds",
    "minPoolSize",
    "proxyHost",
    "proxyPassword",
    "proxyPort",
    "proxyUsername",
    "readConcernLevel",
    "readPreference",
    "readPreferenceTags",
    "replicaSet",
    "retryReads",
    "retryWrites",
    "serverMonitoringMode",
    "serverSelectionTimeoutMS",
    "serverSelectionTryOnce",
    "socketTimeoutMS",
    "srvMaxHosts",
    "srvServiceName",
    "ssl",
    "timeoutMS",
    "tls",
    "tlsAllowInvalidCertificates",
    "tlsAllowInvalidHostnames",
    "tlsCAFile",
    "tlsCertificateKeyFile",
    "tlsCertificateKeyFilePassword",
    "tlsDisableCertificateRevocationCheck",
    "tlsDisableOCSPEndpointCheck",
    "tlsInsecure",
    "uuidRepresentation",
    "w",
    "waitQueueMultiple",
    "waitQueueTimeoutMS",
    "wTimeoutMS",
    "zlibCompressionLevel",
];

const SCHEMES: Schemes = Schemes {
    names: &["mongodb", "mongodb+srv"],
    listed: "mongodb:// or mongodb+srv://",
};

impl MongoUrl {
    fn from_text(text: &str) -> Result<Self, ValueError> {
        let (scheme, colon) = uri::scheme(text, &SCHEMES)?;
        let url = Parsed::checked(text, Uri::parse(text, colon, true)?, |url| {
            url.require_authority("mongodb://user:password@host:27017/database")?;
            url.no_fragment("a MongoDB URL")?;
            if url.uri.hosts.is_empty() {
                return Err(ValueError::new("missing host"));
            }
            if scheme == "mongodb+srv" {
                url.one_network_host("a mongodb+srv:// URL")?;
                if url.uri.hosts[0].port.is_some() {
                    return Err(ValueError::new(
                        "a mongodb+srv:// URL takes no port: the port comes from DNS",
                    ));
                }
            }
            if url.path_segment().is_some_and(|db| db.contains('/')) {
                return Err(ValueError::new(
                    "a MongoDB database name cannot contain `/`",
                ));
            }
            url.hosts = url.uri_hosts(27017);
            Ok(())
        })?;
        Ok(MongoUrl { url })
    }

    /// Unknown URI options (compared without case, as the specification says).
    fn param_warnings(&self, warn: &mut dyn FnMut(String)) {
        for (name, _) in self.url.query() {
            if !OPTIONS
                .iter()
                .any(|known| known.eq_ignore_ascii_case(&name))
            {
                warn(uri::unknown_param(
                    &name,
                    OPTIONS,
                    "MongoDB drivers ignore an unknown option",
                ));
            }
        }
    }

    fn redacted(&self) -> String {
        self.url.redacted(&[], false)
    }

    /// Whether this is a DNS seed list (`mongodb+srv://`).
    pub fn is_srv(&self) -> bool {
        self.url.scheme() == "mongodb+srv"
    }

    /// The database of the path, percent-decoded; `None` when not given.
    pub fn database(&self) -> Option<Cow<'_, str>> {
        self.url.path_segment()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::tests::never_shows;
    use crate::value::Value;

    fn mongo(text: &str) -> MongoUrl {
        MongoUrl::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn reason(text: &str) -> String {
        MongoUrl::parse(text).expect_err(text).reason().to_owned()
    }

    #[test]
    fn accepts_the_documented_forms() {
        let url = mongo("mongodb://mongodb0.example.com:27017");
        assert_eq!(
            (url.host(), url.port(), url.database()),
            ("mongodb0.example.com", 27017, None)
        );
        let url = mongo(
            "mongodb://myDBReader:D1fficultP%40ssw0rd@mongodb0.example.com:27017,mongodb1.example.com:27017,mongodb2.example.com:27017/?authSource=admin&replicaSet=myRepl",
        );
        assert_eq!(url.hosts().len(), 3);
        assert_eq!(url.password().unwrap().expose(), "D1fficultP@ssw0rd");
        assert_eq!(url.database(), None);
        assert_eq!(url.param("replicaSet").as_deref(), Some("myRepl"));
        let url = mongo("mongodb+srv://server.example.com/");
        assert!(url.is_srv());
        assert_eq!((url.host(), url.port()), ("server.example.com", 27017));
        let url = mongo("mongodb://%2Ftmp%2Fmongodb-27017.sock/app");
        assert!(url.hosts()[0].is_socket());
        assert_eq!(url.database().as_deref(), Some("app"));
        assert_eq!(mongo("mongodb://mongo").host(), "mongo");
    }

    #[test]
    fn rejects_other_schemes_naming_the_accepted_ones() {
        for text in ["mongo://h", "mongodb+ssl://h"] {
            assert_eq!(
                reason(text),
                "unsupported scheme; use mongodb:// or mongodb+srv://"
            );
        }
    }

    #[test]
    fn srv_rules() {
        assert!(reason("mongodb+srv://c.example.net:27017/db").contains("no port"));
        assert!(reason("mongodb+srv://a.example.net,b.example.net/db").contains("one host"));
        assert!(reason("mongodb+srv://%2Ftmp%2Fm.sock").contains("not a Unix socket"));
        assert!(reason("mongodb://").contains("missing host"));
        assert!(reason("mongodb://h/a/b").contains("cannot contain"));
    }

    #[test]
    fn never_shows_a_secret() {
        never_shows(
            "mongodb+srv://app:Sup3rS3cret@cluster0.example.net/shop?authMechanismProperties=AWS_SESSION_TOKEN:T0k3nValue",
            MongoUrl::expose,
            &["Sup3rS3cret", "T0k3nValue"],
            &[
                "mongodb+srv://app:Sup3rS3cret@cluster0.example.net:99999/shop?authMechanismProperties=AWS_SESSION_TOKEN:T0k3nValue",
                "mongo+srv://app:Sup3rS3cret@cluster0.example.net/shop",
                "mongodb://app:Sup3rS3cret@h1,,h2/shop",
            ],
        );
    }

    #[test]
    fn unknown_options_are_warnings() {
        let url: MongoUrl = "mongodb://h/db?replicaset=rs0&retryWrite=true"
            .parse()
            .unwrap();
        let mut all = Vec::new();
        url.param_warnings(&mut |w| all.push(w));
        assert_eq!(
            all,
            [
                "unknown parameter `retryWrite`; did you mean `retryWrites`? \
              (MongoDB drivers ignore an unknown option)"
            ]
        );
    }
}
