//! The user guide (`docs/src/*.md`) and `README.md` must not drift from the
//! binary: every command and flag written in them exists, every key of the
//! file-format tables is in the JSON Schemas (and every schema key is in a
//! table), and every complete example file passes `shownotes check
//! --offline`. The conventions are described in docs/src/development.md.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const COMMANDS_CHAPTER: &str = "docs/src/commands.md";
const FORMAT_CHAPTER: &str = "docs/src/file-format.md";
const SCHEMAS: [&str; 3] = ["episode.schema.json", "minutes.schema.json", "series.schema.json"];

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_shownotes")
}

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_WORKSPACE")
        .output()
        .unwrap_or_else(|e| panic!("cannot run shownotes {args:?}: {e}"))
}

fn stdout_of(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = run(args, dir.path());
    assert!(out.status.success(), "shownotes {args:?} failed: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// One Markdown file of the guide, relative to the crate root.
struct Doc {
    name: String,
    lines: Vec<String>,
}

/// README.md and every chapter in docs/src/ (SUMMARY.md included).
fn docs() -> Vec<Doc> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names = vec!["README.md".to_string()];
    let mut chapters: Vec<String> = std::fs::read_dir(root.join("docs/src"))
        .expect("docs/src/ exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .map(|n| format!("docs/src/{n}"))
        .collect();
    chapters.sort();
    names.extend(chapters);
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(root.join(&name))
                .unwrap_or_else(|e| panic!("cannot read {name}: {e}"));
            Doc {
                lines: text.lines().map(str::to_owned).collect(),
                name,
            }
        })
        .collect()
}

fn doc<'a>(docs: &'a [Doc], name: &str) -> &'a Doc {
    docs.iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("{name} is missing"))
}

/// A fence opener or closer: the backtick or tilde run and the info string.
fn fence(line: &str) -> Option<(char, usize, &str)> {
    let t = line.trim_start();
    let c = t.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let n = t.chars().take_while(|&x| x == c).count();
    (n >= 3).then(|| (c, n, t[n..].trim()))
}

/// A fenced code block: where its first content line is (0-based), its info
/// string and its content.
struct Block {
    first: usize,
    info: String,
    text: String,
}

/// Splits a document into fenced blocks and a flag per line telling whether
/// the line is inside a fence (fence lines included).
fn blocks(d: &Doc) -> (Vec<Block>, Vec<bool>) {
    let mut fenced = vec![false; d.lines.len()];
    let mut out = Vec::new();
    let mut open: Option<(char, usize, Block)> = None;
    for (i, line) in d.lines.iter().enumerate() {
        match &mut open {
            None => {
                if let Some((c, n, info)) = fence(line) {
                    fenced[i] = true;
                    let block = Block {
                        first: i + 1,
                        info: info.to_string(),
                        text: String::new(),
                    };
                    open = Some((c, n, block));
                }
            }
            Some((c, n, block)) => {
                fenced[i] = true;
                match fence(line) {
                    Some((c2, n2, rest)) if c2 == *c && n2 >= *n && rest.is_empty() => {
                        out.push(open.take().unwrap().2);
                    }
                    _ => {
                        block.text.push_str(line);
                        block.text.push('\n');
                    }
                }
            }
        }
    }
    (out, fenced)
}

/// The code of a document, line by line (0-based): the lines of fenced
/// blocks, and the inline code spans of the other lines (a span may run
/// over several lines of a paragraph).
fn code(d: &Doc) -> Vec<(usize, String)> {
    let (_, fenced) = blocks(d);
    let mut out = Vec::new();
    // Prose, with line numbers: fenced lines become blank lines, which also
    // end any paragraph (a code span never runs past one).
    let prose: Vec<&str> = d
        .lines
        .iter()
        .zip(&fenced)
        .map(|(l, &f)| if f { "" } else { l.as_str() })
        .collect();
    let mut para: Vec<(usize, &str)> = Vec::new();
    for (i, line) in prose.iter().enumerate().chain([(prose.len(), &"")]) {
        if line.trim().is_empty() {
            spans(&para, &mut out);
            para.clear();
        } else {
            para.push((i, line));
        }
    }
    for (i, (line, &f)) in d.lines.iter().zip(&fenced).enumerate() {
        if f && fence(line).is_none() {
            out.push((i, line.clone()));
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}

/// The code spans of one paragraph, split at line ends.
fn spans(para: &[(usize, &str)], out: &mut Vec<(usize, String)>) {
    // (line, char) pairs of the paragraph, '\n' between lines.
    let mut chars: Vec<(usize, char)> = Vec::new();
    for (k, (i, line)) in para.iter().enumerate() {
        if k > 0 {
            chars.push((*i, '\n'));
        }
        chars.extend(line.chars().map(|c| (*i, c)));
    }
    let run_at = |p: usize| chars[p..].iter().take_while(|(_, c)| *c == '`').count();
    let mut p = 0;
    while p < chars.len() {
        if chars[p].1 != '`' {
            p += 1;
            continue;
        }
        let n = run_at(p);
        // The closing run of exactly n backticks.
        let mut q = p + n;
        let mut close = None;
        while q < chars.len() {
            if chars[q].1 == '`' {
                let m = run_at(q);
                if m == n {
                    close = Some(q);
                    break;
                }
                q += m;
            } else {
                q += 1;
            }
        }
        let Some(q) = close else {
            p += n;
            continue;
        };
        let mut line = chars[p].0;
        let mut text = String::new();
        for &(i, c) in &chars[p + n..q] {
            if c == '\n' {
                out.push((line, std::mem::take(&mut text)));
                line = i + 1;
            } else {
                text.push(c);
            }
        }
        out.push((line, text));
        p = q + n;
    }
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// Each `shownotes <word>` of a piece of code: byte offset and word.
fn commands_in(s: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (at, _) in s.match_indices("shownotes ") {
        if s[..at].chars().next_back().is_some_and(is_word) {
            continue;
        }
        let rest = &s[at + "shownotes ".len()..];
        if !rest.starts_with(|c: char| c.is_ascii_lowercase()) {
            continue;
        }
        let word: String = rest.chars().take_while(|&c| is_word(c)).collect();
        out.push((at, word));
    }
    out
}

/// Each `--flag` of a piece of code: byte offset and flag.
fn flags_in(s: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (at, _) in s.match_indices("--") {
        if s[..at].chars().next_back().is_some_and(is_word) {
            continue;
        }
        let rest = &s[at + 2..];
        if !rest.starts_with(|c: char| c.is_ascii_lowercase()) {
            continue;
        }
        let name: String = rest.chars().take_while(|&c| is_word(c)).collect();
        let name = name.trim_end_matches('-');
        out.push((at, format!("--{name}")));
    }
    out
}

/// The commands `shownotes --help` lists.
fn help_commands() -> BTreeSet<String> {
    let help = stdout_of(&["--help"]);
    let list: BTreeSet<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect();
    assert!(list.contains("build"), "no commands in --help:\n{help}");
    list
}

/// The flags of `shownotes help <command>` (the text of `--help`): all that
/// are mentioned, and
/// those of the option lines (the ones that must be documented).
fn help_flags(command: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let help = stdout_of(&["help", command]);
    let all = flags_in(&help).into_iter().map(|(_, f)| f).collect();
    let options = help
        .lines()
        .filter(|l| l.trim_start().starts_with('-'))
        .flat_map(|l| flags_in(l.split("  ").find(|s| !s.is_empty()).unwrap_or("")))
        .map(|(_, f)| f)
        .filter(|f| f != "--help" && f != "--version")
        .collect();
    (all, options)
}

/// Whether `shownotes <command> <flag>` is known to the parser even though
/// `--help` does not show it (a hidden flag). Run in an empty directory.
fn accepts_hidden(command: &str, flag: &str) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&[command, flag], dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    !err.contains("unexpected argument") && !err.contains("unrecognized subcommand")
}

/// The command each line of commands.md is documented under: the
/// `shownotes <command>` of the nearest heading above it.
fn sections(d: &Doc) -> Vec<Option<String>> {
    let (_, fenced) = blocks(d);
    let mut current: Option<(usize, String)> = None;
    let mut out = Vec::new();
    for (line, &f) in d.lines.iter().zip(&fenced) {
        if !f && line.starts_with('#') {
            let level = line.chars().take_while(|&c| c == '#').count();
            match commands_in(&line.replace('`', "")).into_iter().next() {
                Some((_, c)) => current = Some((level, c)),
                None if current.as_ref().is_some_and(|(l, _)| level <= *l) => current = None,
                None => {}
            }
        }
        out.push(current.as_ref().map(|(_, c)| c.clone()));
    }
    out
}

fn fail(failures: Vec<String>, what: &str) {
    assert!(
        failures.is_empty(),
        "the guide has drifted from the binary ({what}):\n  {}\n(conventions: docs/src/development.md)",
        failures.join("\n  ")
    );
}

#[test]
fn guide_commands_exist() {
    let known = help_commands();
    let mut failures = Vec::new();
    for d in docs() {
        for (i, code) in code(&d) {
            for (_, c) in commands_in(&code) {
                if !known.contains(&c) {
                    failures.push(format!(
                        "{}:{}: `shownotes {c}` is not a command (shownotes --help lists: {})",
                        d.name,
                        i + 1,
                        known.iter().cloned().collect::<Vec<_>>().join(", ")
                    ));
                }
            }
        }
    }
    fail(failures, "commands");
}

#[test]
fn guide_flags_are_accepted() {
    let known = help_commands();
    let mut flags: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in &known {
        flags.insert(c.clone(), help_flags(c).0);
    }
    let mut hidden: BTreeMap<(String, String), bool> = BTreeMap::new();
    let mut failures = Vec::new();
    for d in docs() {
        let section = if d.name == COMMANDS_CHAPTER {
            sections(&d)
        } else {
            vec![None; d.lines.len()]
        };
        // Pieces of code of one line share the command written before.
        let mut owner_line = usize::MAX;
        let mut owner: Option<String> = None;
        for (i, code) in code(&d) {
            if i != owner_line {
                owner_line = i;
                owner = section[i].clone();
            }
            let commands = commands_in(&code);
            for (at, flag) in flags_in(&code) {
                let here = commands
                    .iter()
                    .rev()
                    .find(|(c_at, _)| *c_at < at)
                    .map(|(_, c)| c.clone());
                let Some(command) = here.or_else(|| owner.clone()) else {
                    continue;
                };
                if !known.contains(&command) || flags[&command].contains(&flag) {
                    continue;
                }
                let ok = *hidden
                    .entry((command.clone(), flag.clone()))
                    .or_insert_with(|| accepts_hidden(&command, &flag));
                if !ok {
                    failures.push(format!(
                        "{}:{}: `shownotes {command}` has no flag `{flag}`",
                        d.name,
                        i + 1
                    ));
                }
            }
            if let Some((_, c)) = commands.last() {
                owner = Some(c.clone());
            }
        }
    }
    fail(failures, "flags");
}

#[test]
fn commands_chapter_documents_every_command_and_flag() {
    let docs = docs();
    let d = doc(&docs, COMMANDS_CHAPTER);
    let section = sections(d);
    let code = code(d);
    let mut failures = Vec::new();
    for c in help_commands() {
        let Some(start) = section.iter().position(|s| s.as_deref() == Some(&c)) else {
            failures.push(format!(
                "{COMMANDS_CHAPTER}: no `## shownotes {c}` section for a command of shownotes --help"
            ));
            continue;
        };
        let written: BTreeSet<String> = code
            .iter()
            .filter(|(i, _)| section[*i].as_deref() == Some(&c))
            .flat_map(|(_, s)| flags_in(s))
            .map(|(_, f)| f)
            .collect();
        for flag in help_flags(&c).1 {
            if !written.contains(&flag) {
                failures.push(format!(
                    "{COMMANDS_CHAPTER}:{}: the `shownotes {c}` section does not mention `{flag}` (in `shownotes {c} --help`)",
                    start + 1
                ));
            }
        }
    }
    fail(failures, "commands chapter");
}

/// Follows `$ref` and the non-null branch of `anyOf`/`oneOf`.
fn resolve<'a>(root: &'a Value, mut node: &'a Value) -> &'a Value {
    for _ in 0..32 {
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            let name = r.strip_prefix("#/$defs/").expect("local $ref");
            node = &root["$defs"][name];
        } else if let Some(any) = node
            .get("anyOf")
            .or_else(|| node.get("oneOf"))
            .and_then(Value::as_array)
        {
            match any.iter().find(|v| v.get("type") != Some(&Value::from("null"))) {
                Some(v) => node = v,
                None => return node,
            }
        } else {
            return node;
        }
    }
    panic!("$ref cycle in a schema")
}

/// Whether `topics[].sources[].url` (say) is a key of the schema.
fn has_key(root: &Value, path: &str) -> bool {
    let mut node = root;
    for part in path.split('.') {
        let name = part.trim_end_matches("[]");
        let Some(next) = resolve(root, node).get("properties").and_then(|p| p.get(name)) else {
            return false;
        };
        node = next;
        for _ in 0..(part.len() - name.len()) / 2 {
            match resolve(root, node).get("items") {
                Some(items) => node = items,
                None => return false,
            }
        }
    }
    true
}

/// Every key path of a schema.
fn all_keys(root: &Value, node: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    let node = resolve(root, node);
    if let Some(items) = node.get("items") {
        all_keys(root, items, &format!("{prefix}[]"), out);
    }
    let Some(props) = node.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (k, v) in props {
        let path = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        out.insert(path.clone());
        all_keys(root, v, &path, out);
    }
}

/// A key written in a key table of the file-format chapter.
struct TableKey {
    /// 0-based line of the table row.
    line: usize,
    /// The schemas the table is marked with.
    schemas: Vec<String>,
    key: String,
}

/// The keys of the file-format chapter's key tables, and the problems with
/// the tables themselves.
fn key_tables(d: &Doc) -> (Vec<TableKey>, Vec<String>) {
    let (_, fenced) = blocks(d);
    let mut keys = Vec::new();
    let mut failures = Vec::new();
    let mut i = 0;
    while i < d.lines.len() {
        let cells = |l: &str| -> Vec<String> {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        };
        let line = &d.lines[i];
        if fenced[i] || !line.trim_start().starts_with('|') || cells(line)[0] != "key" {
            i += 1;
            continue;
        }
        let marker = d.lines[..i]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| l.trim().strip_prefix("<!-- schema:"))
            .and_then(|l| l.strip_suffix("-->"));
        let schemas: Vec<String> = marker
            .map(|m| m.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default();
        if schemas.is_empty() || schemas.iter().any(|s| !SCHEMAS.contains(&s.as_str())) {
            failures.push(format!(
                "{}:{}: a key table needs `<!-- schema: NAME.schema.json -->` on the line before it (one or more of {})",
                d.name,
                i + 1,
                SCHEMAS.join(", ")
            ));
        }
        i += 2; // header and separator
        while i < d.lines.len() && d.lines[i].trim_start().starts_with('|') {
            let first = &cells(&d.lines[i])[0];
            let found: Vec<&str> = first.split('`').skip(1).step_by(2).collect();
            if found.is_empty() {
                failures.push(format!("{}:{}: no `key` in the first column", d.name, i + 1));
            }
            for k in found {
                keys.push(TableKey {
                    line: i,
                    schemas: schemas.clone(),
                    key: k.to_string(),
                });
            }
            i += 1;
        }
    }
    (keys, failures)
}

#[test]
fn file_format_keys_match_the_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("schema");
    let status = run(&["schema", "--out", out.to_str().unwrap()], dir.path());
    assert!(status.status.success(), "shownotes schema failed: {status:?}");
    let schemas: BTreeMap<&str, Value> = SCHEMAS
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(out.join(name))
                .unwrap_or_else(|e| panic!("shownotes schema wrote no {name}: {e}"));
            (*name, serde_json::from_str(&text).unwrap())
        })
        .collect();

    let docs = docs();
    let d = doc(&docs, FORMAT_CHAPTER);
    let (keys, mut failures) = key_tables(d);
    let mut documented: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for TableKey {
        line: i,
        schemas: names,
        key,
    } in &keys
    {
        for name in names {
            let Some(schema) = schemas.get(name.as_str()) else {
                continue;
            };
            if has_key(schema, key) {
                documented.entry(name.as_str()).or_default().insert(key.clone());
            } else {
                failures.push(format!(
                    "{}:{}: `{key}` is not a key of {name} (shownotes schema)",
                    d.name,
                    i + 1
                ));
            }
        }
    }
    for (name, schema) in &schemas {
        let mut every = BTreeSet::new();
        all_keys(schema, schema, "", &mut every);
        for key in every {
            if !documented.get(name).is_some_and(|s| s.contains(&key)) {
                failures.push(format!(
                    "{FORMAT_CHAPTER}: `{key}` of {name} is in no key table marked with {name}"
                ));
            }
        }
    }
    fail(failures, "file-format keys");
}

/// The file name of a complete example: `title="..."` in the info string.
fn example_title(info: &str) -> Option<&str> {
    let rest = &info[info.find("title=\"")? + "title=\"".len()..];
    Some(&rest[..rest.find('"')?])
}

#[test]
fn guide_example_files_pass_check() {
    let mut failures = Vec::new();
    let mut count = 0;
    for d in docs() {
        for block in blocks(&d).0 {
            let Some(title) = example_title(&block.info) else {
                continue;
            };
            count += 1;
            let at = format!("{}:{}", d.name, block.first);
            let slug_ok = |s: &str| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            };
            let episode = title
                .strip_prefix("episodes/")
                .and_then(|t| t.strip_suffix(".yaml"))
                .is_some_and(slug_ok);
            if title != "series.yaml" && !episode {
                failures.push(format!(
                    "{at}: example title `{title}` is neither series.yaml nor episodes/<slug>.yaml"
                ));
                continue;
            }
            let show = tempfile::tempdir().unwrap();
            let root: PathBuf = show.path().to_path_buf();
            std::fs::create_dir_all(root.join("episodes")).unwrap();
            if episode {
                std::fs::write(root.join("series.yaml"), "title: テスト番組\n").unwrap();
            }
            std::fs::write(root.join(title), &block.text).unwrap();
            let out = run(&["check", "--offline", "--root", root.to_str().unwrap()], &root);
            if out.status.code() != Some(0) {
                failures.push(format!(
                    "{at}: the example {title} does not pass `shownotes check --offline` ({}):\n{}",
                    out.status,
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    assert!(
        count >= 3,
        "expected complete example files in the guide, found {count}"
    );
    fail(failures, "example files");
}
