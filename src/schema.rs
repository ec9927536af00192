//! JSON Schemas (draft 2020-12) of `series.yaml` and of
//! episode files, generated from the model types so they cannot drift from
//! the parser. Editors (VS Code's YAML extension and any other client of
//! yaml-language-server) use them for completion and inline errors.

use crate::error::Error;
use crate::model::episode::Episode;
use crate::model::series::Series;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Where a show keeps its schemas, relative to its root; also the name of
/// the folder under `dist/`.
pub(crate) const SCHEMA_DIR: &str = "schema";
pub(crate) const EPISODE_SCHEMA: &str = "episode.schema.json";
pub(crate) const SERIES_SCHEMA: &str = "series.schema.json";
pub(crate) const MINUTES_SCHEMA: &str = "minutes.schema.json";

/// What `Decoder::string` accepts: some non-blank text.
pub(crate) const TEXT_PATTERN: &str = r"\S";
/// What `weburl::check` accepts, as far as a pattern can tell: an http(s)
/// URL with a host (the scheme in any case, as URLs allow), without
/// whitespace, `<`, `>`, `"` or `\\`.
pub(crate) const URL_PATTERN: &str = r#"^\s*[hH][tT][tT][pP][sS]?://[^\s/?#<>"\\][^\s<>"\\]*\s*$"#;

fn generate<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .for_deserialize()
        .with_transform(RecursiveTransform(decoder_rules))
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The decoder's rules for every string, which the types alone do not
/// say: text must not be blank, links must be http(s). And `writeOnly`,
/// which schemars adds to fields that templates do not see, means nothing
/// to the author of a file.
fn decoder_rules(schema: &mut Schema) {
    schema.remove("writeOnly");
    let is_string = match schema.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(types)) => types.iter().any(|t| t == "string"),
        _ => false,
    };
    if !is_string || schema.get("pattern").is_some() {
        return;
    }
    match schema.get("format").and_then(Value::as_str) {
        Some("uri") => {
            schema.insert("pattern".into(), URL_PATTERN.into());
        }
        Some(_) => {}
        None => {
            schema.insert("pattern".into(), TEXT_PATTERN.into());
        }
    }
}

/// The JSON Schema of episode files.
pub(crate) fn episode() -> Schema {
    generate::<Episode>()
}

/// The JSON Schema of meeting summaries (`kind: minutes`).
pub(crate) fn minutes() -> Schema {
    generate::<crate::model::minutes::Minutes>()
}

/// The JSON Schema of `series.yaml`.
pub(crate) fn series() -> Schema {
    generate::<Series>()
}

/// Every schema file: its name and its text (pretty JSON, ending with a
/// newline).
pub(crate) fn files() -> Vec<(&'static str, String)> {
    [
        (EPISODE_SCHEMA, episode()),
        (MINUTES_SCHEMA, minutes()),
        (SERIES_SCHEMA, series()),
    ]
    .into_iter()
    .map(|(name, schema)| {
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_else(|_| "{}".into());
        text.push('\n');
        (name, text)
    })
    .collect()
}

/// Writes the schema files into `dir` (created if needed); a file whose
/// content is already right is left untouched. Returns the paths written.
pub(crate) fn write_into(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut written = Vec::new();
    for (name, text) in files() {
        let path = dir.join(name);
        if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            continue;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    //! The schemas against the decoder: the same keys, every bundled file
    //! valid, broken files rejected, under a real JSON Schema validator.

    use crate::diagnostic::source::SourceFile;
    use crate::input::yaml::{self, Node};
    use crate::model::episode::{Episode, Source, Topic};
    use crate::model::minutes::{Minutes, Point, Section, Subsection};
    use crate::model::people::{Organizer, Speaker};
    use crate::model::series::Series;
    use serde_json::{Map, Value, json};
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    const MINIMAL_EPISODE: &str = "title: T\ndate: 2026-03-10\ntopics:\n  - at: \"1:40\"\n    title: A\n";

    fn repo() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    fn repo_file(relative: &str) -> String {
        std::fs::read_to_string(repo().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    /// YAML text -> JSON, through the project's own loader, so the validator
    /// sees exactly the values the decoder sees.
    fn to_json(text: &str) -> Value {
        let file = SourceFile::new(Path::new("test.yaml"), "test.yaml".into(), text.into());
        let tree = yaml::parse_as(&file, yaml::FileKind::Episode)
            .unwrap_or_else(|d| panic!("YAML does not parse: {}", d.render(false)));
        node_to_json(&tree.root)
    }

    fn node_to_json(node: &Node) -> Value {
        match &node.value {
            yaml::Value::Null => Value::Null,
            yaml::Value::Bool(b) => json!(b),
            yaml::Value::Int(i) => json!(i),
            yaml::Value::Float(f) => json!(f),
            yaml::Value::Str(s) => json!(s),
            yaml::Value::Seq(items) => Value::Array(items.iter().map(node_to_json).collect()),
            yaml::Value::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.value.to_string(), node_to_json(v)))
                    .collect::<Map<_, _>>(),
            ),
        }
    }

    fn validator(schema: &schemars::Schema) -> jsonschema::Validator {
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(schema.as_value())
            .expect("the schema is a valid draft 2020-12 schema")
    }

    /// The validator's complaints about `text`, one line each.
    fn errors(validator: &jsonschema::Validator, text: &str) -> Vec<String> {
        let instance = to_json(text);
        validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect()
    }

    #[track_caller]
    fn assert_valid(validator: &jsonschema::Validator, name: &str, text: &str) {
        let errors = errors(validator, text);
        assert!(
            errors.is_empty(),
            "{name} does not validate:\n{}",
            errors.join("\n")
        );
    }

    fn property_names(schema: &Value) -> BTreeSet<String> {
        schema["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("no properties in {schema}"))
            .keys()
            .cloned()
            .collect()
    }

    fn keys(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|k| k.to_string()).collect()
    }

    #[test]
    fn schema_properties_are_the_decoders_keys() {
        let episode = super::episode();
        let episode = episode.as_value();
        let series = super::series();
        let series = series.as_value();
        let minutes = super::minutes();
        let minutes = minutes.as_value();
        let lint_ids = crate::model::lint_settings::Rules::ids();
        let cases: [(&str, &Value, &[&str]); 15] = [
            (
                "CheckSettings",
                &series["$defs"]["CheckSettings"],
                crate::model::check_settings::CheckSettings::KEYS,
            ),
            ("LintRules", &series["$defs"]["LintRules"], &lint_ids),
            ("Minutes", minutes, Minutes::KEYS),
            ("Section", &minutes["$defs"]["Section"], Section::KEYS),
            ("Subsection", &minutes["$defs"]["Subsection"], Subsection::KEYS),
            ("Point", &minutes["$defs"]["Point"], Point::KEYS),
            ("Episode", episode, Episode::KEYS),
            ("Topic", &episode["$defs"]["Topic"], Topic::KEYS),
            ("Source", &episode["$defs"]["Source"], Source::KEYS),
            ("Speaker", &episode["$defs"]["Speaker"], Speaker::KEYS),
            ("Organizer", &episode["$defs"]["Organizer"], Organizer::KEYS),
            ("Series", series, Series::KEYS),
            ("Series Speaker", &series["$defs"]["Speaker"], Speaker::KEYS),
            (
                "Owner",
                &series["$defs"]["Owner"],
                crate::model::podcast::Owner::KEYS,
            ),
            (
                "Subscribe",
                &series["$defs"]["Subscribe"],
                crate::model::podcast::Subscribe::KEYS,
            ),
        ];
        for (name, schema, decoder_keys) in cases {
            assert_eq!(
                property_names(schema),
                keys(decoder_keys),
                "{name}: schema vs decoder keys"
            );
            assert_eq!(
                schema["additionalProperties"],
                json!(false),
                "{name} allows unknown keys"
            );
            for (key, property) in schema["properties"].as_object().expect("properties") {
                let description = property["description"].as_str().unwrap_or_default();
                assert!(!description.is_empty(), "{name}.{key} has no description");
                let has_examples = property["examples"].as_array().is_some_and(|e| !e.is_empty());
                let is_list_of_defs = property["items"]["$ref"].is_string();
                assert!(
                    has_examples || is_list_of_defs,
                    "{name}.{key} has no examples (only lists of objects, documented by their items, may omit them)"
                );
            }
        }
        assert_eq!(
            episode["$schema"],
            json!("https://json-schema.org/draft/2020-12/schema")
        );
    }

    #[test]
    fn every_bundled_example_validates() {
        let episode = validator(&super::episode());
        let minutes = validator(&super::minutes());
        let series = validator(&super::series());
        assert_valid(&series, "series.yaml", &repo_file("series.yaml"));
        let mut episodes = 0;
        for entry in std::fs::read_dir(repo().join("episodes")).expect("episodes/") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("episode");
            let schema = if text.lines().any(|l| l == "kind: minutes") {
                &minutes
            } else {
                &episode
            };
            assert_valid(schema, &path.display().to_string(), &text);
            episodes += 1;
        }
        assert!(episodes > 0);
        // The skeletons `new` writes.
        let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 10).expect("a date");
        let skeleton = crate::scaffold::document::episode_skeleton(1, Some("新しい回"), date);
        assert_valid(&episode, "the `new` skeleton", &skeleton);
        let skeleton = crate::scaffold::document::minutes_skeleton(Some("定例会議"), date);
        assert_valid(&minutes, "the `new --kind minutes` skeleton", &skeleton);
        // The files `init` writes.
        for (path, text) in crate::scaffold::show::SCAFFOLD {
            match *path {
                "series.yaml" => assert_valid(&series, path, text),
                p if p.starts_with("episodes/") => assert_valid(&episode, path, text),
                _ => {}
            }
        }
    }

    #[test]
    fn broken_files_are_rejected() {
        let episode = validator(&super::episode());
        let series = validator(&super::series());
        assert_valid(&episode, "the minimal episode", MINIMAL_EPISODE);
        let broken = [
            (
                "unknown key",
                "title: T\ndate: 2026-03-10\nsummary: x\ntopics:\n  - at: \"1:40\"\n    title: A\n",
            ),
            (
                "typo in a topic",
                "title: T\ndate: 2026-03-10\ntopics:\n  - at: \"1:40\"\n    titel: A\n",
            ),
            (
                "wrong type",
                "title: T\ndate: 2026-03-10\nnumber: \"12\"\ntopics:\n  - at: \"1:40\"\n    title: A\n",
            ),
            (
                "list as title",
                "title: [a]\ndate: 2026-03-10\ntopics:\n  - at: \"1:40\"\n    title: A\n",
            ),
            (
                "missing date",
                "title: T\ntopics:\n  - at: \"1:40\"\n    title: A\n",
            ),
            ("no topics", "title: T\ndate: 2026-03-10\ntopics: []\n"),
            (
                "not a date",
                "title: T\ndate: 2026-02-30\ntopics:\n  - at: \"1:40\"\n    title: A\n",
            ),
            (
                "bad timestamp",
                "title: T\ndate: 2026-03-10\ntopics:\n  - at: \"1:60\"\n    title: A\n",
            ),
            (
                "blank title",
                "title: \"  \"\ndate: 2026-03-10\ntopics:\n  - at: \"1:40\"\n    title: A\n",
            ),
            (
                "negative number",
                "title: T\ndate: 2026-03-10\nnumber: -1\ntopics:\n  - at: \"1:40\"\n    title: A\n",
            ),
            (
                "javascript link",
                "title: T\ndate: 2026-03-10\ntopics:\n  - at: \"1:40\"\n    title: A\n    sources:\n      - title: S\n        url: javascript:alert(1)\n",
            ),
        ];
        for (what, text) in broken {
            assert!(!errors(&episode, text).is_empty(), "{what} was accepted:\n{text}");
        }
        assert!(!errors(&series, "title: T\nautor: x\n").is_empty());
        assert!(!errors(&series, "title: T\nspeakers:\n  - name: A\n    rol: B\n").is_empty());
        assert!(!errors(&series, "description: no title\n").is_empty());
    }

    /// The timestamp pattern in the schema agrees with `Timestamp::parse`.
    #[test]
    fn timestamp_pattern_agrees_with_the_parser() {
        let schema = json!({ "type": "string", "pattern": crate::model::timestamp::PATTERN });
        let validator = jsonschema::validator_for(&schema).expect("valid schema");
        for text in [
            "1:40",
            "01:40",
            "75:00",
            "999:59",
            "1:02:03",
            "12:00:00",
            "1:60",
            "1:61:00",
            "1:2",
            "a:10",
            "10",
            "1:02:03:04",
            "-1:00",
            "1000:00",
            "123:00:00",
            " 1:40 ",
            "１:40",
        ] {
            assert_eq!(
                validator.is_valid(&json!(text)),
                crate::model::timestamp::Timestamp::parse(text).is_ok(),
                "schema and parser disagree on `{text}`"
            );
        }
    }
}
