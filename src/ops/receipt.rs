//! The receipt handed to the applicant, in Kazakh and Russian as official
//! papers are: of acceptance (number, service, documents taken, overall due
//! date) or of refusal of intake (the missing documents).

use crate::domain::catalog::{Catalog, Service};
use crate::store::model::Record;

/// `accepted_by`: the full name of whoever took the application in.
pub fn text(catalog: &Catalog, rec: &Record, accepted_by: &str) -> String {
    let app = &rec.app;
    let service = catalog.get(&app.service);
    let mut out = String::new();
    let line = "-".repeat(60);
    heading(&mut out, rec, service, &line);
    documents(&mut out, rec, service);
    if app.missing_documents().is_none() {
        out.push_str(&format!(
            "Қызмет көрсету мерзімі / Срок оказания услуги: {}\n",
            app.overall_due
                .map(|d| d.format("%d.%m.%Y %H:%M").to_string())
                .unwrap_or_else(|| "—".into())
        ));
    }
    out.push_str(&line);
    out.push('\n');
    out.push_str(&format!("Қабылдаған / Принял: {accepted_by}\n"));
    out.push_str("Қолы / Подпись: ____________\n");
    out
}

/// The title (of acceptance or of refusal), the number and time, the
/// service, the applicant and their representative.
fn heading(out: &mut String, rec: &Record, service: Option<&Service>, line: &str) {
    let app = &rec.app;
    match app.missing_documents() {
        Some(_) => {
            out.push_str("ҚҰЖАТТАРДЫ ҚАБЫЛДАУДАН БАС ТАРТУ ТУРАЛЫ ҚОЛХАТ\n");
            out.push_str("РАСПИСКА ОБ ОТКАЗЕ В ПРИЕМЕ ДОКУМЕНТОВ\n");
        }
        None => {
            out.push_str("ҚҰЖАТТАРДЫ ҚАБЫЛДАҒАНЫ ТУРАЛЫ ҚОЛХАТ\n");
            out.push_str("РАСПИСКА О ПРИЕМЕ ДОКУМЕНТОВ\n");
        }
    }
    out.push_str(line);
    out.push('\n');
    out.push_str(&format!(
        "№ {}    {}\n",
        rec.number,
        app.submitted_at.format("%d.%m.%Y %H:%M")
    ));
    if let Some(s) = service {
        out.push_str(&format!(
            "Қызмет / Услуга:\n  {}\n  {}\n",
            s.name_kk, s.name_ru
        ));
    }
    out.push_str(&format!(
        "Өтініш беруші / Заявитель: {} (ЖСН/ИИН {})\n",
        app.applicant.name, app.applicant.iin
    ));
    if let Some(r) = &app.applicant.representative {
        out.push_str(&format!(
            "Өкіл / Представитель: {}{} (сенімхат / доверенность № {})\n",
            r.name,
            r.iin.map(|i| format!(", {i}")).unwrap_or_default(),
            r.power_of_attorney
        ));
    }
    // The notarised power as ЕНИС holds it, checked at intake (003:297-302).
    if let Some(p) = app.checked_power() {
        out.push_str(&format!(
            "  БНАЖ-да тексерілді / Проверена в ЕНИС: нотариус {}, {} – {}\n",
            p.notary,
            p.valid_from.format("%d.%m.%Y"),
            p.valid_until.format("%d.%m.%Y")
        ));
    }
}

/// The documents taken in, or those missing and those expired.
fn documents(out: &mut String, rec: &Record, service: Option<&Service>) {
    let app = &rec.app;
    let doc = |id: &str| {
        service
            .and_then(|s| s.documents.iter().find(|d| d.id == id))
            .map_or_else(
                || id.to_string(),
                |d| {
                    if d.name_kk.is_empty() || d.name_kk == d.name_ru {
                        d.name_ru.clone()
                    } else {
                        format!("{} / {}", d.name_kk, d.name_ru)
                    }
                },
            )
    };
    let expired = app.expired_documents();
    let lists: Vec<(&str, &[String])> = match app.missing_documents() {
        Some(m) => vec![
            ("Ұсынылмаған құжаттар / Не представлены:", m),
            (
                "Қолданылу мерзімі өткен құжаттар / Документы с истекшим сроком действия:",
                expired,
            ),
        ],
        None => vec![(
            "Қабылданған құжаттар / Приняты документы:",
            app.documents.as_slice(),
        )],
    };
    for (heading, docs) in lists.into_iter().filter(|(_, d)| !d.is_empty()) {
        out.push_str(heading);
        out.push('\n');
        for (i, d) in docs.iter().enumerate() {
            out.push_str(&format!("  {}. {}\n", i + 1, doc(d)));
        }
    }
}
