//! An intake: the service, the acting counter, the provider that renders it
//! (nearest the applicant's district), and the application created in one
//! transaction with its number.

use chrono::NaiveDateTime;

use super::{Named, Ops, OpsError, OpsResult, OrgNamed, Refusal, SubmitRequest};
use crate::domain::catalog::{Channel, Service};
use crate::domain::iin::Iin;
use crate::domain::power::PowerCheck;
use crate::domain::queue::TicketState;
use crate::domain::roles::{OrgKind, Role};
use crate::domain::route::{
    Applicant, Application, Intake, Performer, SubmitError, TicketCall, intake_actor,
};
use crate::store::NumberRequest;
use crate::store::model::{Bindings, JournalKind, Organisation, Record, User};

impl Ops {
    pub fn service(&self, id: &str) -> OpsResult<&Service> {
        self.catalog
            .find(id)
            // An id the catalogue does not know is bad input, as a malformed one is.
            .map_err(|e| OpsError::Invalid(e.into()))
    }

    pub(super) fn performer(user: &User, org: &Organisation, role: Role) -> OpsResult<Performer> {
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
    pub(super) fn check_akim_eligibility(
        &self,
        service: &Service,
        district: &str,
    ) -> OpsResult<()> {
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

    pub(super) fn provider_for(
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

    /// The counter taking the intake in: the user's own organisation, of the
    /// kind the channel takes in at, and the role that does it there.
    fn counter(user: &User, user_org: &Organisation, req: &SubmitRequest) -> OpsResult<Performer> {
        let org_code = req.org.clone().unwrap_or_else(|| user_org.code.clone());
        if org_code != user_org.code {
            return Err(OpsError::Forbidden(Refusal::WorksElsewhere {
                login: user.login.clone(),
                org: Named::from(user_org),
                asked: org_code,
            }));
        }
        let intake = intake_actor(req.channel);
        if user_org.kind != intake.org {
            return Err(OpsError::Forbidden(Refusal::ChannelElsewhere {
                channel: req.channel,
                needs: intake.org,
                org: Named::from(user_org),
                kind: user_org.kind,
            }));
        }
        Self::performer(user, user_org, intake.role)
    }

    /// The organisations the application is bound to: the intake office,
    /// the provider that renders the service nearest the applicant's
    /// district, the akim's office when it took it in.
    fn bindings(
        &self,
        service: &Service,
        user_org: &Organisation,
        req: &SubmitRequest,
    ) -> OpsResult<Bindings> {
        if service.region != user_org.region {
            return Err(OpsError::Invalid(Refusal::OtherRegion {
                service: service.into(),
                org: Named::from(user_org),
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
        let provider = if Self::renders(user_org, service) {
            user_org.clone()
        } else {
            self.provider_for(service, user_org, district)?
        };
        Ok(Bindings {
            intake: user_org.code.clone(),
            provider: provider.code.clone(),
            akim: (user_org.kind == OrgKind::AkimOffice).then(|| user_org.code.clone()),
            local_executive: match service.route_for(req.channel) {
                Some(route) => self.local_executive_for(route, &provider)?,
                None => None,
            },
        })
    }

    /// The call of the visit `login` serves now at a State Corporation
    /// counter (the ticket at their window), if they serve one: the counter's
    /// part of the application is timed from it.
    pub(super) fn counter_call(
        &self,
        org: &Organisation,
        login: &str,
    ) -> OpsResult<Option<TicketCall>> {
        if org.kind != OrgKind::StateCorp {
            return Ok(None);
        }
        let windows = self.store.windows(&org.code)?;
        let Some(r) = windows
            .iter()
            .find(|w| w.operator.as_deref() == Some(login))
            .and_then(|w| w.ticket.as_ref())
        else {
            return Ok(None);
        };
        let Some(ticket) = self.store.ticket(&org.code, r)? else {
            return Ok(None);
        };
        if !ticket.state.at_window() {
            return Ok(None);
        }
        let called = ticket
            .history
            .iter()
            .rev()
            .find(|e| e.state == TicketState::Called)
            .map(|e| e.at);
        Ok(called.map(|called| TicketCall {
            ticket: ticket.number.clone(),
            called,
        }))
    }

    /// An intake at `login`'s counter: checked (the counter, the service's
    /// region, the applicant's data), bound to its organisations, numbered
    /// and written in one transaction.
    pub fn submit(&self, login: &str, req: SubmitRequest, at: NaiveDateTime) -> OpsResult<Record> {
        let (user, user_org) = self.caller(login)?;
        let service = self.service(&req.service)?;
        let iin = Iin::from_input(&req.iin, at.date())
            .map_err(|e| OpsError::Invalid(Refusal::bad_iin(&req.iin, e)))?;
        let performer = Self::counter(&user, &user_org, &req)?;
        let power = if req.channel == Channel::StateCorp {
            self.check_person_data(&self.store, &iin)?;
            self.ask_enis(
                &self.store,
                &iin,
                req.representative.as_ref(),
                req.notarised,
            )?
        } else {
            PowerCheck::NotAsked
        };
        let orgs = self.bindings(service, &user_org, &req)?;
        let call = match req.channel {
            Channel::StateCorp => self.counter_call(&user_org, login)?,
            _ => None,
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
                power: power.clone(),
                call: call.clone(),
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
}
