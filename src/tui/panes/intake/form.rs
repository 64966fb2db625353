//! The intake form, shared by the State Corporation operator and the
//! provider's (or akim office's) clerk taking walk-in applications.

use crate::domain::catalog::{Catalog, Channel, Service};
use crate::domain::iin::{Iin, IinError, Sex};
use crate::domain::roles::OrgKind;
use crate::domain::route::Representative;
use crate::ops::{Ops, SubmitRequest};
use crate::store::model::{Organisation, Person};

use crate::tui::field::Field;
use crate::tui::i18n::{Lang, t, tf};
use crate::tui::search::{Query, fold_letters};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Service,
    Channel,
    Iin,
    Name,
    RepName,
    RepIin,
    Poa,
    /// Whether the power is notarised (checked in ЕНИС at the State Corporation).
    Notarised,
    Phone,
    District,
    Documents,
}

pub const ORDER: [Focus; 11] = [
    Focus::Service,
    Focus::Channel,
    Focus::Iin,
    Focus::Name,
    Focus::RepName,
    Focus::RepIin,
    Focus::Poa,
    Focus::Notarised,
    Focus::Phone,
    Focus::District,
    Focus::Documents,
];

/// One document of the checklist, and whether the applicant handed it in.
#[derive(Debug, Clone)]
pub struct DocumentCheck {
    pub id: String,
    pub given: bool,
}

/// What the IIN typed so far says.
#[derive(Debug, Clone, PartialEq)]
pub enum IinState {
    Empty,
    Bad(IinError),
    Good { iin: Iin, known: bool },
}

#[derive(Debug, Clone)]
pub struct IntakeForm {
    /// The channels this office takes applications on.
    pub channels: Vec<Channel>,
    pub channel: usize,
    pub query: Field,
    /// Matching service ids, best first.
    pub matches: Vec<String>,
    pub pick: usize,
    pub service: Option<String>,
    pub iin: Field,
    pub iin_state: IinState,
    pub name: Field,
    /// The name came from the registry (replaced when the IIN changes).
    pub name_from_registry: bool,
    pub rep_name: Field,
    pub rep_iin: Field,
    pub poa: Field,
    /// The power of attorney is notarised: ЕНИС is asked (003:290-302).
    pub notarised: bool,
    pub phone: Field,
    pub districts: Vec<String>,
    pub district: usize,
    /// The office's own district, where a cleared form starts.
    pub home: usize,
    /// The service's checklist.
    pub documents: Vec<DocumentCheck>,
    pub doc_cursor: usize,
    pub focus: Focus,
}

impl IntakeForm {
    pub fn new(org: &Organisation, districts: Vec<String>) -> IntakeForm {
        let channels = match org.kind {
            OrgKind::StateCorp => vec![Channel::StateCorp],
            OrgKind::Provider => vec![Channel::ProviderOffice, Channel::Portal],
            OrgKind::AkimOffice => vec![Channel::RuralAkim],
            OrgKind::Commission | OrgKind::LocalExecutive => vec![],
        };
        let home = districts
            .iter()
            .position(|d| *d == org.district)
            .unwrap_or(0);
        IntakeForm::blank(channels, districts, home)
    }

    /// An empty form for the next applicant, on the office's own district.
    fn blank(channels: Vec<Channel>, districts: Vec<String>, home: usize) -> IntakeForm {
        IntakeForm {
            channels,
            channel: 0,
            query: Field::new(),
            matches: Vec::new(),
            pick: 0,
            service: None,
            iin: Field::limited(12),
            iin_state: IinState::Empty,
            name: Field::new(),
            name_from_registry: false,
            rep_name: Field::new(),
            rep_iin: Field::limited(12),
            poa: Field::new(),
            notarised: false,
            phone: Field::limited(20),
            districts,
            district: home,
            home,
            documents: Vec::new(),
            doc_cursor: 0,
            focus: Focus::Service,
        }
    }

    pub fn channel(&self) -> Option<Channel> {
        self.channels.get(self.channel).copied()
    }

    pub fn focused_field(&mut self) -> Option<&mut Field> {
        Some(match self.focus {
            Focus::Service => &mut self.query,
            Focus::Iin => &mut self.iin,
            Focus::Name => &mut self.name,
            Focus::RepName => &mut self.rep_name,
            Focus::RepIin => &mut self.rep_iin,
            Focus::Poa => &mut self.poa,
            Focus::Phone => &mut self.phone,
            Focus::Channel | Focus::Notarised | Focus::District | Focus::Documents => return None,
        })
    }

    /// The next (or previous) control that can change: a channel or a
    /// district with nothing else to choose, or an empty checklist, is skipped.
    pub fn next_field(&mut self, back: bool) {
        let editable: Vec<Focus> = ORDER
            .into_iter()
            .filter(|f| match f {
                Focus::Channel => self.channels.len() > 1,
                Focus::Notarised => self.asks_enis(),
                Focus::District => self.districts.len() > 1,
                Focus::Documents => !self.documents.is_empty(),
                _ => true,
            })
            .collect();
        let n = editable.len();
        self.focus = match editable.iter().position(|f| *f == self.focus) {
            Some(i) => editable[if back { (i + n - 1) % n } else { (i + 1) % n }],
            None => editable[0],
        };
    }

    /// Nothing typed or chosen yet: clearing would lose nothing.
    /// Only the State Corporation's counter asks ЕНИС about a power.
    pub fn asks_enis(&self) -> bool {
        self.channel() == Some(Channel::StateCorp)
    }

    pub fn is_blank(&self) -> bool {
        self.service.is_none()
            && !self.notarised
            && [
                &self.query,
                &self.iin,
                &self.name,
                &self.rep_name,
                &self.rep_iin,
                &self.poa,
                &self.phone,
            ]
            .iter()
            .all(|f| f.is_empty())
    }

    /// Services this office may take in on the chosen channel, matching the query.
    pub fn search(&mut self, catalog: &Catalog, org: &Organisation, lang: Lang) {
        let mut query = Query::new(&self.query.text());
        let channel = self.channel();
        let mut scored: Vec<(u32, &Service)> = catalog
            .iter()
            .filter(|s| !s.excluded && s.region == org.region)
            .filter(|s| channel.is_some_and(|c| s.channels.contains(&c)))
            .filter(|s| org.kind != OrgKind::Provider || Ops::renders(org, s))
            .filter_map(|s| query.score(&search_fields(s)).map(|sc| (sc, s)))
            .collect();
        // Equal scores: the shorter name first (the match is more of it);
        // with nothing typed, alphabetical.
        let typed = !query.is_empty();
        let name = |s: &Service| crate::tui::i18n::service_name(lang, s).to_string();
        scored.sort_by_cached_key(|&(score, s)| {
            let length = if typed { name(s).chars().count() } else { 0 };
            (std::cmp::Reverse(score), length, name(s))
        });
        self.matches = scored.into_iter().map(|(_, s)| s.id.clone()).collect();
        self.pick = 0;
    }

    /// Takes the highlighted match as the service and loads its checklist.
    pub fn choose(&mut self, catalog: &Catalog) -> bool {
        let Some(id) = self.matches.get(self.pick).cloned() else {
            return false;
        };
        let Some(service) = catalog.get(&id) else {
            return false;
        };
        self.documents = service
            .documents
            .iter()
            .map(|d| DocumentCheck {
                id: d.id.clone(),
                given: true,
            })
            .collect();
        self.doc_cursor = 0;
        self.service = Some(id);
        true
    }

    /// Re-reads the applicant's IIN; a known person fills the name and phone.
    pub fn iin_changed(&mut self, lookup: impl FnOnce(&Iin) -> Option<Person>) {
        let text = self.iin.text();
        self.iin_state = if text.trim().is_empty() {
            IinState::Empty
        } else {
            match Iin::parse(&text) {
                Err(e) => IinState::Bad(e),
                Ok(iin) => {
                    let person = lookup(&iin);
                    if let Some(p) = &person {
                        if self.name.is_empty() || self.name_from_registry {
                            self.name.set(&p.full_name);
                            self.name_from_registry = true;
                        }
                        if self.phone.is_empty()
                            && let Some(ph) = &p.phone
                        {
                            self.phone.set(ph);
                        }
                    } else if self.name_from_registry {
                        self.name.clear();
                        self.name_from_registry = false;
                    }
                    IinState::Good {
                        iin,
                        known: person.is_some(),
                    }
                }
            }
        };
    }

    /// The request, or the first thing wrong with the form.
    pub fn request(&self, lang: Lang) -> Result<SubmitRequest, String> {
        let service = self
            .service
            .clone()
            .ok_or_else(|| t(lang, "intake.need_service").to_string())?;
        let iin = match &self.iin_state {
            IinState::Good { iin, .. } => iin.to_string(),
            IinState::Bad(e) => {
                return Err(tf(
                    lang,
                    "intake.need_iin",
                    &[("reason", &crate::tui::i18n::iin_reason(lang, e))],
                ));
            }
            IinState::Empty => {
                return Err(tf(
                    lang,
                    "intake.need_iin",
                    &[(
                        "reason",
                        &crate::tui::i18n::iin_reason(lang, &IinError::Length(0)),
                    )],
                ));
            }
        };
        let name = self.name.text().trim().to_string();
        if name.is_empty() {
            return Err(t(lang, "intake.need_name").to_string());
        }
        let representative = if self.rep_name.is_empty() && self.rep_iin.is_empty() {
            None
        } else {
            let rep_iin = if self.rep_iin.is_empty() {
                None
            } else {
                Some(Iin::parse(&self.rep_iin.text()).map_err(|e| {
                    tf(
                        lang,
                        "intake.rep_iin_bad",
                        &[("reason", &crate::tui::i18n::iin_reason(lang, &e))],
                    )
                })?)
            };
            let poa = self.poa.text().trim().to_string();
            if poa.is_empty() {
                return Err(t(lang, "intake.need_poa").to_string());
            }
            Some(Representative {
                name: self.rep_name.text().trim().to_string(),
                iin: rep_iin,
                power_of_attorney: poa,
            })
        };
        Ok(SubmitRequest {
            service,
            channel: self.channel().unwrap_or(Channel::StateCorp),
            iin,
            name,
            phone: Some(self.phone.text().trim().to_string()).filter(|p| !p.is_empty()),
            representative,
            org: None,
            district: self.districts.get(self.district).cloned(),
            documents: Some(
                self.documents
                    .iter()
                    .filter(|d| d.given)
                    .map(|d| d.id.clone())
                    .collect(),
            ),
            expired: Vec::new(),
            notarised: self.notarised && self.asks_enis(),
        })
    }

    /// Required documents not ticked.
    pub fn missing_required<'c>(
        &self,
        catalog: &'c Catalog,
    ) -> Vec<&'c crate::domain::catalog::Document> {
        let Some(service) = self.service.as_deref().and_then(|id| catalog.get(id)) else {
            return vec![];
        };
        service
            .documents
            .iter()
            .filter(|d| d.is_required())
            .filter(|d| !self.documents.iter().any(|c| c.id == d.id && c.given))
            .collect()
    }

    pub fn clear(&mut self) {
        *self = IntakeForm::blank(self.channels.clone(), self.districts.clone(), self.home);
    }

    pub fn sex_label(lang: Lang, iin: &Iin) -> &'static str {
        match iin.sex() {
            Sex::Male => t(lang, "intake.male"),
            Sex::Female => t(lang, "intake.female"),
        }
    }
}

/// What the service search looks in: the names in every language and the id.
fn search_fields(s: &Service) -> [String; 4] {
    [&s.name_ru, &s.name_kk, &s.name_en, &s.id].map(|f| fold_letters(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranked(query: &str) -> Vec<String> {
        let cat = crate::catalog_files::embedded().unwrap();
        let mut q = Query::new(query);
        let mut scored: Vec<(u32, usize, String)> = cat
            .iter()
            .filter(|s| s.region == "karaganda")
            .filter_map(|s| {
                let sc = q.score(&search_fields(s))?;
                Some((sc, s.name_ru.chars().count(), s.name_ru.clone()))
            })
            .collect();
        scored.sort_by_key(|(sc, len, name)| (std::cmp::Reverse(*sc), *len, name.clone()));
        scored.into_iter().map(|x| x.2).collect()
    }

    #[test]
    fn the_closest_name_ranks_first() {
        let found = ranked("адресн");
        assert_eq!(
            found.first().map(String::as_str),
            Some("Назначение государственной адресной социальной помощи"),
            "{found:#?}"
        );
        assert!(
            found.iter().any(|n| n.starts_with("Выдача справки")),
            "{found:#?}"
        );
        assert!(!ranked("опек").is_empty());
        assert!(ranked("zzzz").is_empty());
    }

    #[test]
    fn kazakh_names_are_searched_with_russian_letters() {
        // "қамқоршы" typed on a Russian keyboard.
        assert!(!ranked("камкор").is_empty());
    }
}
