//! Every named thing a user can do. The serde names are the ones written in
//! `keymaps/*.toml`; help and which-key describe them from the i18n table
//! (`action.<name>`).

use serde::{Deserialize, Serialize};

use super::i18n::{self, Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    // global
    Quit,
    Help,
    NextPane,
    PrevPane,
    Pane1,
    Pane2,
    Pane3,
    Pane4,
    SwitchRole,
    CycleLanguage,
    CycleTheme,
    Refresh,
    Logout,
    ChangePassword,
    // lists
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Filter,
    ClearFilter,
    // forms
    NextField,
    PrevField,
    Toggle,
    Submit,
    Cancel,
    ClearForm,
    // dialogs
    Confirm,
    // operator
    Accept,
    RefuseIntake,
    Issue,
    /// The result handed to the centre recorded with the journal's mark.
    Receive,
    // clerk
    Register,
    Dispatch,
    Forward,
    // head
    Assign,
    Sign,
    ReturnDraft,
    // specialist
    Decide,
    Complete,
    Back,
    // the electronic queue: the operator's window
    CallNext,
    Recall,
    StartServing,
    FinishVisit,
    NoShow,
    Transfer,
    OperatorState,
    // the kiosk
    Priority,
    CheckIn,
    // the queue's figures
    PrevDay,
    NextDay,
    // reports
    NextView,
    PrevView,
    ChoosePeriod,
}

impl Action {
    /// The keymap name, as serde writes it.
    pub fn name(self) -> &'static str {
        ALL.iter()
            .find(|(a, _)| *a == self)
            .map(|(_, n)| *n)
            .unwrap_or("?")
    }

    pub fn from_name(name: &str) -> Option<Action> {
        ALL.iter().find(|(_, n)| *n == name).map(|(a, _)| *a)
    }
}

pub const ALL: &[(Action, &str)] = &[
    (Action::Quit, "quit"),
    (Action::Help, "help"),
    (Action::NextPane, "next_pane"),
    (Action::PrevPane, "prev_pane"),
    (Action::Pane1, "pane1"),
    (Action::Pane2, "pane2"),
    (Action::Pane3, "pane3"),
    (Action::Pane4, "pane4"),
    (Action::SwitchRole, "switch_role"),
    (Action::CycleLanguage, "cycle_language"),
    (Action::CycleTheme, "cycle_theme"),
    (Action::Refresh, "refresh"),
    (Action::Logout, "logout"),
    (Action::ChangePassword, "change_password"),
    (Action::Up, "up"),
    (Action::Down, "down"),
    (Action::PageUp, "page_up"),
    (Action::PageDown, "page_down"),
    (Action::Top, "top"),
    (Action::Bottom, "bottom"),
    (Action::Open, "open"),
    (Action::Filter, "filter"),
    (Action::ClearFilter, "clear_filter"),
    (Action::NextField, "next_field"),
    (Action::PrevField, "prev_field"),
    (Action::Toggle, "toggle"),
    (Action::Submit, "submit"),
    (Action::Cancel, "cancel"),
    (Action::ClearForm, "clear_form"),
    (Action::Confirm, "confirm"),
    (Action::Accept, "accept"),
    (Action::RefuseIntake, "refuse_intake"),
    (Action::Issue, "issue"),
    (Action::Receive, "receive"),
    (Action::Register, "register"),
    (Action::Dispatch, "dispatch"),
    (Action::Forward, "forward"),
    (Action::Assign, "assign"),
    (Action::Sign, "sign"),
    (Action::ReturnDraft, "return_draft"),
    (Action::Decide, "decide"),
    (Action::Complete, "complete"),
    (Action::Back, "back"),
    (Action::CallNext, "call_next"),
    (Action::Recall, "recall"),
    (Action::StartServing, "start_serving"),
    (Action::FinishVisit, "finish_visit"),
    (Action::NoShow, "no_show"),
    (Action::Transfer, "transfer"),
    (Action::OperatorState, "operator_state"),
    (Action::Priority, "priority"),
    (Action::CheckIn, "check_in"),
    (Action::PrevDay, "prev_day"),
    (Action::NextDay, "next_day"),
    (Action::NextView, "next_view"),
    (Action::PrevView, "prev_view"),
    (Action::ChoosePeriod, "choose_period"),
];

/// Where a key is looked up, innermost first. The section names of the keymap file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    Global,
    List,
    Form,
    Dialog,
    Intake,
    Results,
    Inbox,
    Outbox,
    Resolutions,
    Signing,
    Worklist,
    Case,
    Queue,
    QueueStats,
    Kiosk,
    Reports,
}

impl Context {
    pub const ALL: [Context; 16] = [
        Context::Global,
        Context::List,
        Context::Form,
        Context::Dialog,
        Context::Intake,
        Context::Results,
        Context::Inbox,
        Context::Outbox,
        Context::Resolutions,
        Context::Signing,
        Context::Worklist,
        Context::Case,
        Context::Queue,
        Context::QueueStats,
        Context::Kiosk,
        Context::Reports,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Form => "form",
            Context::Dialog => "dialog",
            Context::Intake => "intake",
            Context::Results => "results",
            Context::Inbox => "inbox",
            Context::Outbox => "outbox",
            Context::Resolutions => "resolutions",
            Context::Signing => "signing",
            Context::Worklist => "worklist",
            Context::Case => "case",
            Context::Queue => "queue",
            Context::QueueStats => "queue_stats",
            Context::Kiosk => "kiosk",
            Context::Reports => "reports",
        }
    }
}

/// An action's description in the user's language, else the keymap's own.
pub fn describe(lang: Lang, action: Action, fallback: Option<&str>) -> String {
    i18n::lookup(lang, &format!("action.{}", action.name()))
        .or(fallback)
        .unwrap_or(action.name())
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_serde() {
        for (a, n) in ALL {
            let json = serde_json::to_string(a).unwrap();
            assert_eq!(json, format!("\"{n}\""));
            assert_eq!(Action::from_name(n), Some(*a));
        }
        for c in Context::ALL {
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.name())
            );
        }
    }
}
