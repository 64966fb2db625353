//! The demo's people and words: a fixed-seed PRNG, applicants with valid
//! IINs and Kazakh names, and the texts staff type (resolutions, returns,
//! refusals).

use super::*;

pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Rng {
        // splitmix64 spreads nearby seeds apart; xorshift needs a non-zero state.
        let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng((z ^ (z >> 31)) | 1)
    }

    pub(super) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// A number in lo..=hi.
    pub(super) fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as usize) as u32
    }

    pub(super) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub(super) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// One of the words of `list`.
    pub(super) fn word(&mut self, list: &'static str) -> &'static str {
        let n = list.split_whitespace().count();
        list.split_whitespace().nth(self.below(n)).unwrap_or(list)
    }

    /// An index into `weights`, drawn by weight.
    pub(super) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = self.below(total.max(1) as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

// ---- applicants

pub(super) const MALE: &str = "Ерлан Нұрлан Асхат Дәурен Серік Бауыржан Айдос Ержан Марат Қайрат Жандос Арман Тимур Санжар Ақжол Еркебұлан Рустем Мейіржан";
pub(super) const FEMALE: &str = "Айгүл Гүлнар Динара Жанар Әсел Мадина Айжан Салтанат Меруерт Ботагөз Назерке Гүлмира Жазира Ақмарал Әйгерім Дана Сәуле Толқын";
/// Surname stems; men add "", women "а" (Жұмабаев / Жұмабаева).
pub(super) const SURNAMES: &str = "Жұмабаев Сейітов Нұрланов Ахметов Құрманов Төлеуов Бекмұханбетов Омаров Мұқанов Әбілов Исабеков Сәрсенбаев Қасымов Ермеков Тұрсынов Каримов Есенов Байжанов Оспанов Жақсыбеков";
/// Fathers' names for patronymics: Серікұлы / Серікқызы.
pub(super) const FATHERS: &str = "Серік Болат Қанат Ерлан Марат Нұрлан Жақсылық Бақыт Мұрат Талғат Асқар Ғабит Қайрат Ержан Бекзат";
pub(super) const PHONE_CODES: &[u32] = &[700, 701, 702, 705, 707, 747, 771, 775, 776, 777, 778];

/// An applicant as the demo makes one up.
pub(super) struct Someone {
    pub(super) iin: Iin,
    pub(super) name: String,
    pub(super) phone: Option<String>,
}

pub(super) fn applicant(rng: &mut Rng, service: &Service) -> Result<Someone, OpsError> {
    // Who usually applies: parents and guardians for family services, the
    // working-age for employment, the elderly for special social services.
    let (years, female_share) = if service.id.contains("special-social-services") {
        ((1950, 1962), 0.55)
    } else if service
        .provider_kinds
        .contains(&ProviderKind::EmploymentCentre)
    {
        ((1975, 2005), 0.45)
    } else if ["guardian", "patronage", "adoption", "camp", "child"]
        .iter()
        .any(|w| service.service.contains(w))
    {
        ((1970, 2000), 0.75)
    } else {
        ((1955, 2003), 0.55)
    };
    someone(rng, years, female_share)
}

/// A person born in `years` (inclusive), a woman with `female_share` odds.
pub(super) fn someone(
    rng: &mut Rng,
    years: (u32, u32),
    female_share: f64,
) -> Result<Someone, OpsError> {
    let sex = if rng.chance(female_share) {
        Sex::Female
    } else {
        Sex::Male
    };
    let year = rng.range(years.0, years.1) as i32;
    let birth = NaiveDate::from_yo_opt(year, rng.range(1, 365))
        .ok_or_else(|| demo_broken(format!("no day in {year}")))?;
    let mut serial = rng.range(100, 9899) as u16;
    let iin = loop {
        // About one serial in eleven has no check digit; take the next one.
        if let Some(iin) = Iin::compose(birth, sex, serial) {
            break iin;
        }
        serial += 1;
    };
    let surname = rng.word(SURNAMES);
    let father = rng.word(FATHERS);
    let name = match sex {
        Sex::Male => format!("{surname} {} {father}ұлы", rng.word(MALE)),
        Sex::Female => format!("{surname}а {} {father}қызы", rng.word(FEMALE)),
    };
    let phone = rng.chance(0.9).then(|| {
        format!(
            "+7 {} {:03} {:02} {:02}",
            rng.pick(PHONE_CODES),
            rng.range(0, 999),
            rng.range(0, 99),
            rng.range(0, 99)
        )
    });
    Ok(Someone { iin, name, phone })
}

// ---- texts

pub(super) const RESOLUTIONS: &[&str] = &[
    "Рассмотреть и подготовить проект решения в установленный срок",
    "К исполнению. Проверить сведения по ГБД ФЛ",
    "Рассмотреть, доложить",
    "В работу. Срок — согласно регламенту",
];
pub(super) const RETURNS: &[&str] = &[
    "Уточнить расчёт размера выплаты и дату назначения",
    "Исправить реквизиты банковского счёта в проекте решения",
    "Проект оформлен не по утверждённой форме, переоформить",
    "Не учтены сведения о составе семьи, доработать",
];
pub(super) const WITHDRAWALS: &[&str] = &[
    "Заявитель отозвал заявление по собственному желанию",
    "Заявитель подаст заявление повторно с полным пакетом документов",
    "Заявитель сменил место жительства",
];
pub(super) const REPORTS: &[&str] = &[
    "Акт обследования составлен, условия соответствуют требованиям",
    "Заключение подготовлено по результатам рассмотрения",
];

/// Acts of inspection of living conditions (004:151-153), as the specialist
/// writes them: for an approval, and for a refusal.
pub(super) const INSPECTIONS: &[&str] = &[
    "Акт обследования жилищно-бытовых условий: двухкомнатная благоустроенная квартира, отдельное место для ребёнка, санитарное состояние удовлетворительное",
    "Акт обследования жилищно-бытовых условий: частный дом из трёх комнат, условия для проживания и воспитания ребёнка имеются",
];
pub(super) const UNFIT_HOMES: &[&str] = &[
    "Акт обследования жилищно-бытовых условий: жилое помещение не отвечает санитарным требованиям, места для ребёнка нет",
    "Акт обследования жилищно-бытовых условий: право пользования жилищем не подтверждено, заявитель проживает временно",
];

pub(super) const UNFIT_HOME_REFUSAL: &str = "Жилищно-бытовые условия заявителя не отвечают требованиям (акт обследования жилищно-бытовых условий)";

pub(super) fn refusal(rng: &mut Rng) -> (RefusalGround, &'static str) {
    match rng.weighted(&[70, 15, 5, 10]) {
        0 => (
            RefusalGround::RequirementsNotMet,
            *rng.pick(&[
                "Среднедушевой доход семьи превышает установленный порог",
                "Услугополучатель не относится к категории лиц, имеющих право на услугу",
                "Услугополучатель не проживает на территории, обслуживаемой услугодателем",
            ]),
        ),
        1 => (
            RefusalGround::FalseDocuments,
            "Сведения справки о доходах не подтверждены данными государственных информационных систем",
        ),
        2 => (
            RefusalGround::CourtDecision,
            "В отношении услугополучателя имеется вступившее в законную силу решение суда",
        ),
        _ => (
            RefusalGround::Other,
            "Услуга по данному основанию уже оказана в текущем году",
        ),
    }
}
