//! What an operation can fail with: a refusal with its typed reason, a
//! conflict, a route or intake error, a store failure.

use crate::domain::route::{SubmitError, TransitionError};
use crate::store::StoreError;

use super::{LoginError, Refusal};

#[derive(Debug, thiserror::Error)]
pub enum OpsError {
    #[error("not allowed: {0}")]
    Forbidden(Refusal),
    #[error("{0}")]
    NotFound(Refusal),
    #[error("{0}")]
    Invalid(Refusal),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("application {number} changed meanwhile (last by {by}); look at it again")]
    Stale { number: String, by: String },
    #[error("{0}")]
    Transition(#[from] TransitionError),
    #[error("{0}")]
    Submit(#[from] SubmitError),
    #[error("{0}")]
    Login(#[from] LoginError),
    #[error("{0}")]
    Queue(#[from] crate::domain::queue::QueueError),
    #[error("{0}")]
    Store(StoreError),
    /// The server cannot be reached (the client keeps trying).
    #[error("server unavailable: {0}")]
    Unavailable(String),
    #[error("the session has expired; sign in again")]
    SessionExpired,
}

impl From<StoreError> for OpsError {
    fn from(e: StoreError) -> OpsError {
        match e {
            StoreError::Conflict(m) => OpsError::Conflict(m),
            StoreError::Stale { number, by } => OpsError::Stale { number, by },
            other => OpsError::Store(other),
        }
    }
}

pub type OpsResult<T> = Result<T, OpsError>;
