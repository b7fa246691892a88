//! Attach: check at startup that every backing service is reachable, in one report.
//!
//! The configuration knows every backing service, so one call can check them all: each
//! service's host is resolved and a TCP connection opened (or its Unix socket connected),
//! then closed at once. No byte is sent and no credential used: what is checked is that
//! something listens where the configuration says, not that it accepts the credentials.
//!
//! All services are checked in parallel, each host in a thread of its own, under one
//! deadline. The [`AttachReport`] names every service that is not reachable with its
//! variable, its field, the host and port or socket path, and why.
//!
//! Servers may log the empty connection: Postgres writes `incomplete startup packet`, for
//! instance. That line is the check; nothing else reached the server.
//!
//! This module says where each service type is reached ([`Endpoints`]); `check.rs` runs
//! the check, `report.rs` holds what it found.

mod check;
mod endpoints;
mod report;

pub use check::Attach;
pub use report::{AttachReport, HostOutcome, HostState, ServiceState, ServiceStatus, Unreachable};

use crate::service::Host;

/// Where a service is reached: the hosts to try, or why it is not checked.
///
/// A host here is where a connection is opened: a name or address with its port, or the
/// path of a Unix socket file itself (for Postgres, `<directory>/.s.PGSQL.<port>`, not
/// the directory the URL names). It never holds a user name or password.
///
/// ```
/// use attached::{DatabaseUrl, Endpoints};
/// let url: DatabaseUrl = "postgres://app:hunter2@db1,db2:5433/billing".parse()?;
/// let Endpoints::Hosts(hosts) = url.endpoints() else { unreachable!() };
/// let hosts: Vec<String> = hosts.iter().map(|h| h.to_string()).collect();
/// assert_eq!(hosts, ["db1:5432", "db2:5433"]);
///
/// let memory: DatabaseUrl = "sqlite::memory:".parse()?;
/// assert!(matches!(memory.endpoints(), Endpoints::NotChecked(_)));
/// # Ok::<(), attached::ValueError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Endpoints {
    /// The hosts to try, in order; the service is up when any of them answers, as a driver
    /// given several hosts connects to the first that does.
    Hosts(Vec<Host>),
    /// The service is not checked, for this reason (no server, or the driver finds the
    /// server in a way a connection alone cannot follow).
    NotChecked(&'static str),
}

impl Endpoints {
    fn hosts(hosts: &[Host]) -> Self {
        Endpoints::Hosts(hosts.to_vec())
    }
}

/// One service to check: the variable and field it was read from, and where it is reached.
///
/// ```
/// use attached::{RedisUrl, Service};
/// let url: RedisUrl = "redis://:hunter2@cache:6379/0".parse()?;
/// let service = Service::new("BILLING_REDIS", "redis", url.endpoints());
/// assert!(!format!("{service:?}").contains("hunter2"));
/// # Ok::<(), attached::ValueError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    /// The variable the service was read from, as `DATABASE_URL`.
    pub variable: String,
    /// The field of the configuration, as `database` or `smtp.url`.
    pub field: String,
    /// Where it is reached.
    pub endpoints: Endpoints,
}

impl Service {
    /// A service read from `variable` into `field`, reached at `endpoints`.
    pub fn new(
        variable: impl Into<String>,
        field: impl Into<String>,
        endpoints: Endpoints,
    ) -> Self {
        Service {
            variable: variable.into(),
            field: field.into(),
            endpoints,
        }
    }
}
