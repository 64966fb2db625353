//! Who plays which desk: the demo region's lanes (a provider's clerk,
//! head and specialists, with the centre's operators), the desks each client
//! works at, and the colleagues signed in as one login, numbered so that
//! with `--split-queues` each application on that login's list is one desk's.

use std::collections::HashMap;

use crate::domain::roles::Role;

/// One provider's staff in the demo region.
pub(super) struct Lane {
    pub org: &'static str,
    pub clerk: &'static str,
    pub head: &'static str,
    specialists: &'static [&'static str],
}

pub(super) const LANES: [Lane; 3] = [
    Lane {
        org: crate::demo::EDUCATION,
        clerk: "clerk",
        head: "head",
        specialists: &["specialist", "specialist2"],
    },
    Lane {
        org: crate::demo::SOCIAL,
        clerk: "sp-clerk",
        head: "sp-head",
        specialists: &["sp-specialist"],
    },
    Lane {
        org: crate::demo::EMPLOYMENT,
        clerk: "ec-clerk",
        head: "ec-head",
        specialists: &["ec-specialist"],
    },
];

pub(super) const ROLES: [Role; 4] = [Role::Operator, Role::Clerk, Role::Head, Role::Specialist];

/// A desk one client works at: a login in a lane (operators belong to the centre).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Desk {
    pub login: &'static str,
    pub role: Role,
    pub lane: usize,
    /// Which of the desks signed in as this login it is.
    pub share: Share,
}

/// Who plays what: client i is role i mod 4 of lane (i div 4) mod 3, so
/// every block of four clients staffs a lane from counter to result; with
/// fewer than four clients, each plays several desks of the first lane in
/// turn, each desk on its own connection.
pub fn desks(clients: usize) -> Vec<Vec<Desk>> {
    let mut specialists = [0usize; LANES.len()];
    let mut desk = |lane: usize, role: Role| {
        let l = &LANES[lane];
        let login = match role {
            Role::Operator => "operator",
            Role::Clerk => l.clerk,
            Role::Head => l.head,
            Role::Specialist => {
                let s = l.specialists[specialists[lane] % l.specialists.len()];
                specialists[lane] += 1;
                s
            }
            // Reads reports only: no lane staffs one (`ROLES`).
            Role::Supervisor => "supervisor",
        };
        let share = Share {
            colleague: 0,
            of: 1,
        };
        Desk {
            login,
            role,
            lane,
            share,
        }
    };
    let plan: Vec<Vec<Desk>> = if clients < ROLES.len() {
        (0..clients)
            .map(|i| {
                (0..ROLES.len())
                    .filter(|r| r % clients == i)
                    .map(|r| desk(0, ROLES[r]))
                    .collect()
            })
            .collect()
    } else {
        (0..clients)
            .map(|i| {
                vec![desk(
                    (i / ROLES.len()) % LANES.len(),
                    ROLES[i % ROLES.len()],
                )]
            })
            .collect()
    };
    number_colleagues(plan)
}

/// The desks that share one login's list: this is the `colleague`-th of `of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub colleague: usize,
    pub of: usize,
}

impl Share {
    /// Whether the application falls to this desk when colleagues split
    /// their list: by its id, so each is one desk's whatever the order
    /// their lists were read in.
    pub(super) fn takes(self, id: u64) -> bool {
        id % self.of as u64 == self.colleague as u64
    }
}

/// Numbers the desks of each login in plan order.
pub(super) fn number_colleagues(mut plan: Vec<Vec<Desk>>) -> Vec<Vec<Desk>> {
    let mut of: HashMap<&'static str, usize> = HashMap::new();
    for d in plan.iter().flatten() {
        *of.entry(d.login).or_default() += 1;
    }
    let mut seen: HashMap<&'static str, usize> = HashMap::new();
    for d in plan.iter_mut().flatten() {
        let n = seen.entry(d.login).or_default();
        d.share = Share {
            colleague: *n,
            of: of[d.login],
        };
        *n += 1;
    }
    plan
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_role_is_played_whatever_the_number_of_clients() {
        for n in [1, 2, 3, 4, 5, 12, 50, 200] {
            let plan = desks(n);
            assert_eq!(plan.len(), n);
            let roles: HashSet<Role> = plan.iter().flatten().map(|d| d.role).collect();
            assert_eq!(roles.len(), 4, "{n} clients: {plan:?}");
            // Lane 0 always has a full team.
            for r in ROLES {
                assert!(plan.iter().flatten().any(|d| d.lane == 0 && d.role == r));
            }
        }
        assert_eq!(desks(1)[0].len(), 4);
        assert_eq!(desks(12).iter().filter(|d| d[0].lane == 2).count(), 4);
        // Two specialists in the education department share the work.
        let education_specialists = |clients: usize| -> HashSet<&str> {
            desks(clients)
                .iter()
                .flatten()
                .filter(|d| d.role == Role::Specialist && d.lane == 0)
                .map(|d| d.login)
                .collect()
        };
        assert_eq!(
            education_specialists(8).len(),
            1,
            "client 3 only in lane 0 for 8 clients"
        );
        assert_eq!(education_specialists(16).len(), 2);
    }

    #[test]
    fn desks_of_one_login_split_its_list_without_overlap() {
        let plan = desks(200);
        let mut by_login: HashMap<&str, Vec<Share>> = HashMap::new();
        for d in plan.iter().flatten() {
            by_login.entry(d.login).or_default().push(d.share);
        }
        // 50 operators on the one demo operator's login, 17 clerks on the first lane's.
        assert_eq!(by_login["operator"].len(), 50);
        assert_eq!(by_login["clerk"].len(), 17);
        for (login, shares) in &by_login {
            let mut colleagues: Vec<usize> = shares.iter().map(|s| s.colleague).collect();
            colleagues.sort_unstable();
            assert_eq!(colleagues, (0..shares.len()).collect::<Vec<_>>(), "{login}");
            assert!(shares.iter().all(|s| s.of == shares.len()), "{login}");
            // Each application falls to exactly one of them.
            for id in 0..500 {
                assert_eq!(shares.iter().filter(|sh| sh.takes(id)).count(), 1);
            }
        }
        assert_eq!(
            desks(1)[0].iter().map(|d| d.share.of).collect::<Vec<_>>(),
            [1, 1, 1, 1]
        );
    }
}
