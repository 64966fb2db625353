//! `qyzmet org`: organisations of the region.

use super::*;

#[derive(Debug, Subcommand)]
pub enum OrgCmd {
    /// Adds an organisation: `qyzmet org add KRG-ED --kind provider --provider-kind education_department ...`.
    Add {
        /// Short code used in registration numbers, e.g. KRG-ED.
        code: String,
        #[arg(long)]
        name_ru: String,
        #[arg(long)]
        name_kk: String,
        /// The English name (screens in English show the Russian one without it).
        #[arg(long, default_value = "")]
        name_en: String,
        /// state_corp, provider, akim_office, local_executive (a district or city akimat)
        #[arg(long, value_parser = parse_org_kind)]
        kind: crate::domain::roles::OrgKind,
        /// For providers: district_executive, education_department, employment_centre, ... (repeatable).
        #[arg(long = "provider-kind", value_parser = parse_provider_kind)]
        provider_kinds: Vec<crate::domain::catalog::ProviderKind>,
        /// Region key of the catalogue: karaganda, west_kazakhstan, zhambyl.
        #[arg(long)]
        region: String,
        #[arg(long)]
        district: String,
        /// State Corporation centres: number of service windows.
        #[arg(long, default_value_t = 0)]
        windows: u16,
        /// Providers: a service (catalogue `service` id) it renders; repeatable.
        /// Without any, it renders every service of its provider kinds.
        #[arg(long = "service")]
        services: Vec<String>,
    },
    List {
        #[arg(long)]
        json: bool,
    },
}

fn parse_org_kind(s: &str) -> Result<crate::domain::roles::OrgKind, String> {
    serde_json::from_value(Value::String(s.into())).map_err(|_| {
        format!("unknown kind {s:?}: use state_corp, provider, akim_office or local_executive")
    })
}

fn parse_provider_kind(s: &str) -> Result<crate::domain::catalog::ProviderKind, String> {
    serde_json::from_value(Value::String(s.into())).map_err(|_| {
        format!(
            "unknown provider kind {s:?}: use district_executive, regional_executive, education_department, \
             education_organisation, employment_social_department, employment_centre or rural_akim"
        )
    })
}

pub fn org(ctx: &Context, cmd: OrgCmd) -> Outcome {
    let ops = ctx.open_ops()?;
    match cmd {
        OrgCmd::Add {
            code,
            name_ru,
            name_kk,
            name_en,
            kind,
            provider_kinds,
            region,
            district,
            windows,
            services,
        } => {
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                return Err(Failure::usage(say::tf("bad_org_code", &[("code", &code)])));
            }
            let org = crate::store::model::Organisation {
                code: code.clone(),
                name_ru,
                name_kk,
                kind,
                provider_kinds,
                region,
                district,
                windows: (1..=windows).collect(),
                services,
                name_en,
            };
            ops.add_org(org, &admin_name(ctx), now())
                .map_err(ops_failure)?;
            outln!("{}", say::tf("org_added", &[("code", &code)]));
        }
        OrgCmd::List { json } => {
            let orgs = ops.store.orgs().map_err(store_failure)?;
            if json {
                print_json(&orgs);
            } else {
                for o in orgs {
                    outln!(
                        "{:<10} {:<24} {:<16} {:<24} {}",
                        o.code,
                        crate::i18n::org_kind_name(say::lang(), o.kind),
                        crate::i18n::region_name(say::lang(), &o.region),
                        crate::i18n::district_name(say::lang(), &o.district),
                        crate::i18n::org_name(say::lang(), &o)
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
