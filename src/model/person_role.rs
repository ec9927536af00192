//! The Podcasting 2.0 person taxonomy (podcasttaxonomy.com): the roles a
//! speaker's `kind` may take, each in its group, for `<podcast:person>`.

use crate::diagnostic::span::Spanned;
use crate::input::decode::Decoder;
use crate::input::yaml::Node;

/// `(group, role)`, in the taxonomy's order; roles are lower-case.
pub(crate) const ROLES: &[(&str, &str)] = &[
    ("creative direction", "director"),
    ("creative direction", "assistant director"),
    ("creative direction", "executive producer"),
    ("creative direction", "senior producer"),
    ("creative direction", "producer"),
    ("creative direction", "associate producer"),
    ("creative direction", "development producer"),
    ("creative direction", "creative director"),
    ("cast", "host"),
    ("cast", "co-host"),
    ("cast", "guest host"),
    ("cast", "guest"),
    ("cast", "voice actor"),
    ("cast", "narrator"),
    ("cast", "announcer"),
    ("cast", "reporter"),
    ("writing", "author"),
    ("writing", "editorial director"),
    ("writing", "co-writer"),
    ("writing", "writer"),
    ("writing", "songwriter"),
    ("writing", "guest writer"),
    ("writing", "story editor"),
    ("writing", "managing editor"),
    ("writing", "script editor"),
    ("writing", "script coordinator"),
    ("writing", "researcher"),
    ("writing", "editor"),
    ("writing", "fact checker"),
    ("writing", "translator"),
    ("writing", "transcriber"),
    ("writing", "logger"),
    ("audio production", "studio coordinator"),
    ("audio production", "technical director"),
    ("audio production", "technical manager"),
    ("audio production", "audio engineer"),
    ("audio production", "remote recording engineer"),
    ("audio production", "post production engineer"),
    ("audio post-production", "audio editor"),
    ("audio post-production", "sound designer"),
    ("audio post-production", "foley artist"),
    ("audio post-production", "composer"),
    ("audio post-production", "theme music"),
    ("audio post-production", "music production"),
    ("audio post-production", "music contributor"),
    ("administration", "production coordinator"),
    ("administration", "booking coordinator"),
    ("administration", "production assistant"),
    ("administration", "content manager"),
    ("administration", "marketing manager"),
    ("administration", "sales representative"),
    ("administration", "sales manager"),
    ("visuals", "graphic designer"),
    ("visuals", "cover art designer"),
    ("community", "social media manager"),
    ("misc.", "consultant"),
    ("misc.", "intern"),
    ("video production", "camera operator"),
    ("video production", "lighting designer"),
    ("video production", "camera grip"),
    ("video production", "assistant camera"),
    ("video post-production", "assistant editor"),
];

/// The role of a speaker without `kind`.
pub(crate) const DEFAULT: &str = "host";

/// The group of a role of the taxonomy.
pub(crate) fn group(role: &str) -> &'static str {
    ROLES
        .iter()
        .find(|(_, r)| *r == role)
        .map_or("cast", |(group, _)| group)
}

/// The schema of a role: one of the taxonomy's names, in any case.
pub(crate) struct Role;

impl schemars::JsonSchema for Role {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PersonRole".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = ROLES.iter().map(|(_, role)| *role).collect();
        schemars::json_schema!({
            "type": "string",
            "description": "A role of the Podcasting 2.0 person taxonomy.",
            "examples": names,
        })
    }
}

/// A role of the taxonomy, matched without regard to case; kept lower-case.
pub(crate) fn decode(d: &mut Decoder, node: &Node, key: &str) -> Option<Spanned<String>> {
    let text = d.string(node, key)?;
    let role = text.value.trim().to_lowercase();
    if ROLES.iter().any(|(_, r)| *r == role) {
        return Some(Spanned::new(role, text.span));
    }
    let roles: Vec<&str> = ROLES.iter().map(|(_, r)| *r).collect();
    let help = match crate::input::decode::did_you_mean(&role, &roles) {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None => "use a role of the Podcasting 2.0 person taxonomy, such as host, co-host, guest, producer or editor".into(),
    };
    d.error(
        "unknown-kind",
        format!(
            "`{}` is not a role of the Podcasting 2.0 person taxonomy",
            text.value
        ),
        text.span,
    )
    .help = Some(help);
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_typos() {
        assert_eq!(group("guest"), "cast");
        assert_eq!(group("producer"), "creative direction");
        let roles: Vec<&str> = ROLES.iter().map(|(_, r)| *r).collect();
        assert_eq!(
            crate::input::decode::did_you_mean("cohost", &roles),
            Some("co-host")
        );
        assert_eq!(crate::input::decode::did_you_mean("gest", &roles), Some("guest"));
    }

    #[test]
    fn schema_examples_are_roles_not_groups() {
        use schemars::JsonSchema;
        let schema = super::Role::json_schema(&mut schemars::SchemaGenerator::default());
        let examples: Vec<&str> = schema
            .get("examples")
            .and_then(serde_json::Value::as_array)
            .map(|list| list.iter().filter_map(serde_json::Value::as_str).collect())
            .unwrap_or_default();
        assert!(
            examples.contains(&"host") && examples.contains(&"guest"),
            "{examples:?}"
        );
        assert!(!examples.contains(&"cast"), "a group is not a role: {examples:?}");
        assert_eq!(examples.len(), super::ROLES.len());
    }
}
