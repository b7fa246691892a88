//! `MongoUrl`: MongoDB connection strings, standard (`mongodb://`) and DNS seed list
//! (`mongodb+srv://`), after the connection string specification.
//!
//! Schemes: `mongodb://` (one or more hosts, port 27017, Unix sockets percent-encoded,
//! absolute or relative: a host that decodes to a text with `/` is a socket path) and
//! `mongodb+srv://` (one host name, no port). The path is the database where the user is
//! authenticated unless `authSource` says otherwise. The user information may not hold an
//! unescaped `@` or a second `:`, and every option is `name=value`, as the specification
//! requires. Parameters: the URI options specification's options, compared without case;
//! any other is a warning (drivers ignore it, with a warning of their own), as are an
//! option repeated with the same value, an empty or out-of-range number or boolean (each
//! option's accepted values are the specification's), and a key:value option piece
//! without `:`; each of these warnings says that drivers following the specification
//! ignore it while the Rust driver, mongodb 3, refuses the whole string. An option
//! repeated with another value is refused (which one counts is undefined, and drivers
//! differ), and so are the combinations the specification tells drivers to refuse: overlapping TLS relaxations, `tls` and `ssl` disagreeing,
//! `directConnection=true` or `loadBalanced=true` with several hosts, SRV-only options
//! without `+srv`, proxy options without `proxyHost`; and those the auth, server selection
//! and read and write concern specifications' tests refuse: a mechanism without the
//! credentials it needs (SCRAM and PLAIN without a user name, PLAIN without a password,
//! MONGODB-AWS with a user name and no password) or with one it refuses (MONGODB-X509 with
//! a password; an `authSource` other than `$external` for MONGODB-X509, GSSAPI and
//! MONGODB-OIDC), an empty user name before `@`, `readPreferenceTags` or a positive
//! `maxStalenessSeconds` with the primary mode (the default), a negative `w`, `w=0` with
//! `journal=true`. A percent-encoded host name that is not a socket path is refused too:
//! the Rust driver takes it as written; and so are an IPv6 address with a zone, TLS options
//! with `tls=false`, a database name with `\`, a space, `"` or `$`, a password without a
//! user name (the Rust driver does not use it) and an empty `authSource`, all of which the
//! Rust driver refuses.
//!
//! What the specification reads and the Rust driver, mongodb 3, refuses is a warning that
//! says so: the options it does not implement (`timeoutMS`, `socketTimeoutMS`,
//! `tlsAllowInvalidHostnames`, `tlsDisableOCSPEndpointCheck`,
//! `tlsDisableCertificateRevocationCheck`, `serverSelectionTryOnce`, `gssapiServiceName`,
//! `waitQueueMultiple`), `maxPoolSize=0` (no limit, to the specification), a
//! `uuidRepresentation` other than its three legacy ones, an empty `readPreferenceTags`
//! with the primary mode. Not warned of, because it depends on the cargo features of the
//! application's `mongodb`: that driver refuses `compressors`, `zlibCompressionLevel`,
//! `tlsCertificateKeyFilePassword`, the proxy options, GSSAPI and MONGODB-AWS unless the
//! feature of each is on.
//!
//! Checked against the Connection String and URI Options specifications' tests (the
//! differential crate's `mongo_spec`); no driver's parser is compared here.

use std::borrow::Cow;

use crate::service::uri::{self, Parsed, Schemes, Uri};
use crate::service::{authority_accessors, service_type};
use crate::text::{AsciiSearch, eq_ignore_case};
use crate::value::ValueError;

/// A MongoDB connection string, checked when read, following the connection string
/// specification (<https://www.mongodb.com/docs/manual/reference/connection-string/>).
///
/// - `mongodb://user:password@host1:27017,host2:27017/database?replicaSet=rs0`: one or
///   more hosts, each with its port (27017 by default); a host may be a percent-encoded
///   Unix socket path (`%2Ftmp%2Fmongodb-27017.sock`, or relative:
///   `run%2Fmongodb-27017.sock`).
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
    "enableOverloadRetargeting",
    "gssapiServiceName",
    "heartbeatFrequencyMS",
    "journal",
    "loadBalanced",
    "localThresholdMS",
    "maxAdaptiveRetries",
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
    any_case: false,
};

/// What an option's value must be, after the URI options specification; a value that is
/// not is ignored by drivers, with a warning.
#[derive(Clone, Copy)]
enum Kind {
    /// `true` or `false`.
    Bool,
    /// An integer from `.0` to `.1`.
    Int(i64, i64),
    /// `maxStalenessSeconds`: -1, or 90 and more.
    Staleness,
    /// One of these words.
    Word(&'static [&'static str]),
    /// Comma-separated `key:value` pairs (each may be empty as a whole).
    Pairs,
}

const I32: i64 = i32::MAX as i64;

/// The kind of a known option's value; `None` for any string.
fn kind(name: &str) -> Option<Kind> {
    const KINDS: &[(&str, Kind)] = &[
        ("connectTimeoutMS", Kind::Int(0, I32)),
        ("directConnection", Kind::Bool),
        ("enableOverloadRetargeting", Kind::Bool),
        ("heartbeatFrequencyMS", Kind::Int(500, I32)),
        ("journal", Kind::Bool),
        ("loadBalanced", Kind::Bool),
        ("localThresholdMS", Kind::Int(0, I32)),
        ("maxAdaptiveRetries", Kind::Int(0, I32)),
        ("maxConnecting", Kind::Int(1, I32)),
        ("maxIdleTimeMS", Kind::Int(0, I32)),
        ("maxPoolSize", Kind::Int(0, I32)),
        ("maxStalenessSeconds", Kind::Staleness),
        ("minPoolSize", Kind::Int(0, I32)),
        ("proxyPort", Kind::Int(0, 65535)),
        ("readPreferenceTags", Kind::Pairs),
        ("retryReads", Kind::Bool),
        ("retryWrites", Kind::Bool),
        (
            "serverMonitoringMode",
            Kind::Word(&["stream", "poll", "auto"]),
        ),
        ("serverSelectionTimeoutMS", Kind::Int(0, I32)),
        ("serverSelectionTryOnce", Kind::Bool),
        ("socketTimeoutMS", Kind::Int(0, I32)),
        ("srvMaxHosts", Kind::Int(0, I32)),
        ("ssl", Kind::Bool),
        ("timeoutMS", Kind::Int(0, I32)),
        ("tls", Kind::Bool),
        ("tlsAllowInvalidCertificates", Kind::Bool),
        ("tlsAllowInvalidHostnames", Kind::Bool),
        ("tlsDisableCertificateRevocationCheck", Kind::Bool),
        ("tlsDisableOCSPEndpointCheck", Kind::Bool),
        ("tlsInsecure", Kind::Bool),
        ("waitQueueTimeoutMS", Kind::Int(1, I32)),
        ("wTimeoutMS", Kind::Int(0, i64::MAX)),
        ("zlibCompressionLevel", Kind::Int(-1, 9)),
    ];
    for &(known, kind) in KINDS {
        if eq_ignore_case(known, name) {
            return Some(kind);
        }
    }
    None
}

impl Kind {
    /// Whether `value` (not empty) is one of this kind.
    fn accepts(&self, value: &str) -> bool {
        // As an `i128`, which every `i64` is: the bounds below are all `i64`s, so a
        // number outside them is refused either way, and the crate parses one integer
        // type fewer.
        let int = value.parse::<i128>().ok();
        match (self, int) {
            (Kind::Bool, _) => matches!(value, "true" | "false"),
            (Kind::Int(min, max), Some(n)) => i128::from(*min) <= n && n <= i128::from(*max),
            (Kind::Staleness, Some(n)) => n == -1 || (90..=i128::from(I32)).contains(&n),
            (Kind::Int(..) | Kind::Staleness, None) => false,
            (Kind::Word(words), _) => words.contains(&value),
            (Kind::Pairs, _) => {
                for piece in value.split(',') {
                    if !piece.has_byte(b':') {
                        return false;
                    }
                }
                true
            }
        }
    }

    /// What a value of this kind is, for a warning.
    fn describe(&self) -> String {
        match self {
            Kind::Bool => "`true` or `false`".to_owned(),
            Kind::Int(min, max) if *max == I32 || *max == i64::MAX => {
                format!("an integer, at least {min}")
            }
            Kind::Int(min, max) => format!("an integer from {min} to {max}"),
            Kind::Staleness => "-1 or an integer, at least 90".to_owned(),
            Kind::Word(words) => format!("one of {}", words.join(", ")),
            Kind::Pairs => "comma-separated key:value pairs".to_owned(),
        }
    }
}

/// The options that may be repeated, each time adding to a list.
const LISTS: &[&str] = &["readPreferenceTags"];

fn among(list: &[&'static str], name: &str) -> bool {
    spelled_in(list, name).is_some()
}

/// `name` as `list` spells it, its case ignored.
fn spelled_in(list: &[&'static str], name: &str) -> Option<&'static str> {
    list.iter()
        .copied()
        .find(|known| eq_ignore_case(known, name))
}

/// The specification refuses user information with an unescaped `@`, or with a `:` other
/// than the one that ends the user name: it cannot say where the password ends; and a
/// `%` that does not start an escape.
fn userinfo_encoded(url: &Parsed) -> Result<(), ValueError> {
    let mut unescaped = false;
    if let Some(user) = url.uri.user {
        unescaped |= url.raw(user).contains(['@', ':']);
    }
    if let Some(password) = url.uri.password {
        unescaped |= url.raw(password).contains(['@', ':']);
    }
    if unescaped {
        return Err(ValueError::new(
            "the user name or password has an unescaped `@` or `:`: percent-encode them \
             (as %40 and %3A)",
        ));
    }
    // A `%` that starts no escape, which other types read as a `%` as their drivers do:
    // the specification's tests and the Rust driver refuse it.
    if let Some(user) = url.uri.user {
        uri::check_encoding(url.raw(user), "user name")?;
    }
    if let Some(password) = url.uri.password {
        uri::check_encoding(url.raw(password), "password")?;
    }
    Ok(())
}

/// Every option is `name=value`: the specification's tests refuse a name without `=`.
fn pairs_complete(url: &Parsed) -> Result<(), ValueError> {
    let text = url.text.as_bytes();
    let mut incomplete = false;
    for pair in &url.uri.query {
        incomplete |= text.get(pair.name.end()) != Some(&b'=');
    }
    if incomplete {
        return Err(ValueError::new(
            "an option has no `=`: write each one as name=value",
        ));
    }
    Ok(())
}

/// An option given twice (its name compared without case) with two values: which one
/// counts is left undefined by the specification, and drivers differ. The same value
/// twice is a warning (see [`MongoUrl::param_warnings`]); `readPreferenceTags` is a list.
fn repeats_agree(url: &Parsed) -> Result<(), ValueError> {
    let pairs: Vec<_> = url.query().collect();
    for (i, (name, value)) in pairs.iter().enumerate() {
        let mut conflict = false;
        if !among(LISTS, name) {
            for (before, other) in &pairs[..i] {
                conflict |= eq_ignore_case(before, name) && other != value;
            }
        }
        if conflict {
            // An unknown name might be a credential pasted in the wrong place.
            let named = if among(OPTIONS, name) {
                format!("the option `{name}` is")
            } else {
                "an option is".to_owned()
            };
            return Err(ValueError::new(format!(
                "{named} given twice with different values: drivers differ on which one \
                 counts; give it once"
            )));
        }
    }
    Ok(())
}

/// The decoded options of a URL, in order, their names compared without case.
struct Options<'a>(Vec<(Cow<'a, str>, Cow<'a, str>)>);

impl Options<'_> {
    /// Whether the option `name` is given.
    fn has(&self, name: &str) -> bool {
        for (n, _) in &self.0 {
            if eq_ignore_case(n, name) {
                return true;
            }
        }
        false
    }

    /// Whether the option `name` is given the value `true`.
    fn is_true(&self, name: &str) -> bool {
        self.value(name) == Some("true")
    }

    /// The value of the option `name`, the first given (a second with another value is
    /// refused, [`repeats_agree`]); `None` when it is not given.
    fn value(&self, name: &str) -> Option<&str> {
        for (n, value) in &self.0 {
            if eq_ignore_case(n, name) {
                return Some(value);
            }
        }
        None
    }

    /// Whether the read preference is `primary`, as it is when none is given.
    fn reads_from_primary(&self) -> bool {
        self.value("readPreference")
            .is_none_or(|mode| eq_ignore_case(mode, "primary"))
    }
}

/// The mechanisms that authenticate a user by name: the specification and the Rust
/// driver refuse them without one (the auth specification's `connection-string.json`,
/// mongodb 3's `validate_credential`). Compared as written, as that driver does.
const NEEDS_USER: [&str; 4] = ["SCRAM-SHA-1", "SCRAM-SHA-256", "PLAIN", "GSSAPI"];

/// The mechanisms whose users live in the `$external` database: `authSource` may name no
/// other.
const EXTERNAL: [&str; 3] = ["MONGODB-X509", "GSSAPI", "MONGODB-OIDC"];

/// The credentials a mechanism needs or refuses, as the auth specification's tests and
/// the Rust driver's `validate_credential` refuse them. The messages name the mechanism
/// from [`NEEDS_USER`] and [`EXTERNAL`], never what the user wrote.
fn credentials_agree(url: &Parsed, options: &Options<'_>) -> Result<(), ValueError> {
    let Some(mechanism) = options.value("authMechanism") else {
        return Ok(());
    };
    // The password as written, an empty one too: mongodb 3 tells it from none.
    let password = url.uri.password.is_some();
    let user = url.user().is_some();
    if let Some(mechanism) = NEEDS_USER.iter().find(|m| **m == mechanism) {
        if !user {
            return Err(ValueError::new(format!(
                "`authMechanism={mechanism}` needs a user name: the specification and the \
                 Rust driver, mongodb, refuse it without one; write the user before the `@`"
            )));
        }
    }
    if mechanism == "PLAIN" && !password {
        return Err(ValueError::new(
            "`authMechanism=PLAIN` needs a password: the specification and the Rust driver, \
             mongodb, refuse it without one",
        ));
    }
    if mechanism == "MONGODB-X509" && password {
        return Err(ValueError::new(
            "a password with `authMechanism=MONGODB-X509`: the specification and the Rust \
             driver, mongodb, refuse it (the client's certificate authenticates); leave the \
             password out",
        ));
    }
    if mechanism == "MONGODB-AWS" && user && !password {
        return Err(ValueError::new(
            "`authMechanism=MONGODB-AWS` with a user name (an access key ID) needs a \
             password (the secret access key): the specification and the Rust driver, \
             mongodb, refuse it without one",
        ));
    }
    if let Some(mechanism) = EXTERNAL.iter().find(|m| **m == mechanism) {
        if options
            .value("authSource")
            .is_some_and(|source| source != "$external")
        {
            return Err(ValueError::new(format!(
                "`authSource` must be `$external` with `authMechanism={mechanism}`: the \
                 specification and the Rust driver, mongodb, refuse another; leave it out"
            )));
        }
    }
    Ok(())
}

/// The options that may not be given together, whatever their values: each weakens TLS
/// in a way that overlaps the other (the URI options specification's "conflicting TLS
/// options").
const TLS_CONFLICTS: [(&str, &str); 7] = [
    ("tlsInsecure", "tlsAllowInvalidCertificates"),
    ("tlsInsecure", "tlsAllowInvalidHostnames"),
    ("tlsInsecure", "tlsDisableOCSPEndpointCheck"),
    ("tlsInsecure", "tlsDisableCertificateRevocationCheck"),
    ("tlsAllowInvalidCertificates", "tlsDisableOCSPEndpointCheck"),
    (
        "tlsAllowInvalidCertificates",
        "tlsDisableCertificateRevocationCheck",
    ),
    (
        "tlsDisableOCSPEndpointCheck",
        "tlsDisableCertificateRevocationCheck",
    ),
];

/// The combinations of options that the URI options specification (and those of load
/// balancing, DNS seed lists and SOCKS5 proxies it points to) requires drivers to refuse.
/// The messages name options, never values.
fn options_agree(url: &Parsed, srv: bool) -> Result<(), ValueError> {
    let options = Options(url.query().collect());
    let has = |name| options.has(name);
    let is_true = |name| options.is_true(name);
    for (a, b) in TLS_CONFLICTS {
        if has(a) && has(b) {
            return Err(ValueError::new(format!(
                "`{a}` and `{b}` cannot be given together (drivers refuse it); keep one"
            )));
        }
    }
    let mut first_tls = None;
    for (name, value) in &options.0 {
        if eq_ignore_case(name, "tls") || eq_ignore_case(name, "ssl") {
            match first_tls {
                None => first_tls = Some(value),
                Some(first) if first != value => {
                    return Err(ValueError::new("`tls` and `ssl` have different values"));
                }
                Some(_) => {}
            }
        }
    }
    let hosts = url.uri.hosts.len();
    if is_true("directConnection") && (hosts > 1 || srv) {
        return Err(ValueError::new(
            "`directConnection=true` takes one host, and not a mongodb+srv:// URL",
        ));
    }
    if is_true("loadBalanced") {
        if hosts > 1 {
            return Err(ValueError::new("`loadBalanced=true` takes one host"));
        }
        if is_true("directConnection") || has("replicaSet") {
            return Err(ValueError::new(
                "`loadBalanced=true` cannot be given with `directConnection=true` or \
                 `replicaSet`",
            ));
        }
    }
    for name in &["srvServiceName", "srvMaxHosts"] {
        if !srv && has(name) {
            return Err(ValueError::new(format!(
                "`{name}` is for mongodb+srv:// URLs only"
            )));
        }
    }
    let mut max_hosts = false;
    for (name, value) in &options.0 {
        // Positive as an `i64`, as the drivers read it.
        if eq_ignore_case(name, "srvMaxHosts") {
            max_hosts |=
                matches!(value.parse::<i128>(), Ok(n) if 0 < n && n <= i128::from(i64::MAX));
        }
    }
    if max_hosts && (has("replicaSet") || is_true("loadBalanced")) {
        return Err(ValueError::new(
            "a positive `srvMaxHosts` cannot be given with `replicaSet` or `loadBalanced=true`",
        ));
    }
    if !has("proxyHost") {
        for name in &["proxyPort", "proxyUsername", "proxyPassword"] {
            if has(name) {
                return Err(ValueError::new(format!(
                    "`{name}` is given without `proxyHost`"
                )));
            }
        }
    }
    if has("proxyUsername") != has("proxyPassword") {
        return Err(ValueError::new(
            "`proxyUsername` and `proxyPassword` go together",
        ));
    }
    // TLS options where TLS is off: mongodb 3 refuses them in either order, and so does
    // PyMongo; the specification says nothing.
    if let Some(off) = ["tls", "ssl"]
        .into_iter()
        .find(|name| options.value(name) == Some("false"))
    {
        for (name, _) in &options.0 {
            let Some(known) = spelled_in(OPTIONS, name) else {
                continue;
            };
            if known.starts_with("tls") && known != "tls" {
                return Err(ValueError::new(format!(
                    "`{known}` is given with `{off}=false`: the Rust driver, mongodb, refuses \
                     it, and so does PyMongo; set `{off}=true` or leave `{known}` out"
                )));
            }
        }
    }
    // Tags and a maximum staleness select secondaries: with the primary mode (the
    // default) the server selection and max staleness specifications refuse them, and so
    // does mongodb 3. A tag value that is not `key:value` pairs is only a warning (the
    // URI options tests), and an empty one is the default tag set.
    if options.reads_from_primary() {
        for (name, value) in &options.0 {
            if eq_ignore_case(name, "readPreferenceTags")
                && !value.is_empty()
                && Kind::Pairs.accepts(value)
            {
                return Err(ValueError::new(
                    "`readPreferenceTags` needs a `readPreference` other than `primary` (the \
                     default): the specification and the Rust driver, mongodb, refuse tags \
                     with the primary mode",
                ));
            }
            if eq_ignore_case(name, "maxStalenessSeconds")
                && Kind::Staleness.accepts(value)
                && value != "-1"
            {
                return Err(ValueError::new(
                    "`maxStalenessSeconds` needs a `readPreference` other than `primary` (the \
                     default): the specification and the Rust driver, mongodb, refuse it \
                     with the primary mode",
                ));
            }
        }
    }
    // The read and write concern specification's tests refuse these.
    if let Some(w) = options.value("w").and_then(|w| w.parse::<i128>().ok()) {
        if w < 0 {
            return Err(ValueError::new(
                "`w` is negative: the specification and the Rust driver, mongodb, refuse it; \
                 give the number of servers that acknowledge a write, or `majority`",
            ));
        }
        if w == 0 && is_true("journal") {
            return Err(ValueError::new(
                "`w=0` (unacknowledged writes) cannot be given with `journal=true`: the \
                 specification and the Rust driver, mongodb, refuse it",
            ));
        }
    }
    credentials_agree(url, &options)
}

/// What drivers do with a value the specification says to ignore with a warning: the
/// Rust driver (mongodb 3) refuses the whole string (`parse_option_pair`).
const IGNORED: &str = "drivers that follow the specification ignore it with a warning; the \
                       Rust driver, mongodb, refuses the string";

/// What drivers do with an option the Rust driver does not implement.
const NOT_IN_RUST: &str = "the Rust driver, mongodb, does not implement it and refuses the \
                           string; drivers that follow the specification read it, or ignore \
                           it with a warning";

/// The options of the specification that mongodb 3 does not implement (its own run of the
/// specification's tests skips them): it refuses a string that holds one.
const UNIMPLEMENTED: [&str; 8] = [
    "gssapiServiceName",
    "serverSelectionTryOnce",
    "socketTimeoutMS",
    "timeoutMS",
    "tlsAllowInvalidHostnames",
    "tlsDisableCertificateRevocationCheck",
    "tlsDisableOCSPEndpointCheck",
    "waitQueueMultiple",
];

/// What drivers do with an option given twice with the same value.
const REFUSED_BY_RUST: &str = "the Rust driver, mongodb, refuses the string; drivers that \
                               follow the specification take one";

impl MongoUrl {
    fn from_text(text: &str) -> Result<Self, ValueError> {
        let (scheme, colon) = uri::scheme(text, &SCHEMES)?;
        let uri = Uri::parse_with(text, colon, true, true)?;
        let url = Parsed::checked(text, uri, |url| {
            // The specification compares options' names without case: so does `param`.
            url.names_any_case = true;
            url.known_names = OPTIONS;
            url.require_authority("mongodb://user:password@host:27017/database")?;
            userinfo_encoded(url)?;
            pairs_complete(url)?;
            repeats_agree(url)?;
            url.no_fragment("a MongoDB URL")?;
            if url.uri.hosts.is_empty() {
                return Err(ValueError::new("missing host"));
            }
            // A name beyond ASCII is the specification's (`valid-host_identifiers.json`).
            url.hosts_as_written("the Rust driver, mongodb, takes it as written", false)?;
            if scheme == "mongodb+srv" {
                url.one_network_host("a mongodb+srv:// URL")?;
                if url.uri.hosts[0].port.is_some() {
                    return Err(ValueError::new(
                        "a mongodb+srv:// URL takes no port: the port comes from DNS",
                    ));
                }
            }
            if url.path_segment().is_some_and(|db| db.has_byte(b'/')) {
                return Err(ValueError::new(
                    "a MongoDB database name cannot contain `/`",
                ));
            }
            // The Rust driver drops a password that comes without a user, and refuses an
            // empty `authSource` (`ConnectionString::parse`).
            if url.user().is_none() && url.password().is_some() {
                return Err(ValueError::new(
                    "a password without a user name: the Rust driver, mongodb, does not \
                     authenticate with it; write the user before the `:`",
                ));
            }
            if url.uri.user.is_some() && url.user().is_none() {
                return Err(ValueError::new(
                    "an empty user name before the `@`: the specification and the Rust \
                     driver, mongodb, refuse it; write the user, or leave out the `@`",
                ));
            }
            if url
                .named_query()
                .any(|(name, value)| eq_ignore_case(&name, "authSource") && value.is_empty())
            {
                return Err(ValueError::new(
                    "`authSource` is empty: the Rust driver, mongodb, refuses it; leave it out \
                     (the database of the path, or `admin`, is the default)",
                ));
            }
            // mongodb 3's `ILLEGAL_DATABASE_CHARACTERS`, which the server refuses too.
            if url
                .path_segment()
                .is_some_and(|db| db.contains(['\\', ' ', '"', '$']))
            {
                return Err(ValueError::new(
                    "a MongoDB database name cannot contain `\\`, a space, `\"` or `$`: the \
                     Rust driver, mongodb, refuses it, and so does the server; for the \
                     `$external` database, write `authSource=%24external` and no database",
                ));
            }
            options_agree(url, scheme == "mongodb+srv")?;
            url.hosts = url.uri_hosts(27017);
            Ok(())
        })?;
        Ok(MongoUrl { url })
    }

    /// Unknown URI options (compared without case, as the specification says).
    /// Also an option repeated with the same value, an empty number or boolean (drivers
    /// ignore it), and a piece of `authMechanismProperties` without `:` (a value with a
    /// comma, which drivers cannot read).
    fn param_warnings(&self, warn: &mut dyn FnMut(String)) {
        // Only a piece with `=` is accepted (`pairs_complete`): here a rest is `=rest`.
        self.url.tail_warning(
            "the Rust driver, mongodb, refuses an option without a name",
            warn,
        );
        let options = Options(self.url.named_query().collect());
        let primary = options.reads_from_primary();
        let pairs = &options.0;
        for (i, (name, value)) in pairs.iter().enumerate() {
            let Some(known) = spelled_in(OPTIONS, name) else {
                warn(uri::unknown_param(
                    name,
                    OPTIONS,
                    "the Rust driver, mongodb, refuses an unknown option; drivers that follow \
                     the specification ignore it",
                ));
                continue;
            };
            let mut repeated = false;
            for (before, _) in &pairs[..i] {
                repeated |= eq_ignore_case(before, name);
            }
            if repeated && !among(LISTS, name) {
                warn(format!(
                    "the option `{known}` is given more than once ({REFUSED_BY_RUST})"
                ));
            }
            if among(&UNIMPLEMENTED, known) {
                warn(format!(
                    "the option `{known}` is not implemented ({NOT_IN_RUST})"
                ));
            }
            if known == "maxPoolSize" && value.parse::<i128>() == Ok(0) {
                warn(
                    "`maxPoolSize=0` means no limit to drivers that follow the specification; \
                     the Rust driver, mongodb, refuses the string (give a positive limit)"
                        .to_owned(),
                );
            }
            if known == "uuidRepresentation"
                && !["csharpLegacy", "javaLegacy", "pythonLegacy"]
                    .iter()
                    .any(|v| eq_ignore_case(v, value))
            {
                warn(
                    "the option `uuidRepresentation` is not csharpLegacy, javaLegacy or \
                     pythonLegacy (the Rust driver, mongodb, refuses the string; drivers that \
                     follow the specification also read standard and unspecified)"
                        .to_owned(),
                );
            }
            match kind(name) {
                Some(Kind::Pairs) | None => {}
                Some(_) if value.is_empty() => {
                    warn(format!("the option `{known}` is empty ({IGNORED})"))
                }
                Some(kind) if !kind.accepts(value) => warn(format!(
                    "the option `{known}` is not {} ({IGNORED})",
                    kind.describe()
                )),
                Some(_) => {}
            }
            if known == "readPreferenceTags" && value.is_empty() && primary {
                warn(
                    "the option `readPreferenceTags` is empty, with no `readPreference` other \
                     than `primary` (the Rust driver, mongodb, refuses the string; drivers \
                     that follow the specification read an empty tag set as the default)"
                        .to_owned(),
                );
            }
            if eq_ignore_case(known, "readPreferenceTags")
                && !value.is_empty()
                && !Kind::Pairs.accepts(value)
            {
                warn(format!(
                    "the option `readPreferenceTags` is not comma-separated key:value pairs \
                     ({IGNORED})"
                ));
            }
            // Its pieces are `key:value` pairs, as `Kind::Pairs` reads them.
            if eq_ignore_case(known, "authMechanismProperties") && !Kind::Pairs.accepts(value) {
                warn(
                    "a piece of `authMechanismProperties` has no `:` (its values cannot hold \
                     a comma; MongoDB drivers do not read it)"
                        .to_owned(),
                );
            }
        }
    }

    fn redacted(&self) -> String {
        self.url.redacted(false)
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

    /// The warnings of `text`'s options.
    fn warnings(text: &str) -> Vec<String> {
        let mut all = Vec::new();
        mongo(text).param_warnings(&mut |w| all.push(w));
        all
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
        // Without case, as drivers read it.
        let url = mongo("mongodb://h/?replicaset=rs0&TLS=true");
        assert_eq!(url.param("replicaSet").as_deref(), Some("rs0"));
        assert_eq!(url.param("tls").as_deref(), Some("true"));
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
    fn relative_socket_paths_are_sockets() {
        let url = mongo("mongodb://rel%2Fmongodb-27017.sock,mongodb-27018.sock/admin.sock");
        let hosts = url.hosts();
        assert_eq!(
            hosts[0].socket(),
            Some(std::path::Path::new("rel/mongodb-27017.sock"))
        );
        assert!(!hosts[1].is_socket());
        assert_eq!(url.database().as_deref(), Some("admin.sock"));
    }

    #[test]
    fn userinfo_and_options_follow_the_specification() {
        for text in [
            "mongodb://alice:foo:bar@h",
            "mongodb://alice@@h",
            "mongodb://alice@foo:bar@h",
        ] {
            assert!(reason(text).contains("unescaped `@` or `:`"), "{text}");
        }
        assert!(reason("mongodb://h/?w").contains("no `=`"));
        assert!(reason("mongodb://h/?w=1&W=2").contains("given twice"));
        assert!(reason("mongodb://h/?xyz=1&xyz=2").starts_with("an option is given twice"));
        let url = mongo(
            "mongodb://h/?readPreference=secondary&readPreferenceTags=dc:ny&readPreferenceTags=",
        );
        assert_eq!(url.param("readPreferenceTags").as_deref(), Some("dc:ny"));
    }

    /// The Rust driver takes a host name as written (lower-cased): `h%2Dx` is not `h-x`
    /// to it. A socket path percent-encoded, and a name beyond ASCII (the
    /// specification's), are read.
    #[test]
    fn a_database_name_the_driver_refuses_is_refused() {
        for text in [
            "mongodb://h/my%20db",
            "mongodb://h/a$b",
            "mongodb://h/a%22b",
            "mongodb://h/%24external",
            "mongodb://h/a%5Cb",
        ] {
            let reason = MongoUrl::parse(text).unwrap_err();
            assert!(
                reason.reason().contains("mongodb, refuses it"),
                "{text}: {reason}"
            );
        }
        assert_eq!(mongo("mongodb://h/a.b").database().as_deref(), Some("a.b"));
        for (text, want) in [
            ("mongodb://:S3cr3t@h/db", "a password without a user name"),
            ("mongodb://u:p@h/db?authSource=", "`authSource` is empty"),
            ("mongodb://u:p@h/db?authsource=", "`authSource` is empty"),
        ] {
            let reason = MongoUrl::parse(text).unwrap_err();
            assert!(reason.reason().contains(want), "{text}: {reason}");
        }
        mongo("mongodb://u:p@h/?authSource=%24external&authMechanism=PLAIN");
    }

    #[test]
    fn a_percent_encoded_host_name_is_refused() {
        let reason = MongoUrl::parse("mongodb://h%2Dx/db").unwrap_err();
        assert!(
            reason.reason().contains("mongodb, takes it as written"),
            "{reason}"
        );
        assert!(mongo("mongodb://%2Ftmp%2Fmongodb-27017.sock/db").hosts()[0].is_socket());
        mongo("mongodb://bücher.example/db");
    }

    #[test]
    fn warnings_of_the_specification() {
        assert_eq!(
            warnings("mongodb://h/?replicaSet=rs&replicaset=rs&journal=&appName="),
            [
                format!("the option `replicaSet` is given more than once ({REFUSED_BY_RUST})"),
                format!("the option `journal` is empty ({IGNORED})"),
            ]
        );
        assert_eq!(
            warnings("mongodb://h/?authMechanismProperties=TOKEN_RESOURCE:a%2Cb"),
            [
                "a piece of `authMechanismProperties` has no `:` (its values cannot hold a \
                 comma; MongoDB drivers do not read it)"
            ]
        );
        assert!(
            warnings(
                "mongodb://h/?readPreference=nearest&readPreferenceTags=a:1&readPreferenceTags=b:2"
            )
            .is_empty()
        );
    }

    #[test]
    fn values_outside_the_specification_are_warnings() {
        assert_eq!(
            warnings("mongodb://h/?tls=yes&zlibCompressionLevel=10&maxStalenessSeconds=30"),
            [
                format!("the option `tls` is not `true` or `false` ({IGNORED})"),
                format!(
                    "the option `zlibCompressionLevel` is not an integer from -1 to 9 ({IGNORED})"
                ),
                format!(
                    "the option `maxStalenessSeconds` is not -1 or an integer, at least 90 ({IGNORED})"
                ),
            ]
        );
        assert_eq!(
            warnings("mongodb://h/?readPreferenceTags=dc&serverMonitoringMode=push"),
            [
                format!(
                    "the option `readPreferenceTags` is not comma-separated key:value pairs ({IGNORED})"
                ),
                format!(
                    "the option `serverMonitoringMode` is not one of stream, poll, auto ({IGNORED})"
                ),
            ]
        );
        assert!(
            warnings(
                "mongodb://h/?w=majority&maxStalenessSeconds=-1&readPreference=nearest\
                 &readPreferenceTags="
            )
            .is_empty()
        );
    }

    #[test]
    fn conflicting_options_are_refused() {
        for (text, part) in [
            (
                "mongodb://h/?tlsInsecure=true&tlsAllowInvalidHostnames=false",
                "together",
            ),
            ("mongodb://h/?tls=true&ssl=false", "different values"),
            ("mongodb://a,b/?directConnection=true", "one host"),
            (
                "mongodb+srv://c.example.net/?directConnection=true",
                "one host",
            ),
            (
                "mongodb://h/?loadBalanced=true&replicaSet=rs",
                "cannot be given",
            ),
            ("mongodb://h/?srvMaxHosts=2", "mongodb+srv:// URLs only"),
            (
                "mongodb+srv://c.example.net/?srvMaxHosts=2&replicaSet=rs",
                "srvMaxHosts",
            ),
            (
                "mongodb://h/?proxyPassword=Sup3rS3cret",
                "without `proxyHost`",
            ),
            ("mongodb://h/?proxyHost=p&proxyUsername=u", "go together"),
        ] {
            let why = reason(text);
            assert!(why.contains(part), "{text}: {why}");
            assert!(!why.contains("Sup3rS3cret"));
        }
        mongo("mongodb://a,b/?directConnection=false&tls=true&ssl=true");
        mongo("mongodb+srv://c.example.net/?srvMaxHosts=0&replicaSet=rs");
    }

    /// What the auth, server selection and read and write concern specifications' tests
    /// refuse, and mongodb 3 with them (`validate_credential`, `parse_options`,
    /// `WriteConcern::validate`), and what that driver alone refuses: TLS options with
    /// TLS off, an IPv6 zone.
    #[test]
    fn combinations_the_specification_and_the_rust_driver_refuse() {
        for (text, part) in [
            (
                "mongodb://u:Sup3rS3cret@h/?authMechanism=MONGODB-X509",
                "a password with `authMechanism=MONGODB-X509`",
            ),
            (
                "mongodb://u:@h/?authMechanism=MONGODB-X509",
                "a password with `authMechanism=MONGODB-X509`",
            ),
            (
                "mongodb://h/?authMechanism=SCRAM-SHA-256",
                "`authMechanism=SCRAM-SHA-256` needs a user name",
            ),
            (
                "mongodb://h/?authMechanism=SCRAM-SHA-1",
                "`authMechanism=SCRAM-SHA-1` needs a user name",
            ),
            (
                "mongodb://h/?authMechanism=PLAIN",
                "`authMechanism=PLAIN` needs a user name",
            ),
            (
                "mongodb://u@h/?authMechanism=PLAIN",
                "`authMechanism=PLAIN` needs a password",
            ),
            (
                "mongodb://AKIDSup3rS3cret@h/?authMechanism=MONGODB-AWS",
                "needs a password (the secret access key)",
            ),
            (
                "mongodb://CN%3Dme@h/?authMechanism=MONGODB-X509&authSource=Sup3rS3cret",
                "`authSource` must be `$external`",
            ),
            ("mongodb://@h/", "an empty user name before the `@`"),
            ("mongodb://:@h/", "an empty user name before the `@`"),
            (
                "mongodb://h/?readPreferenceTags=dc:ny",
                "`readPreferenceTags` needs a `readPreference` other than `primary`",
            ),
            (
                "mongodb://h/?readPreference=PRIMARY&readPreferenceTags=dc:ny,rack:1",
                "`readPreferenceTags` needs a `readPreference` other than `primary`",
            ),
            (
                "mongodb://h/?maxStalenessSeconds=120",
                "`maxStalenessSeconds` needs a `readPreference` other than `primary`",
            ),
            (
                "mongodb://h/?w=0&journal=true",
                "`w=0` (unacknowledged writes)",
            ),
            ("mongodb://h/?w=-1", "`w` is negative"),
            (
                "mongodb://h/?tls=false&tlsCAFile=/ca.pem",
                "`tlsCAFile` is given with `tls=false`",
            ),
            (
                "mongodb://h/?tlsinsecure=true&ssl=false",
                "`tlsInsecure` is given with `ssl=false`",
            ),
            (
                "mongodb://[fe80::1%25eth0]:27017/",
                "an IPv6 address with a zone",
            ),
        ] {
            let why = reason(text);
            assert!(why.contains(part), "{text}: {why}");
            assert!(!why.contains("Sup3rS3cret"), "{why}");
        }
        for text in [
            "mongodb://CN%3Dme@h/?authMechanism=MONGODB-X509",
            "mongodb://CN%3Dme@h/?authMechanism=MONGODB-X509&authSource=%24external",
            "mongodb://u:p@h/?authMechanism=SCRAM-SHA-256",
            "mongodb://u:@h/?authMechanism=PLAIN",
            "mongodb://h/?authMechanism=MONGODB-AWS",
            "mongodb://h/?readPreference=secondary&readPreferenceTags=dc:ny",
            "mongodb://h/?readPreferenceTags=invalid",
            "mongodb://h/?readPreference=nearest&maxStalenessSeconds=120",
            "mongodb://h/?maxStalenessSeconds=-1",
            "mongodb://h/?w=0&journal=false",
            "mongodb://h/?tls=true&tlsCAFile=/ca.pem",
            "mongodb://h/?tls=false&ssl=false",
            "mongodb://[::1]:27017/",
        ] {
            mongo(text);
        }
    }

    /// What the specification reads and mongodb 3 refuses: a warning that says so.
    #[test]
    fn what_only_the_rust_driver_refuses_is_a_warning() {
        for (text, part) in [
            (
                "mongodb://h/?timeoutMS=100",
                "`timeoutMS` is not implemented",
            ),
            (
                "mongodb://h/?socketTimeoutMS=100",
                "`socketTimeoutMS` is not implemented",
            ),
            (
                "mongodb://h/?tlsAllowInvalidHostnames=true",
                "`tlsAllowInvalidHostnames` is not implemented",
            ),
            (
                "mongodb://h/?maxPoolSize=0",
                "`maxPoolSize=0` means no limit",
            ),
            (
                "mongodb://h/?uuidRepresentation=standard",
                "`uuidRepresentation` is not csharpLegacy",
            ),
            (
                "mongodb://h/?readPreferenceTags=",
                "`readPreferenceTags` is empty, with no `readPreference`",
            ),
        ] {
            let all = warnings(text);
            assert!(all.len() == 1 && all[0].contains(part), "{text}: {all:?}");
            assert!(all[0].contains("the Rust driver, mongodb"), "{all:?}");
        }
        // A name the type knows is shown, though long enough to look like a token.
        let url = mongo("mongodb://h/?tls=true&tlsDisableCertificateRevocationCheck=true");
        assert_eq!(
            url.to_string(),
            "mongodb://h/?tls=true&tlsDisableCertificateRevocationCheck=true"
        );
        for text in [
            "mongodb://h/?maxPoolSize=10",
            "mongodb://h/?uuidRepresentation=javaLegacy",
            "mongodb://h/?readPreference=secondary&readPreferenceTags=",
        ] {
            assert!(warnings(text).is_empty(), "{text}");
        }
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
                "unknown parameter `retryWrite`; did you mean `retryWrites`? (the Rust \
                 driver, mongodb, refuses an unknown option; drivers that follow the \
                 specification ignore it)"
            ]
        );
    }
}
