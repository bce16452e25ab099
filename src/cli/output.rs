//! `--output` reports. A regular file (or none yet) is written to a temporary file beside it
//! and renamed into place when the run ends, so a failed run never leaves half a report and a
//! link at that path is replaced, never written through. A FIFO, character device or socket
//! (a pipe, `/dev/stdout`), or a link to one, is opened and written in place: replacing it
//! would take a reader's pipe away. Temporary files get the umask's mode, as any file the user
//! writes, and are removed when SIGINT or SIGTERM ends the run (exit 130 / 143).

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The temporary files not yet renamed into place, for the signal thread to remove.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Where a report goes.
pub enum Report {
    /// A temporary file beside the target, renamed over it at the end.
    Replace(tempfile::NamedTempFile),
    /// The target itself: a pipe or a device, written as it is.
    InPlace(File),
}

impl Write for Report {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Report::Replace(f) => f.write(buf),
            Report::InPlace(f) => f.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Report::Replace(f) => f.write_all(buf),
            Report::InPlace(f) => f.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Report::Replace(f) => f.flush(),
            Report::InPlace(f) => f.flush(),
        }
    }
}

impl Report {
    /// Opens the report at `path`: in place for a pipe, a character device or a socket (or a
    /// link to one), else a temporary file beside it.
    pub fn open(path: &Path) -> io::Result<Report> {
        if let Some(special) = special_file(path) {
            return match special {
                Special::Stream => std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map(Report::InPlace),
                Special::Refused(what) => Err(io::Error::other(format!(
                    "{what}: a report is written only to a file, a pipe or a character device"
                ))),
            };
        }
        guard_signals();
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        // Held while the file is made, so that a signal in between finds it listed.
        let mut pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
        let file = builder().tempfile_in(folder)?;
        pending.push(file.path().to_path_buf());
        Ok(Report::Replace(file))
    }

    /// Puts the report in place: renames the temporary file over `path` (a pipe or device
    /// was written already).
    pub fn finish(self, path: &Path) -> io::Result<()> {
        match self {
            Report::InPlace(mut f) => f.flush(),
            Report::Replace(f) => {
                let mut pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
                let temp = f.path().to_path_buf();
                pending.retain(|p| *p != temp);
                f.persist(path).map(drop).map_err(|e| e.error)
            }
        }
    }
}

enum Special {
    /// A FIFO, a character device or a socket: written in place.
    Stream,
    /// Not a file a report can go to (a block device).
    Refused(&'static str),
}

/// What `path` is (through links) when it is not a regular file or a folder.
#[cfg(unix)]
fn special_file(path: &Path) -> Option<Special> {
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::metadata(path).ok()?.file_type();
    if kind.is_fifo() || kind.is_char_device() || kind.is_socket() {
        Some(Special::Stream)
    } else if kind.is_block_device() {
        Some(Special::Refused("a block device"))
    } else {
        None
    }
}

#[cfg(not(unix))]
fn special_file(_path: &Path) -> Option<Special> {
    None
}

/// A temporary file's builder: on Unix `rw-rw-rw-`, narrowed by the umask when the file is
/// created, as for any file a program writes (tempfile's own default, 0600, suits secrets, not
/// reports).
fn builder() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder
}

/// On SIGINT or SIGTERM: removes the temporary files not yet in place and exits with
/// 128 + the signal's number, as a shell reports a process ended by it. Installed once, on a
/// thread of its own (signal-hook's iterator: no code runs inside the signal handler).
#[cfg(unix)]
fn guard_signals() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
                for path in pending.iter() {
                    let _ = std::fs::remove_file(path);
                }
                std::process::exit(128 + signal);
            }
        });
    });
}

#[cfg(not(unix))]
fn guard_signals() {}
