//! What `catalog check` verifies beyond the format.

use std::collections::BTreeSet;

use super::*;
use crate::domain::norm::NormUnit;
use crate::domain::roles::{OrgKind, Role};

impl Service {
    /// Parses one TOML entry. `origin` names it in errors (a file name).
    pub fn from_toml(origin: &str, text: &str) -> Result<Service, CatalogError> {
        let service: Service = toml::from_str(text).map_err(|e| err(origin, e.to_string()))?;
        service.validate(origin)?;
        Ok(service)
    }

    /// Names a screen would show in Russian for want of a translation.
    pub fn missing_translations(&self) -> Vec<String> {
        let mut missing = Vec::new();
        for d in &self.documents {
            for (field, v) in [("name_kk", &d.name_kk), ("name_en", &d.name_en)] {
                if v.trim().is_empty() {
                    missing.push(format!("{}: document {} has no {field}", self.id, d.id));
                }
            }
        }
        missing
    }

    /// Checks what serde cannot: the entry is complete and its routes can run.
    pub fn validate(&self, origin: &str) -> Result<(), CatalogError> {
        let o = origin;
        if !is_id(&self.id) || !is_id(&self.service) {
            return Err(err(
                o,
                "id and service must be lowercase latin, digits and '-'",
            ));
        }
        for (field, v) in [
            ("name_ru", &self.name_ru),
            ("name_kk", &self.name_kk),
            ("name_en", &self.name_en),
            ("region", &self.region),
            ("region_ru", &self.region_ru),
            ("act.number", &self.act.number),
            ("source.title", &self.source.title),
        ] {
            if v.trim().is_empty() {
                return Err(err(o, format!("{field} is empty")));
            }
        }
        if self.source.lines[0] == 0 || self.source.lines[0] > self.source.lines[1] {
            return Err(err(o, "source.lines must be [first, last], 1-based"));
        }
        if self.excluded {
            if self
                .excluded_note
                .as_deref()
                .unwrap_or("")
                .trim()
                .is_empty()
            {
                return Err(err(o, "an excluded regulation needs excluded_note"));
            }
            return Ok(());
        }
        self.validate_terms(o)?;
        self.validate_documents(o)?;
        self.validate_operator_steps(o)?;
        self.validate_routes(o)
    }

    /// The State Corporation's processes time the counter's part on its own
    /// clock (issue 13 item 5): only a service taken in there has them, each
    /// once, and their norms are the centre's minutes, never days.
    fn validate_operator_steps(&self, o: &str) -> Result<(), CatalogError> {
        if !self.operator_steps.is_empty() && !self.channels.contains(&Channel::StateCorp) {
            return Err(err(o, "operator_steps without the state_corp channel"));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, s) in self.operator_steps.iter().enumerate() {
            if !seen.insert(s.kind) {
                return Err(err(
                    o,
                    format!("operator step {}: its kind is given twice", i + 1),
                ));
            }
            if let Some(n) = s.norm
                && !matches!(n.unit, NormUnit::Minutes | NormUnit::Hours)
            {
                return Err(err(
                    o,
                    format!(
                        "operator step {}: a counter norm is in minutes or hours, not {}",
                        i + 1,
                        n.unit
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Provider, channels, forms, terms and the kinds of results.
    fn validate_terms(&self, o: &str) -> Result<(), CatalogError> {
        if self.provider_kinds.is_empty() || self.provider_ru.trim().is_empty() {
            return Err(err(o, "provider_kinds and provider_ru are required"));
        }
        if self.channels.is_empty() {
            return Err(err(o, "channels is empty"));
        }
        if self.form.is_empty() || self.result_form.is_empty() {
            return Err(err(o, "form and result_form are required"));
        }
        if self.rural_akim_condition_quote.is_some() && !self.channels.contains(&Channel::RuralAkim)
        {
            return Err(err(
                o,
                "rural_akim_condition_quote without the rural_akim channel",
            ));
        }
        if self.total_term.is_some() != self.total_term_quote.is_some() {
            return Err(err(o, "total_term and total_term_quote go together"));
        }
        let positive = self.positive_results().count();
        let refusal = self
            .results
            .iter()
            .filter(|r| r.kind == ResultKind::Refusal)
            .count();
        if positive == 0 || refusal == 0 {
            return Err(err(
                o,
                "results need at least one positive kind and the refusal",
            ));
        }
        unique(o, "results", self.results.iter().map(|r| r.id.as_str()))?;
        self.validate_result_channels(o)?;
        Ok(())
    }

    /// The checklist: unique ids, the two basics, each item's source.
    fn validate_documents(&self, o: &str) -> Result<(), CatalogError> {
        let docs: Vec<&str> = self.documents.iter().map(|d| d.id.as_str()).collect();
        unique(o, "documents", docs.iter().copied())?;
        if !docs.contains(&"application") || !docs.contains(&"identity_document") {
            return Err(err(
                o,
                "documents must include \"application\" and \"identity_document\"",
            ));
        }
        for d in &self.documents {
            let [first, last] = self.source.lines;
            match (d.source, d.line) {
                (DocumentSource::Seed, Some(l)) if (first..=last).contains(&l) => {}
                (DocumentSource::Seed, _) => {
                    return Err(err(
                        o,
                        format!(
                            "document {}: source = \"seed\" needs the line naming it, within source.lines {first}-{last}",
                            d.id
                        ),
                    ));
                }
                (DocumentSource::StandardItem9, Some(_)) => {
                    return Err(err(
                        o,
                        format!("document {}: a line goes with source = \"seed\"", d.id),
                    ));
                }
                (DocumentSource::StandardItem9, None) => {}
            }
        }
        Ok(())
    }

    /// Every route runnable, and each channel served by exactly one.
    fn validate_routes(&self, o: &str) -> Result<(), CatalogError> {
        if self.routes.is_empty() {
            return Err(err(o, "no routes"));
        }
        unique(o, "routes", self.routes.iter().map(|r| r.id.as_str()))?;
        let mut covered = BTreeSet::new();
        for route in &self.routes {
            self.validate_route(o, route)?;
            for c in &route.channels {
                if !self.channels.contains(c) {
                    return Err(err(
                        o,
                        format!(
                            "route {} serves channel {c}, which the service lacks",
                            route.id
                        ),
                    ));
                }
                if !covered.insert(*c) {
                    return Err(err(o, format!("channel {c} is served by two routes")));
                }
            }
        }
        for c in &self.channels {
            if !covered.contains(c) {
                return Err(err(o, format!("no route serves channel {c}")));
            }
        }
        Ok(())
    }

    /// Results tied to channels: a notice only on the portal, every channel
    /// named is the service's, and each channel has a positive result.
    fn validate_result_channels(&self, o: &str) -> Result<(), CatalogError> {
        for r in &self.results {
            if let Some(c) = r.channels.iter().find(|c| !self.channels.contains(c)) {
                return Err(err(
                    o,
                    format!("result {}: channel {c} is not the service's", r.id),
                ));
            }
            if r.kind == ResultKind::Notice && r.channels != [Channel::Portal] {
                return Err(err(
                    o,
                    format!(
                        "result {}: a notice is the portal's: channels = [\"portal\"]",
                        r.id
                    ),
                ));
            }
        }
        for c in &self.channels {
            if self.positive_results_on(*c).next().is_none() {
                return Err(err(o, format!("no positive result for channel {c}")));
            }
        }
        Ok(())
    }

    fn validate_route(&self, o: &str, route: &Route) -> Result<(), CatalogError> {
        let r = &route.id;
        if route.channels.is_empty() {
            return Err(err(o, format!("route {r} serves no channel")));
        }
        if route.steps.is_empty() {
            return Err(err(o, format!("route {r} has no steps")));
        }
        let executes = route
            .steps
            .iter()
            .filter(|s| s.action == StepAction::Execute)
            .count();
        if executes != 1 {
            return Err(err(
                o,
                format!("route {r} needs exactly one execute step (the decision), has {executes}"),
            ));
        }
        for (i, s) in route.steps.iter().enumerate() {
            validate_step(o, route, i, s)?;
        }
        Ok(())
    }
}

/// One step of `route` (at index `i`): its words, and where its action and
/// flags may stand.
fn validate_step(o: &str, route: &Route, i: usize, s: &Step) -> Result<(), CatalogError> {
    let r = &route.id;
    if s.quote.trim().is_empty() || s.produces_ru.trim().is_empty() {
        return Err(err(
            o,
            format!(
                "route {r} step {}: quote and produces_ru are required",
                i + 1
            ),
        ));
    }
    if s.action == StepAction::Receive {
        return Err(err(
            o,
            format!(
                "route {r} step {}: receive is the State Corporation centre's act after the route, not a step",
                i + 1
            ),
        ));
    }
    // The engine turns a closing `issue` into the hand-over to the
    // counter that issues (route::step_action); mid-route it would
    // close the application early.
    if s.action == StepAction::Issue && i + 1 != route.steps.len() {
        return Err(err(
            o,
            format!(
                "route {r} step {}: issue hands the result over, so it must be the last step",
                i + 1
            ),
        ));
    }
    let reviewing = matches!(
        s.action,
        StepAction::Sign | StepAction::Review | StepAction::Forward | StepAction::Conclude
    );
    if s.returnable && (s.role != Role::Head || !reviewing || i == 0) {
        return Err(err(
            o,
            format!(
                "route {r} step {}: only a head's reviewing step (sign, review, forward, conclude) after the first can be returnable",
                i + 1
            ),
        ));
    }
    let closing_issue = s.action == StepAction::Issue && i + 1 == route.steps.len();
    if s.visit && !(closing_issue && route.channels == [Channel::Portal]) {
        return Err(err(
            o,
            format!(
                "route {r} step {}: visit is the closing issue of a route for the portal alone",
                i + 1
            ),
        ));
    }
    let decided = route.execute_step().is_some_and(|e| e < i);
    if let Some(c) = s.when
        && !decided
    {
        return Err(err(
            o,
            format!(
                "route {r} step {}: when = \"{}\" needs the decision first: only a step after execute can be conditional",
                i + 1,
                c.as_str()
            ),
        ));
    }
    if s.action == StepAction::Execute && s.role != Role::Specialist {
        return Err(err(
            o,
            format!("route {r} step {}: execute is the specialist's", i + 1),
        ));
    }
    validate_local_executive(o, route, i, s)?;
    validate_acts(o, route, i, s)
}

/// A step's acts beside the decision: only on `execute`, each with an id
/// and its names.
fn validate_acts(o: &str, route: &Route, i: usize, s: &Step) -> Result<(), CatalogError> {
    if s.acts.is_empty() {
        return Ok(());
    }
    let at = format!("route {} step {}", route.id, i + 1);
    if s.action != StepAction::Execute {
        return Err(err(
            o,
            format!("{at}: acts go with the decision: only an execute step has them"),
        ));
    }
    unique(
        o,
        &format!("{at} acts"),
        s.acts.iter().map(|a| a.id.as_str()),
    )?;
    for a in &s.acts {
        if [&a.name_ru, &a.name_kk, &a.name_en]
            .iter()
            .any(|n| n.trim().is_empty())
        {
            return Err(err(
                o,
                format!("{at}: act {} needs name_ru, name_kk, name_en", a.id),
            ));
        }
    }
    Ok(())
}

/// The local executive body (акимат) receives the provider's file and acts
/// on it by its head or its office (001:356, 371): never the first step nor
/// the decision, which are the provider's.
fn validate_local_executive(
    o: &str,
    route: &Route,
    i: usize,
    s: &Step,
) -> Result<(), CatalogError> {
    if s.org != OrgKind::LocalExecutive {
        return Ok(());
    }
    let acts = matches!(s.role, Role::Head | Role::Clerk);
    let after_decision = route.execute_step().is_some_and(|e| e < i);
    if !acts || !after_decision {
        return Err(err(
            o,
            format!(
                "route {} step {}: the local executive body acts by its head or clerk on the file the provider sends it, after the decision",
                route.id,
                i + 1
            ),
        ));
    }
    Ok(())
}

fn unique<'a>(o: &str, what: &str, ids: impl Iterator<Item = &'a str>) -> Result<(), CatalogError> {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !is_id(id) {
            return Err(err(o, format!("{what}: bad id {id:?}")));
        }
        if !seen.insert(id) {
            return Err(err(o, format!("{what}: duplicate id {id:?}")));
        }
    }
    Ok(())
}
