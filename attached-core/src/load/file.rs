//! `NAME_FILE`: a variable's value read from the file it names, as Docker and Kubernetes
//! hand secrets to a container.

use crate::bounded::read_past;
use crate::source::io_reason;
use std::path::Path;

/// The largest file that `NAME_FILE` may name: 1 MiB. Secrets, keys and certificate
/// bundles are far smaller; a larger file is a wrong path (a log, a disk image), and
/// reading it whole at startup would be a surprise.
pub const FILE_LIMIT: u64 = 1 << 20;

/// Reads a `NAME_FILE` file: a regular file of at most [`FILE_LIMIT`] bytes of UTF-8,
/// less one trailing newline (`\n` or `\r\n`).
///
/// What the path names is looked at before it is opened: opening a FIFO would wait for a
/// writer forever, and a device such as `/dev/zero` never ends.
pub(crate) fn read(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    if meta.is_dir() {
        return Err("it is a directory".to_owned());
    }
    if !meta.is_file() {
        return Err("not a regular file (a FIFO, socket or device)".to_owned());
    }
    let too_large = || {
        format!(
            "larger than the limit of {} MiB ({FILE_LIMIT} bytes)",
            FILE_LIMIT >> 20
        )
    };
    if meta.len() > FILE_LIMIT {
        return Err(too_large());
    }
    let mut file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    let mut bytes = Vec::new();
    // The file may have grown since it was looked at.
    read_past(&mut file, FILE_LIMIT, &mut bytes).map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > FILE_LIMIT {
        return Err(too_large());
    }
    let mut text = String::from_utf8(bytes).map_err(|_| "not valid UTF-8 text".to_owned())?;
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    Ok(text)
}
