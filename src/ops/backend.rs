//! What a workstation needs from the operations API. The embedded store
//! implements it here; the server's client implements it over a socket, so
//! the TUI runs unchanged on either. The operations are declared once, in
//! `ops/operations.rs`; this file generates the trait and its `Ops` side
//! from that table, and keeps what each side answers for itself (the
//! catalogue, the store's revision and changes).

use chrono::NaiveDateTime;

use chrono::NaiveDate;

use super::operations::prelude::*;
use super::{Ops, OpsResult};
use crate::domain::catalog::Catalog;
use crate::domain::route::Deadlines;

/// How many applications the demo offered on an empty store carries.
pub const DEMO_APPLICATIONS: usize = 240;

/// The digest of one table entry (`ops::operations::digest`), as this
/// file's generators read it.
macro_rules! backend {
    ({ trait { $($local:tt)* } ops { $($ops_local:tt)* } } $( [
        [$($attr:tt)*] $kind:ident $V:ident $name:ident [$($flag:ident)*] [$ret:ty]
        [$($oh:path)?] [$($sh:path)?] [$($rh:path)?]
        params [$($p:ident : $t:tt,)*] limits $limits:tt
        pattern $pattern:tt variant $variant:tt request $request:tt
    ] )*) => {
        pub trait Backend {
            $($local)*
            $( backend!(@decl $kind [$($attr)*] $name [$($flag)*] [$($p: $t,)*] [$ret]); )*
        }

        impl Backend for Ops {
            $($ops_local)*
            $( backend!(@impl $kind [$($oh)?] $name [$($flag)*] [$($p: $t,)*] [$ret]); )*
        }
    };
    (@decl served $($rest:tt)*) => {};
    (@decl op [$($attr:tt)*] $name:ident $flags:tt $params:tt $ret:tt) => {
        crate::ops::operations::method! { ; [$($attr)*] $name $flags $params $ret }
    };
    (@impl served $($rest:tt)*) => {};
    (@impl op [$($oh:path)?] $name:ident $flags:tt $params:tt $ret:tt) => {
        crate::ops::operations::method! { ops_body! { [$($oh)?] $name } [] $name $flags $params $ret }
    };
}

/// The body of a method on `Ops`: its hook, else the `Ops` method of the
/// same name (an inherent method comes before the trait's in `Ops::NAME`).
macro_rules! ops_body {
    ([$($oh:path)?] $name:ident [$self:ident $login:ident $at:ident] [$($flag:ident)*] $params:tt) => {
        crate::ops::operations::call!(
            ops_body!(@callee [$($oh)?] $name), $self, [$($flag)*], $login, $at, same, $params
        )
    };
    (@callee [$oh:path] $name:ident) => { $oh };
    (@callee [] $name:ident) => { Ops::$name };
}

crate::ops::operations::backend_operations! { backend {
    trait {
        fn catalog(&self) -> &Catalog;
        fn deadlines(&self) -> &Deadlines;
        /// Where the data lives, for the frame: a store path or a server socket.
        fn location(&self) -> String;
        /// Changes whenever the store does: lists reload only then.
        fn revision(&self) -> OpsResult<u64>;
        /// False while the server is out of reach (the client reconnects).
        fn online(&self) -> bool {
            true
        }
        /// The applications changed since `revision` (as `revision` gave it),
        /// as lists show them; None: too many or unknown, reload.
        fn changes_since(&self, login: &str, revision: u64) -> OpsResult<Option<Vec<Summary>>>;
        /// The user the OS signed in (a server mapping the connecting OS user).
        fn peer_user(&self) -> Option<(User, Organisation)> {
            None
        }
    }
    ops {
        fn catalog(&self) -> &Catalog {
            &self.catalog
        }
        fn deadlines(&self) -> &Deadlines {
            &self.deadlines
        }
        fn location(&self) -> String {
            self.store.path().display().to_string()
        }
        fn revision(&self) -> OpsResult<u64> {
            Ok(self.store.revision()?)
        }
        fn changes_since(&self, login: &str, revision: u64) -> OpsResult<Option<Vec<Summary>>> {
            Ops::changes_since(self, login, revision)
        }
    }
} }

/// Fills an empty store with the demo region; a store with users is refused.
pub fn create_demo(ops: &Ops, at: NaiveDateTime) -> OpsResult<DemoSummary> {
    if Ops::has_users(ops)? {
        return Err(super::OpsError::Invalid(super::Refusal::StoreHasUsers));
    }
    crate::demo::populate(ops, at, DEMO_APPLICATIONS, &mut |_| {})
}

/// Every organisation.
pub fn orgs(ops: &Ops) -> OpsResult<Vec<Organisation>> {
    Ok(ops.store.orgs()?)
}

/// A centre's figures of a day, as the signed-in `login` may read them.
pub fn queue_stats(ops: &Ops, login: &str, centre: &str, day: NaiveDate) -> OpsResult<DayStats> {
    Ops::queue_stats(ops, Some(login), centre, day)
}
