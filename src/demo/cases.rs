//! The demo's applications: each one's plan (its service, channel,
//! applicant and fate), the registry that knows their applicants, and the
//! office's acts carried out in time order up to `now`.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fate {
    /// Moves on as the staff get to it until `now`.
    Normal,
    /// Nobody picks it up after this many steps (forgotten, waiting on a paper).
    Stalled(usize),
    /// The applicant withdraws after this many steps.
    Withdraw(usize),
    /// Handed in without the checklist: refused at once by `submit`.
    RefuseAtSubmit,
    /// The counter finds a document missing and refuses the intake.
    RefuseIntake,
    /// Handed over to the centre, which has not marked its receipt yet.
    Unmarked,
}

/// One application's plan and where it stands.
pub(super) struct Case<'a> {
    pub(super) rng: Rng,
    pub(super) service: &'a Service,
    pub(super) channel: Channel,
    pub(super) intake: &'static str,
    pub(super) person: Someone,
    pub(super) fate: Fate,
    pub(super) submit_at: NaiveDateTime,
    /// Complete steps in a share of their norm up to this (sometimes late).
    pub(super) pace: f64,
    pub(super) late: f64,
    pub(super) refuse: bool,
    pub(super) give_back: bool,
    /// The registration number, once submitted.
    pub(super) number: Option<String>,
    pub(super) next: Option<Pending>,
    /// The centre's visit under way for the next act.
    pub(super) visit: Option<visits::Visit>,
}

pub(super) struct Pending {
    pub(super) login: String,
    pub(super) kind: ActKind,
    pub(super) req: ActRequest,
}

/// What becomes of the applications, in turn.
const FATES: [Fate; 20] = [
    Fate::Normal,
    Fate::Normal,
    Fate::Stalled(0),
    Fate::Normal,
    Fate::RefuseAtSubmit,
    Fate::Normal,
    Fate::Withdraw(0),
    Fate::Normal,
    Fate::Stalled(0),
    Fate::Normal,
    Fate::Normal,
    Fate::RefuseIntake,
    Fate::Normal,
    Fate::Withdraw(0),
    Fate::Normal,
    Fate::Stalled(0),
    Fate::Normal,
    Fate::Normal,
    Fate::Normal,
    Fate::Normal,
];

/// The services the region renders with where each is taken in, and how
/// often people ask for each.
pub(super) type RegionServices<'a> = (Vec<(&'a Service, Vec<(Channel, &'static str)>)>, Vec<u32>);

/// What the region renders, how often people ask for it, and where.
pub(super) fn region_services(
    ops: &Ops,
    applications: usize,
) -> Result<RegionServices<'_>, OpsError> {
    let services: Vec<(&Service, Vec<(Channel, &'static str)>)> = ops
        .catalog
        .iter()
        .map(|s| (s, intake_channels(s)))
        .filter(|(_, c)| !c.is_empty())
        .collect();
    if services.is_empty() && applications > 0 {
        return Err(demo_broken(
            "the catalogue has no active service the demo providers render".to_string(),
        ));
    }
    let weights: Vec<u32> = services.iter().map(|(s, _)| demand(&s.id)).collect();
    Ok((services, weights))
}

/// The acts to carry out, earliest first: when, and the case's index.
pub(super) type Acts = BinaryHeap<Reverse<(NaiveDateTime, usize)>>;

/// Each application's plan, and the queue of acts in time order (its intake first).
pub(super) fn draw_cases<'a>(
    ops: &Ops,
    now: NaiveDateTime,
    days: &[NaiveDate],
    (services, weights): &RegionServices<'a>,
    applications: usize,
) -> Result<(Vec<Case<'a>>, Acts), OpsError> {
    let mut cases = Vec::with_capacity(applications);
    let mut queue = BinaryHeap::new();
    for i in 0..applications {
        let mut rng = Rng::new(SEED ^ (i as u64).wrapping_mul(0x9e37_79b9));
        let (service, channels) = &services[rng.weighted(weights)];
        let channel_weights: Vec<u32> = channels
            .iter()
            .map(|(c, _)| match c {
                Channel::StateCorp => 5,
                Channel::ProviderOffice => 3,
                Channel::Portal => 3,
                Channel::RuralAkim => 2,
            })
            .collect();
        let (channel, intake) = channels[rng.weighted(&channel_weights)];
        let steps = service.route_for(channel).map_or(1, |r| r.steps.len());
        let fate = match FATES[i % FATES.len()] {
            Fate::Stalled(_) => Fate::Stalled(rng.below(steps)),
            Fate::Withdraw(_) => Fate::Withdraw(rng.below(steps.min(3))),
            f => f,
        };
        // Withdrawals need time to happen; stalled ones are mostly recent.
        let day = match fate {
            Fate::Withdraw(_) => 2 + rng.below(days.len().saturating_sub(2)),
            Fate::Stalled(_) if rng.chance(0.6) => rng.below(days.len().min(3)),
            _ => rng.below(days.len()),
        }
        .min(days.len() - 1);
        let office = intake_office(channel);
        let mut submit_at = later(ops, office, at_time(days[day], 9, 0), rng.range(0, 470))?;
        if submit_at >= now {
            submit_at = at_time(days[day], 9, rng.range(0, 50));
        }
        let person = applicant(&mut rng, service)?;
        let refuse = rng.chance(0.15);
        let give_back = rng.chance(0.12);
        let fast = rng.chance(0.3);
        cases.push(Case {
            service,
            channel,
            intake,
            person,
            fate,
            submit_at,
            pace: if fast { 0.4 } else { 0.9 },
            late: if fast { 0.03 } else { 0.15 },
            refuse,
            give_back,
            rng,
            number: None,
            next: None,
            visit: None,
        });
    }
    show_every_shape(&mut cases, days);
    for (i, case) in cases.iter().enumerate() {
        queue.push(Reverse((case.submit_at, i)));
    }
    Ok((cases, queue))
}

/// A route shape the demo makes sure to show: on the earliest application
/// that can, submitted at `hour` on the first day and handled
/// briskly (never late, never returned), so that by `now` it is where the
/// shape shows.
struct Showcase {
    hour: u32,
    fits: fn(&Case<'_>) -> bool,
    approve: bool,
    /// Where it stays: at its end (`Normal`), at a step, or unmarked at the centre.
    stays: fn(&Case<'_>) -> Fate,
}

fn route_steps<'a>(c: &Case<'a>) -> &'a [crate::domain::catalog::Step] {
    c.service
        .route_for(c.channel)
        .map_or(&[], |r| r.steps.as_slice())
}

/// The index of the portal's closing visit, where the route has one.
fn visit_step(c: &Case<'_>) -> Option<usize> {
    let steps = route_steps(c);
    steps.last().filter(|s| s.visit).map(|_| steps.len() - 1)
}

const SHOWCASES: [Showcase; 7] = [
    // A refusal passes over the portal's visit to sign the contract or
    // collect the conclusion, taken only on approval (004:437-439, 000:355-357).
    Showcase {
        hour: 10,
        fits: |c| {
            c.channel == Channel::Portal
                && route_steps(c).iter().any(|s| s.visit && s.when.is_some())
        },
        approve: false,
        stays: |_| Fate::Normal,
    },
    // Approved, the portal result waits for the applicant's visit.
    Showcase {
        hour: 11,
        fits: |c| c.channel == Channel::Portal && visit_step(c).is_some(),
        approve: true,
        stays: |c| visit_step(c).map_or(Fate::Normal, Fate::Stalled),
    },
    // A refused guardianship establishment closes without the local
    // executive body's resolution, taken "при положительном результате"
    // (001:356, 371); an approved one goes through the akimat.
    Showcase {
        hour: 12,
        fits: |c| {
            route_steps(c)
                .iter()
                .any(|s| s.org == OrgKind::LocalExecutive && s.when.is_some())
        },
        approve: false,
        stays: |_| Fate::Normal,
    },
    Showcase {
        hour: 13,
        fits: |c| {
            route_steps(c)
                .iter()
                .any(|s| s.org == OrgKind::LocalExecutive)
        },
        approve: true,
        stays: |_| Fate::Normal,
    },
    // A decision with the act of inspection of living conditions drawn up
    // beside it (004:115-117, 151-154).
    Showcase {
        hour: 14,
        fits: |c| route_steps(c).iter().any(|s| !s.acts.is_empty()),
        approve: true,
        stays: |_| Fate::Normal,
    },
    // A result the provider handed to the centre, whose receipt the centre
    // has not marked in its journal yet (000:125-135).
    Showcase {
        hour: 15,
        fits: |c| c.channel == Channel::StateCorp,
        approve: true,
        stays: |_| Fate::Unmarked,
    },
    // A result the rural akim's office issues itself (its clerk's step).
    Showcase {
        hour: 16,
        fits: |c| {
            c.channel == Channel::RuralAkim
                && route_steps(c)
                    .last()
                    .is_some_and(|s| s.org == OrgKind::AkimOffice && s.role == Role::Clerk)
        },
        approve: true,
        stays: |_| Fate::Normal,
    },
];

/// Each showcase on its application (a different one each), where the
/// drawn applications have one that fits; `days` newest first.
fn show_every_shape(cases: &mut [Case<'_>], days: &[NaiveDate]) {
    let Some(&first_day) = days.last() else {
        return;
    };
    let mut taken = Vec::new();
    for show in &SHOWCASES {
        let picked = cases
            .iter_mut()
            .enumerate()
            .filter(|(i, c)| {
                !taken.contains(i)
                    && matches!(c.fate, Fate::Normal | Fate::Stalled(_))
                    && (show.fits)(c)
            })
            .min_by_key(|(_, c)| c.submit_at);
        let Some((i, c)) = picked else {
            continue;
        };
        taken.push(i);
        c.fate = (show.stays)(c);
        c.refuse = !show.approve;
        c.give_back = false;
        c.submit_at = at_time(first_day, show.hour, 0);
        c.pace = 0.4;
        c.late = 0.0;
    }
}

/// The person registry knows every applicant (one person per IIN: the
/// rare IIN drawn twice keeps its first name) and some people who have not
/// applied yet, imported the way an administrator would.
pub(super) fn register_people(
    ops: &Ops,
    cases: &mut [Case<'_>],
    setup_at: NaiveDateTime,
) -> Result<crate::ops::ImportReport, OpsError> {
    let mut known: std::collections::BTreeMap<Iin, (String, Option<String>, Home)> =
        std::collections::BTreeMap::new();
    for case in cases.iter_mut() {
        let home = Home::of(&case.service.region, case.channel);
        let p = &mut case.person;
        let (name, phone, _) = known
            .entry(p.iin)
            .or_insert_with(|| (p.name.clone(), p.phone.clone(), home));
        p.name = name.clone();
        p.phone = phone.clone();
    }
    let mut rng = Rng::new(SEED ^ 0x5245_4749_5354_5259);
    let mut added = 0;
    while added < EXTRA_PERSONS {
        let p = someone(&mut rng, (1950, 2006), 0.5)?;
        if let std::collections::btree_map::Entry::Vacant(slot) = known.entry(p.iin) {
            slot.insert((p.name, p.phone, Home::Karaganda));
            added += 1;
        }
    }
    let mut registry = registry_csv(&mut rng, &known)?;
    // The walk-in of the tests and the README's tour, known to ГБД ФЛ so the
    // centre can take her in; added after the drawn people, so nobody else's
    // data moves.
    registry.push_str(WALK_IN);
    let report = ops.import_persons(&registry, ADMIN, setup_at)?;
    if let Some((line, what)) = report.errors.first() {
        return Err(demo_broken(format!(
            "the demo registry has a bad row (line {line}: {what})"
        )));
    }
    // ЕНИС's stand-in: the walk-in's powers of attorney, one valid and one
    // expired, for the tour of a representative at the counter.
    let powers = registry::walk_in_powers(setup_at.date());
    let powers = ops.import_powers(&powers, ADMIN, setup_at)?;
    if let Some((line, what)) = powers.errors.first() {
        return Err(demo_broken(format!(
            "the demo powers of attorney have a bad row (line {line}: {what})"
        )));
    }
    Ok(report)
}

/// Carries out every act in time order, the way the office would have.
pub(super) fn act_out(
    ops: &Ops,
    now: NaiveDateTime,
    cases: &mut [Case<'_>],
    mut queue: Acts,
    progress: &mut dyn FnMut(u64),
) -> Result<(), OpsError> {
    let mut settled = 0u64;
    let mut desk = visits::Desk::new(now);
    while let Some(Reverse((at, i))) = queue.pop() {
        let case = &mut cases[i];
        // The centre's visit first, its act when the visitor is served.
        if let Some(act) = visits::open(ops, &mut desk, case, at)? {
            queue.push(Reverse((act, i)));
            continue;
        }
        let rec = carry_out(ops, case, at)?;
        match schedule(ops, case, &rec)? {
            Some(t) if t <= now => {
                case.number = Some(rec.number);
                queue.push(Reverse((t, i)));
            }
            _ => {
                case.next = None;
                settled += 1;
                progress(settled);
            }
        }
    }
    Ok(())
}
