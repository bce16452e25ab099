//! The language server, driven over an in-memory connection exactly as an editor drives it
//! over stdio: initialize, didOpen, didChange, didSave, hover, codeAction, shutdown, exit.
#![allow(clippy::unwrap_used, clippy::print_stderr)]

mod common;

use common::EDITOR_POSTMORTEM as POSTMORTEM;
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use postmortem_lint::document::Date;
use serde_json::{Value, json};
use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

struct Client {
    conn: Connection,
    server: Option<JoinHandle<()>>,
    next: i32,
}

impl Client {
    fn start() -> Client {
        let (server, conn) = Connection::memory();
        let as_of = Date::parse_iso("2026-11-27").unwrap();
        let handle = std::thread::spawn(move || {
            postmortem_lint::server::serve(&server, None, Some(as_of)).unwrap();
        });
        let mut client = Client {
            conn,
            server: Some(handle),
            next: 0,
        };
        let init = client.request("initialize", json!({"capabilities": {}}));
        assert_eq!(init["capabilities"]["hoverProvider"], json!(true), "{init}");
        assert_eq!(init["capabilities"]["codeActionProvider"], json!(true));
        client.notify("initialized", json!({}));
        client
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Message::Notification(Notification::new(
                method.into(),
                params,
            )))
            .unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.conn
            .sender
            .send(Message::Request(Request::new(
                id.clone(),
                method.into(),
                params,
            )))
            .unwrap();
        loop {
            match self.recv() {
                Message::Response(Response {
                    id: got,
                    result,
                    error,
                }) if got == id => {
                    assert!(error.is_none(), "{method}: {error:?}");
                    return result.unwrap_or(Value::Null);
                }
                _ => continue,
            }
        }
    }

    fn recv(&self) -> Message {
        self.conn
            .receiver
            .recv_timeout(Duration::from_secs(20))
            .expect("the server answers")
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&self, uri: &str) -> Vec<Value> {
        loop {
            if let Message::Notification(n) = self.recv()
                && n.method == "textDocument/publishDiagnostics"
                && n.params["uri"] == uri
            {
                return n.params["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    /// Diagnostics published for `uri` until `done` holds for them: for steps after which the
    /// server may publish more than once (a config written is also noticed on disk).
    fn diagnostics_until(&self, uri: &str, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        loop {
            let found = self.diagnostics(uri);
            if done(&found) {
                return found;
            }
        }
    }

    /// The whole text replaced and saved (checked at once), and the diagnostics it gets.
    fn save(&self, uri: &str, version: i32, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": text}]}),
        );
        self.notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": uri}}),
        );
        self.diagnostics(uri)
    }

    fn open(&self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    fn stop(mut self) {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap();
    }
}

/// A server with `text` open as `pm.md` in a new folder, its first diagnostics read.
fn opened(text: &str) -> (tempfile::TempDir, Client, String) {
    let dir = tempfile::tempdir().unwrap();
    let uri = uri_of(&dir.path().join("pm.md"));
    let client = Client::start();
    client.open(&uri, text);
    client.diagnostics(&uri);
    (dir, client, uri)
}

/// The URI an editor sends for a file (percent-encoded).
fn uri_of(path: &Path) -> String {
    lsp_types::Url::from_file_path(path).unwrap().to_string()
}

/// (line, column, rule, severity) of each diagnostic, 0-based as LSP counts.
fn summary(diagnostics: &[Value]) -> Vec<(u64, u64, String, u64)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["character"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_owned(),
                d["severity"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn owned(rows: &[(u64, u64, &str, u64)]) -> Vec<(u64, u64, String, u64)> {
    rows.iter()
        .map(|(l, c, r, s)| (*l, *c, (*r).to_owned(), *s))
        .collect()
}

#[test]
fn diagnostics_on_open_change_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2026-11-02-checkout.md");
    std::fs::write(&path, POSTMORTEM).unwrap();
    let uri = uri_of(&path);
    let client = Client::start();
    client.open(&uri, POSTMORTEM);
    let found = client.diagnostics(&uri);
    assert_eq!(
        summary(&found),
        owned(&[
            (0, 2, "missing-section", 1),
            (0, 2, "missing-trigger", 1),
            (13, 10, "be-more-careful", 1),
            (17, 0, "malformed-action-items", 1),
            (21, 2, "untracked-action-item", 1),
        ])
    );
    let careful = &found[2];
    assert_eq!(
        careful["message"],
        "\"be more careful\" asks people to try harder; it changes nothing in the system\nhelp: write a structural lesson: what made the slip easy, and which check, default or guard will catch it next time"
    );
    assert_eq!(
        careful["range"]["end"],
        json!({"line": 13, "character": 25})
    );
    assert_eq!(
        careful["codeDescription"]["href"],
        "https://github.com/postmortem-lint/postmortem-lint#be-more-careful"
    );
    assert_eq!(careful["source"], "postmortem-lint");

    // A keystroke that rewrites the lesson: after the debounce, the finding is gone.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{
            "range": {"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 51}},
            "text": "Pool-size changes could ship without a load test."
        }]}),
    );
    let after = client.diagnostics(&uri);
    assert!(
        !summary(&after).iter().any(|d| d.2 == "be-more-careful"),
        "{after:?}"
    );
    assert_eq!(after.len(), 4);

    // A suppression in the file, saved: it is honoured as `check` honours it.
    let suppressed = POSTMORTEM.replace(
        "We should be more careful",
        "<!-- postmortem-lint-disable-next-line be-more-careful -- quoted from the chat -->\nWe should be more careful",
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": suppressed}]}),
    );
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let saved = client.diagnostics(&uri);
    assert_eq!(saved.len(), 4, "{saved:?}");
    client.stop();
}

#[test]
fn hover_explains_the_rule_of_the_finding_under_the_cursor() {
    let (_dir, mut client, uri) = opened(POSTMORTEM);
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 13, "character": 15}}),
    );
    let rule = postmortem_lint::rules::find("be-more-careful")
        .unwrap()
        .doc();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert_eq!(
        hover["contents"]["value"],
        format!("```text\n{}```", postmortem_lint::docs::explain(rule))
    );
    // Nothing under the cursor: no hover.
    let none = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 9, "character": 3}}),
    );
    assert_eq!(none, Value::Null);
    client.stop();
}

/// The code actions offered at a line, by title, with their edits.
fn actions_at(client: &mut Client, uri: &str, line: u32) -> Vec<(String, Value)> {
    let result = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}},
               "context": {"diagnostics": []}}),
    );
    result
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["title"].as_str().unwrap().to_owned(),
                a["edit"]["changes"][uri].clone(),
            )
        })
        .collect()
}

fn edit(line: u32, character: u32, end_line: u32, end_character: u32, text: &str) -> Value {
    json!({"range": {"start": {"line": line, "character": character},
                     "end": {"line": end_line, "character": end_character}},
           "newText": text})
}

#[test]
fn code_actions_fix_what_can_be_fixed() {
    let (_dir, mut client, uri) = opened(POSTMORTEM);

    let lesson = actions_at(&mut client, &uri, 13);
    assert_eq!(
        lesson,
        vec![(
            "Suppress `be-more-careful` here (with a reason)".to_owned(),
            json!([edit(
                13,
                0,
                13,
                0,
                "<!-- postmortem-lint-disable-next-line be-more-careful -- reason: TODO explain why -->\n"
            )])
        )]
    );

    let title = actions_at(&mut client, &uri, 0);
    assert_eq!(
        title[0],
        (
            "Insert the missing sections: Impact, Timeline, Detection, Response, Contributing factors, What went well".to_owned(),
            json!([edit(11, 0, 11, 0, "## Impact\n\n## Timeline\n\n## Detection\n\n## Response\n\n## Contributing factors\n\n## What went well\n\n")])
        )
    );

    // On the table's header, where the finding is.
    let table = actions_at(&mut client, &uri, 17);
    assert_eq!(
        table[0],
        (
            "Add the missing columns to the table: Type, Status".to_owned(),
            json!([
                edit(17, 29, 17, 29, " Type | Status |"),
                edit(18, 29, 18, 29, " --- | --- |"),
                edit(19, 56, 19, 56, "   |   |"),
            ])
        )
    );

    let bullet = actions_at(&mut client, &uri, 21);
    let titles: Vec<&str> = bullet.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Add owner, due, type and status fields",
            "Move this item into the action-items table",
            "Suppress `untracked-action-item` here (with a reason)",
        ]
    );
    assert_eq!(
        bullet[0].1,
        json!([edit(
            21,
            44,
            21,
            44,
            " — owner: @TODO, due: YYYY-MM-DD, type: prevent|mitigate|detect, status: open"
        )])
    );
    assert_eq!(
        bullet[1].1,
        json!([
            edit(
                19,
                56,
                19,
                56,
                "\n|  | Add an alert on connection-pool saturation |  |  |"
            ),
            edit(21, 0, 22, 0, ""),
        ])
    );
    client.stop();
}

#[test]
fn files_check_would_not_check_get_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".postmortem-lint.toml"),
        "exclude = [\"drafts/**\"]\n",
    )
    .unwrap();
    let client = Client::start();
    for name in [
        "README.md",
        "postmortem-template.md",
        "drafts/2026-11-02-x.md",
    ] {
        let uri = uri_of(&dir.path().join(name));
        client.open(&uri, POSTMORTEM);
        assert_eq!(client.diagnostics(&uri), Vec::<Value>::new(), "{name}");
    }
    let checked = uri_of(&dir.path().join("2026-11-02-checkout.md"));
    client.open(&checked, POSTMORTEM);
    assert_eq!(client.diagnostics(&checked).len(), 5);
    client.stop();
}

#[test]
fn a_saved_config_rechecks_and_a_bad_one_is_shown_on_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(".postmortem-lint.toml");
    let config_uri = uri_of(&config);
    let uri = uri_of(&dir.path().join("pm.md"));
    let client = Client::start();
    client.open(&uri, POSTMORTEM);
    assert_eq!(client.diagnostics(&uri).len(), 5);

    std::fs::write(&config, "[rules.be-more-careful]\nseverity = \"off\"\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config_uri}}),
    );
    let relaxed = client.diagnostics_until(&uri, |d| d.len() == 4);
    assert!(
        !summary(&relaxed).iter().any(|d| d.2 == "be-more-careful"),
        "{relaxed:?}"
    );
    assert_eq!(relaxed.len(), 4);

    std::fs::write(&config, "[rules.be-more-carefull]\nseverity = \"off\"\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config_uri}}),
    );
    let on_config = client.diagnostics_until(&config_uri, |d| !d.is_empty());
    assert_eq!(on_config.len(), 1);
    assert_eq!(
        on_config[0]["range"]["start"],
        json!({"line": 0, "character": 7})
    );
    assert!(
        on_config[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("unknown rule"),
        "{on_config:?}"
    );
    client.diagnostics_until(&uri, <[Value]>::is_empty);

    // Fixed: the config's diagnostic is cleared and the document is checked again.
    std::fs::write(&config, "").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config_uri}}),
    );
    client.diagnostics_until(&config_uri, <[Value]>::is_empty);
    client.diagnostics_until(&uri, |d| d.len() == 5);
    client.stop();
}

#[test]
fn bad_input_never_crashes_the_server() {
    let (_dir, mut client, uri) = opened(POSTMORTEM);
    let huge = "| 1 | Load test | @dana | 2026-12-15 |\n".repeat(20_000);
    let changes = [
        // A half-typed table row and a half-typed heading.
        json!([{"range": {"start": {"line": 19, "character": 3}, "end": {"line": 19, "character": 3}}, "text": "| |"}]),
        json!([{"range": {"start": {"line": 7, "character": 0}, "end": {"line": 7, "character": 0}}, "text": "##"}]),
        // Positions past the end of a line and of the text, an inverted range.
        json!([{"range": {"start": {"line": 3, "character": 400}, "end": {"line": 900, "character": 0}}, "text": "x"}]),
        json!([{"range": {"start": {"line": 2, "character": 5}, "end": {"line": 1, "character": 0}}, "text": "y"}]),
        // Replacement characters where a file was not UTF-8, a NUL, an emoji split by a range.
        json!([{"text": "# P\n\n## Summary\n\nbad \u{FFFD}\u{FFFD} bytes \u{0} 😀 here\n"}]),
        json!([{"range": {"start": {"line": 4, "character": 23}, "end": {"line": 4, "character": 24}}, "text": ""}]),
        // A huge paste.
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": huge}]),
    ];
    for (version, change) in changes.into_iter().enumerate() {
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version + 2}, "contentChanges": change}),
        );
        client.diagnostics(&uri);
        for line in [0, 4, 19, 5000] {
            actions_at(&mut client, &uri, line);
            client.request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 2}}),
            );
        }
    }
    // Requests with nonsense parameters get an error reply, and the server goes on.
    client.next += 1;
    let id = RequestId::from(client.next);
    client
        .conn
        .sender
        .send(Message::Request(Request::new(
            id.clone(),
            "textDocument/hover".into(),
            json!({"nonsense": 1}),
        )))
        .unwrap();
    loop {
        if let Message::Response(r) = client.recv()
            && r.id == id
        {
            assert!(r.error.is_some());
            break;
        }
    }
    client.open("untitled:Untitled-1", "# scratch\n");
    client.stop();
}

#[test]
fn a_config_written_outside_the_editor_is_noticed() {
    // Editors send a Markdown server no notice of a TOML file: the server looks on disk.
    let dir = tempfile::tempdir().unwrap();
    let uri = uri_of(&dir.path().join("pm.md"));
    let client = Client::start();
    client.open(&uri, POSTMORTEM);
    assert_eq!(client.diagnostics(&uri).len(), 5);
    std::fs::write(
        dir.path().join(".postmortem-lint.toml"),
        "[rules.untracked-action-item]\nseverity = \"off\"\n",
    )
    .unwrap();
    let after = client.diagnostics_until(&uri, |d| d.len() != 5);
    assert_eq!(after.len(), 4, "{after:?}");
    assert!(
        !summary(&after)
            .iter()
            .any(|d| d.2 == "untracked-action-item")
    );
    client.stop();
}

#[test]
fn in_a_repository_the_findings_are_those_of_check_history_included() {
    let dir = tempfile::tempdir().unwrap();
    let repo = git2::Repository::init(dir.path()).unwrap();
    // Written on 2026-01-05: its open items are stale by the as-of date (stale-action-item
    // reads when each item was written from the repository's history).
    let text = common::clean_postmortem().replace(
        "## Lessons learned\n",
        "## Lessons learned\n\nDana Whitfield forgot to run the load test.\n",
    );
    let when = git2::Time::new(1_793_491_200 - 300 * 86_400, 0);
    let dana = git2::Signature::new("Dana Whitfield", "dana@example.com", &when).unwrap();
    common::commit(&repo, &[("pm/a.md", &text)], &dana, "postmortem");
    let out = common::run_in(
        dir.path(),
        &["check", "--format", "json", "--as-of", common::AS_OF, "pm"],
    );
    let checked: Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    let mut expected: Vec<(u64, String)> = checked["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap() - 1,
                d["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    expected.sort();
    assert!(
        expected.iter().any(|(_, r)| r == "stale-action-item")
            && expected.iter().any(|(_, r)| r == "blamed-person"),
        "{expected:?}"
    );

    let uri = uri_of(&dir.path().join("pm/a.md"));
    let client = Client::start();
    client.open(&uri, &text);
    let mut got: Vec<(u64, String)> = summary(&client.diagnostics(&uri))
        .into_iter()
        .map(|(line, _, rule, _)| (line, rule))
        .collect();
    got.sort();
    assert_eq!(got, expected);
    client.stop();
}

/// Applies an LSP edit list to `text` (positions in UTF-16 units), last edit first.
fn apply(text: &str, edits: &Value) -> String {
    let offset = |p: &Value| {
        let (line, character) = (
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
        );
        let start: usize = text
            .split_inclusive('\n')
            .take(line as usize)
            .map(str::len)
            .sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= character || c == '\n' {
                return start + i;
            }
            units += c.len_utf16() as u64;
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, &str)> = edits
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_owned();
    for (start, end, new) in edits {
        out.replace_range(start..end, new);
    }
    out
}

/// (line, rule) of each finding, sorted.
fn lines_rules(diagnostics: &[Value]) -> Vec<(u64, String)> {
    let mut out: Vec<(u64, String)> = summary(diagnostics)
        .into_iter()
        .map(|(line, _, rule, _)| (line, rule))
        .collect();
    out.sort();
    out
}

#[test]
fn real_postmortems_in_the_editor() {
    let Some(corpus) = common::corpus() else {
        common::cannot_run("../shared/corpus/real is not beside the clone");
        return;
    };
    let out = common::run(&[
        "check",
        "--format",
        "json",
        "--as-of",
        common::AS_OF,
        "--no-history",
        corpus.to_str().unwrap(),
    ]);
    let checked: Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    let mut by_file: std::collections::BTreeMap<String, Vec<(u64, String)>> = Default::default();
    for d in checked["diagnostics"].as_array().unwrap() {
        by_file
            .entry(d["path"].as_str().unwrap().to_owned())
            .or_default()
            .push((
                d["line"].as_u64().unwrap() - 1,
                d["rule"].as_str().unwrap().to_owned(),
            ));
    }
    let mut client = Client::start();
    let (mut files, mut fixes) = (0, 0);
    for entry in walkdir::WalkDir::new(&corpus).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let uri = uri_of(&path.canonicalize().unwrap());
        client.open(&uri, &text);
        let found = client.diagnostics(&uri);
        let shown = postmortem_lint::source::display_path(&path);
        let mut expected = by_file.remove(&shown).unwrap_or_default();
        expected.sort();
        assert_eq!(lines_rules(&found), expected, "{shown}");

        // Every fix offered on a finding's line does what it says once applied.
        let mut lines: Vec<u64> = expected.iter().map(|(l, _)| *l).collect();
        lines.dedup();
        let mut version = 1;
        for line in lines {
            for (title, edits) in actions_at(&mut client, &uri, line as u32) {
                version += 1;
                let after = lines_rules(&client.save(&uri, version, &apply(&text, &edits)));
                let count = |rule: &str, list: &[(u64, String)]| {
                    list.iter().filter(|(_, r)| r == rule).count()
                };
                let gone = |rule: &str| count(rule, &after) < count(rule, &expected);
                let ok = if title.starts_with("Insert the missing sections") {
                    count("missing-section", &after) == 0
                } else if title.starts_with("Add the missing columns") {
                    gone("malformed-action-items")
                } else if let Some(rule) = title
                    .strip_prefix("Suppress `")
                    .and_then(|t| t.split('`').next())
                {
                    gone(rule) && count("unused-suppression", &after) == 0
                } else if title.starts_with("Add owner, due") || title.starts_with("Move this item")
                {
                    gone("untracked-action-item")
                } else if title.starts_with("Replace `") || title.starts_with("Remove ") {
                    after.len() < expected.len()
                } else {
                    panic!("unknown fix {title}")
                };
                assert!(ok, "{shown}:{}: `{title}` left {after:?}", line + 1);
                fixes += 1;
                version += 1;
                client.save(&uri, version, &text);
            }
        }
        client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        client.diagnostics(&uri);
    }
    assert!(files >= 60, "{files} postmortems");
    eprintln!("{files} real postmortems, {fixes} fixes applied and checked");
    client.stop();
}
