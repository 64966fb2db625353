//! The service catalogue: one entry per regulation variant, transcribed from the
//! regional regulations (`catalog/sources/`) into `catalog/services/*.toml`.
//!
//! This module is pure: it parses and validates text handed to it. Loading the
//! embedded files or an admin's directory lives in `crate::catalog_files`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::norm::Norm;
use super::roles::{Actor, OrgKind, Role};

/// An intake channel: where the applicant hands in the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A State Corporation "Government for Citizens" counter.
    StateCorp,
    /// The provider's own office (канцелярия услугодателя).
    ProviderOffice,
    /// The e-government portal (egov.kz).
    Portal,
    /// A rural akim's office (аким поселка, села, сельского округа).
    RuralAkim,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::StateCorp,
        Channel::ProviderOffice,
        Channel::Portal,
        Channel::RuralAkim,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::StateCorp => "state_corp",
            Channel::ProviderOffice => "provider_office",
            Channel::Portal => "portal",
            Channel::RuralAkim => "rural_akim",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Channel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Channel::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown channel {s:?}: use state_corp, provider_office, portal or rural_akim"
                )
            })
    }
}

/// The kind of body that provides a service (услугодатель).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    /// Local executive bodies of districts and cities of regional significance.
    DistrictExecutive,
    /// The regional executive body (акимат области) or its department.
    RegionalExecutive,
    /// District/city education department (отдел образования).
    EducationDepartment,
    /// Education organisations (schools, boarding schools).
    EducationOrganisation,
    /// District/city department of employment and social programmes.
    EmploymentSocialDepartment,
    /// Employment centre (центр занятости населения).
    EmploymentCentre,
    /// Akim of a settlement, village, rural district.
    RuralAkim,
}

/// How the service is rendered (форма оказания государственной услуги).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceForm {
    Paper,
    ElectronicPartial,
    ElectronicFull,
    /// "электронная" without saying how far automated (001:323).
    Electronic,
}

/// How the result is handed over (форма предоставления результата).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultForm {
    Paper,
    Electronic,
}

/// What a step does. The route engine gives some actions a meaning: `execute`
/// is where the decision is taken, `issue` hands the result to the applicant
/// and closes the application. Which steps may be returned is data
/// (`Step::returnable`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepAction {
    /// Take the documents in from the applicant (приём документов).
    Accept,
    /// Register in a journal and pass on (регистрация).
    Register,
    /// Impose a resolution and name the responsible specialist.
    Assign,
    /// Examine documents without deciding (рассмотрение).
    Review,
    /// Inspect living conditions and draw up an act (обследование).
    Inspect,
    /// Prepare the result or the motivated refusal: the decision.
    Execute,
    /// A collegial conclusion (commission, council) on the case.
    Conclude,
    /// Sign the result.
    Sign,
    /// Send documents on to another organisation.
    Forward,
    /// Register outgoing and send the result to where it will be issued.
    Dispatch,
    /// Hand the result to the applicant.
    Issue,
}

impl StepAction {
    pub const ALL: [StepAction; 11] = [
        StepAction::Accept,
        StepAction::Register,
        StepAction::Assign,
        StepAction::Review,
        StepAction::Inspect,
        StepAction::Execute,
        StepAction::Conclude,
        StepAction::Sign,
        StepAction::Forward,
        StepAction::Dispatch,
        StepAction::Issue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StepAction::Accept => "accept",
            StepAction::Register => "register",
            StepAction::Assign => "assign",
            StepAction::Review => "review",
            StepAction::Inspect => "inspect",
            StepAction::Execute => "execute",
            StepAction::Conclude => "conclude",
            StepAction::Sign => "sign",
            StepAction::Forward => "forward",
            StepAction::Dispatch => "dispatch",
            StepAction::Issue => "issue",
        }
    }
}

impl fmt::Display for StepAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Act {
    /// The approving act's number, e.g. "34/17".
    pub number: String,
    /// The approving act's date, ISO.
    pub date: chrono::NaiveDate,
    /// "Постановление акимата Карагандинской области", as written.
    pub issuer_ru: String,
    /// The later act that gave this regulation its present wording, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amended_by: Option<String>,
}

/// Where in the seed texts this entry comes from; tests check every quote
/// against this text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// File name under `catalog/sources/`.
    pub file: String,
    /// First and last line (1-based) of this regulation in that file.
    pub lines: [u32; 2],
    /// The title as printed in the regulation's heading.
    pub title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultKind {
    Positive,
    Refusal,
    /// A portal notice that the result (of possibility or impossibility, a
    /// contract to sign) waits at the provider (004:437-439): no decision.
    Notice,
}

impl ResultKind {
    pub const ALL: [ResultKind; 3] = [
        ResultKind::Positive,
        ResultKind::Refusal,
        ResultKind::Notice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ResultKind::Positive => "positive",
            ResultKind::Refusal => "refusal",
            ResultKind::Notice => "notice",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultDoc {
    pub id: String,
    pub kind: ResultKind,
    pub name_ru: String,
    pub name_kk: String,
    pub name_en: String,
    /// The channels whose applications may get it ("На портале – уведомление
    /// …"); empty: every channel of the service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
}

impl ResultDoc {
    /// Whether an application taken in on `channel` may get this result.
    pub fn given_on(&self, channel: Channel) -> bool {
        self.channels.is_empty() || self.channels.contains(&channel)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: String,
    pub name_ru: String,
    /// Kazakh and English names; an administrator's own file may lack them
    /// (screens then show the Russian name, `catalog check` reports it).
    #[serde(default)]
    pub name_kk: String,
    #[serde(default)]
    pub name_en: String,
    /// Where the checklist item comes from: a line of the regulation, or our
    /// reading of item 9 of the service standard (which the regulations only
    /// point to).
    #[serde(default)]
    pub source: DocumentSource,
    /// The line of the regulation's file that names it (with `source = "seed"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Whether intake is refused without it; by default only the sourced items
    /// and the two basics are required (`Document::is_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
}

/// The two documents every application has.
pub const BASIC_DOCUMENTS: [&str; 2] = ["application", "identity_document"];

/// Where a checklist item comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentSource {
    /// Named by the regulation itself, at `Document::line`.
    Seed,
    /// Our reading of item 9 of the service standard: not in the sources.
    #[default]
    #[serde(rename = "standard_item_9")]
    StandardItem9,
}

impl Document {
    /// Whether intake is refused without it: as the entry says, else only an
    /// item the regulation names or one of the two basics.
    pub fn is_required(&self) -> bool {
        self.required.unwrap_or(
            self.source == DocumentSource::Seed || BASIC_DOCUMENTS.contains(&self.id.as_str()),
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub org: OrgKind,
    pub role: Role,
    pub action: StepAction,
    /// What the step produces, in the regulation's words ("резолюция", "акт обследования").
    pub produces_ru: String,
    pub produces_en: String,
    /// The norm exactly as the regulation states it; absent when it states none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub norm: Option<Norm>,
    /// A head's reviewing step the text gives him (he signs or passes the
    /// draft on): he may return the application from it to an earlier step.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub returnable: bool,
    /// The applicant comes to the provider for the result after the portal
    /// notice (004:437-439, 000:355-357): the closing `issue` of a portal
    /// route handed over in person, to a collector whose IIN is checked.
    /// Without it a portal route's closing `issue` is the delivery to the
    /// personal cabinet.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub visit: bool,
    /// Taken only on this decision ("при положительном результате", 001:356):
    /// absent, the step is taken whatever the decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<StepCondition>,
    /// The regulation's words for this step, verbatim (checked against the source).
    pub quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The decision a conditional step waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepCondition {
    /// Only after a positive decision.
    Approved,
    /// Only after a motivated refusal.
    Refused,
}

impl StepCondition {
    pub fn as_str(self) -> &'static str {
        match self {
            StepCondition::Approved => "approved",
            StepCondition::Refused => "refused",
        }
    }

    /// The decision kind this condition asks for.
    pub fn outcome(self) -> ResultKind {
        match self {
            StepCondition::Approved => ResultKind::Positive,
            StepCondition::Refused => ResultKind::Refusal,
        }
    }
}

impl Step {
    pub fn actor(&self) -> Actor {
        Actor {
            org: self.org,
            role: self.role,
        }
    }

    /// Whether an application with this decision (None: not decided yet)
    /// takes the step. A conditional step lies after the decision
    /// (`catalog check`), so an undecided application never reaches one.
    pub fn applies(&self, outcome: Option<ResultKind>) -> bool {
        self.when.is_none_or(|c| Some(c.outcome()) == outcome)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub id: String,
    pub name_ru: String,
    pub name_en: String,
    /// The intake channels whose applications follow this route.
    pub channels: Vec<Channel>,
    pub steps: Vec<Step>,
}

impl Route {
    /// The step after `step` that an application with this decision takes
    /// (conditional steps of the other decision are passed over); None at the end.
    pub fn next_step(&self, step: usize, outcome: Option<ResultKind>) -> Option<usize> {
        (step + 1..self.steps.len()).find(|&i| self.steps[i].applies(outcome))
    }

    /// The index of the decision (`execute`) step.
    pub fn execute_step(&self) -> Option<usize> {
        self.steps
            .iter()
            .position(|s| s.action == StepAction::Execute)
    }
}

/// What a State Corporation operator does for this service (its own norms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperatorStepKind {
    /// The applicant hands documents in through the electronic queue.
    Reception,
    /// Login and password into the State Corporation system.
    Authorisation,
    /// Choose the service, open the request form, enter the applicant's data.
    RequestForm,
    /// Query the state database of individuals (ГБД ФЛ).
    GbdFlLookup,
    /// Check the power of attorney in the notary system (ЕНИС) alone.
    EnisCheck,
    /// "условие 1" where it checks the person registry alone (ГБД ФЛ).
    GbdFlCheck,
    /// "условие 1" where it checks the person registry (ГБД ФЛ) and the
    /// power of attorney in ЕНИС together.
    GbdFlEnisCheck,
    /// A message that the data could not be obtained.
    NoDataMessage,
    /// Sign and send the request to the provider (АРМ РШЭП).
    Send,
    /// Registration of the electronic document at the provider (АРМ РШЭП).
    Registration,
    /// The provider checks the attached documents.
    DocumentCheck,
    /// A message refusing the service for faults in the documents.
    RefusalMessage,
    /// The applicant receives the result through the operator.
    Result,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatorStep {
    pub kind: OperatorStepKind,
    pub name_ru: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub norm: Option<Norm>,
    pub quote: String,
}

/// One regulation variant of one service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Stable id of this variant, e.g. "krg-34-17-guardian-allowance".
    pub id: String,
    /// Id of the service shared by its variants, e.g. "guardian-allowance".
    pub service: String,
    #[serde(default)]
    pub excluded: bool,
    /// Why and by what act it was excluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excluded_note: Option<String>,
    pub name_ru: String,
    pub name_kk: String,
    pub name_en: String,
    /// Region key: "karaganda", "west_kazakhstan", "zhambyl".
    pub region: String,
    pub region_ru: String,
    pub act: Act,
    pub source: Source,
    #[serde(default)]
    pub provider_kinds: Vec<ProviderKind>,
    /// The provider as the regulation names it.
    #[serde(default)]
    pub provider_ru: String,
    #[serde(default)]
    pub channels: Vec<Channel>,
    #[serde(default)]
    pub form: Vec<ServiceForm>,
    #[serde(default)]
    pub result_form: Vec<ResultForm>,
    /// The regulation states no form of the result: `result_form` is our
    /// inference from how the result is handed over.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub result_form_inferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_term: Option<Norm>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_term_quote: Option<String>,
    /// "аким сельского округа – в случае отсутствия услугодателя по месту
    /// жительства" (003:102-103), verbatim, where the regulation limits the
    /// rural akim channel so: an applicant whose locality has a provider of
    /// the service is not taken in there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rural_akim_condition_quote: Option<String>,
    /// The intake-refusal rule (incomplete package, expired documents), verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intake_refusal_quote: Option<String>,
    #[serde(default)]
    pub results: Vec<ResultDoc>,
    #[serde(default)]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub routes: Vec<Route>,
    #[serde(default)]
    pub operator_steps: Vec<OperatorStep>,
    /// Choices made where the text is garbled or contradicts itself.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl Service {
    /// The route an application taken in on `channel` follows.
    pub fn route_for(&self, channel: Channel) -> Option<&Route> {
        self.routes.iter().find(|r| r.channels.contains(&channel))
    }

    pub fn route(&self, id: &str) -> Option<&Route> {
        self.routes.iter().find(|r| r.id == id)
    }

    pub fn positive_results(&self) -> impl Iterator<Item = &ResultDoc> {
        self.results
            .iter()
            .filter(|r| r.kind == ResultKind::Positive)
    }

    /// The positive results an application taken in on `channel` may get.
    pub fn positive_results_on(&self, channel: Channel) -> impl Iterator<Item = &ResultDoc> {
        self.positive_results().filter(move |r| r.given_on(channel))
    }
}

/// A problem in one catalogue entry, named by the entry and the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct CatalogError {
    pub origin: String,
    pub message: String,
}

fn err(origin: &str, message: impl Into<String>) -> CatalogError {
    CatalogError {
        origin: origin.to_string(),
        message: message.into(),
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl Service {
    /// Parses one TOML entry. `origin` names it in errors (a file name).
    pub fn from_toml(origin: &str, text: &str) -> Result<Service, CatalogError> {
        let service: Service = toml::from_str(text).map_err(|e| err(origin, e.to_string()))?;
        service.validate(origin)?;
        Ok(service)
    }

    /// Names a screen would show in Russian for want of a translation.
    pub fn missing_translations(&self) -> Vec<String> {
        let mut missing = Vec::new();
        for d in &self.documents {
            for (field, v) in [("name_kk", &d.name_kk), ("name_en", &d.name_en)] {
                if v.trim().is_empty() {
                    missing.push(format!("{}: document {} has no {field}", self.id, d.id));
                }
            }
        }
        missing
    }

    /// Checks what serde cannot: the entry is complete and its routes can run.
    pub fn validate(&self, origin: &str) -> Result<(), CatalogError> {
        let o = origin;
        if !is_id(&self.id) || !is_id(&self.service) {
            return Err(err(
                o,
                "id and service must be lowercase latin, digits and '-'",
            ));
        }
        for (field, v) in [
            ("name_ru", &self.name_ru),
            ("name_kk", &self.name_kk),
            ("name_en", &self.name_en),
            ("region", &self.region),
            ("region_ru", &self.region_ru),
            ("act.number", &self.act.number),
            ("source.title", &self.source.title),
        ] {
            if v.trim().is_empty() {
                return Err(err(o, format!("{field} is empty")));
            }
        }
        if self.source.lines[0] == 0 || self.source.lines[0] > self.source.lines[1] {
            return Err(err(o, "source.lines must be [first, last], 1-based"));
        }
        if self.excluded {
            if self
                .excluded_note
                .as_deref()
                .unwrap_or("")
                .trim()
                .is_empty()
            {
                return Err(err(o, "an excluded regulation needs excluded_note"));
            }
            return Ok(());
        }
        if self.provider_kinds.is_empty() || self.provider_ru.trim().is_empty() {
            return Err(err(o, "provider_kinds and provider_ru are required"));
        }
        if self.channels.is_empty() {
            return Err(err(o, "channels is empty"));
        }
        if self.form.is_empty() || self.result_form.is_empty() {
            return Err(err(o, "form and result_form are required"));
        }
        if self.rural_akim_condition_quote.is_some() && !self.channels.contains(&Channel::RuralAkim)
        {
            return Err(err(
                o,
                "rural_akim_condition_quote without the rural_akim channel",
            ));
        }
        if self.total_term.is_some() != self.total_term_quote.is_some() {
            return Err(err(o, "total_term and total_term_quote go together"));
        }
        let positive = self.positive_results().count();
        let refusal = self
            .results
            .iter()
            .filter(|r| r.kind == ResultKind::Refusal)
            .count();
        if positive == 0 || refusal == 0 {
            return Err(err(
                o,
                "results need at least one positive kind and the refusal",
            ));
        }
        unique(o, "results", self.results.iter().map(|r| r.id.as_str()))?;
        self.validate_result_channels(o)?;
        let docs: Vec<&str> = self.documents.iter().map(|d| d.id.as_str()).collect();
        unique(o, "documents", docs.iter().copied())?;
        if !docs.contains(&"application") || !docs.contains(&"identity_document") {
            return Err(err(
                o,
                "documents must include \"application\" and \"identity_document\"",
            ));
        }
        for d in &self.documents {
            let [first, last] = self.source.lines;
            match (d.source, d.line) {
                (DocumentSource::Seed, Some(l)) if (first..=last).contains(&l) => {}
                (DocumentSource::Seed, _) => {
                    return Err(err(
                        o,
                        format!(
                            "document {}: source = \"seed\" needs the line naming it, within source.lines {first}-{last}",
                            d.id
                        ),
                    ));
                }
                (DocumentSource::StandardItem9, Some(_)) => {
                    return Err(err(
                        o,
                        format!("document {}: a line goes with source = \"seed\"", d.id),
                    ));
                }
                (DocumentSource::StandardItem9, None) => {}
            }
        }
        if self.routes.is_empty() {
            return Err(err(o, "no routes"));
        }
        unique(o, "routes", self.routes.iter().map(|r| r.id.as_str()))?;
        let mut covered = BTreeSet::new();
        for route in &self.routes {
            self.validate_route(o, route)?;
            for c in &route.channels {
                if !self.channels.contains(c) {
                    return Err(err(
                        o,
                        format!(
                            "route {} serves channel {c}, which the service lacks",
                            route.id
                        ),
                    ));
                }
                if !covered.insert(*c) {
                    return Err(err(o, format!("channel {c} is served by two routes")));
                }
            }
        }
        for c in &self.channels {
            if !covered.contains(c) {
                return Err(err(o, format!("no route serves channel {c}")));
            }
        }
        Ok(())
    }

    /// Results tied to channels: a notice only on the portal, every channel
    /// named is the service's, and each channel has a positive result.
    fn validate_result_channels(&self, o: &str) -> Result<(), CatalogError> {
        for r in &self.results {
            if let Some(c) = r.channels.iter().find(|c| !self.channels.contains(c)) {
                return Err(err(
                    o,
                    format!("result {}: channel {c} is not the service's", r.id),
                ));
            }
            if r.kind == ResultKind::Notice && r.channels != [Channel::Portal] {
                return Err(err(
                    o,
                    format!(
                        "result {}: a notice is the portal's: channels = [\"portal\"]",
                        r.id
                    ),
                ));
            }
        }
        for c in &self.channels {
            if self.positive_results_on(*c).next().is_none() {
                return Err(err(o, format!("no positive result for channel {c}")));
            }
        }
        Ok(())
    }

    fn validate_route(&self, o: &str, route: &Route) -> Result<(), CatalogError> {
        let r = &route.id;
        if route.channels.is_empty() {
            return Err(err(o, format!("route {r} serves no channel")));
        }
        if route.steps.is_empty() {
            return Err(err(o, format!("route {r} has no steps")));
        }
        let executes = route
            .steps
            .iter()
            .filter(|s| s.action == StepAction::Execute)
            .count();
        if executes != 1 {
            return Err(err(
                o,
                format!("route {r} needs exactly one execute step (the decision), has {executes}"),
            ));
        }
        for (i, s) in route.steps.iter().enumerate() {
            if s.quote.trim().is_empty() || s.produces_ru.trim().is_empty() {
                return Err(err(
                    o,
                    format!(
                        "route {r} step {}: quote and produces_ru are required",
                        i + 1
                    ),
                ));
            }
            // The engine turns a closing `issue` into the hand-over to the
            // counter that issues (route::step_action); mid-route it would
            // close the application early.
            if s.action == StepAction::Issue && i + 1 != route.steps.len() {
                return Err(err(
                    o,
                    format!(
                        "route {r} step {}: issue hands the result over, so it must be the last step",
                        i + 1
                    ),
                ));
            }
            let reviewing = matches!(
                s.action,
                StepAction::Sign | StepAction::Review | StepAction::Forward | StepAction::Conclude
            );
            if s.returnable && (s.role != Role::Head || !reviewing || i == 0) {
                return Err(err(
                    o,
                    format!(
                        "route {r} step {}: only a head's reviewing step (sign, review, forward, conclude) after the first can be returnable",
                        i + 1
                    ),
                ));
            }
            let closing_issue = s.action == StepAction::Issue && i + 1 == route.steps.len();
            if s.visit && !(closing_issue && route.channels == [Channel::Portal]) {
                return Err(err(
                    o,
                    format!(
                        "route {r} step {}: visit is the closing issue of a route for the portal alone",
                        i + 1
                    ),
                ));
            }
            let decided = route.execute_step().is_some_and(|e| e < i);
            if let Some(c) = s.when
                && !decided
            {
                return Err(err(
                    o,
                    format!(
                        "route {r} step {}: when = \"{}\" needs the decision first: only a step after execute can be conditional",
                        i + 1,
                        c.as_str()
                    ),
                ));
            }
            if s.action == StepAction::Execute && s.role != Role::Specialist {
                return Err(err(
                    o,
                    format!("route {r} step {}: execute is the specialist's", i + 1),
                ));
            }
        }
        Ok(())
    }
}

fn unique<'a>(o: &str, what: &str, ids: impl Iterator<Item = &'a str>) -> Result<(), CatalogError> {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !is_id(id) {
            return Err(err(o, format!("{what}: bad id {id:?}")));
        }
        if !seen.insert(id) {
            return Err(err(o, format!("{what}: duplicate id {id:?}")));
        }
    }
    Ok(())
}

/// The loaded catalogue, keyed by variant id.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    services: BTreeMap<String, Service>,
}

impl Catalog {
    /// Builds a catalogue from (origin, toml text) pairs; every error is reported.
    pub fn from_sources<'a>(
        files: impl IntoIterator<Item = (String, &'a str)>,
    ) -> Result<Catalog, Vec<CatalogError>> {
        let mut services = BTreeMap::new();
        let mut errors = Vec::new();
        for (origin, text) in files {
            match Service::from_toml(&origin, text) {
                Ok(s) => {
                    if services.contains_key(&s.id) {
                        errors.push(err(&origin, format!("duplicate id {}", s.id)));
                    } else {
                        services.insert(s.id.clone(), s);
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(Catalog { services })
        } else {
            Err(errors)
        }
    }

    pub fn get(&self, id: &str) -> Option<&Service> {
        self.services.get(id)
    }

    /// Finds by variant id, or by service id when only one active variant has it.
    pub fn find(&self, id: &str) -> Result<&Service, LookupError> {
        if let Some(s) = self.services.get(id) {
            return Ok(s);
        }
        let variants: Vec<&Service> = self
            .services
            .values()
            .filter(|s| s.service == id && !s.excluded)
            .collect();
        match variants.as_slice() {
            [one] => Ok(one),
            [] => Err(LookupError::Unknown(id.to_string())),
            many => Err(LookupError::Ambiguous {
                id: id.to_string(),
                variants: many.iter().map(|s| s.id.clone()).collect(),
            }),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Service> {
        self.services.values()
    }

    pub fn len(&self) -> usize {
        self.services.len()
    }

    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    #[error("unknown service {0:?}; `qyzmet catalog list` shows the ids")]
    Unknown(String),
    #[error("{id:?} has several regional variants, name one: {}", variants.join(", "))]
    Ambiguous { id: String, variants: Vec<String> },
}

/// Folds text for comparison with the sources: letters and digits only,
/// lowercased, so line breaks, letter-spacing and punctuation do not matter.
pub fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// Checks that every quote and the title of `service` stand in its source span.
/// `source` is the whole text of the file `service.source.file`.
pub fn verify_quotes(service: &Service, source: &str) -> Vec<String> {
    let [first, last] = service.source.lines;
    let span: String = source
        .lines()
        .skip(first.saturating_sub(1) as usize)
        .take((last - first + 1) as usize)
        .collect::<Vec<_>>()
        .join("\n");
    let span = fold(&span);
    let mut missing = Vec::new();
    let mut check = |what: String, quote: &str| {
        let q = fold(quote);
        if q.is_empty() || !span.contains(&q) {
            missing.push(format!("{what}: {quote:?} is not in lines {first}-{last}"));
        }
    };
    check("source.title".into(), &service.source.title);
    if let Some(q) = &service.total_term_quote {
        check("total_term_quote".into(), q);
    }
    if let Some(q) = &service.intake_refusal_quote {
        check("intake_refusal_quote".into(), q);
    }
    if let Some(q) = &service.rural_akim_condition_quote {
        check("rural_akim_condition_quote".into(), q);
    }
    for route in &service.routes {
        for (i, step) in route.steps.iter().enumerate() {
            check(format!("route {} step {}", route.id, i + 1), &step.quote);
        }
    }
    for (i, step) in service.operator_steps.iter().enumerate() {
        check(format!("operator step {}", i + 1), &step.quote);
    }
    missing
}
