//! The demo's organisations and staff: Karaganda's centre, three providers,
//! the rural akim's office and the city's akimat; West Kazakhstan's provider
//! of guardianship and its city's akimat; Zhambyl's education department.

use super::*;

pub(super) struct OrgDef {
    pub(super) code: &'static str,
    pub(super) name_ru: &'static str,
    pub(super) name_kk: &'static str,
    pub(super) name_en: &'static str,
    pub(super) kind: OrgKind,
    /// The region (the catalogue's `region`): a provider renders that
    /// region's regulations only.
    pub(super) region: &'static str,
    pub(super) kinds: &'static [ProviderKind],
    pub(super) district: &'static str,
    pub(super) windows: &'static [u16],
    /// The services a provider renders (its share of the district's work).
    pub(super) services: &'static [&'static str],
}

pub(super) const ORGS: [OrgDef; 9] = [
    OrgDef {
        code: CENTRE,
        name_ru: "Отдел района имени Казыбек би города Караганды филиала НАО «Государственная корпорация «Правительство для граждан» по Карагандинской области",
        name_kk: "«Азаматтарға арналған үкімет» мемлекеттік корпорациясы» КЕАҚ Қарағанды облысы бойынша филиалының Қарағанды қаласы Қазыбек би ауданы бойынша бөлімі",
        name_en: "Kazybek Bi District Office, Karaganda, of the Karaganda Region Branch of the State Corporation “Government for Citizens”",
        kind: OrgKind::StateCorp,
        region: REGION,
        kinds: &[],
        district: DISTRICT,
        windows: &[1, 2, 3, 4, 5, 6],
        services: &[],
    },
    OrgDef {
        code: EDUCATION,
        name_ru: "ГУ «Отдел образования города Караганды»",
        name_kk: "«Қарағанды қаласының білім бөлімі» ММ",
        name_en: "Karaganda City Education Department",
        kind: OrgKind::Provider,
        region: REGION,
        kinds: &[
            ProviderKind::EducationDepartment,
            ProviderKind::DistrictExecutive,
            ProviderKind::EducationOrganisation,
        ],
        district: DISTRICT,
        windows: &[],
        services: &[
            "guardian-allowance",
            "patronage",
            "patronage-allowance",
            "adoption-lump-sum",
            "summer-camp-referral",
            "adoption-registration",
        ],
    },
    OrgDef {
        code: SOCIAL,
        name_ru: "ГУ «Отдел занятости и социальных программ района имени Казыбек би города Караганды»",
        name_kk: "«Қарағанды қаласы Қазыбек би ауданының жұмыспен қамту және әлеуметтік бағдарламалар бөлімі» ММ",
        name_en: "Employment and Social Programmes Department of Kazybek Bi District, Karaganda",
        kind: OrgKind::Provider,
        region: REGION,
        kinds: &[
            ProviderKind::EmploymentSocialDepartment,
            ProviderKind::DistrictExecutive,
        ],
        district: DISTRICT,
        windows: &[],
        services: &[
            "targeted-social-assistance",
            "child-benefit",
            "tsa-recipient-certificate",
            "special-social-services-institution",
            "special-social-services-home",
            "rural-specialist-fuel-aid",
        ],
    },
    OrgDef {
        code: EMPLOYMENT,
        name_ru: "КГУ «Центр занятости населения района имени Казыбек би города Караганды»",
        name_kk: "«Қарағанды қаласы Қазыбек би ауданының халықты жұмыспен қамту орталығы» КММ",
        name_en: "Employment Centre of Kazybek Bi District, Karaganda",
        kind: OrgKind::Provider,
        region: REGION,
        kinds: &[ProviderKind::EmploymentCentre],
        district: DISTRICT,
        windows: &[],
        services: &[
            "active-employment-referral",
            "jobseeker-registration",
            "unemployed-registration",
        ],
    },
    OrgDef {
        code: AKIM,
        name_ru: "ГУ «Аппарат акима посёлка Доскей»",
        name_kk: "«Доскей кенті әкімінің аппараты» ММ",
        name_en: "Office of the Akim of Doskey Settlement",
        kind: OrgKind::AkimOffice,
        region: REGION,
        kinds: &[ProviderKind::RuralAkim],
        district: VILLAGE,
        windows: &[],
        services: &[],
    },
    OrgDef {
        code: AKIMAT,
        name_ru: "ГУ «Аппарат акима города Караганды» (акимат города Караганды)",
        name_kk: "«Қарағанды қаласы әкімінің аппараты» ММ (Қарағанды қаласының әкімдігі)",
        name_en: "Akimat of the City of Karaganda",
        kind: OrgKind::LocalExecutive,
        region: REGION,
        kinds: &[],
        district: DISTRICT,
        windows: &[],
        services: &[],
    },
    // West Kazakhstan: the guardianship establishment, whose step 4 is the
    // akimat's resolution "при положительном результате" (001:356, 371).
    // The demo takes it in on the portal only: it has no centre there.
    OrgDef {
        code: ZKO_EDUCATION,
        name_ru: "ГУ «Отдел образования города Уральск»",
        name_kk: "«Орал қаласының білім бөлімі» ММ",
        name_en: "Oral City Education Department",
        kind: OrgKind::Provider,
        region: WEST,
        kinds: &[ProviderKind::DistrictExecutive],
        district: URALSK,
        windows: &[],
        services: &["guardianship-establishment"],
    },
    OrgDef {
        code: ZKO_AKIMAT,
        name_ru: "ГУ «Аппарат акима города Уральск» (акимат города Уральск)",
        name_kk: "«Орал қаласы әкімінің аппараты» ММ (Орал қаласының әкімдігі)",
        name_en: "Akimat of the City of Oral",
        kind: OrgKind::LocalExecutive,
        region: WEST,
        kinds: &[],
        district: URALSK,
        windows: &[],
        services: &[],
    },
    // Zhambyl: patronage and adoption registration, whose decision step
    // draws up the act of inspection of living conditions (004:115-117,
    // 151-154, 332-334, 366-370), taken in at the office and on the portal.
    OrgDef {
        code: ZHB_EDUCATION,
        name_ru: "ГУ «Отдел образования по городу Тараз управления образования акимата Жамбылской области»",
        name_kk: "«Жамбыл облысы әкімдігі білім басқармасының Тараз қаласы бойынша білім бөлімі» ММ",
        name_en: "Taraz City Education Department of the Zhambyl Region Education Office",
        kind: OrgKind::Provider,
        region: ZHAMBYL,
        kinds: &[ProviderKind::EducationDepartment],
        district: TARAZ,
        windows: &[],
        services: &["patronage", "adoption-registration"],
    },
];

/// (login, full name, organisation, role)
pub(super) const USERS: [(&str, &str, &str, Role); 29] = [
    (
        "operator",
        "Сәрсенбаева Әйгерім Болатқызы",
        CENTRE,
        Role::Operator,
    ),
    (
        "operator2",
        "Байжанов Нұрлан Ерболұлы",
        CENTRE,
        Role::Operator,
    ),
    // The centre's head: the queue's figures.
    ("sc-head", "Қалиева Гүлмира Сапарқызы", CENTRE, Role::Head),
    ("clerk", "Омарова Жанар Ерланқызы", EDUCATION, Role::Clerk),
    ("head", "Құрманов Асхат Серікұлы", EDUCATION, Role::Head),
    (
        "specialist",
        "Ахметова Динара Маратқызы",
        EDUCATION,
        Role::Specialist,
    ),
    (
        "specialist2",
        "Төлеуов Ержан Қанатұлы",
        EDUCATION,
        Role::Specialist,
    ),
    (
        "sp-clerk",
        "Исабекова Мадина Нұрланқызы",
        SOCIAL,
        Role::Clerk,
    ),
    ("sp-head", "Жұмабаев Бауыржан Талғатұлы", SOCIAL, Role::Head),
    (
        "sp-specialist",
        "Сейітова Гүлнар Асқарқызы",
        SOCIAL,
        Role::Specialist,
    ),
    (
        "ec-clerk",
        "Мұқанова Салтанат Бақытқызы",
        EMPLOYMENT,
        Role::Clerk,
    ),
    ("ec-head", "Ермеков Қайрат Мұратұлы", EMPLOYMENT, Role::Head),
    (
        "ec-specialist",
        "Қасымов Дәурен Жақсылықұлы",
        EMPLOYMENT,
        Role::Specialist,
    ),
    ("akim-clerk", "Әбілова Меруерт Ғабитқызы", AKIM, Role::Clerk),
    ("akim", "Тұрсынов Марат Болатұлы", AKIM, Role::Head),
    (
        "akim-specialist",
        "Бекова Айжан Серікқызы",
        AKIM,
        Role::Specialist,
    ),
    // The region's supervisor: reads the reports of every organisation of
    // the region and opens their applications, changes nothing. The account
    // is kept at the centre; its region is what counts.
    (
        "supervisor",
        "Нұрмағамбетова Ләззат Қайратқызы",
        CENTRE,
        Role::Supervisor,
    ),
    // The city's akimat: its akim signs the resolutions it adopts, its
    // office receives and sends the files.
    ("akimat", "Жақыпов Ерлан Сапарұлы", AKIMAT, Role::Head),
    (
        "akimat-clerk",
        "Нұрланова Әсел Бейбітқызы",
        AKIMAT,
        Role::Clerk,
    ),
    // West Kazakhstan's provider, the city's akimat and the region's
    // supervisor (kept at the provider: the demo has no centre there).
    (
        "zko-clerk",
        "Жұбанова Эльмира Қайратқызы",
        ZKO_EDUCATION,
        Role::Clerk,
    ),
    (
        "zko-head",
        "Ғұмаров Нұржан Серікұлы",
        ZKO_EDUCATION,
        Role::Head,
    ),
    (
        "zko-specialist",
        "Мырзағалиева Айнұр Бекетқызы",
        ZKO_EDUCATION,
        Role::Specialist,
    ),
    (
        "zko-akimat",
        "Есенғалиев Бақытжан Ерланұлы",
        ZKO_AKIMAT,
        Role::Head,
    ),
    (
        "zko-akimat-clerk",
        "Құсайынова Гаухар Маратқызы",
        ZKO_AKIMAT,
        Role::Clerk,
    ),
    (
        "zko-supervisor",
        "Өтегенова Сәуле Қанатқызы",
        ZKO_EDUCATION,
        Role::Supervisor,
    ),
    // Zhambyl's provider and the region's supervisor.
    (
        "zhb-clerk",
        "Әлімбекова Гүлжан Асқарқызы",
        ZHB_EDUCATION,
        Role::Clerk,
    ),
    (
        "zhb-head",
        "Сыздықов Ермек Бауыржанұлы",
        ZHB_EDUCATION,
        Role::Head,
    ),
    (
        "zhb-specialist",
        "Тұрғынбаева Ләйлә Нұрланқызы",
        ZHB_EDUCATION,
        Role::Specialist,
    ),
    (
        "zhb-supervisor",
        "Байғұттиев Асқар Төлегенұлы",
        ZHB_EDUCATION,
        Role::Supervisor,
    ),
];
