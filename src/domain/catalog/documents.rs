//! Results a service gives and the documents its intake checks.

use serde::{Deserialize, Serialize};

use super::Channel;

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
