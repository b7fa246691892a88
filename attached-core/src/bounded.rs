//! Files read whole up to a size limit: `NAME_FILE` files and `.env` files.

use std::fs::File;
use std::io::{self, Read as _};

/// Appends what `file` holds to `bytes`, stopping at its end or once more than `limit`
/// bytes are in `bytes`, whichever comes first: a file that grew past the limit is read
/// only a little past it.
///
/// A loop over `File::read` rather than `take(limit + 1).read_to_end(..)`, whose generic
/// reader would be compiled in this crate for `Take<File>`. It reads straight into
/// `bytes`, as `read_to_end` did: the text may be a secret, and a buffer on the stack
/// would leave one more copy of it behind.
pub(crate) fn read_past(file: &mut File, limit: u64, bytes: &mut Vec<u8>) -> io::Result<()> {
    const CHUNK: usize = 8192;
    while bytes.len() as u64 <= limit {
        let start = bytes.len();
        bytes.resize(start + CHUNK, 0);
        let read = file.read(&mut bytes[start..]);
        let n = match read {
            Ok(n) => n,
            Err(_) => 0,
        };
        bytes.truncate(start + n);
        match read {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
