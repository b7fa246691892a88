//! The check itself: one thread per host, resolving and connecting, and the calling thread
//! collecting their progress until every service is decided or the deadline passes.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use crate::attach::report::{
    AttachReport, Columns, HostOutcome, HostState, ServiceState, ServiceStatus, Unreachable,
};
use crate::attach::{Endpoints, Service};
use crate::service::Host;

/// The check of every backing service: its deadline, whether to wait for services that
/// are still starting, and what to do as each one comes up.
///
/// - **Once** (the default): each host is resolved and connected once; the check returns
///   as soon as every service is up or has failed, and at the latest at the deadline.
/// - **Waiting** ([`wait(true)`](Self::wait)), for containers that start together: a host
///   that fails is tried again, after 100 ms and then twice as long each time up to 1 s,
///   until it answers or the deadline passes. The check returns as soon as every service
///   is up.
///
/// A service is up as soon as one of its hosts answers, as a driver given several hosts
/// uses the first that does; the report still says what happened to the others. A name
/// that resolves to several addresses (`localhost` to `::1` and `127.0.0.1`) has them
/// tried in turn, as drivers do.
///
/// In both modes the check returns within the deadline and a few milliseconds, even when a
/// connection hangs: a TCP connection is given the time left, and a host whose name
/// resolution (which the standard library cannot interrupt) or Unix socket connection is
/// still blocked at the deadline is reported as timed out, and its thread is left behind:
/// it holds nothing but its host, ends when the resolver or the connection gives up, and
/// nothing it finds later reaches the report.
///
/// The `'a` is that of the [`on_ready`](Self::on_ready) callback, which may borrow from the
/// caller; it is never written out in the usual chain of calls.
///
/// ```
/// use attached::{Attach, HttpUrl, Service};
/// use std::net::TcpListener;
/// use std::time::Duration;
///
/// let listener = TcpListener::bind("127.0.0.1:0")?;
/// let url: HttpUrl = format!("http://127.0.0.1:{}", listener.local_addr()?.port()).parse()?;
/// let services = [Service::new("API_URL", "api", url.endpoints())];
///
/// let report = Attach::new()
///     .deadline(Duration::from_secs(30))
///     .wait(true)
///     .on_ready(|service| eprintln!("{service}"))
///     .check(&services);
/// assert!(report.is_ok());
/// println!("{report}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub struct Attach<'a> {
    deadline: Duration,
    wait: bool,
    on_ready: Option<RefCell<OnReady<'a>>>,
}

/// What [`Attach::on_ready`] was given.
type OnReady<'a> = Box<dyn FnMut(&ServiceState) + 'a>;

/// The deadline when none is given.
const DEFAULT_DEADLINE: Duration = Duration::from_secs(5);
/// The first pause before trying a host again, in waiting mode.
const FIRST_PAUSE: Duration = Duration::from_millis(100);
/// The longest pause between two tries.
const LONGEST_PAUSE: Duration = Duration::from_secs(1);

impl Attach<'static> {
    /// A check once, with a deadline of 5 seconds.
    pub fn new() -> Self {
        Attach {
            deadline: DEFAULT_DEADLINE,
            wait: false,
            on_ready: None,
        }
    }
}

impl Default for Attach<'static> {
    fn default() -> Self {
        Attach::new()
    }
}

impl<'a> Attach<'a> {
    /// The time the whole check may take, all services together (5 seconds if not given).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// Whether to try failing hosts again until they answer or the deadline passes,
    /// instead of once.
    pub fn wait(mut self, wait: bool) -> Self {
        self.wait = wait;
        self
    }

    /// Calls `ready` once for each service, on the calling thread, as soon as it is up:
    /// to print one line per service as it comes up (`|s| eprintln!("{s}")`; the lines
    /// align with each other and with the report's). A service that is not checked, or
    /// down, is not given to it: the report has them.
    pub fn on_ready<'b>(self, ready: impl FnMut(&ServiceState) + 'b) -> Attach<'b>
    where
        'a: 'b,
    {
        Attach {
            deadline: self.deadline,
            wait: self.wait,
            on_ready: Some(RefCell::new(Box::new(ready))),
        }
    }

    /// Checks every service, in parallel, and returns when all are up or have failed, or
    /// at the deadline.
    pub fn check(&self, services: &[Service]) -> AttachReport {
        let start = Instant::now();
        let deadline = start
            .checked_add(self.deadline)
            .unwrap_or_else(|| start + Duration::from_secs(365 * 24 * 3600));
        let mut columns = Columns::new();
        for service in services {
            let not_checked = matches!(service.endpoints, Endpoints::NotChecked(_));
            columns.fit(&service.variable, &service.field, not_checked);
        }
        let events = Arc::new(Events::default());
        let plan = Plan {
            start,
            deadline,
            wait: self.wait,
            events: Sender::new(&events),
            columns,
        };
        let mut tracked = Vec::with_capacity(services.len());
        for (s, service) in services.iter().enumerate() {
            tracked.push(plan.start(s, service));
        }
        // Only the threads hold a sender now: when all have ended, nothing more can come.
        drop(plan);
        for service in &mut tracked {
            self.settle(service, start);
        }
        while !decided(&tracked) {
            let Some(Event {
                at: (s, h),
                progress,
            }) = events.next(deadline)
            else {
                break;
            };
            tracked[s].hosts[h].1 = progress;
            self.settle(&mut tracked[s], start);
        }
        let elapsed = start.elapsed();
        let mut finished = Vec::with_capacity(tracked.len());
        for service in tracked {
            finished.push(service.finish(elapsed));
        }
        AttachReport {
            services: finished,
            elapsed,
        }
    }

    /// Decides a service if its hosts allow: up when one answered, down when all failed.
    fn settle(&self, service: &mut Tracked, start: Instant) {
        if service.status.is_some() {
            return;
        }
        let (mut answered, mut failed) = (false, true);
        for (_, progress) in &service.hosts {
            answered |= matches!(progress, Progress::Done(HostOutcome::Answered { .. }));
            failed &= matches!(progress, Progress::Done(HostOutcome::Failed(_)));
        }
        if answered {
            service.status = Some(ServiceStatus::Up);
            service.elapsed = start.elapsed();
            // Its other hosts need not be tried again.
            service.stop.store(true, Ordering::Relaxed);
            if let Some(ready) = &self.on_ready {
                (ready.borrow_mut())(&service.snapshot());
            }
        } else if failed {
            service.status = Some(ServiceStatus::Down);
            service.elapsed = start.elapsed();
        }
    }
}

/// Whether every service is up, down or not checked.
fn decided(tracked: &[Tracked]) -> bool {
    for service in tracked {
        if service.status.is_none() {
            return false;
        }
    }
    true
}

impl fmt::Debug for Attach<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attach")
            .field("deadline", &self.deadline)
            .field("wait", &self.wait)
            .field("on_ready", &self.on_ready.is_some())
            .finish()
    }
}

/// What every host's thread of one check shares.
struct Plan {
    start: Instant,
    deadline: Instant,
    wait: bool,
    events: Sender,
    columns: Columns,
}

impl Plan {
    /// Starts a thread for each host of service `s`.
    fn start(&self, s: usize, service: &Service) -> Tracked {
        let stop = Arc::new(AtomicBool::new(false));
        let (status, hosts) = match &service.endpoints {
            Endpoints::NotChecked(reason) => (Some(ServiceStatus::NotChecked(reason)), Vec::new()),
            Endpoints::Hosts(hosts) => {
                let mut started = Vec::with_capacity(hosts.len());
                for (h, host) in hosts.iter().enumerate() {
                    let try_host = TryHost {
                        host: host.clone(),
                        deadline: self.deadline,
                        wait: self.wait,
                        stop: Arc::clone(&stop),
                        events: self.events.clone(),
                        at: (s, h),
                        start: self.start,
                    };
                    let spawned = thread::Builder::new()
                        .name("attach".to_owned())
                        .spawn(move || try_host.run());
                    let progress = match spawned {
                        Ok(_) => Progress::Starting,
                        Err(e) => Progress::Done(HostOutcome::Failed(Unreachable::Other(e.kind()))),
                    };
                    started.push((host.clone(), progress));
                }
                // No host to try: down from the start.
                let status = started.is_empty().then_some(ServiceStatus::Down);
                (status, started)
            }
        };
        Tracked {
            variable: service.variable.clone(),
            field: service.field.clone(),
            status,
            hosts,
            elapsed: Duration::ZERO,
            stop,
            columns: self.columns,
        }
    }
}

/// A service during the check.
struct Tracked {
    variable: String,
    field: String,
    /// `None` while no host has answered and not every host has failed.
    status: Option<ServiceStatus>,
    hosts: Vec<(Host, Progress)>,
    /// The time from the start of the check to its status.
    elapsed: Duration,
    /// Tells the threads of its hosts to stop trying: set when it is up, and when the check
    /// ends.
    stop: Arc<AtomicBool>,
    columns: Columns,
}

impl Tracked {
    fn snapshot(&self) -> ServiceState {
        let mut hosts = Vec::with_capacity(self.hosts.len());
        for (host, progress) in &self.hosts {
            hosts.push(HostState {
                host: host.clone(),
                outcome: progress.outcome(),
            });
        }
        ServiceState {
            variable: self.variable.clone(),
            field: self.field.clone(),
            status: self.status.clone().unwrap_or(ServiceStatus::Down),
            hosts,
            elapsed: self.elapsed,
            columns: self.columns,
        }
    }

    /// The state at the end of the check, `elapsed` after its start: a service still
    /// undecided is down, each of its hosts failed where it was stuck.
    fn finish(mut self, elapsed: Duration) -> ServiceState {
        self.stop.store(true, Ordering::Relaxed);
        if self.status.is_none() {
            self.status = Some(ServiceStatus::Down);
            self.elapsed = elapsed;
            for (_, progress) in &mut self.hosts {
                *progress = Progress::Done(HostOutcome::Failed(progress.failure_at_deadline()));
            }
        }
        self.snapshot()
    }
}

/// Where a host's thread is.
#[derive(Clone, Debug)]
enum Progress {
    Starting,
    /// Resolving its name; with the failure of the try before, when waiting.
    Resolving(Option<Unreachable>),
    /// Connecting; with the failure of the try before, when waiting.
    Connecting(Option<Unreachable>),
    /// Waiting to try again after this failure.
    Pausing(Unreachable),
    Done(HostOutcome),
}

impl Progress {
    fn outcome(&self) -> HostOutcome {
        match self {
            Progress::Done(outcome) => outcome.clone(),
            // Its last try failed; it stopped trying when another host answered.
            Progress::Pausing(failure) => HostOutcome::Failed(failure.clone()),
            _ => HostOutcome::Unsettled,
        }
    }

    fn failure_at_deadline(&self) -> Unreachable {
        match self {
            // A try still under way when the deadline came: the one before it said more.
            Progress::Resolving(Some(before)) | Progress::Connecting(Some(before)) => {
                before.clone()
            }
            Progress::Resolving(None) => Unreachable::ResolveTimedOut,
            Progress::Starting | Progress::Connecting(None) => Unreachable::TimedOut,
            Progress::Pausing(failure) => failure.clone(),
            Progress::Done(HostOutcome::Failed(failure)) => failure.clone(),
            Progress::Done(_) => Unreachable::TimedOut,
        }
    }
}

/// A message from a host's thread.
struct Event {
    at: (usize, usize),
    progress: Progress,
}

/// The messages of one check's threads on their way to the calling thread, in the order
/// sent.
///
/// A queue under a mutex rather than a `std::sync::mpsc` channel: the channel's generic
/// code (three flavours of queue, each compiled for `Event`) made up a large share of what
/// this crate gives to the compiler, for a few messages per host.
#[derive(Default)]
struct Events {
    queue: Mutex<Queue>,
    /// Signalled when a message is queued and when a sender is dropped.
    changed: Condvar,
}

#[derive(Default)]
struct Queue {
    messages: VecDeque<Event>,
    /// The [`Sender`]s alive: none left and no message queued, nothing more can come.
    senders: usize,
}

impl Events {
    /// The queue, even if a thread panicked while holding it: a message is pushed or
    /// popped whole, so the queue is never left half-changed.
    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next message, waiting for it until `deadline`; `None` at the deadline, or once
    /// every sender is gone and every message taken.
    fn next(&self, deadline: Instant) -> Option<Event> {
        let mut queue = self.lock();
        loop {
            if let Some(event) = queue.messages.pop_front() {
                return Some(event);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if queue.senders == 0 || left.is_zero() {
                return None;
            }
            queue = self
                .changed
                .wait_timeout(queue, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }
}

/// A host's thread's end of [`Events`] (and the [`Plan`]'s, while it starts them).
struct Sender(Arc<Events>);

impl Sender {
    fn new(events: &Arc<Events>) -> Self {
        events.lock().senders += 1;
        Sender(Arc::clone(events))
    }

    fn send(&self, event: Event) {
        self.0.lock().messages.push_back(event);
        self.0.changed.notify_one();
    }
}

impl Clone for Sender {
    fn clone(&self) -> Self {
        Sender::new(&self.0)
    }
}

impl Drop for Sender {
    fn drop(&mut self) {
        self.0.lock().senders -= 1;
        self.0.changed.notify_one();
    }
}

/// One host, tried in a thread of its own.
struct TryHost {
    host: Host,
    deadline: Instant,
    wait: bool,
    stop: Arc<AtomicBool>,
    events: Sender,
    at: (usize, usize),
    start: Instant,
}

impl TryHost {
    fn run(self) {
        let mut pause = FIRST_PAUSE;
        let mut before = None;
        loop {
            let previous = before.take();
            let failure = match self.attempt(previous.clone()) {
                Ok(address) => {
                    // A hidden host's address would say what its name hides.
                    let address = address.filter(|_| !self.host.is_hidden());
                    self.send(Progress::Done(HostOutcome::Answered {
                        address,
                        after: self.start.elapsed(),
                    }));
                    return;
                }
                // A try cut short by the deadline says less than the one before it, as
                // for a try still under way when the check ends (`failure_at_deadline`).
                Err(Unreachable::TimedOut) if Instant::now() >= self.deadline => {
                    previous.unwrap_or(Unreachable::TimedOut)
                }
                Err(failure) => failure,
            };
            let left = self.deadline.saturating_duration_since(Instant::now());
            if !self.wait || left.is_zero() || self.stop.load(Ordering::Relaxed) {
                self.send(Progress::Done(HostOutcome::Failed(failure)));
                return;
            }
            self.send(Progress::Pausing(failure.clone()));
            before = Some(failure);
            thread::sleep(pause.min(left));
            pause = (pause * 2).min(LONGEST_PAUSE);
            if self.stop.load(Ordering::Relaxed) {
                return;
            }
        }
    }

    fn send(&self, progress: Progress) {
        // The check may have returned already: then nobody listens, and that is fine.
        self.events.send(Event {
            at: self.at,
            progress,
        });
    }

    /// Resolves and connects once; the address that answered (`None` for a socket).
    /// `before` is the failure of the try before this one, if any.
    fn attempt(&self, before: Option<Unreachable>) -> Result<Option<SocketAddr>, Unreachable> {
        if self.host.is_socket() {
            self.send(Progress::Connecting(before));
            return connect_socket(self.host.name()).map(|()| None);
        }
        self.send(Progress::Resolving(before.clone()));
        let addresses = match (self.host.name(), self.host.port()).to_socket_addrs() {
            Ok(addresses) => addresses,
            Err(_) => return Err(Unreachable::CannotResolve),
        };
        if addresses.len() == 0 {
            return Err(Unreachable::CannotResolve);
        }
        self.send(Progress::Connecting(before));
        // As a driver does: each address in turn, the last failure if none answers.
        let mut last = Unreachable::TimedOut;
        for address in addresses {
            let left = self.deadline.saturating_duration_since(Instant::now());
            if left < Duration::from_millis(1) {
                return Err(Unreachable::TimedOut);
            }
            match TcpStream::connect_timeout(&address, left) {
                Ok(stream) => {
                    drop(stream);
                    return Ok(Some(address));
                }
                Err(e) => last = Unreachable::from_io(&e),
            }
        }
        Err(last)
    }
}

#[cfg(unix)]
fn connect_socket(path: &str) -> Result<(), Unreachable> {
    std::os::unix::net::UnixStream::connect(path)
        .map(drop)
        .map_err(|e| Unreachable::from_io(&e))
}

#[cfg(not(unix))]
fn connect_socket(_path: &str) -> Result<(), Unreachable> {
    Err(Unreachable::Other(io::ErrorKind::Unsupported))
}
