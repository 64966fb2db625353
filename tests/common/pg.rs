//! A throwaway PostgreSQL cluster for the tests, no mocks: `initdb` and
//! `pg_ctl` from the installed server (`QYZMET_PG_BIN`, `pg_config
//! --bindir` or /usr/lib/postgresql/*/bin) in a temporary directory,
//! listening only on a Unix socket there. PostgreSQL refuses to run as
//! root, so under root (as CI runs) the server runs as the user `postgres`.
//! One cluster per test binary, a fresh database per test; it is stopped
//! when the binary exits (also after a failed test), and a watchdog stops
//! it should the binary be killed. Where PostgreSQL is not installed the
//! tests say loudly that they skipped it, unless `QYZMET_PG_REQUIRED=1`,
//! which makes that a failure. A child process of a test reaches the same
//! cluster through `QYZMET_PG_HOST` (the socket directory).

#![allow(dead_code)]

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

pub const HOST_ENV: &str = "QYZMET_PG_HOST";
const USER: &str = "qyzmet";
/// A user who signs in with `PASSWORD` (every other one is trusted).
pub const PASSWORD_USER: &str = "clerkpw";
pub const PASSWORD: &str = "s3cret-pw";

pub struct Cluster {
    /// The socket's directory (also the cluster's, when this process owns it).
    pub host: PathBuf,
    /// Set when this process started the cluster and must stop it.
    owned: Option<Owned>,
}

struct Owned {
    bin: PathBuf,
    data: PathBuf,
    as_postgres: bool,
}

static CLUSTER: OnceLock<Option<Cluster>> = OnceLock::new();

/// The cluster, started on first use; None where PostgreSQL is missing.
pub fn cluster() -> Option<&'static Cluster> {
    CLUSTER
        .get_or_init(|| {
            if let Some(host) = std::env::var_os(HOST_ENV) {
                return Some(Cluster {
                    host: host.into(),
                    owned: None,
                });
            }
            let Some(bin) = bindir() else {
                let required = std::env::var("QYZMET_PG_REQUIRED").is_ok_and(|v| v == "1");
                assert!(
                    !required,
                    "QYZMET_PG_REQUIRED=1 but no PostgreSQL server (initdb, pg_ctl) is installed"
                );
                eprintln!(
                    "\n*** PostgreSQL is not installed: the PostgreSQL engine's tests are SKIPPED \
                     (install the postgresql package, or set QYZMET_PG_BIN) ***\n"
                );
                return None;
            };
            Some(start(bin))
        })
        .as_ref()
}

/// A URL of a database of its own for `key` (a test's directory), created
/// on first use; the same key gives the same database, in a child too.
pub fn database_for(key: &Path) -> Option<String> {
    let cluster = cluster()?;
    let mut h = std::hash::DefaultHasher::new();
    key.hash(&mut h);
    let name = format!("t_{:016x}", h.finish());
    let mut admin = cluster.admin();
    let exists = admin
        .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&name])
        .unwrap()
        .is_some();
    if !exists {
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
    }
    Some(cluster.url(&name))
}

impl Cluster {
    pub fn url(&self, db: &str) -> String {
        format!("postgres://{USER}@/{db}?host={}", self.host.display())
    }

    /// The database `db` as `user` with `password`.
    pub fn url_as(&self, user: &str, password: &str, db: &str) -> String {
        format!(
            "postgres://{user}:{password}@/{db}?host={}",
            self.host.display()
        )
    }
}

fn bindir() -> Option<PathBuf> {
    let has_tools = |d: &Path| d.join("initdb").exists() && d.join("pg_ctl").exists();
    if let Some(d) = std::env::var_os("QYZMET_PG_BIN") {
        return Some(PathBuf::from(d)).filter(|d| has_tools(d));
    }
    let from_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    if let Some(d) = from_config.filter(|d| has_tools(d)) {
        return Some(d);
    }
    let mut installed: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|d| has_tools(d))
        .collect();
    installed.sort_by_key(|d| {
        let version = d
            .parent()
            .and_then(|v| v.file_name())
            .map(|v| v.to_string_lossy().into_owned());
        version.and_then(|v| v.parse::<u32>().ok()).unwrap_or(0)
    });
    installed.pop()
}

/// Runs a server tool, as `postgres` when we are root.
fn tool(bin: &Path, name: &str, as_postgres: bool) -> Command {
    let mut c = if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin.join(name));
        c
    } else {
        Command::new(bin.join(name))
    };
    c.stdin(Stdio::null());
    c
}

fn run(mut c: Command, what: &str) {
    let out = c.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A new directory for a cluster, its server's own when we are root.
fn cluster_dir(as_postgres: bool) -> PathBuf {
    // Not a TempDir: the shared cluster outlives every test; whoever stops
    // a cluster removes its directory.
    let dir = tempfile::Builder::new()
        .prefix("qyzmet-pg-")
        .tempdir()
        .unwrap()
        .keep();
    if as_postgres {
        let pg = nix::unistd::User::from_name("postgres")
            .unwrap()
            .expect("the unprivileged user postgres, to run the test cluster as");
        std::os::unix::fs::chown(&dir, Some(pg.uid.as_raw()), Some(pg.gid.as_raw())).unwrap();
    }
    dir
}

/// `pg_ctl start` of the cluster in `dir` on a socket there, with `options`.
fn pg_start(owned: &Owned, dir: &Path, options: &str) {
    let mut ctl = tool(&owned.bin, "pg_ctl", owned.as_postgres);
    ctl.arg("-D")
        .arg(&owned.data)
        .arg("-l")
        .arg(dir.join("server.log"));
    ctl.args(["-w", "-t", "60", "-o"]);
    ctl.arg(format!(
        "-k {} -c listen_addresses='' -c max_connections=300 -c fsync=on {options}",
        dir.display()
    ));
    ctl.arg("start");
    run(ctl, "pg_ctl start");
    watchdog(owned, dir);
}

/// initdb and start, with `options` for the server.
fn new_cluster(bin: PathBuf, options: &str) -> Cluster {
    let as_postgres = nix::unistd::geteuid().is_root();
    let dir = cluster_dir(as_postgres);
    let data = dir.join("data");
    let mut init = tool(&bin, "initdb", as_postgres);
    init.arg("-D").arg(&data);
    init.args([
        "-A",
        "trust",
        "-U",
        USER,
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync",
    ]);
    run(init, "initdb");
    // One user signs in with a password, so a wrong one can be tried; a
    // standby streams over the socket.
    std::fs::write(
        data.join("pg_hba.conf"),
        format!(
            "local all {PASSWORD_USER} scram-sha-256\nlocal all all trust\nlocal replication all trust\n"
        ),
    )
    .unwrap();
    let owned = Owned {
        bin,
        data,
        as_postgres,
    };
    pg_start(&owned, &dir, options);
    let cluster = Cluster {
        host: dir,
        owned: Some(owned),
    };
    let mut admin = cluster.admin();
    admin
        .batch_execute(&format!(
            "CREATE ROLE {PASSWORD_USER} LOGIN SUPERUSER PASSWORD '{PASSWORD}'"
        ))
        .unwrap();
    cluster
}

/// The shared cluster, with `QYZMET_PG_OPTIONS` as extra server options
/// (e.g. `-c commit_delay=100 -c commit_siblings=2`, to measure them).
fn start(bin: PathBuf) -> Cluster {
    let options = std::env::var("QYZMET_PG_OPTIONS").unwrap_or_default();
    let cluster = new_cluster(bin, &options);
    register_stop();
    cluster
}

/// A cluster of a test's own (a primary, a standby), stopped when dropped.
pub struct OwnCluster(pub Cluster);

impl Drop for OwnCluster {
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// A cluster of its own with `options` (None: PostgreSQL is not installed).
pub fn own_cluster(options: &str) -> Option<OwnCluster> {
    cluster()?;
    Some(OwnCluster(new_cluster(bindir()?, options)))
}

/// A streaming standby of `primary` (`pg_basebackup -R`), started.
pub fn standby_of(primary: &Cluster) -> OwnCluster {
    let owner = primary
        .owned
        .as_ref()
        .expect("a primary this process started");
    let dir = cluster_dir(owner.as_postgres);
    let data = dir.join("data");
    let mut copy = tool(&owner.bin, "pg_basebackup", owner.as_postgres);
    copy.arg("-D").arg(&data).arg("-h").arg(&primary.host);
    copy.args(["-U", USER, "-R", "-X", "stream", "--no-sync"]);
    run(copy, "pg_basebackup");
    let owned = Owned {
        bin: owner.bin.clone(),
        data,
        as_postgres: owner.as_postgres,
    };
    pg_start(&owned, &dir, "");
    OwnCluster(Cluster {
        host: dir,
        owned: Some(owned),
    })
}

impl Cluster {
    /// A connection to the `postgres` database as the cluster's superuser.
    pub fn admin(&self) -> postgres::Client {
        postgres::Client::connect(&self.url("postgres"), postgres::NoTls)
            .expect("the test cluster answers")
    }

    /// SIGKILL to the server, as when its machine is lost.
    pub fn kill(&self) {
        let owned = self.owned.as_ref().expect("a cluster this process started");
        let pid = std::fs::read_to_string(owned.data.join("postmaster.pid")).unwrap();
        let pid = pid.lines().next().unwrap().trim().to_string();
        run(
            {
                let mut c = Command::new("kill");
                c.args(["-KILL", &pid]);
                c
            },
            "kill the server",
        );
    }

    /// `pg_ctl promote`: a standby becomes the primary.
    pub fn promote(&self) {
        let owned = self.owned.as_ref().expect("a cluster this process started");
        let mut ctl = tool(&owned.bin, "pg_ctl", owned.as_postgres);
        ctl.arg("-D").arg(&owned.data).args(["-w", "promote"]);
        run(ctl, "pg_ctl promote");
    }
}

/// Stops the cluster and removes its directory should this process die
/// without running its exit handlers (SIGKILL).
fn watchdog(owned: &Owned, dir: &Path) {
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {stop}; rm -rf '{dir}'",
        pid = std::process::id(),
        stop = stop_command(owned),
        dir = dir.display()
    );
    let _ = Command::new("sh")
        .args(["-c", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}

fn stop_command(owned: &Owned) -> String {
    let ctl = owned.bin.join("pg_ctl");
    let prefix = if owned.as_postgres {
        "runuser -u postgres -- "
    } else {
        ""
    };
    format!(
        "{prefix}'{}' -D '{}' -m immediate -w stop >/dev/null 2>&1",
        ctl.display(),
        owned.data.display()
    )
}

unsafe extern "C" {
    fn atexit(callback: extern "C" fn()) -> std::ffi::c_int;
}

/// The cluster goes when the test binary exits, whatever the tests did.
fn register_stop() {
    extern "C" fn stop() {
        if let Some(Some(cluster)) = CLUSTER.get() {
            cluster.stop();
        }
    }
    // SAFETY: registers a plain function; it runs once, at exit.
    unsafe {
        atexit(stop);
    }
}

impl Cluster {
    fn stop(&self) {
        if let Some(owned) = &self.owned {
            let _ = Command::new("sh")
                .args(["-c", &stop_command(owned)])
                .status();
            let _ = std::fs::remove_dir_all(&self.host);
        }
    }
}

/// A primary with a streaming standby it commits synchronously to, the
/// database `db` on it, and the multi-host URL of `db` that picks the
/// writable one of the two (None: PostgreSQL is not installed).
pub fn synchronous_pair(db: &str) -> Option<(OwnCluster, OwnCluster, String)> {
    let primary = own_cluster("")?;
    let standby = standby_of(&primary.0);
    // Commits wait for the standby from now on: it must be streaming, in sync.
    let mut admin = primary.0.admin();
    for sql in [
        "ALTER SYSTEM SET synchronous_standby_names = '*'",
        "SELECT pg_reload_conf()",
    ] {
        admin.batch_execute(sql).unwrap();
    }
    let started = std::time::Instant::now();
    while admin
        .query_opt(
            "SELECT 1 FROM pg_stat_replication WHERE sync_state = 'sync' AND state = 'streaming'",
            &[],
        )
        .unwrap()
        .is_none()
    {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the standby never streamed"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    admin
        .batch_execute(&format!("CREATE DATABASE {db}"))
        .unwrap();
    drop(admin);
    // Both sockets as hosts (percent-encoded paths), the writable one chosen.
    let host = |c: &Cluster| c.host.display().to_string().replace('/', "%2F");
    let url = format!(
        "postgres://{USER}@{},{}/{db}?target_session_attrs=read-write&connect_timeout=2",
        host(&primary.0),
        host(&standby.0)
    );
    Some((primary, standby, url))
}
