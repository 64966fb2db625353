//! The catalogue's kinds: channels, providers, forms, step actions.

use std::fmt;

use serde::{Deserialize, Serialize};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
    /// The State Corporation's centre marks in its journal the result the
    /// provider handed over (000:125-135). The counter's act, never a route
    /// step; appended last so stored values keep their indexes.
    Receive,
}

impl StepAction {
    pub const ALL: [StepAction; 12] = [
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
        StepAction::Receive,
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
            StepAction::Receive => "receive",
        }
    }
}

impl fmt::Display for StepAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
