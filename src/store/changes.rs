//! The state changes, each one engine transaction: the caller's logic runs
//! inside it (and may refuse with its own error type), the store adds the
//! index entries, journal entries and drawn numbers.

use std::cell::RefCell;

use chrono::NaiveDateTime;

use super::engine::{QueueTxn, TxFail, TxResult, Txn};
use super::index::{self, number_key};
use super::journal::{admin_entry, event_entry};
use super::model::{JournalWhat, Organisation, Person, Record, User};
use super::queue::QueueTx;
use super::{APP_ID, Known, NumberRequest, Store, StoreError};
use crate::domain::power::PowerOfAttorney;

/// Why a batch of powers of attorney was not written.
#[derive(Debug, thiserror::Error)]
pub enum PowersRefused {
    #[error("the person registry has no principal with IIN {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))]
    UnknownPrincipals(Vec<crate::domain::iin::Iin>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Keeps a body's own refusal while the engine unwinds its transaction.
pub struct Refusal<E>(RefCell<Option<E>>);

impl<E> Refusal<E> {
    /// Refuses the change with `e`: nothing is written.
    pub fn refuse(&self, e: E) -> TxFail {
        *self.0.borrow_mut() = Some(e);
        TxFail::Abort
    }

    /// The value, or the refusal.
    pub fn check<T>(&self, r: Result<T, E>) -> TxResult<T> {
        r.map_err(|e| self.refuse(e))
    }
}

/// An error inside a queue transaction, as the operations spell it: the
/// caller's refusal, a conflict the engine retries, or a storage failure.
#[derive(Debug)]
pub enum TxError<E> {
    Abort(E),
    Conflict,
    Storage(StoreError),
}

pub type TxOut<T, E> = Result<T, TxError<E>>;

impl<E> From<TxFail> for TxError<E> {
    fn from(f: TxFail) -> TxError<E> {
        match f {
            // Engine reads never abort on their own; treat it as a retry.
            TxFail::Abort | TxFail::Retry => TxError::Conflict,
            TxFail::Failed(e) => TxError::Storage(e),
        }
    }
}

impl Store {
    /// Runs `body` as one durable transaction; its result, or the error it
    /// refused with, or the engine's failure.
    pub fn write<T, E: From<StoreError>>(
        &self,
        body: impl Fn(&dyn Txn, &Refusal<E>) -> TxResult<T>,
    ) -> Result<T, E> {
        let refusal = Refusal(RefCell::new(None));
        let out = RefCell::new(None);
        let ran = self.engine.write(&|tx| {
            *out.borrow_mut() = Some(body(tx, &refusal)?);
            Ok(())
        });
        finish(ran, refusal, out)
    }

    /// Stores a new application. `make` receives the new id and the intake
    /// number (drawn in the same transaction, so numbers stay gapless).
    pub fn insert_app<E: From<StoreError>>(
        &self,
        number: &NumberRequest,
        make: impl Fn(u64, String) -> Result<Record, E>,
    ) -> Result<Record, E> {
        self.write(|tx, refusal| {
            let id = tx.draw(APP_ID)?;
            let n = number.format(tx.draw(&number.counter())?);
            let rec = refusal.check(make(id, n))?;
            if tx.index_value(&number_key(&rec.number))?.is_some() {
                let taken = format!("number {} is taken", rec.number);
                return Err(refusal.refuse(StoreError::Conflict(taken).into()));
            }
            write_record(tx, self.cells.as_deref(), None, &rec)?;
            Ok(rec)
        })
    }

    /// Applies `change` to application `id` if it is still at `version`;
    /// `number` asks for a registration number to hand to `change`. An error
    /// from `change` aborts the transaction: nothing is written and no number
    /// is used up.
    pub fn transition<E: From<StoreError>>(
        &self,
        id: u64,
        version: Option<u64>,
        number: Option<&NumberRequest>,
        change: impl Fn(&mut Record, Option<String>) -> Result<(), E>,
    ) -> Result<Record, E> {
        self.transition_on(id, None, version, number, change)
    }

    /// `transition` of a record read before (`known_by_number`): when it
    /// is still stored as it was read, the change starts from what was
    /// decoded then (one decode per act); else from what is stored now.
    pub fn transition_known<E: From<StoreError>>(
        &self,
        known: &Known,
        version: Option<u64>,
        number: Option<&NumberRequest>,
        change: impl Fn(&mut Record, Option<String>) -> Result<(), E>,
    ) -> Result<Record, E> {
        self.transition_on(known.rec.id, Some(known), version, number, change)
    }

    fn transition_on<E: From<StoreError>>(
        &self,
        id: u64,
        known: Option<&Known>,
        version: Option<u64>,
        number: Option<&NumberRequest>,
        change: impl Fn(&mut Record, Option<String>) -> Result<(), E>,
    ) -> Result<Record, E> {
        self.write(|tx, refusal| {
            let Some(old) = read_app(tx, id, known)? else {
                let missing = StoreError::Rejected(format!("no application with id {id}"));
                return Err(refusal.refuse(missing.into()));
            };
            let old = old.as_ref();
            if version.is_some_and(|v| v != old.app.version) {
                return Err(refusal.refuse(index::stale(old).into()));
            }
            let n = match number {
                Some(req) => Some(req.format(tx.draw(&req.counter())?)),
                None => None,
            };
            let mut new = old.clone();
            refusal.check(change(&mut new, n))?;
            write_record(tx, self.cells.as_deref(), Some(old), &new)?;
            Ok(new)
        })
    }

    /// Writes an organisation and its journal entry in one transaction.
    pub fn put_org(
        &self,
        org: &Organisation,
        by: &str,
        at: NaiveDateTime,
    ) -> Result<(), StoreError> {
        let what = JournalWhat::OrgAdded {
            code: org.code.clone(),
        };
        self.write(|tx, _: &Refusal<StoreError>| {
            tx.put_org(org)?;
            tx.journal(admin_entry(what.clone(), by, at))?;
            Ok(())
        })
    }

    /// Writes a user with the journal entry saying what changed.
    pub fn put_user(
        &self,
        user: &User,
        what: JournalWhat,
        by: &str,
        at: NaiveDateTime,
    ) -> Result<(), StoreError> {
        self.write(|tx, _: &Refusal<StoreError>| {
            tx.put_user(user)?;
            tx.journal(admin_entry(what.clone(), by, at))?;
            Ok(())
        })
    }

    /// Reads user `login` and writes what `change` makes of it, in one
    /// transaction: `change` gets the user as stored now (None: no such user)
    /// and returns the user to write (None: leave it), the journal entry to
    /// append (None: none) and its answer. An error from `change` aborts:
    /// nothing is written. `change` may run more than once (conflicts retry).
    pub fn update_user<T, E: From<StoreError>>(
        &self,
        login: &str,
        by: &str,
        at: NaiveDateTime,
        change: impl Fn(Option<User>) -> Result<(Option<User>, Option<JournalWhat>, T), E>,
    ) -> Result<T, E> {
        self.write(|tx, refusal| {
            let (user, what, out) = refusal.check(change(tx.user(login)?))?;
            if let Some(user) = user {
                if user.login != login {
                    let why = format!("user {login} cannot be rewritten as {}", user.login);
                    return Err(refusal.refuse(StoreError::Rejected(why).into()));
                }
                tx.put_user(&user)?;
            }
            if let Some(what) = what {
                tx.journal(admin_entry(what, by, at))?;
            }
            Ok(out)
        })
    }

    /// Appends an administrative journal entry.
    pub(super) fn append_admin(
        &self,
        what: JournalWhat,
        by: &str,
        at: NaiveDateTime,
    ) -> Result<(), StoreError> {
        self.write(|tx, _: &Refusal<StoreError>| {
            tx.journal(admin_entry(what.clone(), by, at))?;
            Ok(())
        })
    }

    /// Writes a batch of persons (new ones added, known IINs updated) and one
    /// journal entry for the batch, in one transaction. An empty batch writes
    /// nothing.
    pub fn put_persons(
        &self,
        persons: &[Person],
        by: &str,
        at: NaiveDateTime,
    ) -> Result<usize, StoreError> {
        if persons.is_empty() {
            return Ok(0);
        }
        let what = JournalWhat::PersonsImported {
            count: persons.len() as u64,
        };
        self.write(|tx, _: &Refusal<StoreError>| {
            for p in persons {
                // A registry file names no powers of attorney: keep those
                // the person gave (`put_powers`).
                let mut p = p.clone();
                if let Some(known) = tx.person(&p.iin)? {
                    p.powers = known.powers;
                }
                tx.put_person(&p)?;
            }
            tx.journal(admin_entry(what.clone(), by, at))?;
            Ok(())
        })?;
        Ok(persons.len())
    }

    /// Files a batch of powers of attorney under their principals (a known
    /// number of the same principal is replaced) and one journal entry, in
    /// one transaction. A principal the registry does not know refuses the
    /// whole batch with the IINs unknown.
    pub fn put_powers(
        &self,
        powers: &[PowerOfAttorney],
        by: &str,
        at: NaiveDateTime,
    ) -> Result<usize, PowersRefused> {
        if powers.is_empty() {
            return Ok(0);
        }
        let what = JournalWhat::PowersImported {
            count: powers.len() as u64,
        };
        self.write(|tx, refusal: &Refusal<PowersRefused>| {
            let mut unknown = Vec::new();
            for power in powers {
                let Some(mut principal) = tx.person(&power.principal)? else {
                    unknown.push(power.principal);
                    continue;
                };
                principal.powers.retain(|p| p.number != power.number);
                principal.powers.push(power.clone());
                tx.put_person(&principal)?;
            }
            if !unknown.is_empty() {
                return Err(refusal.refuse(PowersRefused::UnknownPrincipals(unknown)));
            }
            tx.journal(admin_entry(what.clone(), by, at))?;
            Ok(())
        })?;
        Ok(powers.len())
    }

    /// One durable transaction over the queue of `centre`; it raises the
    /// centre's revision, which also puts concurrent writers of one centre in
    /// line. `f` may run more than once.
    pub fn queue_tx<T, E: From<StoreError>>(
        &self,
        centre: &str,
        f: impl Fn(&QueueTx<'_>) -> TxOut<T, E>,
    ) -> Result<T, E> {
        let refusal = Refusal(RefCell::new(None));
        let out = RefCell::new(None);
        let body = |tx: &dyn QueueTxn| -> TxResult<()> {
            let value = f(&QueueTx::new(centre, tx)).map_err(|e| match e {
                TxError::Abort(e) => refusal.refuse(e),
                TxError::Conflict => TxFail::Retry,
                TxError::Storage(s) => TxFail::Failed(s),
            })?;
            *out.borrow_mut() = Some(value);
            Ok(())
        };
        let ran = self.engine.queue_write(centre, &body);
        finish(ran, refusal, out)
    }
}

/// A transaction's outcome for its caller.
fn finish<T, E: From<StoreError>>(
    ran: TxResult<()>,
    refusal: Refusal<E>,
    out: RefCell<Option<T>>,
) -> Result<T, E> {
    match ran {
        Ok(()) => Ok(out.into_inner().expect("a committed body left its result")),
        Err(TxFail::Abort) => Err(refusal
            .0
            .into_inner()
            .expect("an aborted body left its refusal")),
        Err(TxFail::Failed(e)) => Err(E::from(e)),
        Err(TxFail::Retry) => Err(E::from(StoreError::Io(
            "the engine gave up retrying a transaction".into(),
        ))),
    }
}

/// A record with its index changes and the journal entries of its new events.
/// Application `id` as stored now: `known` itself when its bytes are still
/// the stored ones, else decoded.
fn read_app<'k>(
    tx: &dyn Txn,
    id: u64,
    known: Option<&'k Known>,
) -> TxResult<Option<std::borrow::Cow<'k, Record>>> {
    let Some(known) = known else {
        return Ok(tx.app(id)?.map(std::borrow::Cow::Owned));
    };
    Ok(match tx.app_bytes(id)? {
        Some(b) if b == known.bytes => Some(std::borrow::Cow::Borrowed(&known.rec)),
        Some(b) => Some(std::borrow::Cow::Owned(super::codec::decode(&b)?)),
        None => None,
    })
}

fn write_record(
    tx: &dyn Txn,
    cells: Option<&dyn super::cells::CellRules>,
    old: Option<&Record>,
    new: &Record,
) -> TxResult<()> {
    let mut diff = index::diff(old, new);
    if let Some(rules) = cells {
        diff.put
            .extend(super::cells::cell_puts(tx, new, &rules.delta(old, new))?);
    }
    tx.put_app(new, &diff, old.is_none())?;
    let seen = old.map_or(0, |o| o.app.history.len());
    for e in &new.app.history[seen..] {
        tx.journal(event_entry(new, e))?;
    }
    Ok(())
}
