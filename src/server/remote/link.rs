//! One connection to the server: the handshake, the reader thread that
//! sorts replies from notices, reconnecting and signing in again, and one
//! request's exchange.

use std::io;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::time::Duration;

use crate::ops::{OpsError, OpsResult};
use crate::server::protocol::{
    ClientMsg, Hello, Reply, Request, ServerMsg, Welcome, WireError, read_frame, write_frame,
};
use crate::store::model::{Organisation, User};

use super::{ConnectError, Link, MAX_PENDING, REPLY_TIMEOUT, Shared};

/// How long a reply that timed out may still take to be read.
const RESUME_GRACE: Duration = Duration::from_secs(1);

/// What the reader takes from the socket at once: a tick's notices for a
/// busy office (a notice is ~300 bytes).
const READ_BUFFER: usize = 16 << 10;

pub(super) struct Handshake {
    pub(super) link: Link,
    pub(super) location: String,
    pub(super) sources: crate::catalog_files::Sources,
    pub(super) peer_user: Option<(User, Organisation)>,
}

pub(super) fn handshake(path: &Path, shared: &Arc<Shared>) -> Result<Handshake, ConnectError> {
    let io_err = |err| ConnectError::Io {
        path: path.to_path_buf(),
        err,
    };
    let stream = UnixStream::connect(path).map_err(io_err)?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(io_err)?;
    let mut writer = stream.try_clone().map_err(io_err)?;
    write_frame(&mut writer, &Hello::ours()).map_err(io_err)?;
    let mut reader = stream;
    let welcome: Welcome = read_frame(&mut reader).map_err(io_err)?.ok_or_else(|| {
        io_err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the server closed the connection during the handshake",
        ))
    })?;
    let (location, sources, peer_user) = match welcome {
        Welcome::Refused { reason, .. } => {
            return Err(ConnectError::Refused {
                path: path.to_path_buf(),
                reason,
            });
        }
        Welcome::Accepted {
            location,
            peer_user,
            ..
        } => {
            let sources = read_frame(&mut reader).map_err(io_err)?.ok_or_else(|| {
                io_err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the server closed the connection before sending its catalogue",
                ))
            })?;
            (location, sources, peer_user)
        }
    };
    reader.set_read_timeout(None).map_err(io_err)?;
    let (tx, rx) = channel();
    spawn_reader(reader, tx, shared.clone());
    Ok(Handshake {
        link: Link {
            writer,
            replies: rx,
            next: 1,
        },
        location,
        sources,
        peer_user,
    })
}

/// Reads what the server sends: replies go to the waiting request, notices
/// bump the revision; the end of the stream marks the link lost. Buffered:
/// the notices of one tick come in one write and are read in one call.
fn spawn_reader(
    reader: UnixStream,
    tx: Sender<(u64, Result<Reply, WireError>)>,
    shared: Arc<Shared>,
) {
    let generation = shared.generation.fetch_add(1, Ordering::SeqCst) + 1;
    std::thread::spawn(move || {
        let mut reader = io::BufReader::with_capacity(READ_BUFFER, reader);
        loop {
            match read_frame::<ServerMsg>(&mut reader) {
                Ok(Some(ServerMsg::Reply { id, result })) => {
                    if tx.send((id, result)).is_err() {
                        return;
                    }
                }
                // Notices were dropped for this client: as after a reconnection.
                Ok(Some(ServerMsg::Resync)) => {
                    forget_what_notices_told(&shared);
                    shared.news.tell();
                }
                Ok(Some(ServerMsg::Notice(n))) => match n.queue {
                    Some((centre, rev)) => {
                        shared.queues.lock().expect("queues").insert(centre, rev);
                    }
                    None => {
                        let mut pending = shared.pending.lock().expect("pending");
                        match (n.summary, pending.as_mut()) {
                            (Some(s), Some(list)) if list.len() < MAX_PENDING => list.push(s),
                            _ => *pending = None,
                        }
                        drop(pending);
                        shared.revision.fetch_add(1, Ordering::SeqCst);
                        shared.news.tell();
                    }
                },
                Ok(Some(ServerMsg::Bye { .. })) | Ok(None) | Err(_) => {
                    if shared.generation.load(Ordering::SeqCst) == generation {
                        shared.online.store(false, Ordering::SeqCst);
                    }
                    shared.news.tell();
                    return;
                }
            }
        }
    });
}

/// A new link, signed in again with the remembered password if there was one.
/// The sign-in happens on the new link before it is published: a request
/// sent in between would reach a connection nobody has signed in on yet.
pub(super) fn reconnect(s: &Arc<Shared>) -> OpsResult<()> {
    let mut guard = s.link.lock().expect("link");
    if s.online.load(Ordering::SeqCst) && guard.is_some() {
        return Ok(());
    }
    let mut link = handshake(&s.path, s)
        .map_err(|e| OpsError::Unavailable(e.to_string()))?
        .link;
    let creds = s.credentials.lock().expect("credentials").clone();
    let signed_in = match creds {
        Some((login, password)) => {
            match exchange(&mut link, Request::Login { login, password })
                .map_err(OpsError::Unavailable)?
            {
                // The server is back but its store is not yet: try again
                // later rather than sign the user out.
                Err(WireError::StoreUnavailable(why)) => return Err(OpsError::Unavailable(why)),
                reply => reply.is_ok(),
            }
        }
        None => true,
    };
    *guard = Some(link);
    s.online.store(true, Ordering::SeqCst);
    drop(guard);
    // Whatever happened meanwhile: reload.
    forget_what_notices_told(s);
    if !signed_in {
        // The password changed or the account was locked meanwhile: the
        // user signs in again by hand.
        *s.credentials.lock().expect("credentials") = None;
        return Err(OpsError::SessionExpired);
    }
    Ok(())
}

/// The lists and queue revisions the notices kept are no longer known: the
/// workstation reloads its lists at its next tick, and asks each queue's
/// revision again.
fn forget_what_notices_told(s: &Shared) {
    s.queues.lock().expect("queues").clear();
    *s.pending.lock().expect("pending") = None;
    s.revision.fetch_add(1, Ordering::SeqCst);
}

pub(super) fn call(s: &Arc<Shared>, request: Request) -> OpsResult<Reply> {
    if !s.online.load(Ordering::SeqCst) {
        reconnect(s)?;
    }
    let mut guard = s.link.lock().expect("link");
    let result = match guard.as_mut() {
        Some(link) => exchange(link, request),
        None => Err("not connected".to_string()),
    };
    match result {
        Ok(reply) => {
            let down = matches!(reply, Err(WireError::StoreUnavailable(_)));
            s.store_down.store(down, Ordering::SeqCst);
            reply.map_err(OpsError::from)
        }
        Err(why) => {
            *guard = None;
            s.online.store(false, Ordering::SeqCst);
            Err(OpsError::Unavailable(why))
        }
    }
}

/// One request and its reply on a link; Err says why the link is lost.
fn exchange(link: &mut Link, request: Request) -> Result<Result<Reply, WireError>, String> {
    let id = link.next;
    link.next += 1;
    write_frame(&mut link.writer, &ClientMsg { id, request }).map_err(|e| e.to_string())?;
    loop {
        match link.replies.recv_timeout(REPLY_TIMEOUT) {
            Ok((rid, result)) if rid == id => return Ok(result),
            // A reply to a request given up on earlier.
            Ok(_) => continue,
            Err(RecvTimeoutError::Timeout) => {
                // A process stopped past the timeout (SIGSTOP, a suspended
                // machine) resumes with the reply unread in its socket: its
                // reader gets a moment to deliver it first.
                match link.replies.recv_timeout(RESUME_GRACE) {
                    Ok((rid, result)) if rid == id => return Ok(result),
                    Ok(_) => continue,
                    Err(_) => {}
                }
                let _ = link.writer.shutdown(std::net::Shutdown::Both);
                return Err("no answer from the server".into());
            }
            Err(RecvTimeoutError::Disconnected) => {
                return Err("the connection was lost".into());
            }
        }
    }
}
