//! Files read whole up to a size limit: `NAME_FILE` files and `.env` files.

use std::fs::File;
use std::io::{self, Read as _};

/// Appends what `file` holds to `bytes`, stopping at its end or once more than `limit`
/// bytes are in `bytes`, whichever comes first: a file that grew past the limit is read
/// only a little past it.
///
/// A loop over `File::read` rather than `take(limit + 1).read_to_end(..)`, whose generic
/// reader would be compiled in this crate for `Take<File>`.
pub(crate) fn read_past(file: &mut File, limit: u64, bytes: &mut Vec<u8>) -> io::Result<()> {
    let mut chunk = [0; 8192];
    while bytes.len() as u64 <= limit {
        match file.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
