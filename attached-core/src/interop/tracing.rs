//! The startup summary as `tracing` events: [`Loaded::log_summary`].

use crate::loader::Loaded;
use crate::show::line;

impl<T> Loaded<T> {
    /// Logs the startup summary through [`tracing`](https://docs.rs/tracing): the table
    /// of [`summary`](Loaded::summary) as one event per variable, then one per warning,
    /// so that a service whose logs are structured (JSON, OpenTelemetry) gets its
    /// configuration as fields rather than as a block of text. With the cargo feature
    /// `tracing`.
    ///
    /// Every event has the target `attached`, so a filter such as `attached=warn` keeps the
    /// warnings and drops the rest.
    ///
    /// - One `INFO` event per variable, in field order, with the message
    ///   `configuration variable` and the fields `variable` (its name), `value` (shown as
    ///   in the summary: `***` for a secret, credentials in URLs masked; absent when the
    ///   variable is not set), `origin` (`environment`, `.env:3`, `default`, `not set`,
    ///   ...), `secret` (whether the value is hidden) and `field` (the field's path, such
    ///   as `smtp.port`).
    /// - One `WARN` event per warning, whose message is the warning as the summary
    ///   prints it, with the fields `variable` and, when the warning is about a field,
    ///   `field`.
    ///
    /// Only what [`variables`](Loaded::variables) shows is logged, never a value's text
    /// itself. Control characters are escaped, as in the summary, so that a value cannot
    /// forge a line of a text log; values are not cut.
    ///
    /// ```
    /// use attached::{Attached, Loader, Secret};
    ///
    /// #[derive(Attached)]
    /// #[attached(prefix = "APP_")]
    /// struct Config {
    ///     api_token: Secret<String>,
    ///     #[attached(default = 8080)]
    ///     port: u16,
    /// }
    ///
    /// let loaded = Loader::new(&[("APP_API_TOKEN", "t0ps3cret")]).load::<Config>()?;
    /// // With a subscriber installed (tracing-subscriber's `fmt`, say), this logs events like:
    /// //  INFO attached: configuration variable variable="APP_API_TOKEN" value="***"
    /// //       origin="source" secret=true field="api_token"
    /// //  INFO attached: configuration variable variable="APP_PORT" value="8080"
    /// //       origin="default" secret=false field="port"
    /// loaded.log_summary();
    /// # Ok::<(), attached::Report>(())
    /// ```
    pub fn log_summary(&self) {
        for v in &self.variables {
            let value = v.shown.as_deref().map(line);
            tracing::info!(
                target: "attached",
                variable = &*line(&v.name),
                value = value.as_deref(),
                origin = &*line(&v.origin.to_string()),
                secret = v.secret,
                field = v.field.as_str(),
                "configuration variable"
            );
        }
        for w in &self.warnings {
            let field = Some(w.field()).filter(|f| !f.is_empty());
            // A problem's `Display` escapes what it shows.
            tracing::warn!(
                target: "attached",
                variable = &*line(w.variable()),
                field,
                "{w}"
            );
        }
    }
}
