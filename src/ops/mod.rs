//! The operations API: every change and query, with the acting user. One place
//! decides permissions; the TUI, the CLI and (later) the server call this.

mod accounts;
pub mod auth;
pub mod backend;
mod password_memory;
pub(crate) mod persons;
pub mod queue;
pub mod receipt;
pub mod refusal;
pub mod report;
pub mod ticket_print;
pub mod views;

pub use auth::LoginError;
pub use persons::ImportReport;
pub use refusal::{Named, OrgNamed, Refusal, RefusalKind};

use chrono::NaiveDateTime;

use crate::domain::catalog::{Catalog, Channel, Service, StepAction};
use crate::domain::iin::Iin;
use crate::domain::roles::{Actor, OrgKind, Role};
use crate::domain::route::{
    Applicant, Application, Deadlines, Decision, Intake, Performer, RefusalGround, Representative,
    StepOutput, SubmitError, Transition, TransitionError, intake_actor, issuing_actor, step_action,
};
use crate::store::model::{
    Bindings, JournalKind, JournalWhat, Organisation, Record, Summary, User,
};
use crate::store::{NumberRequest, Store, StoreError};

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

/// An intake as the counter fills it in.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SubmitRequest {
    pub service: String,
    pub channel: Channel,
    pub iin: String,
    pub name: String,
    pub phone: Option<String>,
    pub representative: Option<Representative>,
    /// The intake organisation; defaults to the acting user's.
    pub org: Option<String>,
    /// Documents handed in; None means the whole checklist.
    pub documents: Option<Vec<String>>,
    /// Of the documents handed in, those whose term of validity has run out
    /// (001:82): intake is refused naming them apart from the missing ones.
    pub expired: Vec<String>,
    /// The applicant's district, which decides the provider; default the intake office's.
    pub district: Option<String>,
}

/// What `app act` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ActKind {
    /// Complete the current step, whatever its action.
    Complete,
    /// Complete the current step, which must have this action.
    Step(StepAction),
    Return,
    Withdraw,
    RefuseIntake,
    /// Hand the ready result over at the counter.
    Issue,
}

impl std::str::FromStr for ActKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "complete" => ActKind::Complete,
            "return" => ActKind::Return,
            "withdraw" => ActKind::Withdraw,
            "refuse-intake" | "refuse_intake" => ActKind::RefuseIntake,
            "issue" => ActKind::Issue,
            "decide" => ActKind::Step(StepAction::Execute),
            other => {
                // `issue` is its own act (with the collector's IIN) above.
                let action = StepAction::ALL
                    .into_iter()
                    .filter(|a| *a != StepAction::Issue)
                    .find(|a| a.as_str() == other)
                .ok_or_else(|| {
                    format!(
                        "unknown action {other:?}: use register, assign, review, inspect, decide, conclude, sign, \
                         forward, dispatch, issue, return, withdraw, refuse-intake or complete"
                    )
                })?;
                ActKind::Step(action)
            }
        })
    }
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ActRequest {
    /// assign: the specialist.
    pub to: Option<String>,
    /// execute: approve (true) or refuse (false).
    pub approve: Option<bool>,
    /// execute/approve: the result kind (default: the service's first).
    pub result: Option<String>,
    pub ground: Option<RefusalGround>,
    /// resolution, refusal text, return comment, withdrawal reason, act text.
    pub comment: Option<String>,
    /// return: the step to go back to (1-based); default the decision step.
    pub to_step: Option<usize>,
    /// issue: who collects the result.
    pub recipient: Option<String>,
    /// refuse-intake: the missing documents.
    pub missing: Vec<String>,
    /// The version the caller saw; a stale one is a conflict.
    pub version: Option<u64>,
}

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Only what waits for the caller (their organisation and role, or assigned to them).
    pub queue: bool,
    pub overdue: bool,
    pub iin: Option<String>,
    pub limit: Option<usize>,
}

/// A specialist and their load, for the head's assign dialog.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SpecialistLoad {
    pub login: String,
    pub full_name: String,
    /// Applications assigned to them and not closed.
    pub open: usize,
    /// Of those, the ones whose current step is past its deadline.
    pub overdue: usize,
}

pub struct Ops {
    pub store: Store,
    pub catalog: Catalog,
    pub deadlines: Deadlines,
}

impl Ops {
    pub fn new(store: Store, catalog: Catalog, deadlines: Deadlines) -> Ops {
        Ops {
            store,
            catalog,
            deadlines,
        }
    }

    /// The acting user and their organisation; disabled users act on nothing.
    pub fn caller(&self, login: &str) -> OpsResult<(User, Organisation)> {
        let user = self.store.user(login)?.ok_or_else(|| {
            OpsError::NotFound(Refusal::NoUser {
                login: login.into(),
            })
        })?;
        if !user.active {
            return Err(OpsError::Forbidden(Refusal::UserDisabled {
                login: login.into(),
            }));
        }
        let org = self.store.org(&user.org)?.ok_or_else(|| {
            OpsError::NotFound(Refusal::OrganisationMissing {
                login: login.into(),
                code: user.org.clone(),
            })
        })?;
        Ok((user, org))
    }

    /// An organisation by its code.
    pub fn org(&self, code: &str) -> OpsResult<Organisation> {
        self.store
            .org(code)?
            .ok_or_else(|| OpsError::NotFound(Refusal::NoOrganisation { code: code.into() }))
    }

    /// Whether the store has any user; a store without one is new (the
    /// workstation offers the demo).
    pub fn has_users(&self) -> OpsResult<bool> {
        Ok(self.store.has_users()?)
    }

    /// Every user's login and full name, for screens that name people
    /// (histories, windows): `login` must be a signed-in user.
    pub fn staff_names(&self, login: &str) -> OpsResult<Vec<(String, String)>> {
        self.caller(login)?;
        Ok(self
            .store
            .users()?
            .into_iter()
            .map(|u| (u.login, u.full_name))
            .collect())
    }

    /// The demo region's users this store still holds, as the login screen
    /// lists them (login, role, organisation): none on a store of real staff.
    pub fn demo_users(&self) -> OpsResult<Vec<(String, String, String)>> {
        Ok(crate::demo::users_present(&self.store.users()?))
    }

    /// The active specialists of the caller's organisation with what each has
    /// on their desk at `at`, least loaded first (then by login). Only a head
    /// may ask.
    pub fn specialists(&self, login: &str, at: NaiveDateTime) -> OpsResult<Vec<SpecialistLoad>> {
        let (user, org) = self.caller(login)?;
        if !user.roles.contains(&Role::Head) {
            return Err(OpsError::Forbidden(Refusal::LacksRole {
                login: user.login,
                role: Role::Head,
            }));
        }
        let mut out = Vec::new();
        for spec in self.store.users()? {
            if spec.org != org.code || !spec.active || !spec.roles.contains(&Role::Specialist) {
                continue;
            }
            let mut load = SpecialistLoad {
                login: spec.login.clone(),
                full_name: spec.full_name.clone(),
                open: 0,
                overdue: 0,
            };
            // The `a/LOGIN` index holds what is assigned to them now.
            for s in self
                .store
                .summaries(&[b"a", spec.login.as_bytes()], |_| false)?
            {
                let theirs =
                    s.holder.as_ref().and_then(|h| h.login.as_deref()) == Some(spec.login.as_str());
                if !theirs || s.status.is_closed() {
                    continue;
                }
                load.open += 1;
                if s.step_due.is_some_and(|d| d < at) {
                    load.overdue += 1;
                }
            }
            out.push(load);
        }
        out.sort_by(|a, b| a.open.cmp(&b.open).then_with(|| a.login.cmp(&b.login)));
        Ok(out)
    }

    pub fn service(&self, id: &str) -> OpsResult<&Service> {
        self.catalog
            .find(id)
            // An id the catalogue does not know is bad input, as a malformed one is.
            .map_err(|e| OpsError::Invalid(e.into()))
    }

    fn performer(user: &User, org: &Organisation, role: Role) -> OpsResult<Performer> {
        if !user.roles.contains(&role) {
            return Err(OpsError::Forbidden(Refusal::LacksRole {
                login: user.login.clone(),
                role,
            }));
        }
        Ok(Performer::new(&user.login, org.kind, role))
    }

    /// Whether a provider renders this service: the services it lists, or,
    /// when it lists none, its provider kinds.
    pub fn renders(org: &Organisation, service: &Service) -> bool {
        org.kind == OrgKind::Provider
            && org.region == service.region
            && if org.services.is_empty() {
                org.provider_kinds
                    .iter()
                    .any(|k| service.provider_kinds.contains(k))
            } else {
                org.services.contains(&service.service)
            }
    }

    /// The provider that renders this service nearest the intake: in its
    /// district, else in its region. Two equally near candidates are an error
    /// for the administrator to settle (`org add --service`), never a guess.
    /// Where the regulation limits the akim channel to localities without a
    /// provider (003:102-103), a provider of the service in the applicant's
    /// district refuses the intake.
    fn check_akim_eligibility(&self, service: &Service, district: &str) -> OpsResult<()> {
        if service.rural_akim_condition_quote.is_none() {
            return Ok(());
        }
        let orgs = self.store.orgs()?;
        match orgs
            .iter()
            .find(|o| o.district == district && Self::renders(o, service))
        {
            Some(p) => Err(SubmitError::ProviderInLocality {
                district: district.to_string(),
                provider: p.name_ru.clone(),
            }
            .into()),
            None => Ok(()),
        }
    }

    fn provider_for(
        &self,
        service: &Service,
        _near: &Organisation,
        district: &str,
    ) -> OpsResult<Organisation> {
        let orgs = self.store.orgs()?;
        let candidates: Vec<&Organisation> =
            orgs.iter().filter(|o| Self::renders(o, service)).collect();
        let local: Vec<&Organisation> = candidates
            .iter()
            .copied()
            .filter(|o| o.district == district)
            .collect();
        let pool = if local.is_empty() { candidates } else { local };
        match pool.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(OpsError::NotFound(Refusal::NoProvider {
                service: service.into(),
                district: district.into(),
            })),
            many => Err(OpsError::Invalid(Refusal::SeveralProviders {
                service: service.into(),
                providers: many.iter().map(|o| OrgNamed::from(*o)).collect(),
            })),
        }
    }

    pub fn submit(&self, login: &str, req: SubmitRequest, at: NaiveDateTime) -> OpsResult<Record> {
        let (user, user_org) = self.caller(login)?;
        let service = self.service(&req.service)?;
        let iin = Iin::from_input(&req.iin, at.date())
            .map_err(|e| OpsError::Invalid(Refusal::bad_iin(&req.iin, e)))?;
        let org_code = req.org.clone().unwrap_or_else(|| user_org.code.clone());
        if org_code != user_org.code {
            return Err(OpsError::Forbidden(Refusal::WorksElsewhere {
                login: user.login,
                org: Named::from(&user_org),
                asked: org_code,
            }));
        }
        let intake = intake_actor(req.channel);
        if user_org.kind != intake.org {
            return Err(OpsError::Forbidden(Refusal::ChannelElsewhere {
                channel: req.channel,
                needs: intake.org,
                org: Named::from(&user_org),
                kind: user_org.kind,
            }));
        }
        let performer = Self::performer(&user, &user_org, intake.role)?;
        if req.channel == Channel::StateCorp {
            self.check_person_data(&self.store, &iin)?;
        }
        if service.region != user_org.region {
            return Err(OpsError::Invalid(Refusal::OtherRegion {
                service: service.into(),
                org: Named::from(&user_org),
            }));
        }
        let district = req
            .district
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .unwrap_or(&user_org.district);
        if req.channel == Channel::RuralAkim {
            self.check_akim_eligibility(service, district)?;
        }
        let provider = if Self::renders(&user_org, service) {
            user_org.clone()
        } else {
            self.provider_for(service, &user_org, district)?
        };
        let orgs = Bindings {
            intake: user_org.code.clone(),
            provider: provider.code.clone(),
            akim: (user_org.kind == OrgKind::AkimOffice).then(|| user_org.code.clone()),
        };
        let documents = req
            .documents
            .clone()
            .unwrap_or_else(|| service.documents.iter().map(|d| d.id.clone()).collect());
        let kind = if user_org.kind == OrgKind::StateCorp {
            JournalKind::Intake
        } else {
            JournalKind::Incoming
        };
        let number = NumberRequest::new(&user_org.code, kind, at);
        let applicant = Applicant {
            iin,
            name: req.name.trim().to_string(),
            phone: req.phone.clone().filter(|p| !p.trim().is_empty()),
            representative: req.representative.clone(),
        };
        // A failed intake aborts the transaction: no id or number is used up.
        let rec = self.store.insert_app(&number, |id, number| {
            let intake = Intake {
                id: number.clone(),
                service,
                channel: req.channel,
                applicant: applicant.clone(),
                documents: documents.clone(),
                expired: req.expired.clone(),
            };
            let app = Application::submit(intake, &performer, at, &self.deadlines)?;
            Ok::<_, OpsError>(Record {
                id,
                number,
                orgs: orgs.clone(),
                app,
            })
        })?;
        Ok(rec)
    }

    pub fn find(&self, number: &str) -> OpsResult<Record> {
        self.store.app_by_number(number.trim())?.ok_or_else(|| {
            OpsError::NotFound(Refusal::NoApplication {
                number: number.trim().into(),
            })
        })
    }

    /// A region supervisor reads reports (`ops::report`) and nothing of a
    /// case: no application, no person's record. A user holding another
    /// role as well reads by that role.
    pub(crate) fn reads_cases(user: &User) -> OpsResult<()> {
        if user.roles.iter().all(|r| *r == Role::Supervisor) {
            return Err(OpsError::Forbidden(Refusal::SupervisorReadsNoCases {
                login: user.login.clone(),
            }));
        }
        Ok(())
    }

    fn may_see(rec: &Record, org: &Organisation) -> bool {
        rec.orgs.intake == org.code
            || rec.orgs.provider == org.code
            || rec.orgs.akim.as_deref() == Some(&org.code)
    }

    /// An application the caller may see, not recorded as viewed (see `views`).
    pub(crate) fn show_unrecorded(&self, login: &str, number: &str) -> OpsResult<Record> {
        let (user, org) = self.caller(login)?;
        Self::reads_cases(&user)?;
        let rec = self.find(number)?;
        if !Self::may_see(&rec, &org) {
            return Err(OpsError::Forbidden(Refusal::NotYourApplication {
                number: rec.number.clone(),
                org: Named::from(&org),
            }));
        }
        Ok(rec)
    }

    pub fn act(
        &self,
        login: &str,
        number: &str,
        kind: ActKind,
        req: ActRequest,
        at: NaiveDateTime,
    ) -> OpsResult<Record> {
        let (user, org) = self.caller(login)?;
        let rec = self.find(number)?;
        // Someone acted since the caller looked: say who, before judging
        // the act against a state the caller has not seen.
        if req.version.is_some_and(|v| v != rec.app.version)
            && Self::may_see(&rec, &org)
            && Self::reads_cases(&user).is_ok()
        {
            return Err(self.named(crate::store::stale(&rec).into()));
        }
        let service = self.service(&rec.app.service)?;
        let app = &rec.app;
        // What the current step does for this application (a provider's closing
        // issue on a State Corporation application is its hand-over).
        let action = app
            .current_step(service)
            .map(|s| step_action(s, app.channel));
        // `issue` on an application whose route has its own issue step completes that step.
        let kind = match (kind, action) {
            (ActKind::Issue, Some(StepAction::Issue)) => ActKind::Step(StepAction::Issue),
            (other, _) => other,
        };
        if let (ActKind::Step(want), Some(action)) = (kind, action)
            && want != action
        {
            return Err(TransitionError::WrongStep {
                action,
                what: want.to_string(),
            }
            .into());
        }
        // The actor this act needs, to check the user's organisation and role.
        let needed: Actor = match kind {
            ActKind::Complete | ActKind::Step(_) | ActKind::Return => app
                .holder
                .as_ref()
                .map(|h| h.actor)
                .ok_or(TransitionError::Closed(app.status))?,
            ActKind::RefuseIntake => intake_actor(app.channel),
            ActKind::Issue => issuing_actor(app.channel).ok_or(TransitionError::NotReady)?,
            ActKind::Withdraw => {
                if org.kind == OrgKind::Provider {
                    intake_actor(Channel::ProviderOffice)
                } else {
                    intake_actor(app.channel)
                }
            }
        };
        if rec.orgs.org_for(needed.org) != Some(org.code.as_str()) || org.kind != needed.org {
            return Err(OpsError::Forbidden(Refusal::HandledElsewhere {
                number: rec.number.clone(),
                role: needed.role,
                kind: needed.org,
                login: user.login.clone(),
                org: Named::from(&org),
            }));
        }
        let performer = Self::performer(&user, &org, needed.role)?;
        let comment = req.comment.clone().unwrap_or_default();
        let mut number_req = None;
        let transition = match kind {
            ActKind::Complete | ActKind::Step(_) => {
                let action = action.ok_or(TransitionError::Closed(app.status))?;
                let output = match action {
                    StepAction::Register => {
                        // An application taken in at this office already has its incoming number.
                        if rec.orgs.intake == org.code && org.kind != OrgKind::StateCorp {
                            StepOutput::Registered {
                                number: rec.number.clone(),
                            }
                        } else {
                            number_req =
                                Some(NumberRequest::new(&org.code, JournalKind::Incoming, at));
                            StepOutput::Registered {
                                number: String::new(),
                            }
                        }
                    }
                    StepAction::Dispatch => {
                        number_req = Some(NumberRequest::new(&org.code, JournalKind::Outgoing, at));
                        StepOutput::Registered {
                            number: String::new(),
                        }
                    }
                    StepAction::Assign => {
                        let to = req
                            .to
                            .clone()
                            .ok_or(OpsError::Invalid(Refusal::AssignNeedsSpecialist))?;
                        let (spec, spec_org) = self.caller(&to)?;
                        if spec_org.code != org.code || !spec.roles.contains(&Role::Specialist) {
                            return Err(OpsError::Invalid(Refusal::NotSpecialistOf {
                                login: to,
                                org: Named::from(&org),
                            }));
                        }
                        StepOutput::Assigned {
                            specialist: to,
                            resolution: comment.clone(),
                        }
                    }
                    StepAction::Inspect | StepAction::Conclude => StepOutput::Report {
                        text: comment.clone(),
                    },
                    StepAction::Execute => match req.approve {
                        Some(true) => {
                            let result = match &req.result {
                                Some(r) => r.clone(),
                                None => service
                                    .positive_results_on(app.channel)
                                    .next()
                                    .map(|r| r.id.clone())
                                    .unwrap_or_default(),
                            };
                            StepOutput::Decided(Decision::approve(result, &comment))
                        }
                        Some(false) => StepOutput::Decided(Decision::Refuse {
                            ground: req.ground.unwrap_or(RefusalGround::RequirementsNotMet),
                            text: comment.clone(),
                        }),
                        None => {
                            return Err(OpsError::Invalid(Refusal::DecisionMissing));
                        }
                    },
                    StepAction::Issue => StepOutput::Issued {
                        recipient: self.recipient(&req, at)?,
                    },
                    StepAction::Accept
                    | StepAction::Review
                    | StepAction::Sign
                    | StepAction::Forward => StepOutput::Done,
                };
                Transition::Complete(output)
            }
            ActKind::Return => {
                let route = service.route(&app.route).ok_or_else(|| {
                    OpsError::NotFound(Refusal::RouteMissing {
                        number: rec.number.clone(),
                    })
                })?;
                let to_step = match req.to_step {
                    Some(n) if n >= 1 => n - 1,
                    Some(_) => return Err(OpsError::Invalid(Refusal::StepsFromOne)),
                    // Back to the decision when it lies behind, else one step back.
                    None => route
                        .steps
                        .iter()
                        .position(|s| s.action == StepAction::Execute)
                        .filter(|&e| e < app.step)
                        .or(app.step.checked_sub(1))
                        .ok_or(OpsError::Invalid(Refusal::NothingToReturnTo))?,
                };
                Transition::Return { to_step, comment }
            }
            ActKind::Withdraw => Transition::Withdraw { reason: comment },
            ActKind::RefuseIntake => Transition::RefuseIntake {
                missing: req.missing.clone(),
            },
            ActKind::Issue => Transition::Issue {
                recipient: self.recipient(&req, at)?,
            },
        };
        let rec = self.store.transition(
            rec.id,
            req.version.or(Some(app.version)),
            number_req.as_ref(),
            |r, n| {
                let t = match n {
                    Some(n) => fill_number(transition.clone(), &n),
                    None => transition.clone(),
                };
                r.app
                    .apply(service, &performer, at, t, &self.deadlines)
                    .map_err(OpsError::from)
            },
        );
        rec.map_err(|e| self.named(e))
    }

    /// A person as messages name them: "Full Name (login)", or the login
    /// alone when the store does not know it.
    pub fn who(&self, login: &str) -> String {
        match self.known_name(login) {
            Some(name) => format!("{name} ({login})"),
            None => login.to_string(),
        }
    }

    /// A person's full name, or the login when the store does not know it.
    pub fn full_name(&self, login: &str) -> String {
        self.known_name(login).unwrap_or_else(|| login.to_string())
    }

    fn known_name(&self, login: &str) -> Option<String> {
        let user = self.store.user(login).ok().flatten()?;
        Some(user.full_name).filter(|n| !n.trim().is_empty())
    }

    /// A conflict names the person who acted first, a step assigned to
    /// someone else names that person: not only their login.
    fn named(&self, e: OpsError) -> OpsError {
        match e {
            OpsError::Stale { number, by } => OpsError::Stale {
                by: self.who(&by),
                number,
            },
            OpsError::Transition(TransitionError::NotAssignee(login)) => {
                OpsError::Transition(TransitionError::NotAssignee(self.who(&login)))
            }
            other => other,
        }
    }

    fn recipient(&self, req: &ActRequest, at: NaiveDateTime) -> OpsResult<Iin> {
        let raw = req
            .recipient
            .clone()
            .ok_or(OpsError::Invalid(Refusal::IssueNeedsCollector))?;
        Iin::from_input(&raw, at.date()).map_err(|e| OpsError::Invalid(Refusal::bad_iin(&raw, e)))
    }

    pub fn list(
        &self,
        login: &str,
        filter: &ListFilter,
        at: NaiveDateTime,
    ) -> OpsResult<Vec<Record>> {
        let (user, org) = self.caller(login)?;
        Self::reads_cases(&user)?;
        let limit = filter.limit.unwrap_or(usize::MAX);
        let mut ids: Vec<u64> = Vec::new();
        if filter.queue {
            for role in &user.roles {
                ids.extend(self.store.scan(
                    &[b"q", org.code.as_bytes(), role.as_str().as_bytes()],
                    usize::MAX,
                )?);
            }
            ids.extend(
                self.store
                    .scan(&[b"a", user.login.as_bytes()], usize::MAX)?,
            );
        } else if let Some(iin) = &filter.iin {
            let iin = Iin::from_input(iin, at.date())
                .map_err(|e| OpsError::Invalid(Refusal::bad_iin(iin, e)))?;
            ids = self
                .store
                .scan(&[b"i", iin.to_string().as_bytes()], usize::MAX)?;
        } else {
            for r in self.store.records() {
                let r = r?;
                if Self::may_see(&r, &org) {
                    ids.push(r.id);
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        let mut out = Vec::new();
        for id in ids {
            let Some(rec) = self.store.app(id)? else {
                continue;
            };
            if !Self::may_see(&rec, &org) {
                continue;
            }
            if filter.queue && !self.waits_for(&rec, &user) {
                continue;
            }
            if let Some(iin) = &filter.iin
                && rec.app.applicant.iin.to_string() != iin.trim()
            {
                continue;
            }
            if filter.overdue && rec.app.step_due.is_none_or(|d| d >= at) {
                continue;
            }
            out.push(rec);
            if out.len() >= limit {
                break;
            }
        }
        // Most urgent first.
        out.sort_by_key(|r| (r.app.step_due.is_none(), r.app.step_due, r.id));
        Ok(out)
    }

    /// What waits for the caller: their organisation's queue for each of
    /// their roles and what is assigned to them by name, most urgent first.
    /// Read from the index summaries, so a queue of 100,000 costs no record reads.
    pub fn queue(&self, login: &str) -> OpsResult<Vec<Summary>> {
        let (user, org) = self.caller(login)?;
        let mut out = self
            .store
            .summaries(&[b"a", user.login.as_bytes()], |_| false)?;
        let mine: std::collections::HashSet<u64> = out.iter().map(|s| s.id).collect();
        for role in &user.roles {
            out.extend(self.store.summaries(
                &[b"q", org.code.as_bytes(), role.as_str().as_bytes()],
                |id| mine.contains(&id),
            )?);
        }
        out.retain(|s| {
            s.holder.as_ref().is_some_and(|h| match &h.login {
                Some(l) => *l == user.login,
                None => user.roles.contains(&h.actor.role),
            })
        });
        out.sort_by_key(|s| (s.step_due.is_none(), s.step_due, s.id));
        Ok(out)
    }

    /// The applications the caller may see that changed after store
    /// revision `after`, as lists show them; None when so much changed that
    /// a reload is cheaper. The embedded store's change feed: the journal.
    pub fn changes_since(&self, login: &str, after: u64) -> OpsResult<Option<Vec<Summary>>> {
        let (user, org) = self.caller(login)?;
        if Self::reads_cases(&user).is_err() {
            return Ok(Some(Vec::new()));
        }
        let Some(ids) = self.store.apps_changed_since(after, 10_000)? else {
            return Ok(None);
        };
        let mut out = Vec::new();
        for id in ids {
            if let Some(rec) = self.store.app(id)?
                && Self::may_see(&rec, &org)
            {
                out.push(Summary::of(&rec));
            }
        }
        Ok(Some(out))
    }

    fn waits_for(&self, rec: &Record, user: &User) -> bool {
        match &rec.app.holder {
            Some(h) => match &h.login {
                Some(l) => l == &user.login,
                None => user.roles.contains(&h.actor.role),
            },
            None => false,
        }
    }

    // ---- administration: run by whoever holds the store (the OS decides)

    pub fn add_org(&self, org: Organisation, by: &str, at: NaiveDateTime) -> OpsResult<()> {
        if self.store.org(&org.code)?.is_some() {
            return Err(OpsError::Invalid(Refusal::OrganisationExists {
                code: org.code,
            }));
        }
        Ok(self.store.put_org(&org, by, at)?)
    }

    pub fn add_user(&self, user: User, by: &str, at: NaiveDateTime) -> OpsResult<()> {
        if self.store.user(&user.login)?.is_some() {
            return Err(OpsError::Invalid(Refusal::UserExists { login: user.login }));
        }
        if self.store.org(&user.org)?.is_none() {
            return Err(OpsError::NotFound(Refusal::NoOrganisation {
                code: user.org,
            }));
        }
        if user.roles.is_empty() {
            return Err(OpsError::Invalid(Refusal::NoRoles));
        }
        if user.login.trim().is_empty() || user.login.chars().any(|c| c.is_whitespace() || c == '/')
        {
            return Err(OpsError::Invalid(Refusal::BadLogin { login: user.login }));
        }
        let what = JournalWhat::UserAdded {
            login: user.login.clone(),
        };
        Ok(self.store.put_user(&user, what, by, at)?)
    }

    pub fn disable_user(&self, login: &str, by: &str, at: NaiveDateTime) -> OpsResult<()> {
        let mut user = self.store.user(login)?.ok_or_else(|| {
            OpsError::NotFound(Refusal::NoUser {
                login: login.into(),
            })
        })?;
        user.active = false;
        let what = JournalWhat::UserDisabled {
            login: login.into(),
        };
        Ok(self.store.put_user(&user, what, by, at)?)
    }

    pub fn set_password(
        &self,
        login: &str,
        password: &str,
        by: &str,
        at: NaiveDateTime,
    ) -> OpsResult<()> {
        let mut user = self.store.user(login)?.ok_or_else(|| {
            OpsError::NotFound(Refusal::NoUser {
                login: login.into(),
            })
        })?;
        auth::check_password(login, password)?;
        user.password_hash = auth::hash_password(password)?;
        user.failed_logins = 0;
        user.locked_until = None;
        let what = JournalWhat::PasswordChanged {
            login: login.into(),
        };
        Ok(self.store.put_user(&user, what, by, at)?)
    }
}

fn fill_number(t: Transition, number: &str) -> Transition {
    match t {
        Transition::Complete(StepOutput::Registered { number: n }) if n.is_empty() => {
            Transition::Complete(StepOutput::Registered {
                number: number.to_string(),
            })
        }
        other => other,
    }
}
