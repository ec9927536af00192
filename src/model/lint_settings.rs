//! `lint:` in `series.yaml`: which Japanese text rules of `check` are on.
//! The rules themselves run in `validate/lint.rs`.

use crate::input::decode::Decoder;
use crate::input::yaml::{Node, Value};

/// The rules: id and what it catches.
pub(crate) const RULES: &[(&str, &str)] = &[
    (
        "bracket-pairs",
        "unmatched or misnested brackets 「」『』（）()【】“”",
    ),
    ("halfwidth-kana", "half-width katakana (ｶﾀｶﾅ)"),
    (
        "fullwidth-alnum",
        "full-width ASCII letters and digits (ＡＢＣ１２３)",
    ),
    ("invisible-chars", "zero-width and other invisible characters"),
    ("doubled-punctuation", "doubled punctuation (。。 、、)"),
    (
        "mixed-exclamation",
        "ASCII ! or ? after Japanese text in a file that uses ！？",
    ),
    (
        "space-between-japanese",
        "a space between two Japanese characters in prose",
    ),
];

/// Which rules are on; all of them by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rules {
    on: [bool; RULES.len()],
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            on: [true; RULES.len()],
        }
    }
}

/// One boolean per rule, from the same table the decoder reads.
impl schemars::JsonSchema for Rules {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LintRules".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let properties: serde_json::Map<String, serde_json::Value> = RULES
            .iter()
            .map(|(id, what)| {
                let rule = serde_json::json!({
                    "type": "boolean",
                    "default": true,
                    "description": format!("{what}; false switches the rule off"),
                    "examples": [false],
                });
                (id.to_string(), rule)
            })
            .collect();
        schemars::json_schema!({
            "type": "object",
            "description": "日本語の校正ルール (すべて既定で有効)。Japanese text rules of `check`, all on by default.",
            "properties": properties,
            "additionalProperties": false
        })
    }
}

impl Rules {
    pub(crate) fn ids() -> Vec<&'static str> {
        RULES.iter().map(|(id, _)| *id).collect()
    }

    pub(crate) fn is_on(&self, id: &str) -> bool {
        RULES
            .iter()
            .position(|(known, _)| *known == id)
            .is_some_and(|i| self.on[i])
    }

    /// `lint:` in `series.yaml`: a mapping of rule id to `true`/`false`;
    /// unknown ids get a did-you-mean.
    pub(crate) fn decode(d: &mut Decoder, node: &Node, key: &str) -> Option<Rules> {
        let ids = Self::ids();
        let fields = d.fields(node, "lint settings", key, &ids)?;
        let mut rules = Rules::default();
        let mut valid = true;
        for (i, id) in ids.iter().enumerate() {
            match fields.get(id) {
                None => {}
                Some(Node {
                    value: Value::Bool(on),
                    ..
                }) => rules.on[i] = *on,
                Some(node) => {
                    d.error(
                        "invalid-type",
                        format!("`{id}` must be true or false, found {}", node.value.kind()),
                        node.span,
                    )
                    .help = Some(format!("write `{id}: false` to switch the rule off"));
                    valid = false;
                }
            }
        }
        valid.then_some(rules)
    }
}
