//! The JSON Schema of a config file, derived from the types it is parsed into
//! ([`super::file`]) and the rules' own declarations: editors that read a `#:schema` line
//! (taplo, Even Better TOML) complete and check `.postmortem-lint.toml` with it. The repository
//! ships it at [`SHIPPED`]; `postmortem-lint config --schema` prints it.

use super::file::{ConfigFile, Level};
use crate::rules;
use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::Value;
use std::borrow::Cow;

/// Where the repository ships the schema, from its root.
pub const SHIPPED: &str = "schemas/postmortem-lint.schema.json";

/// The schema, as JSON (draft-07, which taplo and most editors read).
pub fn schema() -> Value {
    let mut settings = SchemaSettings::draft07();
    settings.transforms.push(Box::new(Toml));
    let schema = settings
        .into_generator()
        .into_root_schema_for::<ConfigFile>();
    schema.to_value()
}

/// The schema as the repository ships it: pretty-printed, with a final line break.
pub fn text() -> String {
    // Serialising a `Value` cannot fail: its keys are strings.
    let mut text = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// What a TOML file's schema needs besides what schemars derives: no null (TOML has none: a
/// key is written or left out, while schemars lets an `Option` be null), and descriptions as
/// flowing text (a doc comment's lines joined; its paragraphs kept).
#[derive(Clone)]
struct Toml;

impl Transform for Toml {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(Value::Array(types)) = schema.get_mut("type") {
            types.retain(|t| t != "null");
            if let [only] = types.as_slice() {
                let only = only.clone();
                schema.insert("type".to_owned(), only);
            }
        }
        if let Some(Value::Array(any)) = schema.get_mut("anyOf") {
            any.retain(|s| s.get("type").is_none_or(|t| t != "null"));
            if let [only] = any.as_slice() {
                // One alternative left: it is the schema. A reference stays beside the
                // description in `allOf` (draft-07 ignores what stands beside a `$ref`).
                let only = only.clone();
                schema.remove("anyOf");
                match only {
                    Value::Object(inline) if !inline.contains_key("$ref") => {
                        for (key, value) in inline {
                            if !schema.as_object().is_some_and(|o| o.contains_key(&key)) {
                                schema.insert(key, value);
                            }
                        }
                    }
                    only => {
                        schema.insert("allOf".to_owned(), Value::Array(vec![only]));
                    }
                }
            }
        }
        if let Some(Value::String(text)) = schema.get_mut("description") {
            *text = text
                .split("\n\n")
                .map(|paragraph| paragraph.split('\n').collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join("\n\n");
        }
        transform_subschemas(self, schema);
    }
}

/// `template`: a preset by name, or a file whose name ends in `.toml` (the parser reads any
/// other name as a preset, and refuses it when there is none by that name).
pub(super) struct TemplateName;

impl JsonSchema for TemplateName {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "TemplateName".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let presets: Vec<&str> = crate::document::template::PRESETS
            .iter()
            .map(|(name, _)| *name)
            .collect();
        json_schema!({
            "type": "string",
            "anyOf": [
                { "enum": presets, "description": "A preset." },
                { "pattern": "\\.toml$", "description": "A template file of your own." },
            ],
        })
    }
}

/// `[rules]`: every built-in rule by name, each with `severity` and the options it declares,
/// nothing else (as the parser refuses anything else). A rule a `rule-files` file defines
/// has a name the schema cannot know: any other name takes a severity only.
pub(super) fn rules(generator: &mut SchemaGenerator) -> Schema {
    let mut properties = serde_json::Map::new();
    for rule in rules::registry() {
        let doc = rule.doc();
        let mut keys = serde_json::Map::new();
        keys.insert(
            "severity".to_owned(),
            severity(generator, Some(doc.severity.as_str())),
        );
        for option in doc.options {
            keys.insert(
                option.name.to_owned(),
                serde_json::json!({
                    "type": "integer",
                    "minimum": 0,
                    "default": option.default,
                    "description": format!("{} (default: {}).", sentence(option.summary), option.default),
                }),
            );
        }
        let description = format!(
            "`{}` (default: {}): {}. `postmortem-lint explain {}` says why.",
            doc.name,
            doc.severity.as_str(),
            doc.summary,
            doc.name
        );
        properties.insert(
            doc.name.to_owned(),
            serde_json::json!({
                "type": "object",
                "description": description,
                "properties": keys,
                "additionalProperties": false,
            }),
        );
    }
    let own = severity(generator, None);
    json_schema!({
        "type": "object",
        "properties": properties,
        "additionalProperties": {
            "type": "object",
            "description": "A rule of your own, defined by a file that `rule-files` names: its severity.",
            "properties": { "severity": own },
            "additionalProperties": false,
        },
    })
}

/// A rule's `severity`, with the rule's default when it is known.
fn severity(generator: &mut SchemaGenerator, default: Option<&str>) -> Value {
    let level = generator.subschema_for::<Level>().to_value();
    let mut schema = serde_json::json!({
        "allOf": [level],
        "description": "error, warning, or off (not run).",
    });
    if let (Some(default), Some(object)) = (default, schema.as_object_mut()) {
        object.insert("default".to_owned(), Value::from(default));
    }
    schema
}

/// Without `rule-files`, every rule `[rules]` names is a built-in one: the parser refuses
/// any other name ("unknown rule"), and so does the schema.
pub(super) fn builtin_rules_only(schema: &mut Schema) {
    let names: Vec<&str> = rules::registry().iter().map(|r| r.doc().name).collect();
    schema.insert(
        "if".to_owned(),
        serde_json::json!({ "not": { "required": ["rule-files"] } }),
    );
    schema.insert(
        "then".to_owned(),
        serde_json::json!({ "properties": { "rules": { "propertyNames": { "enum": names } } } }),
    );
}

/// A lowercase summary as a sentence's start.
fn sentence(summary: &str) -> String {
    let mut chars = summary.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
