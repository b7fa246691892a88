//! The startup summary: one aligned table of every variable with its shown value and
//! origin, then the warnings.

use crate::attach::AttachReport;
use crate::describe::Variable;
use crate::report::Problem;
use crate::show;
use crate::source::Origin;
use std::fmt;

/// The startup summary, printed as an aligned table; see [`Loaded::summary`](crate::Loaded::summary).
///
/// Values are shown as [`Variable::shown`] holds them (secrets as `***`, credentials in
/// URLs masked), with control characters escaped so that each variable keeps to one line,
/// and cut after 80 characters.
#[derive(Clone, Copy, Debug)]
pub struct Summary<'a> {
    /// The variables, as data.
    pub variables: &'a [Variable],
    /// The warnings.
    pub warnings: &'a [Problem],
    /// The state of each backing service, when checked; see [`Summary::with_services`].
    pub services: Option<&'a AttachReport>,
}

impl<'a> Summary<'a> {
    /// The summary with a line for each backing service after the table: up (and which
    /// host answered), down (and why), or not checked (and why), from
    /// [`Loaded::attach`](crate::Loaded::attach).
    #[must_use]
    pub fn with_services(self, report: &'a AttachReport) -> Self {
        Summary {
            services: Some(report),
            ..self
        }
    }
}

/// How many characters of a value the summary shows.
const SUMMARY_VALUE_LIMIT: usize = 80;

/// A value as the summary's table shows it.
fn summary_cell(variable: &Variable) -> String {
    let Some(shown) = &variable.shown else {
        return match variable.origin {
            // A default whose type cannot print it.
            Origin::Default => "(default)".to_owned(),
            _ => "(not set)".to_owned(),
        };
    };
    if shown.is_empty() {
        return "\"\"".to_owned();
    }
    let escaped = show::line(shown);
    match escaped.char_indices().nth(SUMMARY_VALUE_LIMIT) {
        Some((cut, _)) => format!("{}…", &escaped[..cut]),
        None => escaped.into_owned(),
    }
}

/// Widens `widths` to hold the cells of `row`.
fn widen(widths: &mut [usize; 3], row: [&str; 3]) {
    for (width, cell) in widths.iter_mut().zip(row) {
        *width = (*width).max(cell.chars().count());
    }
}

/// One line of the table, its columns `widths` wide, without trailing spaces.
fn write_row(f: &mut fmt::Formatter<'_>, widths: [usize; 3], row: [&str; 3]) -> fmt::Result {
    let [w0, w1, _] = widths;
    let line = format!("{:w0$}  {:w1$}  {}", row[0], row[1], row[2]);
    writeln!(f, "{}", line.trim_end())
}

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rows = Vec::with_capacity(self.variables.len());
        for v in self.variables {
            let origin = match v.origin {
                Origin::Unset => String::new(),
                _ => show::line(&v.origin.to_string()).into_owned(),
            };
            rows.push([show::line(&v.name).into_owned(), summary_cell(v), origin]);
        }
        let header = ["VARIABLE", "VALUE", "ORIGIN"];
        let mut widths = [0; 3];
        widen(&mut widths, header);
        for [name, value, origin] in &rows {
            widen(&mut widths, [name, value, origin]);
        }
        write_row(f, widths, header)?;
        for [name, value, origin] in &rows {
            write_row(f, widths, [name, value, origin])?;
        }
        if let Some(services) = self.services {
            writeln!(f, "services:")?;
            for line in services.to_string().lines() {
                writeln!(f, "  {}", show::line(line))?;
            }
        }
        // A problem's `Display` escapes what it shows.
        for w in self.warnings {
            writeln!(f, "warning: {w}")?;
        }
        Ok(())
    }
}
