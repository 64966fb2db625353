//! The wire between `qyzmet serve` and its clients: frames of a 4-byte
//! little-endian length and a bincode body. The first exchange is a `Hello`
//! carrying the protocol version; a mismatch ends the connection with a
//! message both sides can show. An accepted client is then sent the
//! server's catalogue and calendar (`Sources`), encoded once for all.

use std::io::{self, Read, Write};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::domain::route::{SubmitError, TransitionError};
use crate::ops::OpsError;
use crate::ops::auth::LoginError;
use crate::ops::operations::prelude::*;

/// Bumped whenever a message changes shape.
/// 4: a report gives its daily completions; an intake says whether the
/// power of attorney is notarised (ЕНИС); a decision carries its acts.
/// 5: a history records the queue's call of a counter visit; the day's
/// figures count visits within the regulation's minutes (issue 13 item 5).
/// 5 also: a store out of reach (failover) is told apart (`StoreUnavailable`).
/// 5 also: the status says the server's CPU time and its notices coalesced and written.
/// 5 also: a user changes their own password (`ChangePassword`).
/// 5 also: several reports in one request (`Reports`, the Reports pane's).
/// 5 also: the State Corporation's centre marks a result's receipt (the act
/// `Receive`, the history's `ResultReceived`, a holder waiting to `receive`).
pub const PROTOCOL: u32 = 5;
/// Sent first by both sides, so a stray connection fails fast.
pub const MAGIC: [u8; 8] = *b"QYZMET\0\x01";
/// No honest message comes near this (a whole catalogue is ~1 MiB).
pub const MAX_FRAME: usize = 64 << 20;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Hello {
    pub magic: [u8; 8],
    pub protocol: u32,
    /// The sender's program version, for messages.
    pub version: String,
}

impl Hello {
    pub fn ours() -> Hello {
        Hello {
            magic: MAGIC,
            protocol: PROTOCOL,
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// What the server says after the client's hello.
// Messages live for one read or write: boxing variants would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Welcome {
    Accepted {
        hello: Hello,
        /// The store the server holds, for the frame.
        location: String,
        /// The Qyzmet user mapped to the connecting OS user, if any: signed
        /// in already.
        peer_user: Option<(User, Organisation)>,
    },
    Refused {
        hello: Hello,
        reason: String,
    },
}

/// The digest of the operations' table (`ops::operations`): the requests,
/// in the wire's order.
macro_rules! requests {
    ({} $( [
        [$($attr:tt)*] $kind:ident $V:ident $name:ident $flags:tt $ret:tt
        $oh:tt $sh:tt $rh:tt params $params:tt limits $limits:tt
        pattern $pattern:tt variant ($($variant:tt)*) request $request:tt
    ] )*) => {
        /// What a client asks, one variant per operation of the table.
        #[derive(Debug, Clone, Serialize, Deserialize)]
        pub enum Request {
            $( $($attr)* $($variant)*, )*
        }
    };
}

crate::ops::operations::backend_operations! { requests {} }

// Messages live for one read or write: boxing variants would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Reply {
    Bool(bool),
    Demo(DemoSummary),
    LoggedIn(User, Organisation),
    Orgs(Vec<Organisation>),
    Person(Option<Person>),
    Record(Box<Record>),
    Queue(Vec<Summary>),
    Specialists(Vec<SpecialistLoad>),
    QueueConfig(QueueConfig),
    Revision(u64),
    Taken(Taken),
    Board(Board),
    Desk(Desk),
    Stats(DayStats),
    Status(Box<super::status::ServerStatus>),
    /// A CLI run: exit code, what it printed, and a file it produced.
    Cli {
        code: u8,
        stdout: Vec<u8>,
        stderr: Vec<u8>,
        output: Option<Vec<u8>>,
    },
    /// (login, role, organisation) of each user.
    Users(Vec<(String, String, String)>),
    /// (login, full name) of each user.
    Names(Vec<(String, String)>),
    Report(Box<Report>),
    Reports(Vec<Report>),
}

/// A type an operation answers with, and the `Reply` it travels as (each
/// type has one; a new type of answer adds its variant above and a line here).
pub trait Answer: Sized {
    fn into_reply(self) -> Reply;
    /// The answer, or the reply of another kind that came instead (handed
    /// back whole, as it came: boxing it would buy nothing).
    #[allow(clippy::result_large_err)]
    fn from_reply(reply: Reply) -> Result<Self, Reply>;
}

macro_rules! answers {
    ($($V:ident($t:ty)),* ; boxed $($B:ident($bt:ty)),*) => {
        $( impl Answer for $t {
            fn into_reply(self) -> Reply {
                Reply::$V(self)
            }
            #[allow(clippy::result_large_err)]
            fn from_reply(reply: Reply) -> Result<Self, Reply> {
                match reply {
                    Reply::$V(v) => Ok(v),
                    other => Err(other),
                }
            }
        } )*
        $( impl Answer for $bt {
            fn into_reply(self) -> Reply {
                Reply::$B(Box::new(self))
            }
            #[allow(clippy::result_large_err)]
            fn from_reply(reply: Reply) -> Result<Self, Reply> {
                match reply {
                    Reply::$B(v) => Ok(*v),
                    other => Err(other),
                }
            }
        } )*
    };
}

answers! {
    Bool(bool), Demo(DemoSummary), Orgs(Vec<Organisation>), Person(Option<Person>),
    Queue(Vec<Summary>), Specialists(Vec<SpecialistLoad>), QueueConfig(QueueConfig),
    Revision(u64), Taken(Taken), Board(Board), Desk(Desk), Stats(DayStats),
    Users(Vec<(String, String, String)>), Names(Vec<(String, String)>), Reports(Vec<Report>);
    boxed Record(Record), Report(Report), Status(super::status::ServerStatus)
}

impl Answer for (User, Organisation) {
    fn into_reply(self) -> Reply {
        Reply::LoggedIn(self.0, self.1)
    }
    #[allow(clippy::result_large_err)]
    fn from_reply(reply: Reply) -> Result<Self, Reply> {
        match reply {
            Reply::LoggedIn(u, o) => Ok((u, o)),
            other => Err(other),
        }
    }
}

/// `OpsError` as it crosses the wire: refusals as their typed reasons, store
/// failures as text (logged, never shown).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum WireError {
    Forbidden(crate::ops::Refusal),
    NotFound(crate::ops::Refusal),
    Invalid(crate::ops::Refusal),
    Conflict(String),
    Stale {
        number: String,
        by: String,
    },
    Transition(TransitionError),
    Submit(SubmitError),
    Login(LoginError),
    Queue(crate::domain::queue::QueueError),
    Store(String),
    /// The session ended (inactivity); sign in again.
    SessionExpired,
    /// The server cannot reach its store (a database failing over): the
    /// client shows "reconnecting" and the request may be made again.
    StoreUnavailable(String),
}

impl From<OpsError> for WireError {
    fn from(e: OpsError) -> WireError {
        match e {
            OpsError::Forbidden(m) => WireError::Forbidden(m),
            OpsError::NotFound(m) => WireError::NotFound(m),
            OpsError::Invalid(m) => WireError::Invalid(m),
            OpsError::Conflict(m) => WireError::Conflict(m),
            OpsError::Stale { number, by } => WireError::Stale { number, by },
            OpsError::Transition(e) => WireError::Transition(e),
            OpsError::Submit(e) => WireError::Submit(e),
            OpsError::Login(e) => WireError::Login(e),
            OpsError::Queue(e) => WireError::Queue(e),
            OpsError::Store(e) if e.unreachable() => WireError::StoreUnavailable(e.to_string()),
            OpsError::Store(e) => WireError::Store(e.to_string()),
            OpsError::Unavailable(m) => WireError::StoreUnavailable(m),
            OpsError::SessionExpired => WireError::SessionExpired,
        }
    }
}

impl From<WireError> for OpsError {
    fn from(e: WireError) -> OpsError {
        match e {
            WireError::Forbidden(m) => OpsError::Forbidden(m),
            WireError::NotFound(m) => OpsError::NotFound(m),
            WireError::Invalid(m) => OpsError::Invalid(m),
            WireError::Conflict(m) => OpsError::Conflict(m),
            WireError::Stale { number, by } => OpsError::Stale { number, by },
            WireError::Transition(e) => OpsError::Transition(e),
            WireError::Submit(e) => OpsError::Submit(e),
            WireError::Login(e) => OpsError::Login(e),
            WireError::Queue(e) => OpsError::Queue(e),
            WireError::Store(m) => {
                tracing::error!("the server's store: {m}");
                OpsError::Invalid(crate::ops::Refusal::ServerStore)
            }
            WireError::SessionExpired => OpsError::SessionExpired,
            WireError::StoreUnavailable(m) => OpsError::Unavailable(m),
        }
    }
}

/// What the server sends: the answer to a request, or unasked news.
// Messages live for one read or write: boxing variants would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum ServerMsg {
    Reply {
        id: u64,
        result: Result<Reply, WireError>,
    },
    /// Something the client shows changed: reload.
    Notice(Notice),
    /// Notices for this client were dropped (it read too slowly): reload
    /// everything.
    Resync,
    /// The server is going away (shutdown); the client will reconnect.
    Bye { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// The store's revision after the change.
    pub revision: u64,
    /// The application that changed, if one did.
    pub number: Option<String>,
    /// That application as lists show it now, so clients patch their lists
    /// instead of reloading them (None: reload).
    pub summary: Option<Summary>,
    /// A centre's queue that changed, with its new revision.
    pub queue: Option<(String, u64)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClientMsg {
    pub id: u64,
    pub request: Request,
}

/// With a limit, bincode refuses a length prefix larger than the frame may
/// be before allocating it: without one, a string claiming 2^64 bytes was a
/// capacity-overflow panic in the server (found by fuzzing).
fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<MAX_FRAME>()
}

/// A whole frame: the length, then the body, in one buffer.
pub fn encode_frame<T: Serialize>(msg: &T) -> io::Result<Vec<u8>> {
    let mut buf = vec![0u8; 4];
    bincode::serde::encode_into_std_write(msg, &mut buf, config())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let len = buf.len() - 4;
    if len > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "message too large",
        ));
    }
    buf[..4].copy_from_slice(&(len as u32).to_le_bytes());
    Ok(buf)
}

pub fn write_frame<T: Serialize>(w: &mut impl Write, msg: &T) -> io::Result<()> {
    w.write_all(&encode_frame(msg)?)?;
    w.flush()
}

/// One frame; `Ok(None)` when the peer closed the connection between frames.
pub fn read_frame<T: DeserializeOwned>(r: &mut impl Read) -> io::Result<Option<T>> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u32::from_le_bytes(len) as usize;
    if len > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a frame of {len} bytes is over the limit"),
        ));
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body)?;
    decode_body(&body).map(Some)
}

/// A frame's body (without its length), as the server's reactor cuts it
/// out of what a connection sent.
pub fn decode_body<T: DeserializeOwned>(body: &[u8]) -> io::Result<T> {
    let len = body.len();
    let (msg, used) = bincode::serde::decode_from_slice(body, config())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    if used != len {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "trailing bytes in a frame",
        ));
    }
    Ok(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_stop_cleanly() {
        let mut buf = Vec::new();
        let msg = ClientMsg {
            id: 7,
            request: Request::Act {
                number: "KRG-SC-2026-000001".into(),
                kind: ActKind::Return,
                req: ActRequest {
                    comment: Some("нет подписи".into()),
                    ..ActRequest::default()
                },
            },
        };
        write_frame(&mut buf, &msg).unwrap();
        write_frame(&mut buf, &Hello::ours()).unwrap();
        let mut r = buf.as_slice();
        let back: ClientMsg = read_frame(&mut r).unwrap().unwrap();
        assert_eq!(back.id, 7);
        assert!(
            matches!(back.request, Request::Act { kind: ActKind::Return, req, .. }
            if req.comment.as_deref() == Some("нет подписи"))
        );
        let hello: Hello = read_frame(&mut r).unwrap().unwrap();
        assert_eq!(hello.protocol, PROTOCOL);
        assert!(read_frame::<Hello>(&mut r).unwrap().is_none());
    }

    /// A request's variant is its number on the wire: the table's order is
    /// protocol 3's (4 changed a report's shape, not the requests; 5 added
    /// `ChangePassword` last), and
    /// changing it (or inserting an entry) is a bump.
    #[test]
    fn requests_keep_their_wire_order() {
        let err = serde_json::from_str::<Request>("\"NoSuchRequest\"")
            .unwrap_err()
            .to_string();
        let order = "`HasUsers`, `CreateDemo`, `Login`, `Orgs`, `Person`, `Submit`, `Act`, \
             `Queue`, `Show`, `Specialists`, `QueueConfig`, `QueueRevision`, `QueueTake`, \
             `QueueCheckIn`, `QueueBoard`, `QueueDesk`, `QueueAct`, `QueueStats`, `Status`, \
             `Cli`, `DemoUsers`, `StaffNames`, `Report`, `ChangePassword`";
        assert!(err.contains(order), "{err}");
        assert_eq!(PROTOCOL, 5);
        // The first byte after the length is the variant's number.
        for (request, number) in [(Request::Status, 18), (Request::StaffNames, 21)] {
            assert_eq!(encode_frame(&request).unwrap()[4], number);
        }
    }

    #[test]
    fn oversized_and_truncated_frames_are_errors() {
        let mut big = ((MAX_FRAME + 1) as u32).to_le_bytes().to_vec();
        big.extend([0; 16]);
        assert!(read_frame::<Hello>(&mut big.as_slice()).is_err());
        let mut buf = Vec::new();
        write_frame(&mut buf, &Hello::ours()).unwrap();
        buf.truncate(buf.len() - 1);
        assert!(read_frame::<Hello>(&mut buf.as_slice()).is_err());
    }

    #[test]
    fn errors_cross_the_wire_typed() {
        let e = OpsError::Login(LoginError::UnknownOrWrong { attempts_left: 2 });
        let mut buf = Vec::new();
        let msg = ServerMsg::Reply {
            id: 1,
            result: Err(e.into()),
        };
        write_frame(&mut buf, &msg).unwrap();
        let back: ServerMsg = read_frame(&mut buf.as_slice()).unwrap().unwrap();
        let ServerMsg::Reply { result: Err(w), .. } = back else {
            panic!()
        };
        assert!(matches!(
            OpsError::from(w),
            OpsError::Login(LoginError::UnknownOrWrong { attempts_left: 2 })
        ));
    }

    /// A refusal arrives as its typed reason, so the client says it in its
    /// own user's language.
    #[test]
    fn refusals_cross_the_wire_as_reasons() {
        use crate::domain::roles::Role;
        use crate::ops::Refusal;
        let reason = Refusal::LacksRole {
            login: "hd".into(),
            role: Role::Clerk,
        };
        let mut buf = Vec::new();
        let msg = ServerMsg::Reply {
            id: 1,
            result: Err(OpsError::Forbidden(reason.clone()).into()),
        };
        write_frame(&mut buf, &msg).unwrap();
        let back: ServerMsg = read_frame(&mut buf.as_slice()).unwrap().unwrap();
        let ServerMsg::Reply { result: Err(w), .. } = back else {
            panic!()
        };
        let e = OpsError::from(w);
        assert!(
            matches!(&e, OpsError::Forbidden(r) if *r == reason),
            "{e:?}"
        );
        let kk = crate::i18n::error_text(crate::i18n::Lang::Kk, &e);
        assert!(kk.contains("Кеңсе") && kk.contains("рөлі жоқ"), "{kk}");
    }
}
