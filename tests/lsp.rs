//! `insight lsp` spoken to as an editor speaks to it: JSON-RPC messages
//! over the binary's stdin and stdout, on a copy of `tests/fixtures/lsp`
//! (three entries whose tags, people, sites and ideas the expected answers
//! are worked out from by hand). Each feature's answer is compared whole;
//! the diagnostics also with what `insight check` prints for the same text.

use crate::common::{TempDir, copy_dir, insight_at, manifest_dir};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

const TODAY: &str = "2026-11-22";
const PATIENCE: Duration = Duration::from_secs(30);

/// A running `insight lsp`, and what it has said that was not yet asked for.
pub struct Client {
    child: Child,
    stdin: ChildStdin,
    heard: Receiver<Value>,
    waiting: Vec<Value>,
    next_id: i64,
}

impl Client {
    /// `insight lsp` started in `cwd` and initialized with `root` as the
    /// editor's folder.
    pub fn start(cwd: &Path, root: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_insight"))
            .current_dir(cwd)
            .env_clear()
            .args(["--today", TODAY, "lsp"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start insight lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, heard) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if send.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            heard,
            waiting: Vec::new(),
            next_id: 1,
        };
        let root_uri = uri(root);
        let answer = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": root_uri, "capabilities": {} }),
        );
        assert!(
            answer["capabilities"]["hoverProvider"] == json!(true),
            "{answer}"
        );
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The result of a request, or its error as `{"error": …}`.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let answer = self.wait_for(|m| m["id"] == json!(id));
        match answer.get("error") {
            Some(error) => json!({ "error": error }),
            None => answer["result"].clone(),
        }
    }

    /// The next message that `wanted` accepts, keeping the others.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.waiting.iter().position(&wanted) {
            return self.waiting.remove(at);
        }
        loop {
            let message = self
                .heard
                .recv_timeout(PATIENCE)
                .expect("insight lsp answered in time");
            if wanted(&message) {
                return message;
            }
            self.waiting.push(message);
        }
    }

    /// The diagnostics published next for `uri`.
    pub fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let published = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        published["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        let document = json!({ "uri": uri, "languageId": "markdown", "version": 1, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": document }));
    }

    pub fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "text": text }],
            }),
        );
    }

    /// A request about a position of a document.
    pub fn at(&mut self, method: &str, uri: &str, line: u32, character: u32) -> Value {
        let mut params = json!({
            "textDocument": { "uri": uri },
            "position": { "line": line, "character": character },
        });
        if method == "textDocument/references" {
            params["context"] = json!({ "includeDeclaration": true });
        }
        self.request(method, params)
    }

    /// Shuts the server down as an editor does; it must exit with 0.
    pub fn stop(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "{status}");
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display()).replace(' ', "%20")
}

/// A copy of the fixture journal, with its folder's links resolved.
pub fn journal() -> (TempDir, PathBuf) {
    let dir = TempDir::new("lsp");
    copy_dir(&manifest_dir().join("tests/fixtures/lsp"), dir.path());
    let root = dir.path().canonicalize().unwrap();
    (dir, root)
}

/// `text` with the edits of a workspace edit for `uri` applied.
fn apply(text: &str, edit: &Value, uri: &str) -> String {
    let mut edits = edit["changes"][uri].as_array().cloned().unwrap_or_default();
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
        start + character as usize
    };
    edits.sort_by_key(|e| std::cmp::Reverse(offset(&e["range"]["start"])));
    let mut out = text.to_string();
    for e in edits {
        let range = offset(&e["range"]["start"])..offset(&e["range"]["end"]);
        out.replace_range(range, e["newText"].as_str().unwrap());
    }
    out
}

const NEW: &str = "visits/2026/2026-04-01-store-9.md";

const MISTAKES: &str = "\
---
date: 2026-04-01
kind: frontline
site: Store 9
people: Ann Berg, Bob Okafor
tags: [moble, pricing]
ideas:
  - id: scan-and-go
  - Queue display on the door
  - id: scan-n-go
---
# Store 9
";

/// (line, character, severity, code, message) of each diagnostic.
fn summary(found: &[Value]) -> Vec<(u64, u64, u64, String, String)> {
    found
        .iter()
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["character"].as_u64().unwrap(),
                d["severity"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn diagnostics_follow_the_unsaved_text_as_check_reports_it() {
    let (_dir, root) = journal();
    let mut client = Client::start(&root, &root);
    let uri = uri(&root.join(NEW));
    client.open(
        &uri,
        &MISTAKES.replace("kind: frontline", "kind: frontlien"),
    );
    // An entry with an error shows its warnings that need no valid entry, as
    // `insight check` does.
    assert_eq!(
        summary(&client.diagnostics(&uri)),
        [
            (2, 0, 1, "kind".into(), "`kind`: `frontlien` is not a kind of this journal\nhint: did you mean `frontline`? The kinds are frontline, peer, immersion, research, sales".into()),
            (4, 0, 2, "comma-in-text".into(), "`Ann Berg, Bob Okafor` is one person, not a list\nhint: for several, write a list: `people: [Ann Berg, Bob Okafor]`".into()),
        ]
    );
    // The kind mended: the entry's other problems, and the journal-wide ones.
    client.change(&uri, 2, MISTAKES);
    let found = client.diagnostics(&uri);
    assert_eq!(
        summary(&found),
        [
            (5, 7, 2, "unknown-tag".into(), "tag `moble` is not in the journal's tag list\nhint: did you mean `mobile`?".into()),
            (4, 0, 2, "comma-in-text".into(), "`Ann Berg, Bob Okafor` is one person, not a list\nhint: for several, write a list: `people: [Ann Berg, Bob Okafor]`".into()),
            (5, 7, 2, "look-alike-tag".into(), "tag `moble` looks like `mobile` (in 2 entries)\nhint: if they are the same, run `insight tags rename moble mobile`".into()),
            (9, 0, 1, "idea-without-title".into(), "idea `scan-n-go` has no title here or in any other entry\nhint: add `title:` to this mention (or to the one that raised `scan-n-go`), or check the id's spelling".into()),
        ]
    );
    let ends: Vec<(u64, u64)> = found
        .iter()
        .map(|d| {
            (
                d["range"]["end"]["line"].as_u64().unwrap(),
                d["range"]["end"]["character"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(ends, [(5, 12), (4, 28), (5, 12), (9, 17)]);
    // What `insight check` prints for the same text, saved.
    std::fs::write(root.join(NEW), MISTAKES).unwrap();
    let run = insight_at(&root, &["check", NEW, "--format", "json"]);
    let checked: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    let mut from_check: Vec<(u64, u64, String)> = checked
        .iter()
        .map(|d| {
            let message = format!(
                "{}\nhint: {}",
                d["message"].as_str().unwrap(),
                d["hint"].as_str().unwrap()
            );
            (
                d["line"].as_u64().unwrap() - 1,
                d["column"].as_u64().unwrap() - 1,
                message,
            )
        })
        .collect();
    let mut from_lsp: Vec<(u64, u64, String)> = summary(&found)
        .into_iter()
        .map(|(l, c, _, _, m)| (l, c, m))
        .collect();
    from_check.sort();
    from_lsp.sort();
    assert_eq!(from_lsp, from_check);
    // Mended, the list is emptied.
    let mended = MISTAKES
        .replace(
            "people: Ann Berg, Bob Okafor",
            "people: [Ann Berg, Bob Okafor]",
        )
        .replace("moble", "mobile")
        .replace("scan-n-go", "scan-and-go");
    client.change(&uri, 3, &mended);
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new());
    // Closed, its diagnostics are cleared.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new());
    client.stop();
}

#[test]
fn a_saved_file_is_weighed_again_with_the_journal() {
    let (_dir, root) = journal();
    let mut client = Client::start(&root, &root);
    let uri = uri(&root.join(NEW));
    let text = MISTAKES
        .replace("people: Ann Berg, Bob Okafor", "people: [Ann Berg]")
        .replace("  - id: scan-n-go\n", "");
    client.open(&uri, &text);
    let codes = |found: Vec<Value>| -> Vec<String> {
        found
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        codes(client.diagnostics(&uri)),
        ["unknown-tag", "look-alike-tag"]
    );
    // Two more entries say `moble`: saved, it is the common one.
    for n in 1..=2 {
        let other = root.join(format!("visits/2026/2026-05-0{n}-x.md"));
        std::fs::write(
            &other,
            "---\ndate: 2026-05-01\nkind: peer\nsite: X\ntags: [moble]\n---\n",
        )
        .unwrap();
    }
    let saved = root.join("visits/2026/2026-05-01-x.md");
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": self::uri(&saved) } }),
    );
    assert_eq!(codes(client.diagnostics(&uri)), ["unknown-tag"]);
    client.stop();
}

/// The labels of a completion list, with their details.
fn labels(list: &Value) -> Vec<(String, String)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|item| {
            (
                item["label"].as_str().unwrap().to_string(),
                item["detail"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn completion_offers_keys_and_the_journals_values() {
    let (_dir, root) = journal();
    let mut client = Client::start(&root, &root);
    let uri = uri(&root.join(NEW));
    let text = "---\ndate: 2026-04-01\nkind: \nsite: \npeople: [\ntags: [pricing, \n\nideas:\n  - id: \n    status: \n    \n---\n";
    client.open(&uri, text);
    let kinds = client.at("textDocument/completion", &uri, 2, 6);
    assert_eq!(
        labels(&kinds),
        pairs(&[
            ("frontline", ""),
            ("peer", ""),
            ("immersion", ""),
            ("research", ""),
            ("sales", "")
        ])
    );
    assert_eq!(
        kinds[0]["textEdit"],
        json!({ "range": { "start": { "line": 2, "character": 6 }, "end": { "line": 2, "character": 6 } }, "newText": "frontline" })
    );
    let sites = client.at("textDocument/completion", &uri, 3, 6);
    assert_eq!(
        labels(&sites),
        pairs(&[
            ("HQ", "1 entry"),
            ("Store 12", "1 entry"),
            ("Store 7", "1 entry")
        ])
    );
    let people = client.at("textDocument/completion", &uri, 4, 9);
    assert_eq!(
        labels(&people),
        pairs(&[("Ann Berg", "2 entries"), ("Bob Okafor", "2 entries")])
    );
    let tags = client.at("textDocument/completion", &uri, 5, 16);
    assert_eq!(
        labels(&tags),
        pairs(&[
            ("mobile", "3 entries"),
            ("checkout", "1 entry"),
            ("mobile/app", "1 entry"),
            ("pricing", "1 entry")
        ])
    );
    let keys = client.at("textDocument/completion", &uri, 6, 0);
    assert_eq!(
        labels(&keys)
            .iter()
            .map(|(l, _)| l.as_str())
            .collect::<Vec<_>>(),
        ["role", "customers", "hours", "title", "private"]
    );
    assert_eq!(keys[0]["textEdit"]["newText"], "role: ");
    let ids = client.at("textDocument/completion", &uri, 8, 8);
    assert_eq!(
        labels(&ids),
        pairs(&[
            ("queue-display", "Queue display on the door (new)"),
            ("scan-and-go", "Scan and go in the mobile app (planned)"),
        ])
    );
    let statuses = client.at("textDocument/completion", &uri, 9, 12);
    assert_eq!(
        labels(&statuses)
            .iter()
            .map(|(l, _)| l.as_str())
            .collect::<Vec<_>>(),
        [
            "new",
            "exploring",
            "planned",
            "building",
            "shipped",
            "dropped"
        ]
    );
    let idea_keys = client.at("textDocument/completion", &uri, 10, 4);
    assert_eq!(
        labels(&idea_keys)
            .iter()
            .map(|(l, _)| l.as_str())
            .collect::<Vec<_>>(),
        ["title", "id", "status", "tags", "owner"]
    );
    // In the body, nothing.
    assert_eq!(client.at("textDocument/completion", &uri, 12, 0), json!([]));
    client.stop();
}

#[test]
fn completion_offers_placeholders_in_templates() {
    let (_dir, root) = journal();
    let mut client = Client::start(&root, &root);
    let uri = uri(&root.join("templates/visit.md"));
    client.open(&uri, "---\nkind: frontline\n---\n# {{\n");
    let found = client.at("textDocument/completion", &uri, 3, 4);
    assert_eq!(
        labels(&found)
            .iter()
            .map(|(l, _)| l.as_str())
            .collect::<Vec<_>>(),
        ["{{title}}", "{{site}}", "{{date}}", "{{quotes}}"]
    );
    assert_eq!(
        found[0]["textEdit"]["range"]["start"],
        json!({ "line": 3, "character": 2 })
    );
    // A template is not an entry: no diagnostics.
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new());
    client.stop();
}

const MENTIONS: &str = "\
---
date: 2026-04-01
kind: frontline
site: Store 9
customers: 4
tags: [mobile]
ideas:
  - id: scan-and-go
    status: building
---
";

#[test]
fn hover_tells_an_ideas_story_and_a_tags_count() {
    let (_dir, root) = journal();
    let mut client = Client::start(&root, &root);
    let uri = uri(&root.join(NEW));
    client.open(&uri, MENTIONS);
    let hover = client.at("textDocument/hover", &uri, 7, 12);
    assert_eq!(
        hover["contents"],
        json!({
            "kind": "markdown",
            "value": "# Scan and go in the mobile app\n\n- **id**: scan-and-go\n- **status**: building since 2026-04-01\n- **owner**: Bob Okafor\n- **reach**: 4 mentions, 4 sites, 19 customers in those entries\n"
        })
    );
    assert_eq!(
        hover["range"],
        json!({ "start": { "line": 7, "character": 8 }, "end": { "line": 7, "character": 19 } })
    );
    let tag = client.at("textDocument/hover", &uri, 5, 8);
    assert_eq!(tag["contents"]["value"], "tag `mobile`: in 4 entries");
    assert_eq!(client.at("textDocument/hover", &uri, 2, 8), Value::Null);
    client.stop();
}

#[test]
fn definition_and_references_of_an_idea() {
    let (_dir, root) = journal();
    let mut client = Client::start(&root, &root);
    let uri_new = uri(&root.join(NEW));
    client.open(&uri_new, MENTIONS);
    let at = |line: u32, from: u32, to: u32, file: &str| {
        json!({
            "uri": uri(&root.join(file)),
            "range": { "start": { "line": line, "character": from }, "end": { "line": line, "character": to } },
        })
    };
    let first = "visits/2026/2026-01-10-store-12.md";
    assert_eq!(
        client.at("textDocument/definition", &uri_new, 7, 10),
        at(8, 8, 19, first)
    );
    assert_eq!(
        client.at("textDocument/references", &uri_new, 7, 10),
        json!([
            at(8, 8, 19, first),
            at(8, 8, 19, "visits/2026/2026-02-20-store-7.md"),
            at(7, 8, 19, "visits/2026/2026-03-05-hq.md"),
            at(7, 8, 19, NEW),
        ])
    );
    // The title-only mention joins `queue-display`: its definition is that mention.
    let store_7 = uri(&root.join("visits/2026/2026-02-20-store-7.md"));
    let text = std::fs::read_to_string(root.join("visits/2026/2026-02-20-store-7.md")).unwrap();
    client.open(&store_7, &text);
    assert_eq!(
        client.at("textDocument/definition", &store_7, 10, 10),
        at(12, 0, 0, first)
    );
    client.stop();
}

/// The code actions offered for lines `from` to `to` of `text`, each as
/// its title and the text it makes.
fn actions(
    client: &mut Client,
    uri: &str,
    text: &str,
    from: u32,
    to: u32,
) -> Vec<(String, String)> {
    let found = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": from, "character": 0 }, "end": { "line": to, "character": 0 } },
            "context": { "diagnostics": [] },
        }),
    );
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["title"].as_str().unwrap().to_string(),
                apply(text, &a["edit"], uri),
            )
        })
        .collect()
}

#[test]
fn code_actions_apply_the_did_you_means() {
    let (_dir, root) = journal();
    let mut client = Client::start(&root, &root);
    let uri = uri(&root.join(NEW));
    let text = MISTAKES.replace("kind: frontline", "kind: frontlien");
    client.open(&uri, &text);
    assert_eq!(
        actions(&mut client, &uri, &text, 2, 2),
        [(
            "Change `frontlien` to `frontline`".to_string(),
            MISTAKES.to_string()
        )]
    );
    client.change(&uri, 2, MISTAKES);
    assert_eq!(
        actions(&mut client, &uri, MISTAKES, 4, 4),
        [(
            "Write `people` as a list".to_string(),
            MISTAKES.replace(
                "people: Ann Berg, Bob Okafor",
                "people: [Ann Berg, Bob Okafor]"
            )
        )]
    );
    let fixed_tag = MISTAKES.replace("moble", "mobile");
    assert_eq!(
        actions(&mut client, &uri, MISTAKES, 5, 5),
        [("Change `moble` to `mobile`".to_string(), fixed_tag)]
    );
    assert_eq!(
        actions(&mut client, &uri, MISTAKES, 9, 9),
        [(
            "Change `scan-n-go` to `scan-and-go`".to_string(),
            MISTAKES.replace("id: scan-n-go", "id: scan-and-go")
        )]
    );
    assert_eq!(
        actions(&mut client, &uri, MISTAKES, 8, 8),
        [(
            "Give this idea the id `queue-display`, of the idea with the same title".to_string(),
            MISTAKES.replace(
                "  - Queue display on the door\n",
                "  - id: queue-display\n    title: Queue display on the door\n"
            )
        )]
    );
    let key = "---\ndate: 2026-04-01\nkind: peer\nsite: X\ntag: x\n---\n";
    client.change(&uri, 3, key);
    assert_eq!(
        actions(&mut client, &uri, key, 4, 4),
        [(
            "Change `tag` to `tags`".to_string(),
            key.replace("tag:", "tags:")
        )]
    );
    let status = "---\ndate: 2026-04-01\nkind: peer\nsite: X\nideas:\n  - { title: X, status: shiped }\n---\n";
    client.change(&uri, 4, status);
    assert_eq!(
        actions(&mut client, &uri, status, 4, 4),
        [(
            "Change `shiped` to `shipped`".to_string(),
            status.replace("shiped", "shipped")
        )]
    );
    client.stop();
}

#[test]
fn files_outside_a_journal_get_nothing() {
    let (_dir, root) = journal();
    let elsewhere = TempDir::new("elsewhere");
    let mut client = Client::start(&root, &root);
    let uri = uri(&elsewhere.path().join("notes.md"));
    client.open(&uri, "---\nkind: frontlien\n---\n");
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new());
    assert_eq!(
        client.at("textDocument/completion", &uri, 1, 7),
        Value::Null
    );
    assert_eq!(client.at("textDocument/hover", &uri, 1, 7), Value::Null);
    assert!(
        client
            .request("textDocument/formatting", json!({}))
            .get("error")
            .is_some()
    );
    client.stop();
}

#[test]
fn a_merge_left_with_conflict_markers_is_named_as_check_names_it() {
    let (_dir, root) = journal();
    let mut client = Client::start(&root, &root);
    let uri = uri(&root.join(NEW));
    let merged = "---\ndate: 2026-04-01\nkind: peer\nsite: Store 9\nideas:\n\
        <<<<<<< HEAD\n  - {id: lift, title: A lift, status: dropped}\n=======\n  \
        - {id: lift, title: A lift, status: planned}\n>>>>>>> ann\n---\n";
    client.open(&uri, merged);
    assert_eq!(
        summary(&client.diagnostics(&uri)),
        [(
            5,
            0,
            1,
            "merge-conflict".into(),
            "an unresolved merge conflict (lines 6-10): status: dropped on HEAD, planned on ann: keep one\n\
             hint: keep what is meant between `<<<<<<<` and `>>>>>>>`, and remove the three marker lines"
                .into()
        )]
    );
    client.stop();
}
