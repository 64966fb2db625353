//! `qyzmet user`: staff accounts, their roles and passwords.

use super::*;

#[derive(Debug, Subcommand)]
pub enum UserCmd {
    /// Adds a user: `qyzmet user add aigerim --name "Ахметова Айгерим" --org KRG-ED --role clerk`.
    Add {
        login: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        org: String,
        /// operator, clerk, head, specialist (repeat for several).
        #[arg(long = "role", required = true, value_parser = parse_role)]
        roles: Vec<Role>,
        /// Read the password from standard input instead of prompting.
        #[arg(long)]
        password_stdin: bool,
        /// The OS account mapped to this user (SSH sessions in server mode).
        #[arg(long)]
        os_user: Option<String>,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    Disable {
        login: String,
    },
    /// Maps the user to an OS account (signed in by peer credentials through
    /// a server); without --os-user, removes the mapping, which ends such sessions.
    Map {
        login: String,
        #[arg(long)]
        os_user: Option<String>,
    },
    /// Sets a new password.
    Passwd {
        login: String,
        #[arg(long)]
        password_stdin: bool,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::ALL
        .into_iter()
        .find(|r| r.as_str() == s)
        .ok_or_else(|| {
            format!("unknown role {s:?}: use operator, clerk, head, specialist or supervisor")
        })
}

pub fn user(ctx: &Context, cmd: UserCmd) -> Outcome {
    let ops = ctx.open_ops()?;
    let at = now();
    match cmd {
        UserCmd::Add {
            login,
            name,
            org,
            roles,
            password_stdin,
            os_user,
        } => {
            let prompt = say::tf("password_for", &[("login", &login)]);
            let password = read_password(ctx, password_stdin, &prompt)?;
            auth::check_password(&login, &password).map_err(ops_failure)?;
            let user = User {
                login: login.clone(),
                full_name: name,
                org,
                roles,
                password_hash: auth::hash_password(&password).map_err(ops_failure)?,
                active: true,
                os_user,
                failed_logins: 0,
                locked_until: None,
            };
            ops.add_user(user, &admin_name(ctx), at)
                .map_err(ops_failure)?;
            outln!("{}", say::tf("user_added", &[("login", &login)]));
        }
        UserCmd::List { json } => list(&ops, json)?,
        UserCmd::Disable { login } => {
            ops.disable_user(&login, &admin_name(ctx), at)
                .map_err(ops_failure)?;
            outln!("{}", say::tf("user_disabled", &[("login", &login)]));
        }
        UserCmd::Map { login, os_user } => {
            ops.map_os_user(&login, os_user.clone(), &admin_name(ctx), at)
                .map_err(ops_failure)?;
            outln!(
                "user {login} mapped to {}",
                os_user.as_deref().unwrap_or("-")
            );
        }
        UserCmd::Passwd {
            login,
            password_stdin,
        } => {
            if ctx.served.as_ref().is_some_and(|s| s.by_self) {
                check_current_password(ctx, &ops, &login)?;
            }
            let password = new_password(ctx, password_stdin, &login)?;
            ops.set_password(&login, &password, &admin_name(ctx), at)
                .map_err(ops_failure)?;
            outln!("{}", say::tf("password_changed", &[("login", &login)]));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `user list`: every user with their organisation and roles.
fn list(ops: &Ops, json: bool) -> Result<(), Failure> {
    let users = ops.store.users().map_err(store_failure)?;
    if json {
        let rows: Vec<Value> = users
                .iter()
                .map(|u| json!({"login": u.login, "name": u.full_name, "org": u.org, "roles": u.roles, "active": u.active, "os_user": u.os_user}))
                .collect();
        print_json(&rows);
    } else {
        for u in users {
            let roles: Vec<&str> = u
                .roles
                .iter()
                .map(|r| say::ui(&format!("role.{r}")))
                .collect();
            let state = if u.active {
                String::new()
            } else {
                format!(" ({})", say::t("user_disabled_mark"))
            };
            outln!(
                "{:<16} {:<10} {:<24} {}{state}",
                u.login,
                u.org,
                roles.join(","),
                u.full_name
            );
        }
    }
    Ok(())
}
