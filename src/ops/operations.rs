//! Every backend operation, declared once. The table below is read by one
//! generator in each place that used to repeat it: the `Backend` trait and
//! its implementation on `Ops` (`ops/backend.rs`), the wire's `Request`
//! (`server/protocol.rs`), what a request may carry (`server/limits.rs`),
//! the server's dispatch (`server/handle.rs`) and the client over the
//! socket (`server/remote/backend.rs`). Adding an operation is one entry
//! here and its `Ops` method (and, only for an answer of a new type, its
//! `Reply` variant and `Answer` line in `server/protocol.rs`).
//!
//! An entry, in the wire's order (the position is the variant's number on
//! the wire: a new entry goes last, and changing the order or a variant's
//! fields changes the wire, which is a bump of `protocol::PROTOCOL`):
//!
//! ```text
//! /// Doc comment: the Backend method's and the Request variant's.
//! op Act { number: String [MAX_CODE], kind: ActKind, req: ActRequest }
//!     => fn act(login, at) -> Record, serve = crate::server::hooks::act;
//! ```
//!
//! - `op` is a `Backend` operation; `served` a request the server alone
//!   answers (no `Backend` method; it needs a `serve` hook).
//! - The variant: bare (`Queue`), one field (`Submit(req: SubmitRequest)`)
//!   or named fields. A field's type is one token (aliases below for longer
//!   ones): `String` travels as a `String` and is a `&str` to `Backend`.
//!   `[MAX]` is a text field's limit (a constant of `server/limits.rs`); a
//!   field of another type is bounded by its `limits::Bounded` impl, so a
//!   text without a limit does not compile.
//! - `fn NAME(login, at)`: the `Backend` method; `login` puts the signed-in
//!   user first (the server takes it from the session, never from the
//!   client), `at` the moment last (the server's clock). The fields come
//!   between, in their order.
//! - Hooks, in this order, each optional: `ops = PATH` implements the
//!   method on `Ops` (default: the `Ops` method of that name), `serve = PATH`
//!   answers the request in the server (default: the `Backend` method on
//!   `Ops`, answering with no notice), `remote = PATH` implements it over the
//!   socket (default: the request, and its reply as the return type).

/// The types the table names, for the generators' modules.
pub mod prelude {
    pub use chrono::NaiveDate;

    pub use crate::demo::DemoSummary;
    pub use crate::domain::queue::stats::DayStats;
    pub use crate::domain::queue::{PriorityReason, QueueConfig};
    pub use crate::ops::queue::{Board, Desk, QueueAct, Taken};
    pub use crate::ops::report::{Report, ReportQuery};
    pub use crate::ops::{ActKind, ActRequest, SpecialistLoad, SubmitRequest};
    pub use crate::store::model::{Organisation, Person, Record, Summary, User};

    /// Reports asked for together, and their answers in the same order.
    pub type ReportQueries = Vec<ReportQuery>;
    pub type Reports = Vec<Report>;
    /// A ticket's barrier-free priority, if any.
    pub type Priority = Option<PriorityReason>;
    /// A command line's words after `qyzmet`.
    pub type Args = Vec<String>;
    /// The contents of a file a command reads.
    pub type Input = Option<Vec<u8>>;
}

/// Calls `$then! { $extra ENTRY... }` with every operation digested into
/// the pieces the generators use (see the module's doc for the entries).
macro_rules! backend_operations {
    ($then:ident $extra:tt) => {
        $crate::ops::operations::digest! { $then $extra
            /// Whether the store has any user; a store without one is new
            /// (the workstation offers the demo).
            op HasUsers => fn has_users() -> bool;
            /// Fills an empty store with the demo region.
            op CreateDemo => fn create_demo(at) -> DemoSummary,
                ops = crate::ops::backend::create_demo,
                serve = crate::server::hooks::create_demo;
            /// Signs in with a password.
            op Login { login: String [MAX_CODE], password: String [MAX_PASSWORD] }
                => fn login(at) -> (User, Organisation),
                serve = crate::server::hooks::login,
                remote = crate::server::remote::backend::login_remembered;
            /// Every organisation. Their names are public: the hall's kiosk
            /// and board, which sign nobody in, show their centre's.
            op Orgs => fn orgs() -> Vec<Organisation>, ops = crate::ops::backend::orgs;
            /// A person the registry knows, by IIN (a read of their data).
            op Person { iin: String [MAX_CODE] } => fn person(login) -> Option<Person>,
                serve = crate::server::hooks::person;
            /// An intake.
            op Submit(req: SubmitRequest) => fn submit(login, at) -> Record,
                serve = crate::server::hooks::submit;
            /// An act on an application.
            op Act { number: String [MAX_CODE], kind: ActKind, req: ActRequest }
                => fn act(login, at) -> Record,
                serve = crate::server::hooks::act;
            /// What waits for the user, as summaries, most urgent first.
            op Queue => fn queue(login) -> Vec<Summary>;
            /// One application (a read of its applicant's data).
            op Show { number: String [MAX_CODE] } => fn show(login) -> Record,
                serve = crate::server::hooks::show;
            /// The head's specialists with their load.
            op Specialists => fn specialists(login, at) -> Vec<SpecialistLoad>;
            // The electronic queue: the kiosk and the board need no sign-in.
            /// The queue settings of a centre.
            op QueueConfig { centre: String [MAX_CODE] } => fn queue_config() -> QueueConfig;
            /// Raised by every change of the centre's queue: poll it, reload on change.
            op QueueRevision { centre: String [MAX_CODE] } => fn queue_revision() -> u64,
                remote = crate::server::remote::backend::queue_revision;
            /// The kiosk: a ticket in a category (priority: barrier-free service).
            op QueueTake { centre: String [MAX_CODE], category: char, priority: Priority }
                => fn queue_take(at) -> Taken;
            /// The kiosk: an appointment checked in by its code.
            op QueueCheckIn { centre: String [MAX_CODE], code: String [MAX_CODE] }
                => fn queue_check_in(at) -> Taken;
            /// The hall's board.
            op QueueBoard { centre: String [MAX_CODE] } => fn queue_board(at) -> Board;
            /// The operator's window.
            op QueueDesk => fn queue_desk(login, at) -> Desk;
            /// An act at the operator's window.
            op QueueAct(act: QueueAct) => fn queue_act(login, at) -> Desk;
            /// A centre's figures of a day: its head's.
            op QueueStats { centre: String [MAX_CODE], day: NaiveDate }
                => fn queue_stats(login) -> DayStats, ops = crate::ops::backend::queue_stats;
            /// How the server fares (`qyzmet status`): administrators only.
            served Status => fn status() -> ServerStatus, serve = crate::server::hooks::status;
            /// A CLI subcommand run by the server on the client's behalf (argv
            /// after `qyzmet`; `input`: the contents of a file argument it reads).
            served Cli { args: Args, input: Input } => fn cli() -> CliRun,
                serve = crate::server::hooks::cli;
            /// The demo users the store holds (login, role, organisation), for
            /// the login screen (protocol 2).
            op DemoUsers => fn demo_users() -> Vec<(String, String, String)>;
            /// (login, full name) of every user, for naming people on screen
            /// (protocol 2).
            op StaffNames => fn staff_names(login) -> Vec<(String, String)>;
            /// A report within what the user may read, as of `at` (protocol 3).
            op Report(query: ReportQuery) => fn report(login, at) -> Report;
            /// The signed-in user's own password, changed: the current one is
            /// checked as a sign-in is (protocol 5).
            op ChangePassword { current: String [MAX_PASSWORD], new: String [MAX_PASSWORD] }
                => fn change_password(login, at) -> bool,
                serve = crate::server::hooks::change_password;
            /// Several reports read together (the Reports pane's three: the
            /// applications in progress read once), in the order asked
            /// (protocol 5).
            op Reports(queries: ReportQueries) => fn reports(login, at) -> Reports;
        }
    };
}
pub(crate) use backend_operations;

/// Parses the entries once and hands each on as
/// `[ [attrs] kind Variant name [flags] [ret] [ops hook] [serve hook] [remote hook]
///    params [field: Type,...] limits [(field, MAX)...] pattern (...) variant (...) request (...) ]`:
/// `pattern` matches the request binding its fields, `variant` declares it,
/// `request` builds it from the `Backend` method's parameters.
macro_rules! digest {
    ($then:ident $extra:tt $(
        $(#[$m:meta])*
        $kind:ident $V:ident
        $( ( $tn:ident : $tt:tt $([$tmax:ident])? ) )?
        $( { $( $f:ident : $ft:tt $([$max:ident])? ),* } )?
        => fn $name:ident ( $($flag:ident),* ) -> $ret:ty
        $(, ops = $oh:path)? $(, serve = $sh:path)? $(, remote = $rh:path)? ;
    )*) => {
        $then! { $extra $( [
            [$(#[$m])*] $kind $V $name [$($flag)*] [$ret] [$($oh)?] [$($sh)?] [$($rh)?]
            params [$($tn: $tt,)? $($($f: $ft,)*)?]
            limits [$( ($tn $(, $tmax)?) )? $($( ($f $(, $max)?) )*)?]
            pattern (Request::$V $( ($tn) )? $( { $($f),* } )?)
            variant ($V $( ($tt) )? $( { $($f: $ft),* } )?)
            request (Request::$V
                $( ($crate::ops::operations::to_wire!($tt, $tn)) )?
                $( { $($f: $crate::ops::operations::to_wire!($ft, $f)),* } )?)
        ] )* }
    };
}
pub(crate) use digest;

/// A parameter's type as `Backend` takes it: a text is lent.
macro_rules! arg_ty {
    (String) => {
        &str
    };
    ($t:tt) => {
        $t
    };
}
pub(crate) use arg_ty;

/// A `Backend` parameter as the request carries it.
macro_rules! to_wire {
    (String, $v:ident) => {
        $v.to_string()
    };
    ($t:tt, $v:ident) => {
        $v
    };
}
pub(crate) use to_wire;

/// A request's field as the `Backend` method takes it.
macro_rules! lend {
    (String, $v:ident) => {
        &$v
    };
    ($t:tt, $v:ident) => {
        $v
    };
}
pub(crate) use lend;

/// A `Backend` method with the table's parameters: `login` first and `at`
/// last where the flags say, the fields between. `;` declares it; `$body!
/// { $b.. [self login at] [flags] [fields] }` writes its body (the names
/// are handed over so that the body's tokens mean these parameters).
macro_rules! method {
    (; [$($attr:tt)*] $name:ident [login at] [$($p:ident : $t:tt,)*] [$ret:ty]) => {
        $($attr)* fn $name(&self, login: &str,
            $($p: $crate::ops::operations::arg_ty!($t),)* at: ::chrono::NaiveDateTime)
            -> $crate::ops::OpsResult<$ret>;
    };
    (; [$($attr:tt)*] $name:ident [login] [$($p:ident : $t:tt,)*] [$ret:ty]) => {
        $($attr)* fn $name(&self, login: &str, $($p: $crate::ops::operations::arg_ty!($t),)*)
            -> $crate::ops::OpsResult<$ret>;
    };
    (; [$($attr:tt)*] $name:ident [at] [$($p:ident : $t:tt,)*] [$ret:ty]) => {
        $($attr)* fn $name(&self,
            $($p: $crate::ops::operations::arg_ty!($t),)* at: ::chrono::NaiveDateTime)
            -> $crate::ops::OpsResult<$ret>;
    };
    (; [$($attr:tt)*] $name:ident [] [$($p:ident : $t:tt,)*] [$ret:ty]) => {
        $($attr)* fn $name(&self, $($p: $crate::ops::operations::arg_ty!($t),)*)
            -> $crate::ops::OpsResult<$ret>;
    };
    ($body:ident ! { $($b:tt)* } [$($attr:tt)*] $name:ident [login at] [$($p:ident : $t:tt,)*] [$ret:ty]) => {
        $($attr)* fn $name(&self, login: &str,
            $($p: $crate::ops::operations::arg_ty!($t),)* at: ::chrono::NaiveDateTime)
            -> $crate::ops::OpsResult<$ret> {
            $body! { $($b)* [self login at] [login at] [$($p: $t,)*] }
        }
    };
    ($body:ident ! { $($b:tt)* } [$($attr:tt)*] $name:ident [login] [$($p:ident : $t:tt,)*] [$ret:ty]) => {
        $($attr)* fn $name(&self, login: &str, $($p: $crate::ops::operations::arg_ty!($t),)*)
            -> $crate::ops::OpsResult<$ret> {
            $body! { $($b)* [self login at] [login] [$($p: $t,)*] }
        }
    };
    ($body:ident ! { $($b:tt)* } [$($attr:tt)*] $name:ident [at] [$($p:ident : $t:tt,)*] [$ret:ty]) => {
        $($attr)* fn $name(&self,
            $($p: $crate::ops::operations::arg_ty!($t),)* at: ::chrono::NaiveDateTime)
            -> $crate::ops::OpsResult<$ret> {
            $body! { $($b)* [self login at] [at] [$($p: $t,)*] }
        }
    };
    ($body:ident ! { $($b:tt)* } [$($attr:tt)*] $name:ident [] [$($p:ident : $t:tt,)*] [$ret:ty]) => {
        $($attr)* fn $name(&self, $($p: $crate::ops::operations::arg_ty!($t),)*)
            -> $crate::ops::OpsResult<$ret> {
            $body! { $($b)* [self login at] [] [$($p: $t,)*] }
        }
    };
}
pub(crate) use method;

/// The arguments of a call with the table's flags: `$callee($first,
/// [login,] fields.., [at])`, each field passed as `$pass!(Type, field)`.
macro_rules! call {
    ($callee:expr, $first:expr, [login at], $login:expr, $at:expr, $pass:ident, [$($p:ident : $t:tt,)*]) => {
        $callee($first, $login, $($crate::ops::operations::$pass!($t, $p),)* $at)
    };
    ($callee:expr, $first:expr, [login], $login:expr, $at:expr, $pass:ident, [$($p:ident : $t:tt,)*]) => {
        $callee($first, $login, $($crate::ops::operations::$pass!($t, $p),)*)
    };
    ($callee:expr, $first:expr, [at], $login:expr, $at:expr, $pass:ident, [$($p:ident : $t:tt,)*]) => {
        $callee($first, $($crate::ops::operations::$pass!($t, $p),)* $at)
    };
    ($callee:expr, $first:expr, [], $login:expr, $at:expr, $pass:ident, [$($p:ident : $t:tt,)*]) => {
        $callee($first, $($crate::ops::operations::$pass!($t, $p),)*)
    };
}
pub(crate) use call;

/// A parameter passed as it is.
macro_rules! same {
    ($t:tt, $v:ident) => {
        $v
    };
}
pub(crate) use same;
