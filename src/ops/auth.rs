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
    /// Too many sign-ins from one OS user in a minute (the server's limit).
    #[error("too many sign-ins from this computer account; wait {seconds} s")]
    RateLimited { seconds: u64 },
}

/// Argon2id (RFC 9106) with OWASP's first recommended setting: 19 MiB of
/// memory, 2 passes, 1 lane; about 50 ms on one core of the office server.
/// Verification reads the parameters from each hash, so raising them here
/// applies to every password set from then on.
pub const ARGON2_MEMORY_KIB: u32 = 19 * 1024;
pub const ARGON2_PASSES: u32 = 2;
pub const ARGON2_LANES: u32 = 1;

/// The hasher every new password goes through.
pub fn argon2() -> Argon2<'static> {
    #[cfg(not(fuzzing))]
    let (memory_kib, passes) = (ARGON2_MEMORY_KIB, ARGON2_PASSES);
    // Fuzz builds (cargo-fuzz sets `cfg(fuzzing)`) hash with the cheapest
    // parameters: under AddressSanitizer the real ones made a refused
    // sign-in take most of an execution of `workstation_keys`.
    #[cfg(fuzzing)]
    let (memory_kib, passes) = (8, 1);
    let params =
        Params::new(memory_kib, passes, ARGON2_LANES, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The minimum password policy: at least `MIN_PASSWORD` characters, of at
/// least two kinds (letters, digits, others), and not the login itself.
pub fn check_password(login: &str, password: &str) -> OpsResult<()> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(OpsError::Invalid(Refusal::PasswordTooShort {
            min: MIN_PASSWORD,
        }));
    }
    let kinds = [
        password.chars().any(char::is_alphabetic),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_alphanumeric()),
    ];
    if kinds.iter().filter(|k| **k).count() < 2 {
        return Err(OpsError::Invalid(Refusal::PasswordOneKind));
    }
    if password.trim().eq_ignore_ascii_case(login.trim()) {
        return Err(OpsError::Invalid(Refusal::PasswordIsLogin));
    }
    Ok(())
}

pub fn hash_password(password: &str) -> OpsResult<String> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(OpsError::Invalid(Refusal::PasswordTooShort {
            min: MIN_PASSWORD,
        }));
    }
    let salt = SaltString::generate(&mut OsRng);
    argon2()
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
    argon2()
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
                let (what, error) = count_failure(&mut user, at);
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

/// A wrong password counted on the account: the third in a row locks it
/// for `LOCK_MINUTES`, after which a fresh set of attempts begins.
fn count_failure(user: &mut User, at: NaiveDateTime) -> (JournalWhat, LoginError) {
    user.failed_logins += 1;
    let locked = user.failed_logins >= MAX_FAILED_LOGINS;
    let error = if locked {
        let until = at + Duration::minutes(LOCK_MINUTES);
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
        login: user.login.clone(),
        locked,
    };
    (what, error)
}

impl Ops {
    /// The current password of a user changing their own (`user passwd`
    /// through the server): checked as a sign-in is, because it is one. A
    /// wrong one counts towards the lock and is journaled (`LoginFailed`),
    /// the third in a row locks the account, and a locked account is
    /// refused even with the right one; the right one is journaled as a
    /// sign-in (`LoggedIn`) and resets the count. So guessing through
    /// `user passwd` is no cheaper than guessing at the login screen.
    pub fn check_own_password(
        &self,
        login: &str,
        password: &str,
        at: NaiveDateTime,
    ) -> OpsResult<()> {
        self.login(login, password, at).map(|_| ())
    }

    /// A user's own password changed (the workstation's dialog): the new one
    /// must meet the policy, checked first so that a mistyped new password
    /// costs no attempt; then the current one, as `check_own_password`
    /// (a wrong one counts towards the lock). Journaled as changed by the
    /// user themself.
    pub fn change_password(
        &self,
        login: &str,
        current: &str,
        new: &str,
        at: NaiveDateTime,
    ) -> OpsResult<bool> {
        check_password(login, new)?;
        self.check_own_password(login, current, at)?;
        self.set_password(login, new, login, at)?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_argon2id_with_the_documented_parameters() {
        let hash = hash_password("kazakh-steppe-1").unwrap();
        let parsed = PasswordHash::new(&hash).unwrap();
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
        assert_eq!(parsed.version, Some(0x13));
        let params = Params::try_from(&parsed).unwrap();
        assert_eq!(
            (params.m_cost(), params.t_cost(), params.p_cost()),
            (19_456, 2, 1)
        );
        assert_eq!(params.output_len(), Some(32));
        assert!(parsed.salt.unwrap().len() >= 22, "a 16-byte salt at least");
        assert!(verify_password("kazakh-steppe-1", &hash));
        assert!(!verify_password("kazakh-steppe-2", &hash));
        // Two hashes of one password differ by their salt.
        assert_ne!(hash, hash_password("kazakh-steppe-1").unwrap());
    }

    #[test]
    fn the_password_policy_refuses_short_one_kind_and_login_passwords() {
        assert!(check_password("aigerim", "short-1").is_err());
        assert!(check_password("aigerim", "abcdefghij").is_err());
        assert!(check_password("aigerim", "1234567890").is_err());
        assert!(check_password("aigerim1", "Aigerim1").is_err());
        assert!(check_password("aigerim", "first-password").is_ok());
        assert!(check_password("aigerim", "password1").is_ok());
        assert!(check_password("clerk", "qyzmet-demo").is_ok());
    }
}
