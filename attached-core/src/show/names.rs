//! Which names are secret: a variable's ([`is_secret_name`]) and a setting's or query
//! parameter's ([`is_sensitive_param`]). One place decides both, so the generated `Debug`,
//! the startup summary, errors, docs and the masker agree on what is hidden. The rules err
//! toward hiding: over-redacting costs a line of log, under-redacting leaks a credential.

use std::borrow::Cow;

use crate::text::{
    self, AsciiSearch, bytes_eq_ignore_case, contains_ignore_case, ends_with_ignore_case,
    eq_ignore_case,
};

/// Whether a variable with this name holds a credential. Case is ignored. A name is secret
/// when it
///
/// - ends in `PASSWORD`, `PASSWD`, `PASSPHRASE`, `SECRET`, `TOKEN` or `KEY`, or one of
///   these followed by `S` (`DB_PASSWORD`, `API_TOKENS`, `STRIPE_SECRET_KEY`), also before
///   words that only say which one or how it is written (a number, `V2`, `PRIMARY`,
///   `READONLY`, `LIVE`, `OLD`, `PEM`, `B64`, `HEX`, ...: `OPENAI_API_KEY_2`,
///   `GITHUB_TOKEN_READONLY`, `SIGNING_KEY_B64`);
/// - has `KEY`, `TOKEN` (or `KEYS`, `TOKENS`, `APIKEY`, `ACCESSTOKEN`, `AUTHTOKEN`) as one
///   of its words, anywhere, and does not end in a word that names something *about* the
///   key (`ID`, `TTL`, `FILE`, `PATH`, `URL`, `NAME`, `PREFIX`, `LENGTH`, `DIR`, ...):
///   `GITHUB_TOKEN_EU`, `API_KEY_DATA` and `TOKEN_VALUE` are secret, `AWS_ACCESS_KEY_ID`,
///   `TOKEN_TTL` and `KEY_VAULT_URL` are not;
/// - contains `SECRET`, `PASSWORD`, `CREDENTIAL` or `PRIVATE` anywhere
///   (`SECRET_KEY_BASE`, `GOOGLE_APPLICATION_CREDENTIALS`, `TLS_PRIVATE_KEY_PATH`);
/// - has, as one of its words (the parts between `_`, `-` and `.`), `PWD`, `PASS`, `JWT`,
///   `BEARER`, `AUTH`, `COOKIE`, `SALT`, `HMAC`, `OTP`, `TOTP`, `HOTP`, `WEBHOOK`, `DSN`
///   or `PAT` (a personal access token), or one of these followed by `S` (`APP_PWD`,
///   `SMTP_PASS`, `SESSION_COOKIE`, `SLACK_WEBHOOK_URL`, `TOTP_SEED`, `BASIC_AUTH_USER`,
///   `SENTRY_DSN`, `GITHUB_PAT`);
/// - or names a credential the masker hides in a `NAME=value` text ([`is_sensitive_param`]),
///   so that a field and a line of its name agree: `PW`, `PWORD`, `PASSW`, `SSHPASS`,
///   `SAS`, `CREDS` as one of its words (`DB_PW`, `STORAGE_SAS`, `DB_CREDS`),
///   `SIGNATURE`, `AUTHORIZATION`, `PASSCODE` or `SESSIONID` as one of its words but for
///   a last word about it (`WEBHOOK_SIGNATURE`, `PROXY_AUTHORIZATION`; not
///   `SIGNATURE_ALGORITHM`), likewise `KEYSTORE`, `KEYTAB` and `KEYRING` (not
///   `KEYSTORE_PATH`), `SESSION_ID` and a word ending in `SESSIONID` or `SESSID`
///   (`JSESSIONID`, `PHPSESSID`), `PASSWORT` at the end, and a credential's name misspelt
///   by a letter or two (`DB_PASWORD`, `GITHUB_TOKN`);
/// - ends in the word for a password in another language (`KENNWORT`, `SENHA`,
///   `CONTRASENA`, `MOT_DE_PASSE`, `PAROLA`, `HASLO`, `WACHTWOORD`, `LOSENORD`,
///   `SALASANA`, `JELSZO`, `HESLO`, `SIFRE`), or holds a wallet's seed or recovery codes
///   (`MNEMONIC`, `SEED_PHRASE`, `WALLET_SEED`, `RECOVERY_CODES`, `BACKUP_CODES`) or
///   Vault's `ROOT_TOKEN`;
/// - has for its last word a password's short name glued to what it is for (`DBPASS`,
///   `ROOTPWD`, `LDAP_BINDPW`; not `BYPASS`, `COMPASS`, `OLDPWD`), `PIN` (`CARD_PIN`,
///   `PIN_CODE`; not a microcontroller's `LED_PIN`), `SESSION` after another word
///   (`BW_SESSION`, and 1Password's `OP_SESSION_*`), or `SK` after another word
///   (`STRIPE_SK`);
/// - or is any of these with a number glued to its end (`DB_PASS2`, `STRIPE_KEY2`).
///
/// A word must be whole: `PASSTHROUGH_MODE`, `COMPASS_URL`, `AUTHOR_NAME`, `OAUTH_ISSUER`,
/// `KEYSPACE` and `TOKENIZERS_PARALLELISM` are not secret. The rules err toward hiding: a
/// name such as `PRIMARY_KEY_COLUMN` or `MAX_TOKENS` is secret too, and is shown when marked
/// `#[attached(not_secret)]`. `PWD` alone is secret too, though a shell uses it for its
/// working directory: hiding a path costs little. A DSN carries its credentials (a Sentry
/// DSN its key): mark a DSN that is meant to be seen `not_secret` or `public`, and it is
/// shown with its credentials masked (see [`mask`](crate::mask)).
///
/// A field is secret when its own part of the variable's name, one of its `fallback`
/// names, or the name of a `nested` field it sits in is such a name, unless it is marked
/// `#[attached(public)]` or `#[attached(not_secret)]`; the struct's `prefix` is not looked
/// at (a struct's `Debug` cannot know under which prefix it was read, and it must agree
/// with the summary).
///
/// ```
/// use attached::is_secret_name;
/// assert!(is_secret_name("BILLING_STRIPE_SECRET_KEY"));
/// assert!(is_secret_name("DB_PASSWORD"));
/// assert!(is_secret_name("GOOGLE_APPLICATION_CREDENTIALS"));
/// assert!(is_secret_name("SMTP_PASS"));
/// assert!(is_secret_name("SLACK_WEBHOOK_URL"));
/// assert!(is_secret_name("GITHUB_TOKEN_EU"));
/// assert!(!is_secret_name("AWS_ACCESS_KEY_ID"));
/// assert!(!is_secret_name("TOKEN_TTL"));
/// assert!(!is_secret_name("PASSTHROUGH_MODE"));
/// assert!(!is_secret_name("BILLING_LISTEN"));
/// ```
pub fn is_secret_name(name: &str) -> bool {
    // A number glued to the name says which one (`DB_PASS2`, `STRIPE_KEY2`), as a number
    // after a `_` does.
    numbered_secret_name(name, true)
}

/// [`secret_name`] of `name`, and of `name` without a number glued to its end.
fn numbered_secret_name(name: &str, private: bool) -> bool {
    let unnumbered = name.trim_end_matches(|c: char| c.is_ascii_digit());
    let glued = unnumbered.ends_with(|c: char| c.is_ascii_alphabetic());
    if unnumbered.len() < name.len() && glued && secret_name(unnumbered, private) {
        return true;
    }
    secret_name(name, private)
}

/// [`is_secret_name`] of a name as written; with `private`, a name that holds `PRIVATE`
/// too (a setting's `private: true` is a flag: [`is_sensitive_param`] leaves it out).
fn secret_name(name: &str, private: bool) -> bool {
    const ENDS: [&str; 21] = [
        "PASSWORD",
        "PASSWD",
        "PASSPHRASE",
        "SECRET",
        "TOKEN",
        "KEY",
        // The word for a password in other languages, as a name may end in it
        // (`DB_PASSWORT`, `DB_SENHA`): German, Portuguese, Spanish, Catalan, French,
        // Italian, Polish, Dutch, Swedish, Finnish, Hungarian, Czech and Slovak, Turkish.
        "PASSWORT",
        "KENNWORT",
        "SENHA",
        "CONTRASENA",
        "CONTRASENYA",
        "MOT_DE_PASSE",
        "MOTDEPASSE",
        "PAROLA",
        "HASLO",
        "WACHTWOORD",
        "LOSENORD",
        "SALASANA",
        "JELSZO",
        "HESLO",
        "SIFRE",
    ];
    const CONTAINS: [&str; 10] = [
        "SECRET",
        "PASSWORD",
        "CREDENTIAL",
        "PRIVATE",
        // A wallet's seed is its keys; a recovery code is a password; Vault's dev root
        // token's id is the token itself.
        "MNEMONIC",
        "SEED_PHRASE",
        "SEEDPHRASE",
        "RECOVERY_CODE",
        "BACKUP_CODE",
        "ROOT_TOKEN",
    ];
    const WORDS: [&str; 21] = [
        "PWD", "PASS", "JWT", "BEARER", "AUTH", "COOKIE", "SALT", "HMAC", "OTP", "TOTP", "HOTP",
        "WEBHOOK", "DSN", "PAT", "PW", "PWORD", "PASSW", "SSHPASS", "SAS", "CREDS", "PSWD",
    ];
    const KEY_WORDS: [&str; 17] = [
        "KEY",
        "KEYS",
        "TOKEN",
        "TOKENS",
        "APIKEY",
        "APIKEYS",
        "ACCESSTOKEN",
        "AUTHTOKEN",
        "SIGNATURE",
        "SIGNATURES",
        "AUTHORIZATION",
        "PASSCODE",
        "PASSCODES",
        "SESSIONID",
        // Files that hold the key material itself (not their `_PATH`).
        "KEYSTORE",
        "KEYTAB",
        "KEYRING",
    ];
    let upper = name.to_ascii_uppercase();
    // Words that say which key or token, or how it is written, not what it is:
    // `API_KEY_2`, `GITHUB_TOKEN_READONLY`, `SIGNING_KEY_B64` end in a key all the same.
    let mut unqualified = upper.as_str();
    while let Some((rest, last)) = unqualified.rsplit_once(['_', '-', '.']) {
        if !is_qualifier(last) {
            break;
        }
        unqualified = rest;
    }
    for name in [upper.as_str(), unqualified] {
        let stem = name.strip_suffix('S').unwrap_or(name);
        for end in &ENDS {
            if stem.ends_with(end) || name.ends_with(end) {
                return true;
            }
        }
    }
    for part in &CONTAINS {
        if (private || *part != "PRIVATE") && text::contains(&upper, part) {
            return true;
        }
    }
    // A key or a token before words that say more than which one is the key all the same
    // (`GITHUB_TOKEN_EU`, `API_KEY_DATA`, `TOKEN_VALUE`), unless the name ends in something
    // about it (`AWS_ACCESS_KEY_ID`, `TOKEN_TTL`, `KEY_VAULT_URL`).
    let mut words = unqualified.split(['_', '-', '.']);
    let about_it = unqualified
        .rsplit(['_', '-', '.'])
        .next()
        .is_some_and(|last| PROPERTIES.iter().any(|p| eq_ignore_case(p, last)));
    if !about_it && words.any(|word| KEY_WORDS.contains(&word)) {
        return true;
    }
    for word in upper.split(['_', '-', '.']) {
        if WORDS.contains(&word) || WORDS.contains(&word.strip_suffix('S').unwrap_or(word)) {
            return true;
        }
    }
    // A session's id is the session: `SESSION_ID`, `APP_SESSION_ID`, and a word ending in
    // one, as servers name their session cookies (`JSESSIONID`, `PHPSESSID`).
    let session_id = upper.ends_with("SESSION_ID")
        && (upper.len() == "SESSION_ID".len()
            || upper[..upper.len() - 10].ends_with(['_', '-', '.']));
    session_id
        || upper
            .split(['_', '-', '.'])
            .any(|word| word.ends_with("SESSIONID") || word.ends_with("SESSID"))
        || glued_or_last_word(&upper)
        // A credential's name misspelt (`DB_PASWORD`, `GITHUB_TOKN`), as the masker reads
        // it in `NAME=value`, unless the name is only about one (`TOKEN_TTL`).
        || (misspells_a_credential(unqualified) && !only_about_a_credential(unqualified))
}

/// The last word of a name: a password's short name glued to what it is for (`DBPASS`,
/// `ROOTPWD`, `LDAP_BINDPW`; not `BYPASS`, `COMPASS`, `OLDPWD`), a PIN (`CARD_PIN`,
/// `PIN_CODE`), a session (`BW_SESSION`, 1Password's `OP_SESSION_MY`; not
/// `SESSION_DRIVER`), a wallet's seed (`WALLET_SEED`, `MASTER_SEED`), a secret key written
/// short after what it is for (`STRIPE_SK`).
fn glued_or_last_word(upper: &str) -> bool {
    // English words that end in `PASS` and are not a password.
    const NOT_PASSWORDS: [&str; 10] = [
        "BYPASS",
        "COMPASS",
        "ENCOMPASS",
        "SURPASS",
        "TRESPASS",
        "OVERPASS",
        "UNDERPASS",
        "ONEPASS",
        "TWOPASS",
        "MULTIPASS",
    ];
    // What a microcontroller's pin is for (`LED_PIN=13`): a pin, not a PIN.
    const HARDWARE: [&str; 16] = [
        "LED", "GPIO", "RESET", "RST", "DATA", "CLOCK", "CLK", "IRQ", "SDA", "SCL", "TX", "RX",
        "BUTTON", "RELAY", "PWM", "SENSOR",
    ];
    let mut words = upper.rsplit(['_', '-', '.']);
    let last = words.next().unwrap_or_default();
    let before = words.next();
    let glued = |short: &str| last.len() > short.len() + 1 && last.ends_with(short);
    (glued("PASS") && !NOT_PASSWORDS.contains(&last))
        || (glued("PWD") && last != "OLDPWD")
        || glued("PW")
        || (last == "PIN" && !before.is_some_and(|word| HARDWARE.contains(&word)))
        || upper.contains("PIN_CODE")
        || upper.contains("PINCODE")
        || (last == "SESSION" && before.is_some())
        || upper.starts_with("OP_SESSION_")
        || (last == "SEED" && matches!(before, Some("WALLET" | "MASTER")))
        || (last == "SK" && before.is_some())
}

/// What a name of several words can end in and not be a credential, only something about
/// one: [`is_secret_name`] and [`is_sensitive_param`] let such names off (`TOKEN_TTL`,
/// `key_prefix`). Lower case; names are compared without case. Not `header`: `auth_header`
/// may hold the header's value.
const PROPERTIES: [&str; 61] = [
    "ttl",
    "prefix",
    "suffix",
    "length",
    "len",
    "count",
    "budget",
    "policy",
    "id",
    "ids",
    "source",
    "store",
    "type",
    "alg",
    "algorithm",
    "issuer",
    "mode",
    "enabled",
    "disabled",
    "method",
    // How a login is made: AMQP's `auth_mechanism=plain`, Kafka's `sasl.mechanism`.
    "mechanism",
    "mechanisms",
    "file",
    "path",
    "name",
    "format",
    "size",
    "limit",
    "timeout",
    "days",
    "hours",
    "minutes",
    "seconds",
    "rotation",
    "expiry",
    "lifetime",
    "url",
    "uri",
    "endpoint",
    "dir",
    "directory",
    "bits",
    "interval",
    "audience",
    "scope",
    "scopes",
    "namespace",
    "required",
    "attrs",
    // Kafka's and Java's settings about keys: `key.serializer`, `ssl.keystore.location`.
    "serializer",
    "deserializer",
    "converter",
    "location",
    "helper",
    "version",
    // A cookie's attributes: `session_cookie_secure`.
    "domain",
    "secure",
    "samesite",
    "httponly",
    "age",
    "expires",
];

/// Whether a setting's or an option's name is a credential's own, not only a name with
/// `key` or `auth` in it: it ends in `password`, `passwd`, `passphrase`, `secret`,
/// `token`, `apikey`, `api_key` or `api-key`, in any case (`password`, `X-Api-Key`,
/// `--client-secret`; not `keycloak`, `--password-file` or `--token-ttl`). For the forms
/// that are most often something else: `name:value` without a space, `--name value`.
pub(super) fn names_a_credential(name: &str) -> bool {
    const ENDS: [&[u8]; 8] = [
        b"password",
        b"passwd",
        b"passphrase",
        b"secret",
        b"token",
        b"apikey",
        b"api_key",
        b"api-key",
    ];
    ENDS.iter()
        .any(|end| ends_with_ignore_case(name.as_bytes(), end))
}

/// Whether an option's name is a credential's: [`names_a_credential`], or a password
/// written short, as command-line tools write it: `pass`, `pwd` or `pw` as its last word
/// (`--pass`, `--db-pass`, `--root-pwd`; not `--bypass`), Java's `keytool` options (`-storepass`,
/// `-keypass`, `-srcstorepass`, ...), OpenSSL's `-passin` and `-passout`, and Redis's
/// `--requirepass` and `--masterauth`.
pub(super) fn flag_names_a_credential(name: &str) -> bool {
    const SHORT: [&str; 12] = [
        "pwd",
        "pw",
        "storepass",
        "keypass",
        "srcstorepass",
        "deststorepass",
        "srckeypass",
        "destkeypass",
        "passin",
        "passout",
        // Redis's, Valkey's and KeyDB's (`redis-server --requirepass x`).
        "requirepass",
        "masterauth",
    ];
    if names_a_credential(name) || SHORT.iter().any(|short| eq_ignore_case(name, short)) {
        return true;
    }
    let last = name.rsplit(['-', '_', '.']).next().unwrap_or(name);
    ["pass", "pwd", "pw"]
        .iter()
        .any(|short| eq_ignore_case(last, short))
}

/// Whether a word of a variable's name only qualifies the one before it ([`is_secret_name`]):
/// a number or a version (`2`, `V2`), which one (`PRIMARY`, `READONLY`, `LIVE`, `OLD`), or
/// how it is written (`PEM`, `B64`, `HEX`). Not `ID`, `TTL`, `FILE` or `PATH`, which name
/// something else than the key.
fn is_qualifier(word: &str) -> bool {
    const WORDS: [&str; 24] = [
        "PRIMARY",
        "SECONDARY",
        "READONLY",
        "RO",
        "RW",
        "LIVE",
        "TEST",
        "PROD",
        "STAGING",
        "DEV",
        "OLD",
        "NEW",
        "NEXT",
        "PREV",
        "PREVIOUS",
        "CURRENT",
        "BASE",
        "PEM",
        "DER",
        "B64",
        "BASE64",
        "HEX",
        "RAW",
        "ADMIN",
    ];
    let version = word.strip_prefix('V').unwrap_or(word);
    (!version.is_empty() && version.bytes().all(|b| b.is_ascii_digit())) || WORDS.contains(&word)
}

/// Whether a query parameter or `key=value` setting with this name carries a credential.
/// The name is percent-decoded first (twice, so `pass%2577ord` is `password` too), and case
/// is ignored. It is sensitive when it
///
/// - contains `password`, `passwd`, `passphrase`, `passcode`, `pwd`, `token`, `secret`,
///   `key`, `signature`, `credential`, `authorization`, `bearer`, `jwt`, `hmac`,
///   `sessionid`, `sessid` or `sshpass` anywhere (`sslpassword`, `access_key`, `X-Amz-Signature`,
///   `X-Amz-Credential`, `api-key`, `Proxy-Authorization`, `JSESSIONID`, MongoDB's
///   `authMechanismProperties`, which can hold an AWS session token);
/// - has `auth`, `pass`, `sig`, `pw`, `pword`, `passw`, `otp`, `sas`, `creds`, `cookie`
///   or `cookies` as one of its words, the parts between characters that are not letters
///   or digits (`basic_auth`, `smtp-pass`, `user[pass]`, Azure's `sig`, `Set-Cookie`,
///   `session_cookie`; not `cookiecutter`);
/// - is `code` (an OAuth authorization code; not `error_code`), `pin` (not `led_pin`),
///   `session` (not `session_driver`), or ends in `session` and `id` (`session_id`);
/// - or has a word that is a credential's name misspelt, a letter off (two in a name of
///   eight letters or more): `pasword`, `passwrd`, `acess_token`. A driver ignores a
///   parameter it does not know, and warns of it, but the value is still the password;
/// - or is a secret variable's name ([`is_secret_name`]), so that a field and a line of
///   its name agree (`GITHUB_PAT=`, `TOTP_SEED=`, `SLACK_WEBHOOK=`, `SENTRY_DSN=`,
///   `DB_PASS2=`), but for `PRIVATE` in it (a setting's `private: true` is a flag).
///
/// A word must be whole: MongoDB's `authSource`, libpq's `passfile` and `signal` are not
/// sensitive. Nor is a name that only says something *about* a credential: its last word
/// (words split at characters that are not letters or digits and where a capital follows a
/// small letter) is a property such as `ttl`, `prefix`, `length`, `count`, `id`, `source`,
/// `store`, `type`, `mode`, `enabled`, `method`, `file`, `path`, `name`, `url` or a
/// cookie's attribute (`domain`, `secure`, `samesite`, ...)
/// (`token_ttl`, `key_prefix`, `keyId`, `auth_source`, `password_file`; not an `id` or a
/// `url` of a secret or a password), or it counts tokens or keys (`max_tokens`), or it is
/// a database's or a request's key (`partition_key`, `idempotency_key`; not Azure's
/// `primaryKey`);
/// nor one whose only match is inside a word that is not a credential's (`keyspace`,
/// `tokenizer`, `keyboard`, `monkey`, `secretary`). A name of one word is never let off:
/// `key` and `token` alone are sensitive.
///
/// ```
/// use attached::is_sensitive_param;
/// assert!(is_sensitive_param("X-Amz-Signature"));
/// assert!(is_sensitive_param("sslpassword"));
/// assert!(is_sensitive_param("basic_auth"));
/// assert!(is_sensitive_param("sig"));
/// assert!(is_sensitive_param("pass%77ord"));
/// assert!(is_sensitive_param("credentials[password]"));
/// assert!(is_sensitive_param("token_value"));
/// assert!(is_sensitive_param("pasword"));
/// assert!(!is_sensitive_param("sslmode"));
/// assert!(!is_sensitive_param("authSource"));
/// assert!(!is_sensitive_param("token_ttl"));
/// assert!(!is_sensitive_param("keyspace"));
/// ```
pub fn is_sensitive_param(name: &str) -> bool {
    let name = percent_decoded(percent_decoded(Cow::Borrowed(name)));
    // A variable's name rule too, so that a field and a line of its name agree (`GITHUB_PAT`,
    // `TOTP_SEED`, `SLACK_WEBHOOK`, `DB_PASS2`), but for what is only about one.
    (names_a_secret_setting(&name) || numbered_secret_name(&name, false))
        && !only_about_a_credential(&name)
}

/// Whether `name` (decoded) holds one of [`is_sensitive_param`]'s terms: the first rule,
/// before the names that are only about a credential are let off.
fn names_a_secret_setting(name: &str) -> bool {
    const PARTS: [&str; 18] = [
        "password",
        "passwd",
        "passphrase",
        "passcode",
        "pwd",
        "token",
        "secret",
        "key",
        "signature",
        "credential",
        "authorization",
        "bearer",
        "jwt",
        "authmechanismproperties",
        "hmac",
        "sessionid",
        "sessid",
        "sshpass",
    ];
    // Inside a longer word these name a setting (`authSource`, `passfile`, `signal`) or
    // something else (`cookiecutter`); alone they carry the credential.
    const WORDS: [&str; 11] = [
        "auth", "pass", "sig", "pw", "pword", "passw", "otp", "sas", "creds", "cookie", "cookies",
    ];
    let bytes = name.as_bytes();
    for part in &PARTS {
        if contains_ignore_case(bytes, part.as_bytes()) {
            return true;
        }
    }
    for word in bytes.split(|c| !c.is_ascii_alphanumeric()) {
        for w in &WORDS {
            if bytes_eq_ignore_case(word, w.as_bytes()) {
                return true;
            }
        }
    }
    // By these names alone: an OAuth authorization code (`?code=...`; not `error_code`,
    // `country_code`), a PIN (not `pin_memory`, `led_pin`), a session (not
    // `session_driver`), and a session's id (`session_id`; `sessionid` is a part above).
    let mut words = bytes.rsplit(|c| !c.is_ascii_alphanumeric());
    let last = words.next().unwrap_or_default();
    let session_id = bytes_eq_ignore_case(last, b"id")
        && words
            .next()
            .is_some_and(|word| bytes_eq_ignore_case(word, b"session"));
    ["code", "pin", "session"]
        .iter()
        .any(|alone| eq_ignore_case(name, alone))
        || session_id
        || misspells_a_credential(name)
}

/// Whether a word of `name` is a credential's name misspelt (`pasword`, `passwrd`,
/// `acess_token`): a letter off, two in a name of eight or more. A driver ignores a
/// parameter it does not know, and its value is still the password the user meant to give.
fn misspells_a_credential(name: &str) -> bool {
    const NAMES: [&str; 10] = [
        "password",
        "passwd",
        "passphrase",
        "secret",
        "token",
        "apikey",
        "access_token",
        "accesstoken",
        "auth_token",
        "client_secret",
    ];
    // English words a letter or two from one (`passed=3`, `passport`).
    const PLAIN: [&str; 5] = ["passed", "passes", "passing", "passport", "passports"];
    let lower = name.to_ascii_lowercase();
    let words = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .chain(std::iter::once(lower.as_str()));
    for word in words.filter(|word| !PLAIN.contains(word)) {
        for known in NAMES {
            let allowance = if known.len() >= 8 { 2 } else { 1 };
            if word.len() >= 4
                && word.len().abs_diff(known.len()) <= allowance
                && crate::suggest::distance(word, known) <= allowance
            {
                return true;
            }
        }
    }
    false
}

/// Whether a name that [`names_a_secret_setting`] holds is only about a credential, not one:
/// see [`is_sensitive_param`].
fn only_about_a_credential(name: &str) -> bool {
    // A count of tokens or keys: `max_tokens`, `num_keys`.
    const QUANTITIES: [&str; 3] = ["max", "min", "num"];
    // What a database's or a request's key, not a credential, is called: `partition_key`.
    // Not `primary`: Azure's `primaryKey` is an account's key.
    const KEY_KINDS: [&str; 5] = ["foreign", "partition", "sort", "idempotency", "routing"];
    // Words that hold a term and are not credentials. Not `keystore` or `keyring`: either
    // may hold the key material itself.
    const PLAIN: [&str; 12] = [
        "keyspace",
        "keyspaces",
        "keyboard",
        "keyword",
        "keywords",
        "keychain",
        "monkey",
        "turkey",
        "hotkey",
        "tokenizer",
        "tokenize",
        "secretary",
    ];
    let mut words: Vec<String> = Vec::new();
    for part in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        // `keyId`, `authSource`: a capital after a small letter starts a word.
        let mut word = String::new();
        let mut small = false;
        for c in part.chars() {
            if c.is_ascii_uppercase() && small && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            small = c.is_ascii_lowercase() || c.is_ascii_digit();
            word.push(c.to_ascii_lowercase());
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    if let [first, .., last] = words.as_slice() {
        // An `id` names a key (`keyId`, `key_id`) and a `url` says where to find one,
        // except a secret's or a password's: Consul's `SecretID` is the token itself, a
        // `secret_url` (a private feed) holds one.
        let identifies_a_secret = matches!(last.as_str(), "id" | "ids" | "url" | "uri")
            && words
                .iter()
                .any(|w| w.contains("secret") || w.contains("pass") || w.contains("sess"));
        let key_kind =
            KEY_KINDS.contains(&first.as_str()) && matches!(last.as_str(), "key" | "keys");
        let quantity =
            QUANTITIES.contains(&first.as_str()) && matches!(last.as_str(), "tokens" | "keys");
        if (PROPERTIES.contains(&last.as_str()) && !identifies_a_secret) || quantity || key_kind {
            return true;
        }
    }
    // Every term found inside a plain word: no other word holds one.
    words.iter().any(|w| PLAIN.contains(&w.as_str()))
        && !words
            .iter()
            .any(|w| !PLAIN.contains(&w.as_str()) && names_a_secret_setting(w))
}

/// `text` (a name, a segment of a URL's path) with each `%` and two hex digits replaced
/// by the byte they stand for ([`text::percent_decode`]), invalid UTF-8 replaced.
pub(super) fn percent_decoded(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.has_byte(b'%') {
        return text;
    }
    let bytes = text::percent_decode(&text);
    Cow::Owned(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::show::mask;
    use crate::show::mask::tests::check;

    #[test]
    fn names_only_about_a_credential_are_not_sensitive() {
        for name in [
            "token_ttl",
            "key_prefix",
            "cache_key_prefix",
            "keyId",
            "signing_key_id",
            "auth_source",
            "auth_mode",
            "auth-mode",
            "auth_mechanism",
            "sasl.mechanism",
            "authEnabled",
            "password_file",
            "password_min_length",
            "secret_rotation_days",
            "secret_store",
            "keyStoreType",
            "-Dkeycloak.url",
            "max_tokens",
            "min_password_length",
            "partition_key",
            "keyspace",
            "tokenizer",
            "monkey",
            "keyboard",
            "secretary",
            "sig_alg",
            "jwt_issuer",
            "token_endpoint",
        ] {
            assert!(!is_sensitive_param(name), "{name}");
        }
        for name in [
            "key",
            "token",
            "auth",
            "pass",
            "password",
            "token_value",
            "password_hash",
            "api_key",
            "access_token",
            "client_secret",
            "SecretID",
            "secret_id",
            "public_key",
            "authToken",
            "authMechanismProperties",
            "X-Amz-Credential",
            "monkey_api_key",
            "keyspace_password",
            "auth_header",
            "primary_token",
            "primary_key",
            "primaryKey",
            "primary_access_key",
            "primaryMasterKey",
            "MaxMindLicenseKey",
            "MinIOSecretKey",
            "keystore",
            "keyring",
            "secret_url",
            "password_url",
            "passcode",
            "pw",
            "pword",
            "passw",
            "pin",
            "card_pin",
            "creds",
            "hmac",
            "otp",
            "session",
            "sessionid",
            "session_id",
            "JSESSIONID",
            "SSHPASS",
            "PHPSESSID",
            "code",
            "cookie",
            "sas",
            // Misspelt: a driver ignores the parameter, its value is still the password.
            "pasword",
            "passwrd",
            "passowrd",
            "pssword",
            "acess_tokn",
            "db_pasword",
            "secrt",
        ] {
            assert!(is_sensitive_param(name), "{name}");
        }
        for name in [
            "target_session_attrs",
            "pin_memory",
            "pinned",
            "led_pin",
            "GPIO_PIN",
            "sid",
            "session_driver",
            "session_affinity",
            "passed",
            "passport",
            "key.serializer",
            "ssl.keystore.location",
            "routing_key",
            "credential.helper",
            "signature_version",
            "session_timeout",
            "error_code",
            "country_code",
            "secure",
            "second",
            "select",
            "section",
            "sort",
            "host",
            "port",
            "path",
            "pool",
            "spin",
            "topic",
        ] {
            assert!(!is_sensitive_param(name), "{name}");
        }
        assert_eq!(
            mask("cassandra://db:9042/?keyspace=prod&password=S3CRET&token_ttl=3600"),
            "cassandra://db:9042/?keyspace=prod&password=***&token_ttl=3600"
        );
    }

    #[test]
    fn secret_names() {
        for n in [
            "PASSWORD",
            "DB_PASSWORD",
            "SMTP_PASSWD",
            "API_TOKEN",
            "API_TOKENS",
            "STRIPE_SECRET_KEY",
            "SECRET_KEY_BASE",
            "AWS_SECRET_ACCESS_KEY",
            "GOOGLE_APPLICATION_CREDENTIALS",
            "TLS_PRIVATE_KEY_PATH",
            "api_key",
            "SIGNING_KEYS",
            "OPENAI_API_KEY_2",
            "GITHUB_TOKEN_READONLY",
            "API_KEY_PRIMARY",
            "TLS_KEY_PEM",
            "SIGNING_KEY_B64",
            "STRIPE_KEY_LIVE",
            "ENCRYPTION_KEY_HEX",
            "SESSION_KEY_BASE",
            "TOKEN_V2",
            "GITHUB_PAT",
            "webhook-secret.old",
            "TOKEN_VALUE",
            "API_KEY_DATA",
            "GITHUB_TOKEN_EU",
            "token_github",
            "SLACK_APIKEY_BOT",
            "KEY_MATERIAL",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        // What the masker hides in `NAME=value`.
        for n in [
            "DB_PW",
            "SSHPASS",
            "GOOGLE_CREDS",
            "STORAGE_SAS",
            "PASSCODE",
            "WEBHOOK_SIGNATURE",
            "PROXY_AUTHORIZATION",
            "SESSION_ID",
            "APP_SESSION_ID",
            "DB_PWORD",
            "DB_PASSW",
            "DB_PASWORD",
            "ADMIN_PASSOWRD",
            "GITHUB_TOKN",
            "STRIPE_SECRT",
            "DB_PASSWORT",
            "JSESSIONID",
            "PHPSESSID",
            "KEYSTORE",
            "KEYTAB",
            // A number glued on; a short name glued to what it is for; PINs; the word in
            // other languages; wallets' seeds; sessions of password managers' tools.
            "DB_PASS2",
            "DB_PWD2",
            "STRIPE_KEY2",
            "DBPASS",
            "ROOTPWD",
            "LDAP_BINDPW",
            "DB_PSWD",
            "CARD_PIN",
            "PIN_CODE",
            "KENNWORT",
            "DB_SENHA",
            "CONTRASENA",
            "MOT_DE_PASSE",
            "WACHTWOORD",
            "SEED_PHRASE",
            "MNEMONIC",
            "WALLET_SEED",
            "STRIPE_SK",
            "RECOVERY_CODES",
            "BW_SESSION",
            "OP_SESSION_MY",
            // The name rule's own words, which the masker once let through.
            "GITHUB_PAT",
            "APP_SALT",
            "TOTP_SEED",
            "SLACK_WEBHOOK",
            "SENTRY_DSN",
        ] {
            assert!(is_secret_name(n), "{n}");
            assert!(is_sensitive_param(n), "{n}");
            assert_eq!(mask(&format!("{n}=S3cr3tPw9x")), format!("{n}=***"));
        }
        // The Vault dev server's root token's id is the token.
        assert!(is_secret_name("VAULT_DEV_ROOT_TOKEN_ID"));
        for n in [
            "LISTEN",
            "DATABASE_URL",
            "AWS_ACCESS_KEY_ID",
            "KEYSPACE",
            "TOKEN_TTL",
            "TOKEN_TTL_2",
            "API_KEY_ID",
            "KEY_FILE_PATH",
            "PATH",
            "V2",
            "PRIMARY",
            "KEY_VAULT_NAME",
            "OAUTH_TOKEN_URL",
            "TOKEN_ENDPOINT",
            "SIGNING_KEY_ID_2",
            "KEY_ROTATION_DAYS",
            "KEYS_DIR",
            "CACHE_KEY_PREFIX",
            "TOKENIZERS_PARALLELISM",
            "KEYCLOAK_REALM",
            "MONKEY_PATCH",
            "SIGNATURE_ALGORITHM",
            "SESSION_IDLE_TIMEOUT",
            "KEYSTORE_PATH",
            "PASSPORT_NUMBER",
            "BYPASS",
            "PROXY_BYPASS",
            "COMPASS",
            "OLDPWD",
            "LED_PIN",
            "GPIO_PIN",
            "PIN_MEMORY",
            "SESSION_DRIVER",
            "RANDOM_SEED",
            "HTTP2",
            "OAUTH2_ISSUER",
            "AES256",
            "PUTTY_USER_KEY_FILE_3",
        ] {
            assert!(!is_secret_name(n), "{n}");
        }
    }

    #[test]
    fn more_sensitive_names() {
        check(
            "pass=a&passphrase=b&jwt=c&authorization=d&sig=e&signal=1&passfile=/p",
            "pass=***&passphrase=***&jwt=***&authorization=***&sig=***&signal=1&passfile=/p",
            &["=a", "=b", "=c", "=d", "=e"],
        );
        check(
            "https://acct.blob.core.windows.net/c?sv=2022-11-02&se=2030&sig=AbC%2Bd",
            "https://acct.blob.core.windows.net/c?sv=2022-11-02&se=2030&sig=***",
            &["AbC"],
        );
        check(
            "pass%77ord=x1 %70assword=x2 pass%2577ord=x3",
            "pass%77ord=*** %70assword=*** pass%2577ord=***",
            &["x1", "x2", "x3"],
        );
        check(
            "credentials[password]=x1&user[api_key]=x2&user[pass]=x3&user[name]=bob",
            "credentials[password]=***&user[api_key]=***&user[pass]=***&user[name]=bob",
            &["x1", "x2", "x3"],
        );
    }

    #[test]
    fn more_secret_names() {
        for n in [
            "APP_PWD",
            "PWD",
            "SMTP_PASS",
            "JWT",
            "APP_JWT_ISSUER",
            "BEARER",
            "BASIC_AUTH",
            "AUTH_HEADER",
            "SESSION_COOKIE",
            "COOKIES",
            "PASSWORD_SALT",
            "HMAC_KEY_ID",
            "WEBHOOK",
            "SLACK_WEBHOOK_URL",
            "OTP",
            "TOTP_SEED",
            "app.auth.header",
            "smtp-pass",
            "SENTRY_DSN",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in [
            "PASSTHROUGH_MODE",
            "COMPASS_URL",
            "AUTHOR_NAME",
            "OAUTH_ISSUER",
            "OLDPWD",
            "HOTPATH",
            "KEYSPACE",
            "TOKEN_TTL",
            "AWS_ACCESS_KEY_ID",
            "DATABASE_URL",
        ] {
            assert!(!is_secret_name(n), "{n}");
        }
    }
}
