//! `shownotes schema` and the schemas `build` writes. The schemas' content
//! (in step with the decoder, validating every bundled file) is tested
//! beside the code, in `src/schema.rs`.

use crate::support::{MINIMAL_EPISODE, Show};
use serde_json::{Value, json};

#[test]
fn schema_command_writes_both_files_and_build_writes_them_to_dist() {
    let show = Show::new().file("episodes/ep1.yaml", MINIMAL_EPISODE);
    let out = show.run(&["schema"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "schema/episode.schema.json\nschema/minutes.schema.json\nschema/series.schema.json\n"
    );
    let names = ["episode", "minutes", "series"].map(|kind| format!("{kind}.schema.json"));
    let written: Vec<String> = names
        .iter()
        .map(|name| show.read(&format!("schema/{name}")))
        .collect();
    for (name, text) in names.iter().zip(&written) {
        let parsed: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            parsed["$schema"],
            json!("https://json-schema.org/draft/2020-12/schema"),
            "{name}"
        );
        assert!(text.ends_with("}\n"), "{name} ends with a newline");
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
    for (name, text) in names.iter().zip(&written) {
        assert_eq!(&show.read(&format!("dist/schema/{name}")), text, "{name}");
    }
    let parsed: Value = serde_json::from_str(&show.read("dist/schema/episode.schema.json")).expect("JSON");
    assert_eq!(parsed["title"], json!("Episode"));
}
