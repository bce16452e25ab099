//! `postmortem-lint server`: the Language Server Protocol over stdio (or any connection, for
//! tests). Open postmortems are checked with the same engine, config discovery and
//! suppressions as `check`, on open, on change (debounced) and on save; a finding's hover is
//! its rule's explanation; code actions fix what can be fixed. The server never runs `git`
//! and never crashes on what an editor sends: a request it cannot answer gets an error reply.

mod actions;
mod convert;
mod text;
mod workspace;

use crate::diagnostic::Diagnostic as Finding;
use crate::document::{Date, Document, Template};
use crate::source::Source;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Diagnostic, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams, Hover,
    HoverContents, HoverParams, HoverProviderCapability, MarkupContent, MarkupKind,
    PublishDiagnosticsParams, SaveOptions, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit, Url,
    WorkspaceEdit,
};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};
pub use workspace::{Outcome, Workspace};

/// How long after the last keystroke a changed document is checked again.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// How often the configs in force are looked at on disk for changes.
const CONFIG_POLL: Duration = Duration::from_secs(1);

/// The names a config file may have (a save of one re-checks every open document).
const CONFIG_NAMES: [&str; 2] = crate::config::FILE_NAMES;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("language server protocol: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    #[error("the client went away: {0}")]
    Closed(String),
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// An open document: the editor's text, and the last check of it.
struct Open {
    text: String,
    version: i32,
    /// The last check: the normalised source, its findings and how it was read (`None`: not
    /// checked, or not a file `check` would check).
    checked: Option<Checked>,
}

struct Checked {
    source: Source,
    findings: Vec<Finding>,
    template: Template,
    day_first: bool,
}

/// How the client ended the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `shutdown`, then `exit`: the process exits with 0.
    Shutdown,
    /// `exit` without `shutdown` first: the protocol asks for exit code 1.
    ExitWithoutShutdown,
}

/// Serves on stdin and stdout until the client says exit.
pub fn serve_stdio(config: Option<PathBuf>, as_of: Option<Date>) -> Result<Ending, ServerError> {
    let (connection, threads) = Connection::stdio();
    let ending = serve(&connection, config, as_of)?;
    // The writer thread ends when the last sender is gone: the connection goes first, or
    // joining would wait for ever (stdin may stay open after `exit`; the reader stops at it).
    drop(connection);
    threads.join()?;
    Ok(ending)
}

/// Serves on `connection`: the handshake, then requests and notifications until shutdown.
pub fn serve(
    connection: &Connection,
    config: Option<PathBuf>,
    as_of: Option<Date>,
) -> Result<Ending, ServerError> {
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..Default::default()
    };
    let (id, _params) = connection.initialize_start()?;
    connection.initialize_finish(
        id,
        serde_json::json!({
            "capabilities": capabilities,
            "serverInfo": {"name": "postmortem-lint", "version": env!("CARGO_PKG_VERSION")},
        }),
    )?;
    let mut server = Server {
        connection,
        workspace: Workspace::new(config, as_of),
        open: HashMap::new(),
        pending: HashMap::new(),
        config_errors: Vec::new(),
    };
    server.run()
}

const EXIT: &str = "exit";

struct Server<'c> {
    connection: &'c Connection,
    workspace: Workspace,
    open: HashMap<Url, Open>,
    /// Documents changed and not checked since, with when to check them.
    pending: HashMap<Url, Instant>,
    /// Config files on which an error is shown.
    config_errors: Vec<Url>,
}

impl Server<'_> {
    fn run(&mut self) -> Result<Ending, ServerError> {
        let mut next_poll = Instant::now() + CONFIG_POLL;
        loop {
            if Instant::now() >= next_poll {
                next_poll = Instant::now() + CONFIG_POLL;
                if self.workspace.configs_changed() {
                    self.configs_written()?;
                }
            }
            let next = self.pending.values().copied().chain([next_poll]).min();
            let message = match next {
                Some(at) => {
                    match self
                        .connection
                        .receiver
                        .recv_timeout(at.saturating_duration_since(Instant::now()))
                    {
                        Ok(message) => Some(message),
                        Err(crossbeam_channel::RecvTimeoutError::Timeout) => None,
                        Err(e) => return Err(ServerError::Closed(e.to_string())),
                    }
                }
                None => match self.connection.receiver.recv() {
                    Ok(message) => Some(message),
                    Err(e) => return Err(ServerError::Closed(e.to_string())),
                },
            };
            match message {
                None => self.check_due()?,
                Some(Message::Request(request)) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(Ending::Shutdown);
                    }
                    self.request(request)?;
                }
                Some(Message::Notification(n)) if n.method == EXIT => {
                    return Ok(Ending::ExitWithoutShutdown);
                }
                Some(Message::Notification(notification)) => self.notification(notification)?,
                Some(Message::Response(_)) => {}
            }
        }
    }

    fn send(&self, message: Message) -> Result<(), ServerError> {
        self.connection
            .sender
            .send(message)
            .map_err(|e| ServerError::Closed(e.to_string()))
    }

    fn request(&mut self, request: Request) -> Result<(), ServerError> {
        let id = request.id.clone();
        let reply = match request.method.as_str() {
            req::HoverRequest::METHOD => serde_json::from_value::<HoverParams>(request.params)
                .map(|p| serde_json::to_value(self.hover(&p)))
                .map_err(|e| e.to_string()),
            req::CodeActionRequest::METHOD => {
                serde_json::from_value::<CodeActionParams>(request.params)
                    .map(|p| serde_json::to_value(self.code_actions(&p)))
                    .map_err(|e| e.to_string())
            }
            other => {
                return self.send(Message::Response(Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("not supported: {other}"),
                )));
            }
        };
        self.send(Message::Response(match reply {
            Ok(Ok(value)) => Response {
                id,
                result: Some(value),
                error: None,
            },
            Ok(Err(e)) => convert::invalid(id, e.to_string()),
            Err(e) => convert::invalid(id, e),
        }))
    }

    fn notification(&mut self, notification: Notification) -> Result<(), ServerError> {
        // A notification that does not parse is dropped: it has no reply to carry an error.
        match notification.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<DidOpenTextDocumentParams>(notification.params)
                {
                    let doc = p.text_document;
                    self.open.insert(
                        doc.uri.clone(),
                        Open {
                            text: doc.text,
                            version: doc.version,
                            checked: None,
                        },
                    );
                    self.check(&doc.uri)?;
                }
            }
            note::DidChangeTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<DidChangeTextDocumentParams>(notification.params)
                    && let Some(open) = self.open.get_mut(&p.text_document.uri)
                {
                    for change in p.content_changes {
                        text::apply_change(&mut open.text, change);
                    }
                    open.version = p.text_document.version;
                    self.pending
                        .insert(p.text_document.uri, Instant::now() + DEBOUNCE);
                }
            }
            note::DidSaveTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<DidSaveTextDocumentParams>(notification.params)
                {
                    self.saved(&p.text_document.uri)?;
                }
            }
            // A client that watches files for us (VS Code does when asked).
            note::DidChangeWatchedFiles::METHOD => {
                self.workspace.configs_changed();
                self.configs_written()?;
            }
            note::DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<DidCloseTextDocumentParams>(notification.params)
                {
                    self.open.remove(&p.text_document.uri);
                    self.pending.remove(&p.text_document.uri);
                    self.publish(p.text_document.uri, Vec::new(), None)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A save: of a config, every open document is checked again under it; of a document,
    /// that document (its history may have changed too).
    fn saved(&mut self, uri: &Url) -> Result<(), ServerError> {
        let is_config = uri
            .path_segments()
            .and_then(|mut s| s.next_back())
            .is_some_and(|name| CONFIG_NAMES.contains(&name));
        if is_config {
            self.workspace.configs_changed();
            self.configs_written()?;
        } else {
            self.workspace.forget_history();
            self.pending.remove(uri);
            self.check(uri)?;
        }
        Ok(())
    }

    /// A config was written: every open document is checked again under the configs as they
    /// are now, and errors shown on configs are cleared first (or shown again).
    fn configs_written(&mut self) -> Result<(), ServerError> {
        self.workspace.reload_configs();
        for stale in std::mem::take(&mut self.config_errors) {
            self.publish(stale, Vec::new(), None)?;
        }
        let uris: Vec<Url> = self.open.keys().cloned().collect();
        for uri in uris {
            self.pending.remove(&uri);
            self.check(&uri)?;
        }
        Ok(())
    }

    /// Checks the documents whose debounce ran out.
    fn check_due(&mut self) -> Result<(), ServerError> {
        let now = Instant::now();
        let due: Vec<Url> = self
            .pending
            .iter()
            .filter(|(_, at)| **at <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            self.pending.remove(&uri);
            self.check(&uri)?;
        }
        Ok(())
    }

    /// Checks one open document and publishes its diagnostics (none when `check` would not
    /// check it); a broken config is published on the config file instead.
    fn check(&mut self, uri: &Url) -> Result<(), ServerError> {
        let Some(open) = self.open.get(uri) else {
            return Ok(());
        };
        let Ok(path) = uri.to_file_path() else {
            return Ok(());
        };
        let outcome = self.workspace.check(&path, &open.text);
        let version = Some(open.version);
        match outcome {
            Outcome::Checked {
                report,
                template,
                day_first,
            } => {
                // A text `check` refuses (a NUL byte: binary) has a finding and no source.
                let source = report
                    .source
                    .unwrap_or_else(|| Source::new(report.path.clone(), &open.text));
                let positions = text::Positions::new(&source, &open.text);
                let diagnostics = report
                    .diagnostics
                    .iter()
                    .map(|d| convert::to_lsp(d, &positions))
                    .collect();
                let findings = report.diagnostics;
                if let Some(open) = self.open.get_mut(uri) {
                    open.checked = Some(Checked {
                        source,
                        findings,
                        template,
                        day_first,
                    });
                }
                self.publish(uri.clone(), diagnostics, version)
            }
            Outcome::NotSelected => {
                if let Some(open) = self.open.get_mut(uri) {
                    open.checked = None;
                }
                self.publish(uri.clone(), Vec::new(), version)
            }
            Outcome::BadConfig(e) => {
                let config = PathBuf::from(&e.path);
                let config = std::path::absolute(&config).unwrap_or(config);
                let Ok(config_uri) = Url::from_file_path(&config) else {
                    return Ok(());
                };
                let diagnostic = convert::config_error(&e);
                if !self.config_errors.contains(&config_uri) {
                    self.config_errors.push(config_uri.clone());
                }
                self.publish(config_uri, vec![diagnostic], None)?;
                self.publish(uri.clone(), Vec::new(), version)
            }
        }
    }

    fn publish(
        &self,
        uri: Url,
        diagnostics: Vec<Diagnostic>,
        version: Option<i32>,
    ) -> Result<(), ServerError> {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Message::Notification(Notification::new(
            note::PublishDiagnostics::METHOD.to_owned(),
            params,
        )))
    }

    /// The explanation of the rules whose findings are under the cursor.
    fn hover(&self, params: &HoverParams) -> Option<Hover> {
        let at = &params.text_document_position_params;
        let open = self.open.get(&at.text_document.uri)?;
        let Checked {
            source, findings, ..
        } = open.checked.as_ref()?;
        let positions = text::Positions::new(source, &open.text);
        let offset = positions.offset(at.position);
        let docs = self.workspace.rule_docs();
        let mut shown: Vec<&str> = Vec::new();
        let mut parts = Vec::new();
        for d in findings
            .iter()
            .filter(|d| d.range.start <= offset && offset <= d.range.end)
        {
            if shown.contains(&d.rule) {
                continue;
            }
            shown.push(d.rule);
            if let Some(doc) = docs.iter().find(|r| r.name == d.rule) {
                parts.push(format!("```text\n{}```", crate::docs::explain(doc)));
            }
        }
        (!parts.is_empty()).then(|| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: parts.join("\n\n"),
            }),
            range: None,
        })
    }

    fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let Some(open) = self.open.get(uri) else {
            return Vec::new();
        };
        let Some(Checked {
            source,
            findings,
            template,
            day_first,
        }) = &open.checked
        else {
            return Vec::new();
        };
        let positions = text::Positions::new(source, &open.text);
        // Whole lines: a cursor on a finding's line is asking about it.
        let lines = |line: u32| {
            let line = (line as usize).min(source.line_count().saturating_sub(1));
            source.line_range(line)
        };
        let range = lines(params.range.start.line).start..lines(params.range.end.line).end;
        let doc = Document::parse_with(source, template, *day_first);
        actions::fixes(&doc, findings, range)
            .into_iter()
            .map(|(finding, fix)| {
                let edits = fix
                    .edits
                    .iter()
                    .map(|edit| TextEdit {
                        range: positions.range(&edit.range),
                        new_text: edit.text.clone(),
                    })
                    .collect();
                let diagnostics = Some(vec![convert::to_lsp(&findings[finding], &positions)]);
                CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics,
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), edits)])),
                        ..Default::default()
                    }),
                    ..Default::default()
                })
            })
            .collect()
    }
}
