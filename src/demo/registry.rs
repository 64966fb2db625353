//! The demo's person registry: every applicant and some people who have
//! not applied yet, as the CSV an administrator would import.

use super::*;

/// People in the registry who have not applied (yet).
pub(super) const EXTRA_PERSONS: usize = 20;
/// A registry row for a walk-in who has not applied (an IIN the tests type).
/// Who represents the walk-in by a notarised power of attorney (not in the
/// registry: ЕНИС names the representative, ГБД ФЛ need not know them).
pub const WALK_IN_REPRESENTATIVE: &str = "850505400018";

/// The walk-in's powers of attorney as ЕНИС holds them: НОТ-2026-0415 valid
/// a year around `today`, НОТ-2024-0415 expired a year ago.
pub(super) fn walk_in_powers(today: chrono::NaiveDate) -> String {
    let day = |d: i64| (today + chrono::Duration::days(d)).format("%Y-%m-%d");
    format!(
        "number,principal_iin,representative_iin,valid_from,valid_until,notary\n\
         НОТ-2026-0415,900415300123,{WALK_IN_REPRESENTATIVE},{},{},Нотариус Абенова Гүлнар\n\
         НОТ-2024-0415,900415300123,{WALK_IN_REPRESENTATIVE},{},{},Нотариус Абенова Гүлнар\n",
        day(-180),
        day(365),
        day(-730),
        day(-365),
    )
}

pub(super) const WALK_IN: &str =
    "900415300123,Сапарова Айгерим,,\"г. Караганда, ул. Гоголя, д. 5\",район имени Казыбек би\n";
pub(super) const STREETS: &[&str] = &[
    "ул. Ерубаева",
    "пр. Бухар-Жырау",
    "ул. Гоголя",
    "ул. Алиханова",
    "ул. Костенко",
    "пр. Нуркена Абдирова",
    "ул. Ермекова",
    "ул. Терешковой",
    "ул. Казахстанская",
    "ул. Лободы",
    "ул. Мустафина",
    "бульвар Мира",
];
pub(super) const VILLAGE_STREETS: &[&str] =
    &["ул. Школьная", "ул. Центральная", "ул. Мира", "ул. Абая"];
pub(super) const URALSK_STREETS: &[&str] = &[
    "ул. Есенжанова",
    "пр. Достык",
    "ул. Жангир хана",
    "ул. Курмангазы",
    "ул. Мухита",
    "ул. Датова",
];
pub(super) const TARAZ_STREETS: &[&str] = &[
    "пр. Толе би",
    "ул. Айтеке би",
    "ул. Казыбек би",
    "пр. Жамбыла",
    "ул. Сулейменова",
    "ул. Абая",
];

/// Where a demo person lives: the akim's settlement, or the city of the
/// provider of the region they applied in (Karaganda for those who have not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Home {
    Village,
    Karaganda,
    Uralsk,
    Taraz,
}

impl Home {
    /// The home of an applicant who applied on `channel` for a service of `region`.
    pub(super) fn of(region: &str, channel: Channel) -> Home {
        match region {
            WEST => Home::Uralsk,
            ZHAMBYL => Home::Taraz,
            _ if channel == Channel::RuralAkim => Home::Village,
            _ => Home::Karaganda,
        }
    }

    /// The registry's district and an address there.
    fn address(self, rng: &mut Rng) -> (&'static str, String) {
        let (district, city, streets) = match self {
            Home::Village => {
                let street = rng.pick(VILLAGE_STREETS);
                let house = rng.range(1, 90);
                let at = format!("Карагандинская обл., пос. Доскей, {street}, д. {house}");
                return (VILLAGE, at);
            }
            Home::Karaganda => (DISTRICT, "г. Караганда", STREETS),
            Home::Uralsk => (URALSK, "г. Уральск", URALSK_STREETS),
            Home::Taraz => (TARAZ, "г. Тараз", TARAZ_STREETS),
        };
        let address = if rng.chance(0.8) {
            format!(
                "{city}, {}, д. {}, кв. {}",
                rng.pick(streets),
                rng.range(1, 120),
                rng.range(1, 180)
            )
        } else {
            format!("{city}, {}, д. {}", rng.pick(streets), rng.range(1, 120))
        };
        (district, address)
    }
}

/// The registry as a CSV file: each person's address and district at home.
pub(super) fn registry_csv(
    rng: &mut Rng,
    people: &std::collections::BTreeMap<Iin, (String, Option<String>, Home)>,
) -> Result<String, OpsError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| demo_broken(format!("demo registry: {e}"));
    out.write_record(["iin", "full_name", "phone", "address", "district"])
        .map_err(io)?;
    for (iin, (name, phone, home)) in people {
        let (district, address) = home.address(rng);
        let iin = iin.to_string();
        let phone = phone.clone().unwrap_or_default();
        out.write_record([iin.as_str(), name, &phone, &address, district])
            .map_err(io)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| demo_broken(format!("demo registry: {e}")))?;
    String::from_utf8(bytes).map_err(|e| demo_broken(format!("demo registry: {e}")))
}
