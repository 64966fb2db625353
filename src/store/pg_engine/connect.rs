//! Reaching the database: a `postgres://` URL where a store path goes, the
//! location as people may see it (never the password), the first connection
//! that tells apart an unreachable server, a refused password and a missing
//! database, and the pool every later connection comes from.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use postgres::config::Host;
use postgres::error::SqlState;
use postgres::{Client, Config, NoTls};
use r2d2_postgres::PostgresConnectionManager;

use crate::store::{DbProblem, StoreError};

pub type Pool = r2d2::Pool<PostgresConnectionManager<NoTls>>;

/// Connections kept open at most: each writer thread holds one for its
/// transaction, readers briefly.
const POOL_SIZE: u32 = 16;

/// Whether `--db` (or `QYZMET_DB`) names a PostgreSQL database, not a directory.
pub fn is_url(location: &Path) -> bool {
    location
        .to_str()
        .is_some_and(|s| s.starts_with("postgres://") || s.starts_with("postgresql://"))
}

/// A parsed URL and where it points, said without its password.
pub struct Target {
    pub config: Config,
    pub shown: String,
}

impl Target {
    pub fn parse(location: &Path) -> Result<Target, StoreError> {
        let url = location.to_str().unwrap_or_default();
        let mut config = Config::from_str(url).map_err(|e| {
            let shown = redact_text(url);
            StoreError::Database {
                at: shown,
                problem: DbProblem::BadUrl(strip_password(&e.to_string(), url)),
            }
        })?;
        // A change is reported done only once its commit is flushed to the
        // WAL (and to a synchronous standby where one is configured); an
        // administrator may ask for more (`options=-c synchronous_commit=remote_apply`).
        let options = config.get_options().unwrap_or_default().to_string();
        if !options.contains("synchronous_commit") {
            config.options(format!("{options} -c synchronous_commit=on").trim());
        }
        config.application_name("qyzmet");
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        let shown = shown(&config);
        Ok(Target { config, shown })
    }

    /// A failure of this database, named by its location.
    pub fn fail(&self, problem: DbProblem) -> StoreError {
        StoreError::Database {
            at: self.shown.clone(),
            problem,
        }
    }

    /// One connection, its failure said by kind.
    pub fn connect(&self) -> Result<Client, StoreError> {
        self.config
            .connect(NoTls)
            .map_err(|e| self.fail(problem_of(&e)))
    }

    /// The pool later connections come from (none is opened yet).
    pub fn pool(&self) -> Pool {
        let manager = PostgresConnectionManager::new(self.config.clone(), NoTls);
        r2d2::Pool::builder()
            .max_size(POOL_SIZE)
            .min_idle(Some(0))
            .connection_timeout(Duration::from_secs(15))
            .build_unchecked(manager)
    }
}

/// What went wrong with a connection or a statement, by kind.
pub fn problem_of(e: &postgres::Error) -> DbProblem {
    match e.code() {
        Some(c)
            if *c == SqlState::INVALID_PASSWORD
                || *c == SqlState::INVALID_AUTHORIZATION_SPECIFICATION =>
        {
            DbProblem::Refused
        }
        Some(c) if *c == SqlState::INVALID_CATALOG_NAME => DbProblem::NoDatabase,
        Some(c) if *c == SqlState::INSUFFICIENT_PRIVILEGE => DbProblem::NotAllowed(said(e)),
        // The server is going away (shut down, crashed, its postmaster
        // killed) or not yet there: as unreachable, another may take over.
        Some(c) if going_away(c) => DbProblem::Unreachable(said(e)),
        Some(_) => DbProblem::Failed(said(e)),
        None if e.is_closed() || std::error::Error::source(e).is_some() => {
            DbProblem::Unreachable(e.to_string())
        }
        None => DbProblem::Failed(e.to_string()),
    }
}

/// Connection exceptions (08) and a server shutting down or starting up (57P).
pub fn going_away(c: &SqlState) -> bool {
    c.code().starts_with("08") || c.code().starts_with("57P")
}

/// An error with the server's own message, not only "db error".
fn said(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} ({})", db.message(), db.code().code()),
        None => e.to_string(),
    }
}

/// `postgres://user@host:port/db`, or the socket directory for a local server.
fn shown(config: &Config) -> String {
    let user = config
        .get_user()
        .map(|u| format!("{u}@"))
        .unwrap_or_default();
    let ports = config.get_ports();
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let port = ports.get(i).or(ports.first());
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            match h {
                Host::Tcp(name) => format!("{name}{port}"),
                Host::Unix(dir) => format!("[{}]{port}", dir.display()),
            }
        })
        .collect();
    let db = config.get_dbname().unwrap_or_default();
    format!("postgres://{user}{}/{db}", hosts.join(","))
}

/// A URL as text with its password replaced, for what did not even parse.
fn redact_text(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "postgres://…".into();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{user}:***@{host}")
        }
        None => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let query: Vec<String> = query
                .split('&')
                .map(|kv| match kv.split_once('=') {
                    Some(("password", _)) => "password=***".to_string(),
                    _ => kv.to_string(),
                })
                .collect();
            format!("{path}?{}", query.join("&"))
        }
        None => tail.to_string(),
    };
    format!("{scheme}://{authority}{tail}")
}

/// A parser's message with any password of `url` taken out.
fn strip_password(message: &str, url: &str) -> String {
    let mut out = message.to_string();
    if let Some(rest) = url.split_once("://").map(|(_, r)| r)
        && let Some((userinfo, _)) = rest.split_once('@')
        && let Some((_, password)) = userinfo.split_once(':')
        && !password.is_empty()
    {
        out = out.replace(password, "***");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_never_shown() {
        let t = Target::parse(Path::new("postgres://clerk:s3cret@db.krg:5433/qyzmet")).unwrap();
        assert_eq!(t.shown, "postgres://clerk@db.krg:5433/qyzmet");
        let t = Target::parse(Path::new(
            "postgresql://q@/region?host=/run/postgresql&password=s3cret",
        ))
        .unwrap();
        assert!(!t.shown.contains("s3cret"), "{}", t.shown);
        assert_eq!(t.shown, "postgres://q@[/run/postgresql]/region");
        let bad = Target::parse(Path::new("postgres://clerk:s3cret@db:notaport/x"));
        let text = bad.err().unwrap().to_string();
        assert!(!text.contains("s3cret"), "{text}");
        assert_eq!(
            redact_text("postgres://a:b@h/d?password=c&x=1"),
            "postgres://a:***@h/d?password=***&x=1"
        );
    }

    #[test]
    fn only_postgres_urls_are_databases() {
        assert!(is_url(Path::new("postgres://h/d")));
        assert!(is_url(Path::new("postgresql://h/d")));
        assert!(!is_url(Path::new("/var/lib/qyzmet/store")));
        assert!(!is_url(Path::new("postgres")));
    }
}
