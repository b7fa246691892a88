//! What a check found: per service up, down or not checked, per host what happened, and
//! the lines a startup log shows.

use std::fmt::{self, Write as _};
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use crate::service::Host;
// Text with its control characters escaped, so that a line stays one line.
use crate::show::{Line, line};

/// Whether a service is up, down, or not checked.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ServiceStatus {
    /// A host answered.
    Up,
    /// No host answered: each failed, or was still trying at the deadline.
    Down,
    /// Not checked, for this reason.
    NotChecked(&'static str),
}

/// What happened to one host of a service.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HostOutcome {
    /// A connection was opened (and closed).
    Answered {
        /// The address connected to; `None` for a Unix socket and for a hidden host
        /// ([`Host::is_hidden`](crate::Host::is_hidden)).
        address: Option<SocketAddr>,
        /// The time from the start of the check.
        after: Duration,
    },
    /// No connection, for this reason.
    Failed(Unreachable),
    /// Another host of the service answered first, before this one had an outcome.
    Unsettled,
}

/// Why a host could not be reached.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unreachable {
    /// The name resolves to no address.
    CannotResolve,
    /// The name was still being resolved at the deadline.
    ResolveTimedOut,
    /// Nothing listens on the port or socket.
    Refused,
    /// No answer before the deadline.
    TimedOut,
    /// No socket file at the path.
    NoSuchSocket,
    /// The socket or address may not be used by this process.
    PermissionDenied,
    /// Another error, of this kind.
    Other(io::ErrorKind),
}

impl Unreachable {
    pub(super) fn from_io(error: &io::Error) -> Self {
        match error.kind() {
            io::ErrorKind::NotFound => Unreachable::NoSuchSocket,
            io::ErrorKind::ConnectionRefused => Unreachable::Refused,
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Unreachable::TimedOut,
            io::ErrorKind::PermissionDenied => Unreachable::PermissionDenied,
            kind => Unreachable::Other(kind),
        }
    }
}

/// `cannot resolve`, `refused`, `timed out`, `no such socket`, `permission denied`, ...
impl fmt::Display for Unreachable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unreachable::CannotResolve => f.write_str("cannot resolve"),
            Unreachable::ResolveTimedOut => f.write_str("timed out resolving the name"),
            Unreachable::Refused => f.write_str("refused"),
            Unreachable::TimedOut => f.write_str("timed out"),
            Unreachable::NoSuchSocket => f.write_str("no such socket"),
            Unreachable::PermissionDenied => f.write_str("permission denied"),
            Unreachable::Other(kind) => write!(f, "{kind}"),
        }
    }
}

/// One host of a service and what happened to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostState {
    pub(super) host: Host,
    pub(super) outcome: HostOutcome,
}

impl HostState {
    /// The host: a name or address with its port, or a socket path.
    pub fn host(&self) -> &Host {
        &self.host
    }

    /// What happened to it.
    pub fn outcome(&self) -> &HostOutcome {
        &self.outcome
    }
}

/// `db:5432 answered after 3 ms`, `cache:6379 refused`.
impl fmt::Display for HostState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", Line(&self.host.to_string()))?;
        match &self.outcome {
            HostOutcome::Answered { after, .. } => write!(f, "answered after {}", Took(*after)),
            HostOutcome::Failed(failure) => write!(f, "{failure}"),
            HostOutcome::Unsettled => f.write_str("no answer yet"),
        }
    }
}

/// One service in an [`AttachReport`], or as given to
/// [`Attach::on_ready`](crate::Attach::on_ready).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceState {
    pub(super) variable: String,
    pub(super) field: String,
    pub(super) status: ServiceStatus,
    pub(super) hosts: Vec<HostState>,
    pub(super) elapsed: Duration,
    pub(super) columns: Columns,
}

/// The widths of the first three columns of every line of one check, known before it
/// starts, so that the lines given to `on_ready` as services come up align with each other
/// and with the report's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Columns([usize; 3]);

impl Columns {
    /// The widths before any service is given to [`fit`](Self::fit): the status column
    /// holds `down` at least.
    pub(super) fn new() -> Self {
        Columns([0, 0, "down".len()])
    }

    /// Widens the columns to hold a service read from `variable` into `field`, and its
    /// status if it is not checked.
    pub(super) fn fit(&mut self, variable: &str, field: &str, not_checked: bool) {
        let widths = &mut self.0;
        widths[0] = widths[0].max(line(variable).chars().count());
        widths[1] = widths[1].max(line(field).chars().count());
        if not_checked {
            widths[2] = widths[2].max("not checked".len());
        }
    }
}

impl ServiceState {
    /// The variable the service was read from.
    pub fn variable(&self) -> &str {
        &self.variable
    }

    /// The field of the configuration.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// Up, down or not checked.
    pub fn status(&self) -> &ServiceStatus {
        &self.status
    }

    /// Whether a host answered.
    pub fn is_up(&self) -> bool {
        self.status == ServiceStatus::Up
    }

    /// Every host, in the order given, with what happened to it; empty when not checked.
    pub fn hosts(&self) -> &[HostState] {
        &self.hosts
    }

    /// The time from the start of the check until the service was up or down (the whole
    /// check for a service still trying at the deadline); zero when it is not checked.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// The first host that answered, if any.
    pub fn answered(&self) -> Option<&Host> {
        for host in &self.hosts {
            if let HostOutcome::Answered { .. } = host.outcome {
                return Some(&host.host);
            }
        }
        None
    }

    /// The cells of its line: variable, field, status, details.
    fn cells(&self) -> [String; 4] {
        let status = match self.status {
            ServiceStatus::Up => "up",
            ServiceStatus::Down => "down",
            ServiceStatus::NotChecked(_) => "not checked",
        };
        let details = match (&self.status, self.hosts.as_slice()) {
            (ServiceStatus::NotChecked(reason), _) => (*reason).to_owned(),
            (_, []) => "no host to try".to_owned(),
            (_, hosts) => {
                let mut details = String::new();
                for (i, host) in hosts.iter().enumerate() {
                    let separator = if i == 0 { "" } else { ", " };
                    // Writing to a `String` cannot fail.
                    let _ = write!(details, "{separator}{host}");
                }
                details
            }
        };
        [
            line(&self.variable).into_owned(),
            line(&self.field).into_owned(),
            status.to_owned(),
            details,
        ]
    }
}

/// One line, its columns as wide as those of every other service of its check:
/// `DATABASE_URL  database  up    db:5432 answered after 3 ms`.
impl fmt::Display for ServiceState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [variable, field, status, details] = self.cells();
        let Columns([w0, w1, w2]) = self.columns;
        write!(f, "{variable:w0$}  {field:w1$}  {status:w2$}  {details}")
    }
}

/// The outcome of [`Attach::check`](crate::Attach::check): every service, up, down or not
/// checked.
///
/// `Display` (and `Debug`, so that `main` returning it prints something readable) is one
/// aligned line per service, in the order given, fit for a startup log:
///
/// ```text
/// DATABASE_URL   database  up           127.0.0.1:5432 answered after 1 ms
/// BILLING_REDIS  redis     down         cache.invalid:6379 cannot resolve
/// BILLING_CACHE  cache     not checked  SQLite in memory: no server
/// ```
///
/// No line holds a password: the services are checked from their
/// [`Endpoints`](crate::Endpoints), which have none.
#[derive(Clone, PartialEq, Eq)]
#[must_use]
pub struct AttachReport {
    pub(super) services: Vec<ServiceState>,
    pub(super) elapsed: Duration,
}

impl AttachReport {
    /// Whether no service is down (a service not checked is not a failure).
    pub fn is_ok(&self) -> bool {
        self.failures().next().is_none()
    }

    /// The services that are down.
    pub fn failures(&self) -> impl Iterator<Item = &ServiceState> + '_ {
        self.services
            .iter()
            .filter(|s| matches!(s.status, ServiceStatus::Down))
    }

    /// Every service, in the order given.
    pub fn services(&self) -> &[ServiceState] {
        &self.services
    }

    /// The time the check took.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }
}

impl fmt::Display for AttachReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for service in &self.services {
            writeln!(f, "{service}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for AttachReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for AttachReport {}

/// A duration as a person reads it in a log: `3 ms`, `1.2 s`.
struct Took(Duration);

impl fmt::Display for Took {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 < Duration::from_secs(1) {
            write!(f, "{} ms", self.0.as_millis())
        } else {
            write!(f, "{:.1} s", self.0.as_secs_f64())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(variable: &str, status: ServiceStatus, hosts: Vec<HostState>) -> ServiceState {
        ServiceState {
            variable: variable.to_owned(),
            field: variable.to_lowercase(),
            status,
            hosts,
            elapsed: Duration::ZERO,
            columns: Columns::default(),
        }
    }

    /// The services, their columns as a check would set them.
    fn aligned(mut services: Vec<ServiceState>) -> Vec<ServiceState> {
        let mut columns = Columns::new();
        for s in &services {
            let not_checked = matches!(s.status, ServiceStatus::NotChecked(_));
            columns.fit(&s.variable, &s.field, not_checked);
        }
        for service in &mut services {
            service.columns = columns;
        }
        services
    }

    fn host(name: &str, port: u16, outcome: HostOutcome) -> HostState {
        HostState {
            host: Host::new(name.to_owned(), port, name.starts_with('/')),
            outcome,
        }
    }

    #[test]
    fn one_aligned_line_per_service() {
        let answered = HostOutcome::Answered {
            address: None,
            after: Duration::from_millis(1500),
        };
        let report = AttachReport {
            services: aligned(vec![
                state(
                    "DATABASE_URL",
                    ServiceStatus::Up,
                    vec![
                        host("db1", 5432, HostOutcome::Failed(Unreachable::Refused)),
                        host("db2", 5432, answered),
                        host("db3", 5432, HostOutcome::Unsettled),
                    ],
                ),
                state(
                    "REDIS",
                    ServiceStatus::Down,
                    vec![host(
                        "/run/redis.sock",
                        0,
                        HostOutcome::Failed(Unreachable::NoSuchSocket),
                    )],
                ),
                state(
                    "CACHE_DB",
                    ServiceStatus::NotChecked("SQLite in memory: no server"),
                    vec![],
                ),
            ]),
            elapsed: Duration::ZERO,
        };
        assert_eq!(
            report.to_string(),
            "DATABASE_URL  database_url  up           db1:5432 refused, \
             db2:5432 answered after 1.5 s, db3:5432 no answer yet\n\
             REDIS         redis         down         /run/redis.sock no such socket\n\
             CACHE_DB      cache_db      not checked  SQLite in memory: no server\n"
        );
        assert_eq!(format!("{report:?}"), report.to_string());
        assert_eq!(report.failures().count(), 1);
        assert_eq!(report.services()[0].answered().map(Host::name), Some("db2"));
    }

    #[test]
    fn reasons_in_words() {
        let words: Vec<String> = [
            Unreachable::CannotResolve,
            Unreachable::Refused,
            Unreachable::TimedOut,
            Unreachable::NoSuchSocket,
            Unreachable::PermissionDenied,
        ]
        .iter()
        .map(Unreachable::to_string)
        .collect();
        assert_eq!(
            words,
            [
                "cannot resolve",
                "refused",
                "timed out",
                "no such socket",
                "permission denied"
            ]
        );
        let io = |kind| Unreachable::from_io(&io::Error::from(kind));
        assert_eq!(io(io::ErrorKind::NotFound), Unreachable::NoSuchSocket);
        assert_eq!(io(io::ErrorKind::ConnectionRefused), Unreachable::Refused);
        assert_eq!(io(io::ErrorKind::TimedOut), Unreachable::TimedOut);
        assert_eq!(
            io(io::ErrorKind::PermissionDenied),
            Unreachable::PermissionDenied
        );
        assert_eq!(
            io(io::ErrorKind::AddrNotAvailable).to_string(),
            io::ErrorKind::AddrNotAvailable.to_string()
        );
    }
}
