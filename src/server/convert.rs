//! The engine's findings and errors as the protocol carries them.

use super::text;
use crate::diagnostic::{Diagnostic as Finding, Severity};
use crate::located::LocatedError;
use lsp_server::{ErrorCode, RequestId, Response};
use lsp_types::{CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Url};

/// Where each rule is documented (the README's rule section, generated from the rules).
const DOCS: &str = "https://github.com/postmortem-lint/postmortem-lint#";

pub fn invalid(id: RequestId, message: String) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, message)
}

/// A broken config as a diagnostic on the config file, at the line and column of the error.
pub fn config_error(e: &LocatedError) -> Diagnostic {
    let at = lsp_types::Position {
        line: e.line.saturating_sub(1) as u32,
        character: e.column.saturating_sub(1) as u32,
    };
    let message = match &e.help {
        Some(help) => format!("{}\nhelp: {help}", e.message),
        None => e.message.clone(),
    };
    Diagnostic {
        range: lsp_types::Range { start: at, end: at },
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("postmortem-lint".into()),
        message,
        ..Default::default()
    }
}

/// A finding as the editor shows it: severity, the rule as its code, a link to its docs.
pub fn to_lsp(d: &Finding, positions: &text::Positions<'_>) -> Diagnostic {
    let message = match (&d.label, &d.help) {
        (_, Some(help)) => format!("{}\nhelp: {help}", d.message),
        _ => d.message.clone(),
    };
    Diagnostic {
        range: positions.range(&d.range),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.rule.to_owned())),
        code_description: Url::parse(&format!("{DOCS}{}", d.rule))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("postmortem-lint".into()),
        message,
        ..Default::default()
    }
}
