//! The local executive body (акимат of the district or city) an application
//! is bound to where its route gives that body a step of its own
//! ("местный исполнительный орган района или города областного значения …
//! принимает соответствующее постановление", 001:356, 371).

use super::{Ops, OpsError, OpsResult, Refusal};
use crate::domain::catalog::Route;
use crate::domain::roles::OrgKind;
use crate::store::model::Organisation;

impl Ops {
    /// The local executive body of the provider's district (else the one
    /// of the region), when the route needs one; None when it does not.
    pub(crate) fn local_executive_for(
        &self,
        route: &Route,
        provider: &Organisation,
    ) -> OpsResult<Option<String>> {
        if route.steps.iter().all(|s| s.org != OrgKind::LocalExecutive) {
            return Ok(None);
        }
        let orgs = self.store.orgs()?;
        let bodies: Vec<&Organisation> = orgs
            .iter()
            .filter(|o| o.kind == OrgKind::LocalExecutive && o.region == provider.region)
            .collect();
        let local = bodies.iter().find(|o| o.district == provider.district);
        match (local, bodies.as_slice()) {
            (Some(o), _) | (None, [o]) => Ok(Some(o.code.clone())),
            _ => Err(OpsError::NotFound(Refusal::NoLocalExecutive {
                district: provider.district.clone(),
            })),
        }
    }
}
