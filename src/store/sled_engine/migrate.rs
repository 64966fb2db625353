//! Brings a store written by an older schema up to date, in one go, on open.

use super::{APPS_COUNT, PERSONS_COUNT, SCHEMA_KEY, SledEngine};
use crate::domain::queue::QueueConfig;
use crate::store::StoreError;
use crate::store::codec::{self, CodecError, SCHEMA, encode};
use crate::store::engine::Engine;
use crate::store::index::index_entries;
use crate::store::model::{
    Organisation, OrganisationV1, OrganisationV3, Person, PersonV6, Record, RecordV6, User, UserV1,
};

impl SledEngine {
    pub(super) fn migrate(&self) -> Result<(), StoreError> {
        let from = self.schema()?;
        if from > SCHEMA {
            return Err(CodecError::Newer(from).into());
        }
        if from == SCHEMA {
            return Ok(());
        }
        self.migrate_shapes()?;
        self.migrate_headers()?;
        // 2 -> 3: work-queue index entries carry the application's summary;
        // 3 -> 4: registration numbers given along the route are indexed;
        // 5 -> 6: no due-time entries, a step assigned by name only under
        // `a/`. Every bump writes the whole index again.
        self.t.index.clear()?;
        for rec in self.records() {
            for (k, v) in index_entries(&rec?) {
                self.t.index.insert(k, v)?;
            }
        }
        // 5 -> 6: the counts are kept.
        let apps = self.t.apps.len() as u64;
        let persons = self.t.persons.len() as u64;
        self.t.meta.insert(APPS_COUNT, &apps.to_be_bytes())?;
        self.t.meta.insert(PERSONS_COUNT, &persons.to_be_bytes())?;
        self.t.meta.insert(SCHEMA_KEY, &SCHEMA.to_le_bytes())?;
        self.sync()
    }

    /// Values whose shape changed.
    fn migrate_shapes(&self) -> Result<(), StoreError> {
        // 1 -> 2: users gain OS mapping and lockout fields, organisations
        // their service list.
        for kv in self.t.users.iter() {
            let (k, v) = kv?;
            if codec::schema_of(&v)? == 1 {
                let old: UserV1 = codec::decode_body(&v)?;
                self.t.users.insert(k, encode(&User::from(old)))?;
            }
        }
        // 4 -> 5: organisations gain their English name.
        for kv in self.t.orgs.iter() {
            let (k, v) = kv?;
            let org = match codec::schema_of(&v)? {
                1 => Organisation::from(codec::decode_body::<OrganisationV1>(&v)?),
                2..=4 => Organisation::from(codec::decode_body::<OrganisationV3>(&v)?),
                _ => continue,
            };
            self.t.orgs.insert(k, encode(&org))?;
        }
        // 6 -> 7: applications gain their local executive body (none yet).
        for kv in self.t.apps.iter() {
            let (k, v) = kv?;
            if codec::schema_of(&v)? < 7 {
                let old: RecordV6 = codec::decode_body(&v)?;
                self.t.apps.insert(k, encode(&Record::from(old)))?;
            }
        }
        // 6 -> 7: persons gain the powers of attorney they gave.
        for kv in self.t.persons.iter() {
            let (k, v) = kv?;
            if codec::schema_of(&v)? < 7 {
                let old: PersonV6 = codec::decode_body(&v)?;
                self.t.persons.insert(k, encode(&Person::from(old)))?;
            }
        }
        // 4 -> 5: queue categories gain their English name.
        for kv in self.t.queues.iter() {
            let (k, v) = kv?;
            if codec::schema_of(&v)? < 5 {
                self.t.queues.insert(k, encode(&upgrade_config(&v)?))?;
            }
        }
        Ok(())
    }

    /// Every other value only gets the new header (the journal's entries as
    /// they move to their files: `journal::with_current_header`). Counters
    /// and the index's ids are raw bytes (big-endian numbers), without a
    /// header.
    fn migrate_headers(&self) -> Result<(), StoreError> {
        let t = &self.t;
        for tree in [
            &t.apps,
            &t.users,
            &t.orgs,
            &t.persons,
            &t.queues,
            &t.tickets,
            &t.windows,
            &t.appointments,
        ] {
            for kv in tree.iter() {
                let (k, v) = kv?;
                if v.len() >= 2 && codec::schema_of(&v)? < SCHEMA {
                    let mut nv = SCHEMA.to_le_bytes().to_vec();
                    nv.extend_from_slice(&v[2..]);
                    tree.insert(k, nv)?;
                }
            }
        }
        Ok(())
    }
}

/// A queue setup as schemas 1 to 4 stored it: categories without `name_en`.
#[derive(serde::Deserialize)]
struct QueueConfigV3 {
    centre: String,
    categories: Vec<CategoryV3>,
    windows: Vec<crate::domain::queue::WindowConfig>,
    no_show_minutes: u32,
    appointment_early_minutes: u32,
    service_minutes: u32,
}

#[derive(serde::Deserialize)]
struct CategoryV3 {
    letter: char,
    name_ru: String,
    name_kk: String,
    services: Vec<String>,
    issuance: bool,
}

/// An old stored queue setup in today's shape (no English names yet).
pub(crate) fn upgrade_config(bytes: &[u8]) -> Result<QueueConfig, StoreError> {
    let old: QueueConfigV3 = codec::decode_body(bytes)?;
    Ok(QueueConfig {
        centre: old.centre,
        categories: old
            .categories
            .into_iter()
            .map(|c| crate::domain::queue::Category {
                letter: c.letter,
                name_ru: c.name_ru,
                name_kk: c.name_kk,
                services: c.services,
                issuance: c.issuance,
                name_en: String::new(),
            })
            .collect(),
        windows: old.windows,
        no_show_minutes: old.no_show_minutes,
        appointment_early_minutes: old.appointment_early_minutes,
        service_minutes: old.service_minutes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A schema-3 queue setup (categories without `name_en`) loads whole.
    #[test]
    fn an_old_queue_setup_loads_without_english_names() {
        #[derive(serde::Serialize)]
        struct Old<'a>(
            &'a str,
            Vec<(char, &'a str, &'a str, Vec<String>, bool)>,
            Vec<(u16, Vec<char>)>,
            u32,
            u32,
            u32,
        );
        let old = Old(
            "KRG-SC",
            vec![('A', "Семья и дети", "Отбасы және балалар", vec![], false)],
            vec![(1, vec!['A'])],
            10,
            15,
            12,
        );
        let bytes = codec::encode_as(3, &old);
        let config = upgrade_config(&bytes).unwrap();
        assert_eq!(config.categories[0].name_kk, "Отбасы және балалар");
        assert_eq!(config.categories[0].name_en, "");
        assert_eq!(config.windows[0].categories, vec!['A']);
        assert_eq!(config.service_minutes, 12);
        let c = &config.categories[0];
        assert_eq!(
            crate::i18n::category_name(crate::i18n::Lang::En, c),
            "Семья и дети"
        );
    }
}
