//! The JSON Schemas: generated from the model types, in step with the
//! decoder's keys, accepting every bundled example and rejecting broken
//! ones under a real JSON Schema validator.

use crate::support::{MINIMAL_EPISODE, Show, repo, repo_file};
use serde_json::{Map, Value, json};
use shownotes::episode::{Episode, Source, Topic};
use shownotes::minutes::{Minutes, Point, Section, Subsection};
use shownotes::people::{Organizer, Speaker};
use shownotes::schema_command;
use shownotes::series::Series;
use shownotes::source::SourceFile;
use shownotes::yaml::{self, Node};
use std::collections::BTreeSet;
use std::path::Path;

/// YAML text -> JSON, through the project's own loader, so the validator
/// sees exactly the values the decoder sees.
fn to_json(text: &str) -> Value {
    let file = SourceFile::new(Path::new("test.yaml"), "test.yaml".into(), text.into());
    let node = yaml::parse(&file).unwrap_or_else(|d| panic!("YAML does not parse: {}", d.render(false)));
    node_to_json(&node)
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
                .map(|(k, v)| (k.value.clone(), node_to_json(v)))
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
    let episode = schema_command::episode();
    let episode = episode.as_value();
    let series = schema_command::series();
    let series = series.as_value();
    let minutes = schema_command::minutes();
    let minutes = minutes.as_value();
    let lint_ids = shownotes::lint::Rules::ids();
    let cases: [(&str, &Value, &[&str]); 13] = [
        (
            "CheckSettings",
            &series["$defs"]["CheckSettings"],
            shownotes::check_settings::CheckSettings::KEYS,
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
    let episode = validator(&schema_command::episode());
    let minutes = validator(&schema_command::minutes());
    let series = validator(&schema_command::series());
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
    // The skeleton `new` writes.
    let show = Show::new();
    let out = show.run(&["new", "--title", "新しい回"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_valid(&episode, "the `new` skeleton", &show.read("episodes/ep001.yaml"));
    // The files `init` writes.
    for (path, text) in shownotes::init_command::SCAFFOLD {
        match *path {
            "series.yaml" => assert_valid(&series, path, text),
            p if p.starts_with("episodes/") => assert_valid(&episode, path, text),
            _ => {}
        }
    }
}

#[test]
fn broken_files_are_rejected() {
    let episode = validator(&schema_command::episode());
    let series = validator(&schema_command::series());
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
    let schema = json!({ "type": "string", "pattern": shownotes::timestamp::PATTERN });
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
            shownotes::timestamp::Timestamp::parse(text).is_ok(),
            "schema and parser disagree on `{text}`"
        );
    }
}

#[test]
fn schema_command_writes_both_files_and_build_writes_them_to_dist() {
    let show = Show::new().file("episodes/ep1.yaml", MINIMAL_EPISODE);
    let out = show.run(&["schema"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "schema/episode.schema.json\nschema/minutes.schema.json\nschema/series.schema.json\n"
    );
    for (name, text) in schema_command::files() {
        assert_eq!(show.read(&format!("schema/{name}")), text);
    }
    // A second run finds them up to date and writes nothing.
    let again = show.run(&["schema"]);
    assert_eq!((again.code, again.stdout.as_str()), (0, ""), "{}", again.stderr);
    again.assert_stderr_contains("up to date");

    let custom = show.run(&["schema", "--out", "editor"]);
    assert_eq!(custom.code, 0, "{}", custom.stderr);
    assert_eq!(
        show.read("editor/episode.schema.json"),
        show.read("schema/episode.schema.json")
    );

    let build = show.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    for (name, text) in schema_command::files() {
        assert_eq!(show.read(&format!("dist/schema/{name}")), text);
    }
    let parsed: Value = serde_json::from_str(&show.read("dist/schema/episode.schema.json")).expect("JSON");
    assert_eq!(parsed["title"], json!("Episode"));
}
