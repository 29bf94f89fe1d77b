//! The kernel byte links of the brigade shapes: an AF_UNIX stream socketpair or a pipe, as a write end and
//! a read end, and the one-byte read and write every model does on them (blocking for threads, non-blocking
//! under an async reactor, which then waits for readiness itself).

use std::io;
use std::os::unix::io::{AsRawFd, FromRawFd, OwnedFd, RawFd};

use crate::spec::Transport;

/// The two ends of one link: bytes written to `write` come out of `read`.
pub struct LinkFds {
    pub write: OwnedFd,
    pub read: OwnedFd,
}

/// Opens one link; `nonblocking` for async models, whose reactor waits instead of the read.
pub fn open(transport: Transport, nonblocking: bool) -> io::Result<LinkFds> {
    let mut fds: [libc::c_int; 2] = [-1, -1];
    // SAFETY: fds has room for the two descriptors both calls return.
    let rc = match transport {
        Transport::SocketPair => {
            let kind = libc::SOCK_STREAM | libc::SOCK_CLOEXEC | if nonblocking { libc::SOCK_NONBLOCK } else { 0 };
            unsafe { libc::socketpair(libc::AF_UNIX, kind, 0, fds.as_mut_ptr()) }
        }
        Transport::Pipe => {
            let flags = libc::O_CLOEXEC | if nonblocking { libc::O_NONBLOCK } else { 0 };
            unsafe { libc::pipe2(fds.as_mut_ptr(), flags) }
        }
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: both descriptors were just opened and are owned by nobody else. A pipe reads at [0] and writes
    // at [1]; a socketpair is symmetric, and the same assignment is used.
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    Ok(LinkFds { write, read })
}

/// One read(2) of one byte; EINTR retried, end of file an error. A non-blocking descriptor with nothing to
/// read returns `WouldBlock`.
pub fn read_byte(fd: RawFd) -> io::Result<u8> {
    let mut byte = 0u8;
    loop {
        // SAFETY: reads at most one byte into `byte`.
        let n = unsafe { libc::read(fd, &mut byte as *mut u8 as *mut libc::c_void, 1) };
        match n {
            1 => return Ok(byte),
            0 => return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the link was closed")),
            _ => {
                let error = io::Error::last_os_error();
                if error.kind() != io::ErrorKind::Interrupted {
                    return Err(error);
                }
            }
        }
    }
}

/// One write(2) of one byte; EINTR retried.
pub fn write_byte(fd: RawFd, byte: u8) -> io::Result<()> {
    loop {
        // SAFETY: writes one byte from `byte`.
        let n = unsafe { libc::write(fd, &byte as *const u8 as *const libc::c_void, 1) };
        if n == 1 {
            return Ok(());
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}

/// Raises this process's open-file limit to its hard limit: 500 links of two descriptors each, and as many
/// baseline links, pass the usual soft limit of 1024.
pub fn raise_open_file_limit() {
    // SAFETY: rlimit is plain data; setrlimit only raises the soft limit up to the hard one.
    unsafe {
        let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

/// A blocking link for the thread model.
pub struct BlockingLink {
    fds: LinkFds,
}

impl BlockingLink {
    pub fn open(transport: Transport) -> io::Result<BlockingLink> {
        open(transport, false).map(|fds| BlockingLink { fds })
    }

    pub fn read_byte(&self) -> io::Result<u8> {
        read_byte(self.fds.read.as_raw_fd())
    }

    pub fn write_byte(&self, byte: u8) -> io::Result<()> {
        write_byte(self.fds.write.as_raw_fd(), byte)
    }
}
