//! District names in three languages. Organisations and applications keep
//! the district as the Russian name an administrator typed; screens show it
//! in the user's language where this gazetteer knows it, else as typed.

use super::Lang;

/// Russian, Kazakh, English.
const DISTRICTS: &[[&str; 3]] = &[
    // Karaganda region: the city's districts, towns and rural districts.
    [
        "район имени Казыбек би",
        "Қазыбек би атындағы аудан",
        "Kazybek Bi district",
    ],
    [
        "район Алихан Бокейхан",
        "Әлихан Бөкейхан ауданы",
        "Alikhan Bokeikhan district",
    ],
    ["город Караганда", "Қарағанды қаласы", "Karaganda city"],
    ["город Темиртау", "Теміртау қаласы", "Temirtau city"],
    ["город Балхаш", "Балқаш қаласы", "Balkhash city"],
    ["город Сарань", "Саран қаласы", "Saran city"],
    ["город Шахтинск", "Шахтинск қаласы", "Shakhtinsk city"],
    ["город Приозерск", "Приозерск қаласы", "Priozersk city"],
    ["Абайский район", "Абай ауданы", "Abay district"],
    ["Актогайский район", "Ақтоғай ауданы", "Aktogay district"],
    [
        "Бухар-Жырауский район",
        "Бұқар жырау ауданы",
        "Bukhar-Zhyrau district",
    ],
    [
        "Каркаралинский район",
        "Қарқаралы ауданы",
        "Karkaraly district",
    ],
    ["Нуринский район", "Нұра ауданы", "Nura district"],
    [
        "Осакаровский район",
        "Осакаров ауданы",
        "Osakarovka district",
    ],
    ["Шетский район", "Шет ауданы", "Shet district"],
    // West Kazakhstan region.
    ["город Уральск", "Орал қаласы", "Oral city"],
    ["Бурлинский район", "Бөрлі ауданы", "Burli district"],
    ["Теректинский район", "Теректі ауданы", "Terekti district"],
    // Zhambyl region.
    ["город Тараз", "Тараз қаласы", "Taraz city"],
];

/// `district` (as stored, in Russian) in `lang`; as stored when unknown.
pub fn district_name(lang: Lang, district: &str) -> &str {
    DISTRICTS
        .iter()
        .find(|names| names[0] == district.trim())
        .map_or(district, |names| names[lang as usize])
}

/// A region by its key (`karaganda`), or the key itself for a region
/// without a name in the tables.
pub fn region_name(lang: Lang, region: &str) -> String {
    super::lookup(lang, &format!("report.region.{region}"))
        .map_or(region.to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn districts_in_three_languages_and_unknown_ones_as_typed() {
        let demo = crate::demo::DISTRICT;
        assert_eq!(district_name(Lang::Ru, demo), "район имени Казыбек би");
        assert_eq!(district_name(Lang::Kk, demo), "Қазыбек би атындағы аудан");
        assert_eq!(district_name(Lang::En, demo), "Kazybek Bi district");
        assert_eq!(district_name(Lang::En, "Новый район"), "Новый район");
        for names in DISTRICTS {
            assert!(names.iter().all(|n| !n.is_empty()), "{names:?}");
            assert!(names[2].is_ascii(), "{names:?}");
        }
    }
}
