//! How long `insight lsp` takes to answer, as an editor sees it: the time
//! from sending a message over stdin to reading its answer from stdout,
//! on a journal of any size (docs/speed.md).
//!
//!     cargo build --release
//!     cargo run --release --example gen_journal -- /tmp/journal-10k 10000
//!     cargo run --release --example lsp_speed -- /tmp/journal-10k [ROUNDS]
//!
//! It opens the journal's middle entry, then each round changes it (a tag
//! that looks like another, on and off) and waits for its diagnostics,
//! and asks for tags at its `tags:` list, the hover and the definition of
//! its first idea id, that id's references, and the fixes on its tag line.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(root) = args.first().map(PathBuf::from) else {
        eprintln!("usage: lsp_speed JOURNAL [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(50);
    let root = root.canonicalize().expect("the journal's folder");
    let file = middle_entry(&root);
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/insight");
    let mut child = Command::new(&binary)
        .args(["--today", "2026-12-31", "lsp"])
        .current_dir(&root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run target/release/insight (cargo build --release first)");
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut id = 0;
    let mut send = |message: Value| {
        let body = message.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    };
    let mut wait = |wanted: &dyn Fn(&Value) -> bool| loop {
        let message = read(&mut stdout).expect("an answer");
        if wanted(&message) {
            return message;
        }
    };

    let started = Instant::now();
    id += 1;
    let root_uri = format!("file://{}", root.display());
    send(json!({"jsonrpc": "2.0", "id": id, "method": "initialize",
        "params": {"processId": null, "rootUri": root_uri, "capabilities": {}}}));
    wait(&|m| m["id"] == json!(id));
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    // Answered once the journal is read, as every message after `initialized` is.
    id += 1;
    send(
        json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}}}),
    );
    wait(&|m| m["id"] == json!(id));
    let loaded = started.elapsed();

    let uri = format!("file://{}", file.display());
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let tags_line = lines
        .iter()
        .position(|l| *l == "tags:")
        .expect("a tags: line")
        + 1;
    let id_line = lines
        .iter()
        .position(|l| l.starts_with("- id: "))
        .expect("an idea id");
    let with_typo = text.replacen("tags:\n", "tags:\n- moble\n", 1);

    let started = Instant::now();
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
        {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
    );
    let is_diagnostics = |m: &Value| m["method"] == "textDocument/publishDiagnostics";
    wait(&is_diagnostics);
    let opened = started.elapsed();

    let mut times: Vec<(&str, Vec<Duration>)> = [
        "diagnostics after a change",
        "completion (tags)",
        "hover (idea id)",
        "definition (idea id)",
        "references (idea id)",
        "code actions (tag line)",
    ]
    .map(|name| (name, Vec::new()))
    .to_vec();
    for round in 0..rounds {
        let changed = if round % 2 == 0 { &with_typo } else { &text };
        let started = Instant::now();
        send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": round + 2},
            "contentChanges": [{"text": changed}]}}),
        );
        wait(&is_diagnostics);
        times[0].1.push(started.elapsed());
        let at = |line: usize, character: usize| json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
        let mut references = at(id_line + usize::from(round % 2 == 0), 7);
        references["context"] = json!({"includeDeclaration": true});
        let code_action = json!({"textDocument": {"uri": uri},
            "range": {"start": {"line": tags_line, "character": 0}, "end": {"line": tags_line, "character": 0}},
            "context": {"diagnostics": []}});
        let asked = [
            ("textDocument/completion", at(tags_line, 2)),
            (
                "textDocument/hover",
                at(id_line + usize::from(round % 2 == 0), 7),
            ),
            (
                "textDocument/definition",
                at(id_line + usize::from(round % 2 == 0), 7),
            ),
            ("textDocument/references", references),
            ("textDocument/codeAction", code_action),
        ];
        for (number, (method, params)) in asked.into_iter().enumerate() {
            id += 1;
            let started = Instant::now();
            send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
            let answer = wait(&|m| m["id"] == json!(id));
            assert!(answer.get("error").is_none(), "{answer}");
            assert!(!answer["result"].is_null(), "{method}: {answer}");
            times[number + 1].1.push(started.elapsed());
        }
    }
    id += 1;
    send(json!({"jsonrpc": "2.0", "id": id, "method": "shutdown", "params": null}));
    wait(&|m| m["id"] == json!(id));
    send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    child.wait().unwrap();

    println!("journal: {} ({} rounds)", root.display(), rounds);
    println!(
        "start-up (initialize, the journal read): {:.1} ms",
        ms(loaded)
    );
    println!(
        "first diagnostics after opening an entry: {:.1} ms",
        ms(opened)
    );
    println!("{:<28} {:>8} {:>8} {:>8}", "answer", "median", "p95", "max");
    for (name, mut list) in times {
        list.sort();
        let at = |q: f64| list[((list.len() - 1) as f64 * q).round() as usize];
        println!(
            "{name:<28} {:>6.2}ms {:>6.2}ms {:>6.2}ms",
            ms(at(0.5)),
            ms(at(0.95)),
            ms(list[list.len() - 1])
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The entry in the middle of the journal's files, by name.
fn middle_entry(root: &Path) -> PathBuf {
    let mut files = Vec::new();
    let mut folders = vec![root.join("visits")];
    while let Some(folder) = folders.pop() {
        for item in std::fs::read_dir(folder).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files.swap_remove(files.len() / 2)
}

fn read(reader: &mut impl BufRead) -> Option<Value> {
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
