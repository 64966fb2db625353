//! Who acts on an application: the kind of organisation and the role within it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The kind of organisation that performs a step of a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// The service provider (услугодатель): an executive body, a department, a centre.
    Provider,
    /// A centre of the State Corporation "Government for Citizens".
    StateCorp,
    /// The office of a rural (village, settlement) akim.
    AkimOffice,
    /// A district commission (участковая комиссия) that inspects and concludes.
    Commission,
    /// The local executive body of a district or a city of regional
    /// significance (акимат района, города), a participant of its own where the
    /// text names it ("местный исполнительный орган района или города
    /// областного значения … принимает соответствующее постановление",
    /// 001:356, 371). Last: bincode stores the index.
    LocalExecutive,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Provider => "provider",
            OrgKind::StateCorp => "state_corp",
            OrgKind::AkimOffice => "akim_office",
            OrgKind::Commission => "commission",
            OrgKind::LocalExecutive => "local_executive",
        }
    }
}

impl fmt::Display for OrgKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// State Corporation counter operator.
    Operator,
    /// Provider's office (канцелярия): registers and dispatches documents.
    Clerk,
    /// Head of the provider (руководитель): assigns, signs, returns.
    Head,
    /// Responsible specialist (ответственный исполнитель): decides.
    Specialist,
    /// The region's supervisor: reads the reports of every organisation of
    /// the region and changes nothing. Last: bincode stores the index.
    Supervisor,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Operator,
        Role::Clerk,
        Role::Head,
        Role::Specialist,
        Role::Supervisor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::Clerk => "clerk",
            Role::Head => "head",
            Role::Specialist => "specialist",
            Role::Supervisor => "supervisor",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a step is performed and by whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    pub org: OrgKind,
    pub role: Role,
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.org, self.role)
    }
}
