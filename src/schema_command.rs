//! `shownotes schema`: JSON Schemas (draft 2020-12) of `series.yaml` and of
//! episode files, generated from the model types so they cannot drift from
//! the parser. Editors (VS Code's YAML extension and any other client of
//! yaml-language-server) use them for completion and inline errors.

use crate::episode::Episode;
use crate::error::{Error, Outcome};
use crate::series::Series;
use crate::show;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Where a show keeps its schemas, relative to its root; also the name of
/// the folder under `dist/`.
pub const SCHEMA_DIR: &str = "schema";
pub const EPISODE_SCHEMA: &str = "episode.schema.json";
pub const SERIES_SCHEMA: &str = "series.schema.json";
pub const MINUTES_SCHEMA: &str = "minutes.schema.json";

/// What `Decoder::string` accepts: some non-blank text.
pub const TEXT_PATTERN: &str = r"\S";
/// What `weburl::check` accepts, as far as a pattern can tell: an http(s)
/// URL with a host (the scheme in any case, as URLs allow), without
/// whitespace, `<`, `>`, `"` or `\\`.
pub const URL_PATTERN: &str = r#"^\s*[hH][tT][tT][pP][sS]?://[^\s/?#<>"\\][^\s<>"\\]*\s*$"#;

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
pub fn episode() -> Schema {
    generate::<Episode>()
}

/// The JSON Schema of meeting summaries (`kind: minutes`).
pub fn minutes() -> Schema {
    generate::<crate::minutes::Minutes>()
}

/// The JSON Schema of `series.yaml`.
pub fn series() -> Schema {
    generate::<Series>()
}

/// Every schema file: its name and its text (pretty JSON, ending with a
/// newline).
pub fn files() -> Vec<(&'static str, String)> {
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
pub fn write_into(dir: &Path) -> Result<Vec<PathBuf>, Error> {
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

/// `--out DIR`, or `schema/` in the show root (the current directory when
/// there is no show).
pub fn run(root: Option<&Path>, out: Option<&Path>) -> Result<Outcome, Error> {
    let dir = match out {
        Some(out) => out.to_path_buf(),
        None => show::find_root(root)?
            .unwrap_or_else(|| PathBuf::from("."))
            .join(SCHEMA_DIR),
    };
    let written = write_into(&dir)?;
    let display = show::display_path(&dir, None);
    if written.is_empty() {
        eprintln!("the schemas in {display} are up to date");
    } else {
        for path in &written {
            println!("{}", show::display_path(path, None));
        }
        eprintln!(
            "wrote {} schema file{} into {display}",
            written.len(),
            if written.len() == 1 { "" } else { "s" }
        );
    }
    Ok(Outcome::Clean)
}
