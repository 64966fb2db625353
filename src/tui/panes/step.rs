//! Acting on the application in hand (a list's cursor row or the open
//! case): register, forward, assign, decide, sign, return, dispatch,
//! receive at the centre, issue... Each opens the dialog its step needs, or asks to confirm.

use crate::domain::catalog::{Service, StepAction};
use crate::ops::{ActKind, ActRequest};
use crate::store::model::Record;
use crate::tui::action::Action;
use crate::tui::dialogs::decide::{ActField, ResultChoice};
use crate::tui::dialogs::text::capitalise;
use crate::tui::dialogs::{AssignDialog, DecideDialog, TextDialog, TextPurpose};
use crate::tui::effect::Command;
use crate::tui::i18n::{self, Lang, t, tf};
use crate::tui::room::{Cx, EventState};

/// The application an action is about, as the pane knows it.
#[derive(Debug, Clone)]
pub struct Target {
    pub number: String,
    pub version: u64,
    /// The step it waits at (none once closed).
    pub step: Option<StepAction>,
}

/// The step an action key expects, `None` for those that fit any step,
/// `Err` for actions that are not about a step.
fn expected(action: Action) -> Result<Option<StepAction>, ()> {
    Ok(match action {
        Action::Register => Some(StepAction::Register),
        Action::Dispatch => Some(StepAction::Dispatch),
        Action::Forward => Some(StepAction::Forward),
        Action::Assign => Some(StepAction::Assign),
        Action::Sign => Some(StepAction::Sign),
        Action::Decide => Some(StepAction::Execute),
        Action::Issue => Some(StepAction::Issue),
        Action::Receive => Some(StepAction::Receive),
        Action::Complete | Action::ReturnDraft => None,
        _ => return Err(()),
    })
}

/// A step action on `target`; `open` is the record when the case is open
/// (else it is read from the store).
pub fn on_step_action(
    action: Action,
    target: Option<Target>,
    open: Option<&Record>,
    cx: &mut Cx,
) -> EventState {
    let Ok(expected) = expected(action) else {
        return EventState::Ignored;
    };
    let lang = cx.lang;
    let Some(Target {
        number,
        version,
        step: Some(step),
    }) = target
    else {
        cx.error(t(lang, "act.nothing"));
        return EventState::Consumed;
    };
    if let Some(want) = expected
        && want != step
    {
        let step = i18n::step_name(lang, step);
        cx.error(tf(
            lang,
            "act.wrong_step",
            &[("number", &number), ("step", &step)],
        ));
        return EventState::Consumed;
    }
    if action == Action::ReturnDraft {
        cx.push(TextDialog::new(number, version, TextPurpose::Return));
        return EventState::Consumed;
    }
    let rec = match open {
        Some(r) => Some(r.clone()),
        None => cx.backend.show(cx.login(), &number).ok(),
    };
    if let Some(rec) = rec {
        open_step(
            step,
            Target {
                number,
                version,
                step: Some(step),
            },
            &rec,
            cx,
        );
    }
    EventState::Consumed
}

/// The dialog (or the question) for `step`.
fn open_step(step: StepAction, target: Target, rec: &Record, cx: &mut Cx) {
    let lang = cx.lang;
    let service = cx.catalog().get(&rec.app.service);
    let Target {
        number, version, ..
    } = target;
    match step {
        StepAction::Assign => match cx.backend.specialists(cx.login(), cx.now) {
            Ok(specialists) if specialists.is_empty() => cx.error(t(lang, "assign.none")),
            Ok(specialists) => cx.push(AssignDialog::new(number, version, specialists)),
            Err(e) => cx.fail(e),
        },
        StepAction::Execute => {
            let results = service.map(|s| results(lang, s)).unwrap_or_default();
            // The acts the step draws up beside the decision (004:151-153).
            let acts = service
                .and_then(|s| rec.app.current_step(s))
                .map(|st| {
                    st.acts
                        .iter()
                        .map(|a| ActField::new(&a.id, i18n::step_act_name(lang, a)))
                        .collect()
                })
                .unwrap_or_default();
            cx.push(DecideDialog::new(number, version, results).with_acts(acts));
        }
        StepAction::Receive => cx.push(TextDialog::new(number, version, TextPurpose::Receive)),
        StepAction::Inspect | StepAction::Conclude => {
            cx.push(TextDialog::new(number, version, TextPurpose::Report(step)))
        }
        StepAction::Issue => {
            let a = &rec.app.applicant;
            let rep = a
                .representative
                .as_ref()
                .and_then(|r| r.iin)
                .map(|i| format!(" · {i}"))
                .unwrap_or_default();
            let hint = tf(
                lang,
                "results.recipient_hint",
                &[("iin", &a.iin), ("rep", &rep)],
            );
            cx.push(TextDialog::new(
                number,
                version,
                TextPurpose::Issue { hint },
            ));
        }
        other => {
            let service_name = service.map_or(rec.app.service.clone(), |s| {
                i18n::service_name(lang, s).to_string()
            });
            let (text, done) = confirm_texts(lang, other, &number, &service_name);
            let req = ActRequest {
                version: Some(version),
                ..ActRequest::default()
            };
            let kind = ActKind::Step(other);
            cx.ask(
                text,
                Command::Act {
                    number,
                    kind,
                    req,
                    done,
                },
            );
        }
    }
}

/// The service's positive results, named.
fn results(lang: Lang, s: &Service) -> Vec<ResultChoice> {
    s.positive_results()
        .map(|r| ResultChoice {
            id: r.id.clone(),
            name: i18n::result_name(lang, r).to_string(),
        })
        .collect()
}

/// The question before a plain step and the toast after it.
fn confirm_texts(lang: Lang, step: StepAction, number: &str, service: &str) -> (String, String) {
    let what = i18n::step_name(lang, step);
    if step == StepAction::Sign {
        return (
            tf(lang, "sign.confirm", &[("number", &number)]),
            tf(lang, "sign.done", &[("number", &number)]),
        );
    }
    let text = tf(
        lang,
        "act.confirm",
        &[
            ("what", &capitalise(what)),
            ("number", &number),
            ("service", &service),
        ],
    );
    (
        text,
        tf(lang, "act.done", &[("number", &number), ("what", &what)]),
    )
}
