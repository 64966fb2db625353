//! One regulation variant of one service.

use serde::{Deserialize, Serialize};

use super::*;
use crate::domain::norm::Norm;

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
