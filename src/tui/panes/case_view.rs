//! Drawing an open case: the applicant, numbers and decision, the
//! documents, the route with each step's norm, due and actual time, and the
//! history, scrolled as one text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::domain::catalog::{Channel, Service};
use crate::domain::roles::OrgKind;
use crate::domain::route::{Application, Decision, Event, EventKind, StepOutput};
use crate::tui::i18n::{self, Lang, date_time, opt_date_time, t, tf};
use crate::tui::room::Paint;
use crate::tui::theme::StyleName as S;

use super::case::CaseView;

pub fn draw(f: &mut Frame, area: Rect, case: &CaseView, p: &Paint) {
    let (lang, th) = (p.lang, p.theme);
    let rec = &case.rec;
    let app = &rec.app;
    let service = p.catalog.get(&app.service);
    let mut lines = summary(p, app, service);
    lines.push(Line::raw(""));
    lines.push(Line::styled(t(lang, "case.documents"), th.style(S::Label)));
    for d in &app.documents {
        let name = service
            .and_then(|s| s.documents.iter().find(|x| x.id == *d))
            .map_or(d.as_str(), |x| i18n::document_name(lang, x));
        lines.push(Line::raw(format!("  • {name}")));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(t(lang, "case.route"), th.style(S::Label)));
    lines.extend(route(p, app, service));
    if let (Some(s), Channel::StateCorp) = (service, app.channel) {
        let office = case.deadlines.office(OrgKind::StateCorp);
        lines.push(Line::raw(""));
        lines.push(Line::styled(t(lang, "case.counter"), th.style(S::Label)));
        for l in i18n::counter_part(lang, &app.counter_part(s, office, p.now)) {
            lines.push(Line::raw(format!("  {l}")));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(t(lang, "case.history"), th.style(S::Label)));
    for e in &app.history {
        lines.push(Line::raw(format!(
            "  {}  {} — {}",
            date_time(e.at),
            p.name_of(&e.by),
            event_text(p, service, e)
        )));
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((case.scroll, 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(th.style(S::BorderFocused))
                    .title(Span::styled(
                        format!(" {} {} ", t(lang, "pane.case"), rec.number),
                        th.style(S::Title),
                    )),
            ),
        area,
    );
}

/// The service, state, dates, applicant, representative, numbers and decision.
fn summary<'a>(p: &Paint, app: &'a Application, service: Option<&Service>) -> Vec<Line<'a>> {
    let (lang, th) = (p.lang, p.theme);
    let name = service.map_or(app.service.as_str(), |s| i18n::service_name(lang, s));
    let label = |k: &str| Span::styled(format!("{}: ", t(lang, k)), th.style(S::Label));
    let mut lines = vec![
        Line::styled(name.to_string(), th.style(S::Title)),
        Line::from(vec![
            label("list.state"),
            Span::raw(i18n::status_name(lang, app.status)),
            Span::raw("   "),
            label("case.submitted"),
            Span::raw(date_time(app.submitted_at)),
            Span::raw("   "),
            label("list.overall"),
            Span::raw(opt_date_time(app.overall_due)),
        ]),
        Line::from(vec![
            label("case.applicant"),
            Span::raw(format!(
                "{}, {} {}",
                app.applicant.name,
                t(lang, "list.iin"),
                app.applicant.iin
            )),
        ]),
    ];
    if let Some(phone) = &app.applicant.phone {
        lines.push(Line::from(vec![
            label("case.phone"),
            Span::raw(phone.clone()),
        ]));
    }
    if let Some(r) = &app.applicant.representative {
        lines.push(Line::from(vec![
            label("case.representative"),
            Span::raw(format!(
                "{}{} ({} {})",
                r.name,
                r.iin.map(|i| format!(", {i}")).unwrap_or_default(),
                t(lang, "intake.poa"),
                r.power_of_attorney
            )),
        ]));
    }
    lines.push(Line::from(vec![
        label("case.numbers"),
        Span::raw(app.numbers.join(", ")),
    ]));
    if let Some(d) = &app.decision {
        let text = decision_text(lang, service, d);
        lines.push(Line::from(vec![
            label("case.decision"),
            Span::styled(text, th.style(S::Highlight)),
        ]));
    }
    lines
}

/// Each step of the route: its norm, and when it was done or is due.
fn route<'a>(p: &Paint, app: &Application, service: Option<&Service>) -> Vec<Line<'a>> {
    let (lang, th) = (p.lang, p.theme);
    let Some(route) = service.and_then(|s| s.route(&app.route)) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for (i, step) in route.steps.iter().enumerate() {
        let done_at = app
            .history
            .iter()
            .rev()
            .find(|e| e.from_step == Some(i) && matches!(e.what, EventKind::Completed { .. }))
            .map(|e| e.at);
        let current = app.holder.is_some() && app.step == i && !app.status.is_closed();
        let norm = step
            .norm
            .map(|n| format!("{} {}", t(lang, "case.norm"), i18n::norm_text(lang, n)))
            .unwrap_or_else(|| t(lang, "case.no_norm").into());
        let when = match (done_at, current) {
            (_, true) => format!(
                "{} · {} {}",
                t(lang, "case.current"),
                t(lang, "list.due"),
                opt_date_time(app.step_due)
            ),
            (Some(at), _) => tf(lang, "case.done_at", &[("at", &date_time(at))]),
            _ => String::new(),
        };
        let style = if current {
            th.style(S::Selected)
        } else if done_at.is_some() {
            th.style(S::Ok)
        } else {
            Style::default()
        };
        lines.push(Line::styled(
            format!(
                "  {}. {} — {} ({norm}) {when}",
                i + 1,
                i18n::step_name(lang, step.action),
                i18n::role_name(lang, step.role),
            ),
            style,
        ));
    }
    lines
}

/// What happened in one history entry, in words.
fn event_text(p: &Paint, service: Option<&Service>, e: &Event) -> String {
    let lang = p.lang;
    match &e.what {
        EventKind::Submitted { channel, .. } => tf(
            lang,
            "case.ev_submitted",
            &[("channel", &i18n::channel_name(lang, *channel))],
        ),
        EventKind::Completed { action, output } => {
            let step = i18n::step_name(lang, *action);
            let mut s = tf(lang, "case.ev_completed", &[("step", &step)]);
            s.push_str(&output_text(p, service, output));
            s
        }
        EventKind::Returned { comment } => tf(lang, "case.ev_returned", &[("comment", comment)]),
        EventKind::IntakeRefused { missing } => tf(
            lang,
            "case.ev_intake_refused",
            &[("docs", &missing.join(", "))],
        ),
        EventKind::IntakeRefusedWith { missing, expired } => tf(
            lang,
            "case.ev_intake_refused_expired",
            &[
                ("docs", &missing.join(", ")),
                ("expired", &expired.join(", ")),
            ],
        ),
        EventKind::Withdrawn { reason } => tf(lang, "case.ev_withdrawn", &[("reason", reason)]),
        EventKind::Issued { recipient } => tf(lang, "case.ev_issued", &[("iin", recipient)]),
        EventKind::PowerOfAttorneyChecked { power } => i18n::power_checked(lang, power),
        EventKind::VisitCalled { ticket, called } => i18n::visit_called(lang, ticket, *called),
        EventKind::ResultReceived { mark, outgoing } => {
            i18n::result_received(lang, mark, outgoing.as_deref())
        }
    }
}

/// What a completed step produced, as it follows the step's name.
fn output_text(p: &Paint, service: Option<&Service>, output: &StepOutput) -> String {
    let lang = p.lang;
    match output {
        StepOutput::Registered { number } => format!(" № {number}"),
        StepOutput::Assigned {
            specialist,
            resolution,
        } => format!(" → {}: {resolution}", p.name_of(specialist)),
        StepOutput::Report { text } => format!(": {text}"),
        StepOutput::Decided(Decision::Refuse { ground, text }) => {
            format!(": {} — {text}", i18n::ground_name(lang, *ground))
        }
        StepOutput::Decided(d) => format!(": {}", decision_text(lang, service, d)),
        StepOutput::DecidedWithActs { decision, acts } => {
            let decided = output_text(p, service, &StepOutput::Decided(decision.clone()));
            format!("{decided}{}", i18n::acts_text(lang, service, acts))
        }
        StepOutput::Issued { recipient } => format!(" → {recipient}"),
        StepOutput::Done => String::new(),
    }
}

/// A decision as the next actor reads it: the result's name or the
/// ground, with what the specialist wrote.
fn decision_text(lang: Lang, service: Option<&Service>, d: &Decision) -> String {
    match d {
        Decision::Refuse { ground, text } => tf(
            lang,
            "case.refused",
            &[
                ("ground", &i18n::ground_name(lang, *ground)),
                ("text", text),
            ],
        ),
        _ => {
            let result = d.result().unwrap_or_default();
            let r = service
                .and_then(|s| s.results.iter().find(|x| x.id == result))
                .map_or(result, |x| i18n::result_name(lang, x));
            let approved = tf(lang, "case.approved", &[("result", &r)]);
            match d.text() {
                Some(text) => format!("{approved}. {text}"),
                None => approved,
            }
        }
    }
}
