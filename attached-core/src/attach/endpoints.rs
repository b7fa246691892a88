//! Where each service type is reached: its hosts as a driver connects to them, or why it
//! is not checked.

use crate::attach::Endpoints;
use crate::service::{
    AmqpUrl, Brokers, DatabaseUrl, Engine, Host, HttpUrl, MongoUrl, RedisUrl, S3Url, SmtpUrl,
};

/// The socket file of a Postgres socket directory: `<dir>/.s.PGSQL.<port>`, as libpq,
/// tokio-postgres and sqlx name it.
fn postgres_socket(host: &Host) -> Host {
    if host.is_socket() {
        let file = format!(
            "{}/.s.PGSQL.{}",
            host.name().trim_end_matches('/'),
            host.port()
        );
        Host::new(file, host.port(), true)
    } else {
        host.clone()
    }
}

impl DatabaseUrl {
    /// Where the database is reached.
    ///
    /// - Postgres: every server, in order: the address `hostaddr=` gives for it (libpq and
    ///   tokio-postgres connect there, and use the host name only to verify the
    ///   certificate; sqlx connects there in place of the name), else the host; a socket
    ///   directory becomes its socket file `<dir>/.s.PGSQL.<port>`. (A URL without a host
    ///   or `hostaddr` is refused when it is read: the drivers disagree on where it leads.)
    /// - MySQL: the `socket` parameter if given, else the host (a socket path names the
    ///   socket file itself).
    /// - SQLite: not checked; there is no server, and the driver opens the file.
    ///
    /// ```
    /// use attached::{DatabaseUrl, Endpoints};
    /// let url: DatabaseUrl = "postgresql://%2Frun%2Fpostgresql:5433/db".parse()?;
    /// let Endpoints::Hosts(hosts) = url.endpoints() else { unreachable!() };
    /// assert_eq!(hosts[0].to_string(), "/run/postgresql/.s.PGSQL.5433");
    ///
    /// let pinned: DatabaseUrl = "postgres://db.internal:5433/app?hostaddr=10.1.2.3".parse()?;
    /// let Endpoints::Hosts(hosts) = pinned.endpoints() else { unreachable!() };
    /// assert_eq!(hosts[0].to_string(), "10.1.2.3:5433");
    /// assert_eq!(pinned.host(), Some("db.internal"));
    /// # Ok::<(), attached::ValueError>(())
    /// ```
    pub fn endpoints(&self) -> Endpoints {
        match self.engine() {
            Engine::Postgres => Endpoints::Hosts(
                self.postgres_reached()
                    .iter()
                    .map(postgres_socket)
                    .collect(),
            ),
            Engine::MySql => match self.socket() {
                Some(path) => Endpoints::Hosts(vec![Host::new(
                    path.to_string_lossy().into_owned(),
                    self.port().unwrap_or(3306),
                    true,
                )]),
                None => Endpoints::hosts(self.hosts()),
            },
            Engine::Sqlite if self.is_memory() => {
                Endpoints::NotChecked("SQLite in memory: no server")
            }
            Engine::Sqlite => Endpoints::NotChecked("SQLite file: no server, the driver opens it"),
        }
    }
}

impl RedisUrl {
    /// Where Redis is reached: the host and port, or the socket file of a
    /// `redis+unix://` or `unix://` URL.
    pub fn endpoints(&self) -> Endpoints {
        match self.socket() {
            Some(path) => Endpoints::Hosts(vec![Host::new(
                path.to_string_lossy().into_owned(),
                0,
                true,
            )]),
            None => Endpoints::hosts(self.hosts()),
        }
    }
}

impl AmqpUrl {
    /// Where the broker is reached: its host and port.
    pub fn endpoints(&self) -> Endpoints {
        Endpoints::hosts(self.hosts())
    }
}

impl MongoUrl {
    /// Where MongoDB is reached: every host of a `mongodb://` URL (a socket path names the
    /// socket file itself). A `mongodb+srv://` URL is not checked: the driver finds its
    /// servers through DNS SRV records.
    pub fn endpoints(&self) -> Endpoints {
        if self.is_srv() {
            Endpoints::NotChecked("mongodb+srv: the driver finds the servers through DNS SRV")
        } else {
            Endpoints::hosts(self.hosts())
        }
    }
}

impl SmtpUrl {
    /// Where the relay is reached: its host and port.
    pub fn endpoints(&self) -> Endpoints {
        Endpoints::hosts(self.hosts())
    }
}

impl S3Url {
    /// Where the store is reached: the host and port of the `endpoint` parameter. A bare
    /// `s3://bucket` is not checked: the SDK chooses the endpoint itself, from the region
    /// and from `AWS_ENDPOINT_URL` if set, so any host named here could be the wrong one.
    ///
    /// ```
    /// use attached::{Endpoints, S3Url};
    /// let minio: S3Url = "s3://invoices?endpoint=http://minio:9000".parse()?;
    /// let Endpoints::Hosts(hosts) = minio.endpoints() else { unreachable!() };
    /// assert_eq!(hosts[0].to_string(), "minio:9000");
    /// let aws: S3Url = "s3://invoices?region=eu-west-1".parse()?;
    /// assert!(matches!(aws.endpoints(), Endpoints::NotChecked(_)));
    /// # Ok::<(), attached::ValueError>(())
    /// ```
    pub fn endpoints(&self) -> Endpoints {
        match self.endpoint() {
            Some(endpoint) => endpoint.endpoints(),
            None => {
                Endpoints::NotChecked("no endpoint: the SDK picks it (region, AWS_ENDPOINT_URL)")
            }
        }
    }
}

impl HttpUrl {
    /// Where the service is reached: its host and port (80 or 443 by default).
    pub fn endpoints(&self) -> Endpoints {
        Endpoints::hosts(self.hosts())
    }
}

impl Brokers {
    /// Where the cluster is reached: every broker; it is up when any answers, as a client
    /// needs one to bootstrap from.
    pub fn endpoints(&self) -> Endpoints {
        Endpoints::hosts(self.hosts())
    }
}
