//! Passwords: argon2 hashes; three failures lock the account for a while.

use std::sync::LazyLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{Duration, NaiveDateTime};

use super::{Ops, OpsError, OpsResult, Refusal};
use crate::store::model::{JournalWhat, Organisation, User};

pub const MIN_PASSWORD: usize = 8;
/// Consecutive failed logins that lock an account.
pub const MAX_FAILED_LOGINS: u32 = 3;
/// How long a locked account refuses every login, the right password too.
pub const LOCK_MINUTES: i64 = 5;

/// Why a login was refused. Never says whether the login or the password was
/// wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum LoginError {
    #[error("wrong login or password ({attempts_left} attempts left before the account is locked)")]
    UnknownOrWrong { attempts_left: u32 },
    #[error("the account is locked after {MAX_FAILED_LOGINS} failed logins until {}", .until.format("%Y-%m-%d %H:%M"))]
    Locked { until: NaiveDateTime },
    #[error("the account is disabled; ask the administrator")]
    Disabled,
}

pub fn hash_password(password: &str) -> OpsResult<String> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(OpsError::Invalid(Refusal::PasswordTooShort {
            min: MIN_PASSWORD,
        }));
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!("cannot hash a password: {e}");
            OpsError::Invalid(Refusal::PasswordUnhashable)
        })
}

/// Whether `password` matches the PHC string `hash`, computed in the shared
/// argon2 memory (see `password_memory`).
pub fn verify_password(password: &str, hash: &str) -> bool {
    let Ok(h) = PasswordHash::new(hash) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (h.salt, h.hash) else {
        return false;
    };
    let argon = (|| {
        let algorithm = Algorithm::try_from(h.algorithm).ok()?;
        let version = match h.version {
            Some(v) => Version::try_from(v).ok()?,
            None => Version::default(),
        };
        let params = Params::try_from(&h).ok()?;
        Some((Argon2::new(algorithm, version, params.clone()), params))
    })();
    let Some((argon, params)) = argon else {
        return false;
    };
    let mut salt_buf = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buf) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    let computed = super::password_memory::hash_into(
        &argon,
        params.block_count(),
        password.as_bytes(),
        salt,
        &mut out,
    );
    // `Output`'s comparison takes the same time whatever differs.
    computed.is_ok() && Output::new(&out).is_ok_and(|o| o == expected)
}

/// A hash nobody's password matches: an unknown login is checked against it,
/// so it takes as long to refuse as a wrong password.
static NOBODY: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(salt.as_str().as_bytes(), &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// What the login transaction decided, once the password was checked.
enum Verdict {
    In(User),
    Failed(LoginError),
}

impl Ops {
    /// Signs a user in with their password. A failure is counted on the
    /// account and journaled (`LoginFailed`); the third in a row locks it for
    /// `LOCK_MINUTES` (answered as `Locked`), during which even the right
    /// password is refused and nothing is counted or written. A success is
    /// journaled (`LoggedIn`) and resets the counter. Whatever is written is
    /// durable before this returns. An unknown login is answered like a wrong
    /// password, and nothing is stored for it.
    pub fn login(
        &self,
        login: &str,
        password: &str,
        at: NaiveDateTime,
    ) -> Result<(User, Organisation), OpsError> {
        let Some(seen) = self.store.user(login)? else {
            verify_password(password, &NOBODY);
            return Err(LoginError::UnknownOrWrong {
                attempts_left: MAX_FAILED_LOGINS,
            }
            .into());
        };
        if let Some(until) = seen.locked_until.filter(|&u| u > at) {
            return Err(LoginError::Locked { until }.into());
        }
        // The slow check runs outside the transaction, which may retry.
        let right = verify_password(password, &seen.password_hash);
        let org = match right && seen.active {
            true => Some(self.store.org(&seen.org)?.ok_or_else(|| {
                OpsError::NotFound(Refusal::OrganisationMissing {
                    login: login.into(),
                    code: seen.org.clone(),
                })
            })?),
            false => None,
        };
        // The counter is read and written in one transaction, so logins racing
        // on one account cannot get more than MAX_FAILED_LOGINS verdicts.
        let verdict = self.store.update_user(login, login, at, |now| {
            let Some(mut user) = now else {
                return Err(OpsError::from(LoginError::UnknownOrWrong {
                    attempts_left: MAX_FAILED_LOGINS,
                }));
            };
            if let Some(until) = user.locked_until.filter(|&u| u > at) {
                return Err(LoginError::Locked { until }.into());
            }
            if user.password_hash != seen.password_hash {
                // The password was changed meanwhile: this verdict is stale.
                return Err(LoginError::UnknownOrWrong {
                    attempts_left: MAX_FAILED_LOGINS.saturating_sub(user.failed_logins),
                }
                .into());
            }
            if !right {
                user.failed_logins += 1;
                let locked = user.failed_logins >= MAX_FAILED_LOGINS;
                let error = if locked {
                    let until = at + Duration::minutes(LOCK_MINUTES);
                    // After the lock, a fresh set of attempts.
                    user.failed_logins = 0;
                    user.locked_until = Some(until);
                    LoginError::Locked { until }
                } else {
                    user.locked_until = None;
                    LoginError::UnknownOrWrong {
                        attempts_left: MAX_FAILED_LOGINS - user.failed_logins,
                    }
                };
                let what = JournalWhat::LoginFailed {
                    login: login.to_string(),
                    locked,
                };
                return Ok((Some(user), Some(what), Verdict::Failed(error)));
            }
            if org.is_none() || !user.active {
                return Err(LoginError::Disabled.into());
            }
            // Write the user only when there is something to reset.
            let reset = user.failed_logins != 0 || user.locked_until.is_some();
            user.failed_logins = 0;
            user.locked_until = None;
            let what = JournalWhat::LoggedIn {
                login: login.to_string(),
            };
            Ok((reset.then(|| user.clone()), Some(what), Verdict::In(user)))
        })?;
        match (verdict, org) {
            (Verdict::In(user), Some(org)) => Ok((user, org)),
            // The transaction lets no one in without the organisation.
            (Verdict::In(_), None) => Err(LoginError::Disabled.into()),
            (Verdict::Failed(e), _) => Err(e.into()),
        }
    }
}
