//! `lint:` in `series.yaml`: which Japanese text rules of `check` are on,
//! and the settings of the rules that take one (the producer's `terms`
//! dictionary, the words `kanji-run` allows, the `sentence-length` limit).
//! The rules themselves run in `validate/lint/`.

use crate::diagnostic::span::Spanned;
use crate::input::decode::Decoder;
use crate::input::yaml::{Node, Value};

/// One rule: its stable id, what it catches, whether it is on when
/// `series.yaml` says nothing, and whether `check --fix` applies its fix.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RuleInfo {
    pub(crate) id: &'static str,
    pub(crate) catches: &'static str,
    pub(crate) on_by_default: bool,
    pub(crate) fixable: bool,
}

const fn rule(id: &'static str, catches: &'static str) -> RuleInfo {
    RuleInfo {
        id,
        catches,
        on_by_default: true,
        fixable: false,
    }
}

const fn fixable(id: &'static str, catches: &'static str) -> RuleInfo {
    RuleInfo {
        fixable: true,
        ..rule(id, catches)
    }
}

/// Every rule, in the order the guide lists them.
pub(crate) const RULES: &[RuleInfo] = &[
    rule(
        "bracket-pairs",
        "unmatched or misnested brackets 「」『』（）()【】“”",
    ),
    fixable("halfwidth-kana", "half-width katakana (ｶﾀｶﾅ)"),
    fixable(
        "fullwidth-alnum",
        "full-width ASCII letters and digits (ＡＢＣ１２３)",
    ),
    fixable("invisible-chars", "zero-width and other invisible characters"),
    fixable("doubled-punctuation", "doubled punctuation (。。 、、)"),
    rule(
        "mixed-exclamation",
        "ASCII ! or ? after Japanese text in a file that uses ！？",
    ),
    rule(
        "space-between-japanese",
        "a space between two Japanese characters in prose",
    ),
    rule("ra-nuki", "ら抜き言葉 (見れる → 見られる)"),
    rule("i-nuki", "い抜き言葉 (話してる → 話している)"),
    rule("double-negative", "二重否定 (ないわけではない)"),
    rule(
        "doubled-joshi",
        "the same particle twice in one clause (東京で会議で)",
    ),
    rule(
        "mixed-style",
        "です・ます and である/だ endings mixed in one document",
    ),
    rule("redundant", "冗長な表現 (することができる → できる)"),
    rule(
        "kanji-run",
        "7 or more kanji in a row; `{ allow: [...] }` lists words to accept",
    ),
    rule("max-ten", "4 or more 、 in one sentence"),
    rule("successive-word", "the same word twice in a row (重要な重要な)"),
    rule("misuse", "misused set phrases (的を得る → 的を射る)"),
    fixable(
        "terms",
        "表記ゆれ (サーバ and サーバー in one document); a mapping sets the producer's dictionary",
    ),
    RuleInfo {
        on_by_default: false,
        ..rule(
            "sentence-length",
            "sentences over 100 characters (off by default; a number sets the limit)",
        )
    },
];

/// The sentence length `sentence-length: true` allows.
pub(crate) const DEFAULT_SENTENCE_LENGTH: usize = 100;

/// The rule of an id.
pub(crate) fn info(id: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id)
}

/// Which rules are on, and the settings of those that take one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rules {
    on: [bool; RULES.len()],
    /// The producer's dictionary: (the form to replace, the form to write).
    pub(crate) terms: Vec<(Spanned<String>, Spanned<String>)>,
    /// Words `kanji-run` accepts however long.
    pub(crate) kanji_allow: Vec<String>,
    /// The longest sentence `sentence-length` allows, in characters.
    pub(crate) sentence_length: usize,
}

impl Default for Rules {
    fn default() -> Self {
        let mut on = [true; RULES.len()];
        for (i, rule) in RULES.iter().enumerate() {
            on[i] = rule.on_by_default;
        }
        Self {
            on,
            terms: Vec::new(),
            kanji_allow: Vec::new(),
            sentence_length: DEFAULT_SENTENCE_LENGTH,
        }
    }
}

/// One property per rule, from the same table the decoder reads.
impl schemars::JsonSchema for Rules {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LintRules".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let properties: serde_json::Map<String, serde_json::Value> =
            RULES.iter().map(|r| (r.id.to_string(), rule_schema(r))).collect();
        schemars::json_schema!({
            "type": "object",
            "description": "日本語の校正ルール。Japanese text rules of `check`: `false` switches one off (all but `sentence-length` are on by default).",
            "properties": properties,
            "additionalProperties": false
        })
    }
}

/// A rule's property: a boolean, or for the rules with a setting, the
/// setting (which also switches the rule on).
fn rule_schema(rule: &RuleInfo) -> serde_json::Value {
    let fixed = if rule.fixable {
        "; `check --fix` rewrites it"
    } else {
        ""
    };
    let description = format!("{}{fixed}; false switches the rule off", rule.catches);
    let boolean = serde_json::json!({"type": "boolean"});
    let setting = match rule.id {
        "terms" => serde_json::json!({
            "type": "object",
            "description": "the producer's dictionary: the form to replace → the form to write",
            "additionalProperties": {"type": "string", "minLength": 1},
            "examples": [{"Javascript": "JavaScript", "サーバ": "サーバー"}]
        }),
        "kanji-run" => serde_json::json!({
            "type": "object",
            "properties": {"allow": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "description": "words accepted however many kanji they have"
            }},
            "additionalProperties": false
        }),
        "sentence-length" => serde_json::json!({"type": "integer", "minimum": 1}),
        _ => {
            return serde_json::json!({
                "type": "boolean",
                "default": rule.on_by_default,
                "description": description,
                "examples": [!rule.on_by_default],
            });
        }
    };
    let examples = match rule.id {
        "terms" => serde_json::json!([{"Javascript": "JavaScript"}, false]),
        "kanji-run" => serde_json::json!([{"allow": ["経済安全保障推進法"]}, false]),
        _ => serde_json::json!([120, true]),
    };
    serde_json::json!({
        "anyOf": [boolean, setting],
        "default": rule.on_by_default,
        "description": description,
        "examples": examples,
    })
}

impl Rules {
    pub(crate) fn ids() -> Vec<&'static str> {
        RULES.iter().map(|r| r.id).collect()
    }

    pub(crate) fn is_on(&self, id: &str) -> bool {
        RULES.iter().position(|r| r.id == id).is_some_and(|i| self.on[i])
    }

    /// Whether any rule is on (with none, the text is not even read).
    pub(crate) fn any_on(&self) -> bool {
        self.on.iter().any(|on| *on)
    }

    /// `lint:` in `series.yaml`: a mapping of rule id to `true`/`false`,
    /// or to the rule's setting; unknown ids get a did-you-mean.
    pub(crate) fn decode(d: &mut Decoder, node: &Node, key: &str) -> Option<Rules> {
        let ids = Self::ids();
        let fields = d.fields(node, "lint settings", key, &ids)?;
        let mut rules = Rules::default();
        let mut valid = true;
        for (i, id) in ids.iter().enumerate() {
            let Some(node) = fields.get(id) else { continue };
            match (&node.value, *id) {
                (Value::Bool(on), _) => rules.on[i] = *on,
                (Value::Map(_), "terms") => match decode_terms(d, node) {
                    Some(terms) => {
                        rules.on[i] = true;
                        rules.terms = terms;
                    }
                    None => valid = false,
                },
                (Value::Map(_), "kanji-run") => match decode_allow(d, node) {
                    Some(allow) => {
                        rules.on[i] = true;
                        rules.kanji_allow = allow;
                    }
                    None => valid = false,
                },
                (Value::Int(n), "sentence-length") if *n >= 1 => {
                    rules.on[i] = true;
                    rules.sentence_length = usize::try_from(*n).unwrap_or(usize::MAX);
                }
                _ => {
                    wrong_setting(d, node, id);
                    valid = false;
                }
            }
        }
        valid.then_some(rules)
    }
}

/// What a rule's value may be, for the error message.
fn wrong_setting(d: &mut Decoder, node: &Node, id: &str) {
    let (expected, help) = match id {
        "terms" => (
            "true, false or a mapping of words",
            "write `terms: { サーバ: サーバー }`, or `terms: false` to switch the rule off",
        ),
        "kanji-run" => (
            "true, false or `{ allow: [...] }`",
            "write `kanji-run: { allow: [経済安全保障推進法] }`, or `kanji-run: false`",
        ),
        "sentence-length" => (
            "true, false or a positive number",
            "write `sentence-length: 120`, or `sentence-length: false`",
        ),
        _ => ("true or false", ""),
    };
    let help = if help.is_empty() {
        format!("write `{id}: false` to switch the rule off")
    } else {
        help.to_string()
    };
    d.error(
        "invalid-type",
        format!("`{id}` must be {expected}, found {}", node.value.kind()),
        node.span,
    )
    .help = Some(help);
}

/// `terms: { wrong: right }`: both non-empty strings, different, and no
/// right form is also a form to replace (the fixes would go round).
fn decode_terms(d: &mut Decoder, node: &Node) -> Option<Vec<(Spanned<String>, Spanned<String>)>> {
    let Value::Map(entries) = &node.value else {
        return None;
    };
    let mut terms = Vec::new();
    let mut valid = true;
    for (wrong, right) in entries {
        let Some(right_text) = d.string(right, &wrong.value) else {
            valid = false;
            continue;
        };
        if wrong.value.trim().is_empty() || wrong.value == right_text.value {
            d.error(
                "invalid-value",
                format!("`{}` → `{}` replaces nothing", wrong.value, right_text.value),
                wrong.span,
            )
            .help = Some("map a form to avoid to a different form to write".into());
            valid = false;
            continue;
        }
        terms.push((Spanned::new(wrong.value.to_string(), wrong.span), right_text));
    }
    for (_, right) in &terms {
        if let Some((wrong, _)) = terms.iter().find(|(w, _)| w.value == right.value) {
            d.error(
                "invalid-value",
                format!("`{}` is both a form to write and a form to replace", wrong.value),
                right.span,
            )
            .help = Some("keep one direction: the fixes would undo each other".into());
            valid = false;
        }
    }
    valid.then_some(terms)
}

/// `kanji-run: { allow: [...] }`.
fn decode_allow(d: &mut Decoder, node: &Node) -> Option<Vec<String>> {
    let fields = d.fields(node, "kanji-run settings", "kanji-run", &["allow"])?;
    let allow = d.optional(&fields, "allow", Decoder::strings).ok()?;
    Some(allow.unwrap_or_default().into_iter().map(|s| s.value).collect())
}
