//! Powers of attorney as the notary system (ЕНИС) records them, and the
//! check the State Corporation makes at intake: "направление запроса … в
//! Единой нотариальной информационной системе (далее - ЕНИС) – о данных
//! доверенности представителя услугополучателя" and "условие 1 – проверка …
//! данных доверенности в ЕНИС" (003:297-302). Only a notarised power is
//! checked: "при ином удостоверении доверенности данные доверенности не
//! заполняются" (003:290-291).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::iin::Iin;
use super::unfit::Unfit;

/// One power of attorney as ЕНИС holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PowerOfAttorney {
    /// The notarial registration number.
    pub number: String,
    /// Who gave it: the applicant.
    pub principal: Iin,
    /// Who acts by it.
    pub representative: Iin,
    /// First and last day it is valid (both included).
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    /// The notary who certified it, as ЕНИС names them.
    pub notary: String,
}

/// What intake knows of the representative's power.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PowerCheck {
    /// No representative, or a power certified otherwise than by a notary:
    /// ЕНИС is not asked (003:290-291).
    #[default]
    NotAsked,
    /// A notarised power: what ЕНИС holds under the applicant with that
    /// number (None: nothing).
    Enis {
        number: String,
        found: Option<PowerOfAttorney>,
    },
}

impl PowerOfAttorney {
    /// Whether it lets `representative` act for `principal` on `day`; the
    /// reason when not.
    pub fn check(
        found: Option<&PowerOfAttorney>,
        number: &str,
        principal: Iin,
        representative: Option<Iin>,
        day: NaiveDate,
    ) -> Result<(), Unfit> {
        let number = number.trim().to_string();
        let Some(representative) = representative else {
            return Err(Unfit::PowerNeedsRepresentativeIin { number });
        };
        let Some(p) = found.filter(|p| p.number == number && p.principal == principal) else {
            return Err(Unfit::PowerNotInEnis { number });
        };
        if p.representative != representative {
            return Err(Unfit::PowerOtherRepresentative {
                number,
                named: p.representative.to_string(),
            });
        }
        if day < p.valid_from {
            return Err(Unfit::PowerNotYetValid {
                number,
                from: p.valid_from,
            });
        }
        if day > p.valid_until {
            return Err(Unfit::PowerExpired {
                number,
                until: p.valid_until,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iin(s: &str) -> Iin {
        Iin::parse(s).unwrap()
    }

    fn power() -> PowerOfAttorney {
        PowerOfAttorney {
            number: "N-1".into(),
            principal: iin("800101300016"),
            representative: iin("900202400012"),
            valid_from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            valid_until: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            notary: "Нотариус".into(),
        }
    }

    #[test]
    fn each_fault_has_its_reason() {
        let p = power();
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let check = |found: Option<&PowerOfAttorney>, rep: Option<Iin>, on| {
            PowerOfAttorney::check(found, " N-1 ", p.principal, rep, on)
        };
        let rep = Some(p.representative);
        assert_eq!(check(Some(&p), rep, day(6, 1)), Ok(()));
        assert!(matches!(
            check(None, rep, day(6, 1)),
            Err(Unfit::PowerNotInEnis { .. })
        ));
        assert!(matches!(
            check(Some(&p), Some(p.principal), day(6, 1)),
            Err(Unfit::PowerOtherRepresentative { .. })
        ));
        assert!(matches!(
            check(Some(&p), None, day(6, 1)),
            Err(Unfit::PowerNeedsRepresentativeIin { .. })
        ));
        let expired = Unfit::PowerExpired {
            number: "N-1".into(),
            until: p.valid_until,
        };
        assert_eq!(
            PowerOfAttorney::check(Some(&p), "N-1", p.principal, rep, day(12, 31)),
            Ok(())
        );
        let next_year = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(check(Some(&p), rep, next_year), Err(expired));
        let before = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        assert!(matches!(
            check(Some(&p), rep, before),
            Err(Unfit::PowerNotYetValid { .. })
        ));
    }
}
