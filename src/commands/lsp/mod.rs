//! `insight lsp`: a language server for the journal's entries, over stdin
//! and stdout. One loop over the editor's messages, one handler per
//! request, as rust-analyzer's `lsp-server` has it (synchronous, no async
//! runtime); every answer comes from `check::assist`. This module only
//! speaks the protocol.
//!
//! A file's journal is found as every command finds it (`--journal`, else
//! upwards from the file's folder) and read once, from the index in
//! `.insight/`; it is read again when a file of it is saved.

mod convert;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, GotoDefinition, HoverRequest, References, Request as _,
};
use lsp_types::{
    CodeActionOptions, CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability,
    CompletionOptions, CompletionParams, CompletionResponse, GotoDefinitionParams,
    GotoDefinitionResponse, Hover, HoverContents, HoverParams, HoverProviderCapability,
    MarkupContent, MarkupKind, OneOf, PublishDiagnosticsParams, ReferenceParams,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::context::Context;
use super::output::Done;
use crate::check::assist::known::{Known, Place};
use crate::check::assist::{complete, diagnose, fix, hover, navigate};
use crate::error::{Error, Result};
use crate::read::find::Location;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Talk over stdin and stdout (always so; accepted because some editors pass it)
    #[arg(long)]
    pub stdio: bool,
}

/// Serves one editor until it says `exit`.
pub fn run(context: &Context, _args: Args) -> Result<Done> {
    let (connection, io_threads) = Connection::stdio();
    let capabilities = serde_json::to_value(capabilities())
        .map_err(|e| Error::internal(format!("the server's capabilities: {e}")))?;
    let params = connection
        .initialize(capabilities)
        .map_err(|e| Error::new(format!("the editor did not start a session: {e}")))?;
    let mut server = Server {
        context,
        journals: Vec::new(),
        documents: HashMap::new(),
    };
    if let Some(folder) = workspace_folder(&params) {
        server.journal_of(&folder);
    } else if !context.journal.is_empty() {
        server.journal_of(&context.cwd);
    }
    server.serve(&connection)?;
    drop(connection);
    io_threads
        .join()
        .map_err(|e| Error::new(format!("the connection to the editor broke: {e}")))?;
    Ok(Done::text(String::new()))
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some([":", " ", "[", ",", "-", "{"].map(String::from).to_vec()),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![lsp_types::CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// The folder the editor opened, from `initialize`'s parameters.
fn workspace_folder(params: &serde_json::Value) -> Option<PathBuf> {
    let uri = params["workspaceFolders"][0]["uri"]
        .as_str()
        .or_else(|| params["rootUri"].as_str())?;
    convert::path_of(&uri.parse().ok()?)
}

struct Server<'c> {
    context: &'c Context,
    /// Each journal read so far.
    journals: Vec<Known>,
    documents: HashMap<Uri, Document>,
}

/// A file the editor has open, as it holds it.
struct Document {
    text: String,
    /// Its journal, and its place there; `None` outside any journal.
    journal: Option<(usize, Place)>,
}

impl Server<'_> {
    fn serve(&mut self, connection: &Connection) -> Result<()> {
        let broken = |e: &dyn std::fmt::Display| {
            Error::new(format!("the connection to the editor broke: {e}"))
        };
        for message in &connection.receiver {
            match message {
                Message::Request(request) => {
                    if connection
                        .handle_shutdown(&request)
                        .map_err(|e| broken(&e))?
                    {
                        return Ok(());
                    }
                    let response = self.answer(request);
                    connection
                        .sender
                        .send(response.into())
                        .map_err(|e| broken(&e))?;
                }
                Message::Notification(notification) => {
                    for published in self.hear(notification) {
                        connection
                            .sender
                            .send(published.into())
                            .map_err(|e| broken(&e))?;
                    }
                }
                Message::Response(_) => {}
            }
        }
        Ok(())
    }

    /// The answer to a request; an answer of nothing when the file is not
    /// an entry of a journal.
    fn answer(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let answered =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.dispatch(request)));
        match answered {
            Ok(Ok(result)) => Response::new_ok(id, result),
            Ok(Err(response)) => response,
            Err(_) => {
                // What a journal held may be half-changed: read it again.
                self.journals.clear();
                for document in self.documents.values_mut() {
                    document.journal = None;
                }
                let message = "insight failed on this request; please report it".to_string();
                Response::new_err(id, ErrorCode::InternalError as i32, message)
            }
        }
    }

    fn dispatch(&mut self, request: Request) -> std::result::Result<serde_json::Value, Response> {
        let id = request.id.clone();
        let json = |value: serde_json::Value| Ok(value);
        match request.method.as_str() {
            Completion::METHOD => {
                let params: CompletionParams = params(&id, request)?;
                let at = &params.text_document_position;
                json(self.complete(&at.text_document.uri, at.position))
            }
            HoverRequest::METHOD => {
                let params: HoverParams = params(&id, request)?;
                let at = &params.text_document_position_params;
                json(self.hover(&at.text_document.uri, at.position))
            }
            GotoDefinition::METHOD => {
                let params: GotoDefinitionParams = params(&id, request)?;
                let at = &params.text_document_position_params;
                json(self.definition(&at.text_document.uri, at.position))
            }
            References::METHOD => {
                let params: ReferenceParams = params(&id, request)?;
                let at = &params.text_document_position;
                let with_first = params.context.include_declaration;
                json(self.references(&at.text_document.uri, at.position, with_first))
            }
            CodeActionRequest::METHOD => {
                let params: CodeActionParams = params(&id, request)?;
                json(self.code_actions(&params))
            }
            other => Err(Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("insight lsp does not answer `{other}`"),
            )),
        }
    }

    /// What a notification changes, and the diagnostics to publish for it.
    fn hear(&mut self, notification: Notification) -> Vec<Notification> {
        let method = notification.method.clone();
        match method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(params) = notification
                    .extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                else {
                    return Vec::new();
                };
                let document = params.text_document;
                self.open(document.uri.clone(), document.text);
                self.publish(&document.uri).into_iter().collect()
            }
            DidChangeTextDocument::METHOD => {
                let Ok(params) = notification.extract::<lsp_types::DidChangeTextDocumentParams>(
                    DidChangeTextDocument::METHOD,
                ) else {
                    return Vec::new();
                };
                let uri = params.text_document.uri;
                // Whole texts only (the sync this server asked for).
                if let (Some(change), Some(document)) = (
                    params.content_changes.into_iter().last(),
                    self.documents.get_mut(&uri),
                ) {
                    document.text = change.text;
                }
                self.publish(&uri).into_iter().collect()
            }
            DidCloseTextDocument::METHOD => {
                let Ok(params) = notification
                    .extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                else {
                    return Vec::new();
                };
                let uri = params.text_document.uri;
                self.documents.remove(&uri);
                vec![diagnostics(uri, Vec::new())]
            }
            DidSaveTextDocument::METHOD => {
                let Ok(params) = notification
                    .extract::<lsp_types::DidSaveTextDocumentParams>(DidSaveTextDocument::METHOD)
                else {
                    return Vec::new();
                };
                let files: Vec<PathBuf> = convert::path_of(&params.text_document.uri)
                    .into_iter()
                    .collect();
                self.saved(&files)
            }
            DidChangeWatchedFiles::METHOD => {
                let Ok(params) = notification.extract::<lsp_types::DidChangeWatchedFilesParams>(
                    DidChangeWatchedFiles::METHOD,
                ) else {
                    return Vec::new();
                };
                let files: Vec<PathBuf> = params
                    .changes
                    .iter()
                    .filter_map(|change| convert::path_of(&change.uri))
                    .collect();
                self.saved(&files)
            }
            _ => Vec::new(),
        }
    }

    fn open(&mut self, uri: Uri, text: String) {
        let journal = convert::path_of(&uri).and_then(|file| {
            let number = self.journal_of(file.parent()?)?;
            let place = self.journals[number].place(&file)?;
            Some((number, place))
        });
        self.documents.insert(uri, Document { text, journal });
    }

    /// The journal that holds `folder`, read now if it was not yet.
    fn journal_of(&mut self, folder: &Path) -> Option<usize> {
        let location = Location::find(&self.context.journal, folder).ok()?;
        let root = location.root.canonicalize().ok()?;
        let known = self
            .journals
            .iter()
            .position(|k| k.location.root.canonicalize().ok().as_ref() == Some(&root));
        if known.is_some() {
            return known;
        }
        let today = self.context.today;
        self.journals
            .push(Known::load(location, today, self.context.cache));
        Some(self.journals.len() - 1)
    }

    /// After files changed on disk: their journals read again, and the
    /// diagnostics of every open file of those journals.
    fn saved(&mut self, files: &[PathBuf]) -> Vec<Notification> {
        let mut changed = Vec::new();
        for document in self.documents.values() {
            let Some((number, _)) = &document.journal else {
                continue;
            };
            let known = &self.journals[*number];
            let touched = files.iter().any(|file| known.place(file).is_some());
            if touched && !changed.contains(number) {
                changed.push(*number);
            }
        }
        for &number in &changed {
            let old = &self.journals[number];
            // Settings may have changed: the journal is found again.
            let location = Location::find(&self.context.journal, &old.location.root)
                .unwrap_or_else(|_| old.location.clone());
            let today = self.context.today;
            self.journals[number] = Known::load(location, today, self.context.cache);
        }
        let open: Vec<Uri> = self
            .documents
            .iter()
            .filter(|(_, d)| d.journal.as_ref().is_some_and(|(n, _)| changed.contains(n)))
            .map(|(uri, _)| uri.clone())
            .collect();
        open.iter().filter_map(|uri| self.publish(uri)).collect()
    }

    /// The diagnostics of an open file, as a notification to send.
    fn publish(&self, uri: &Uri) -> Option<Notification> {
        let document = self.documents.get(uri)?;
        let found = match &document.journal {
            Some((number, place)) => {
                let text = &document.text;
                diagnose::diagnose(&self.journals[*number], place, text)
                    .iter()
                    .map(|d| convert::diagnostic(text, d))
                    .collect()
            }
            None => Vec::new(),
        };
        Some(diagnostics(uri.clone(), found))
    }

    /// An open file with its journal: its text, its place, the journal.
    fn document(&mut self, uri: &Uri) -> Option<(&str, &Place, &mut Known)> {
        let document = self.documents.get(uri)?;
        let (number, place) = document.journal.as_ref()?;
        Some((&document.text, place, &mut self.journals[*number]))
    }

    fn complete(&mut self, uri: &Uri, at: lsp_types::Position) -> serde_json::Value {
        let Some((text, place, known)) = self.document(uri) else {
            return serde_json::Value::Null;
        };
        let offset = convert::offset(text, at);
        let items: Vec<_> = complete::complete(known, place, text, offset)
            .into_iter()
            .enumerate()
            .map(|(n, item)| convert::completion(text, n, item))
            .collect();
        to_json(CompletionResponse::Array(items))
    }

    fn hover(&mut self, uri: &Uri, at: lsp_types::Position) -> serde_json::Value {
        let Some((text, place, known)) = self.document(uri) else {
            return serde_json::Value::Null;
        };
        let offset = convert::offset(text, at);
        match hover::hover(known, place, text, offset) {
            Some(found) => to_json(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: found.text,
                }),
                range: Some(convert::range(text, found.range)),
            }),
            None => serde_json::Value::Null,
        }
    }

    fn definition(&mut self, uri: &Uri, at: lsp_types::Position) -> serde_json::Value {
        let Some((text, place, known)) = self.document(uri) else {
            return serde_json::Value::Null;
        };
        let offset = convert::offset(text, at);
        match navigate::definition(known, place, text, offset).and_then(|t| convert::location(&t)) {
            Some(location) => to_json(GotoDefinitionResponse::Scalar(location)),
            None => serde_json::Value::Null,
        }
    }

    fn references(
        &mut self,
        uri: &Uri,
        at: lsp_types::Position,
        with_first: bool,
    ) -> serde_json::Value {
        let Some((text, place, known)) = self.document(uri) else {
            return serde_json::Value::Null;
        };
        let offset = convert::offset(text, at);
        let found = navigate::references(known, place, text, offset);
        let skip = usize::from(!with_first);
        let locations: Vec<_> = found
            .iter()
            .skip(skip)
            .filter_map(convert::location)
            .collect();
        to_json(locations)
    }

    fn code_actions(&mut self, params: &CodeActionParams) -> serde_json::Value {
        let uri = &params.text_document.uri;
        let Some((text, place, known)) = self.document(uri) else {
            return serde_json::Value::Null;
        };
        // The lines asked about, 1-based: a fix is offered anywhere on its line.
        let lines = (
            params.range.start.line as usize + 1,
            params.range.end.line as usize + 1,
        );
        let found: Vec<_> = diagnose::diagnose(known, place, text)
            .into_iter()
            .filter(|d| lines.0 <= d.line && d.line <= lines.1)
            .collect();
        let actions: Vec<CodeActionOrCommand> = fix::fixes(known, place, text, &found, lines)
            .into_iter()
            .map(|f| CodeActionOrCommand::CodeAction(convert::code_action(uri, text, f)))
            .collect();
        to_json(actions)
    }
}

fn diagnostics(uri: Uri, found: Vec<lsp_types::Diagnostic>) -> Notification {
    let params = PublishDiagnosticsParams::new(uri, found, None);
    Notification::new(PublishDiagnostics::METHOD.to_string(), params)
}

fn params<P: serde::de::DeserializeOwned>(
    id: &RequestId,
    request: Request,
) -> std::result::Result<P, Response> {
    serde_json::from_value(request.params).map_err(|e| {
        Response::new_err(
            id.clone(),
            ErrorCode::InvalidParams as i32,
            format!("unexpected parameters: {e}"),
        )
    })
}

fn to_json(value: impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}
