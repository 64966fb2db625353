//! Why a submission or a step's change does not fit the application as it
//! stands: named reasons (said in the user's language by `i18n::unfit_text`),
//! so no English detail built where the fault is found reaches a screen.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, strum::EnumDiscriminants,
)]
#[strum_discriminants(name(UnfitKind), derive(strum::EnumIter, strum::IntoStaticStr))]
#[strum_discriminants(strum(serialize_all = "snake_case"))]
pub enum Unfit {
    // Intake.
    #[error("the applicant's name is empty")]
    NameEmpty,
    #[error("document {document} is marked expired but was not handed in")]
    ExpiredNotHandedIn { document: String },
    // Any step.
    #[error("the application is for service {service}, not this one")]
    OtherService { service: String },
    #[error("route {route} is not in the catalogue")]
    RouteMissing { route: String },
    #[error("intake can be refused only before the application moves on")]
    RefuseOnlyAtIntake,
    #[error("name the missing documents")]
    NameMissingDocuments,
    #[error("a withdrawal needs the applicant's reason")]
    WithdrawalNeedsReason,
    #[error("the registration number is empty")]
    RegistrationNumberEmpty,
    #[error("the result goes to the issuing counter under an outgoing number")]
    ResultGoesToCounter,
    #[error("name the responsible specialist")]
    NameSpecialist,
    #[error("the act or conclusion is empty")]
    ActEmpty,
    #[error("a refusal must give its reasons")]
    RefusalNeedsReasons,
    // Returns.
    #[error("only a step in progress can be returned")]
    ReturnOnlyInProgress,
    /// `step` counts from 1, as people number steps.
    #[error("step {step} is not an earlier step")]
    NotEarlierStep { step: usize },
    #[error("say what to correct: a return needs a comment")]
    ReturnNeedsComment,
    #[error("step {step} is not taken after this decision")]
    StepNotTaken { step: usize },
    // The representative's notarised power of attorney in ЕНИС (003:297-302);
    // appended so stored and sent variants keep their indexes.
    #[error("ЕНИС has no power of attorney {number} given by the applicant")]
    PowerNotInEnis { number: String },
    #[error("power of attorney {number} names another representative ({named})")]
    PowerOtherRepresentative { number: String, named: String },
    #[error("power of attorney {number} is valid only from {from}")]
    PowerNotYetValid { number: String, from: NaiveDate },
    #[error("power of attorney {number} expired on {until}")]
    PowerExpired { number: String, until: NaiveDate },
    #[error(
        "a notarised power of attorney ({number}) is checked against the representative's IIN: give it"
    )]
    PowerNeedsRepresentativeIin { number: String },
    // A step's acts beside its decision (004:151-153), named in three languages.
    #[error("the decision needs the text of “{name_en}”")]
    ActTextMissing {
        name_ru: String,
        name_kk: String,
        name_en: String,
    },
    #[error("this step draws up no act {act}")]
    ActNotOfStep { act: String },
    // The result's receipt at the State Corporation's centre (000:125-135).
    #[error("the receipt needs the mark made in the centre's journal")]
    ReceiptNeedsMark,
    #[error("the centre has already recorded the result's receipt")]
    AlreadyReceived,
    #[error("the centre has not recorded the result's receipt yet: record it before the issue")]
    NotReceivedYet,
    #[error("only a result handed to the State Corporation is received at its centre")]
    ReceiptOnlyAtCentre,
}
