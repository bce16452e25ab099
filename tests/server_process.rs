//! The language server as an editor starts it: the real binary over stdio pipes. After
//! `shutdown` and `exit` it exits with 0, after `exit` alone with 1 (as the protocol says),
//! and it does so with stdin still open, as editors leave it.
#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

fn send(stdin: &mut ChildStdin, message: Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

/// The next message the server writes whose `id` is `id`.
fn response(stdout: &mut BufReader<ChildStdout>, id: i64) -> Value {
    loop {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                stdout.read_line(&mut line).unwrap() > 0,
                "the server closed stdout"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        stdout.read_exact(&mut body).unwrap();
        let message: Value = serde_json::from_slice(&body).unwrap();
        if message["id"] == json!(id) {
            return message;
        }
    }
}

fn start() -> (Child, ChildStdin, BufReader<ChildStdout>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_postmortem-lint"))
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    let init = response(&mut stdout, 1);
    assert!(init["result"]["capabilities"].is_object(), "{init}");
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    (child, stdin, stdout)
}

/// Waits up to `limit` for the child to exit; its exit code, or `None` if it is still running
/// (then it is killed).
fn exit_within(child: &mut Child, limit: Duration) -> Option<i32> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().ok();
    child.wait().ok();
    None
}

#[test]
fn shutdown_then_exit_ends_the_process_with_0_while_stdin_stays_open() {
    let (mut child, mut stdin, mut stdout) = start();
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    let shutdown = response(&mut stdout, 2);
    assert_eq!(shutdown["result"], Value::Null, "{shutdown}");
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"}));
    // stdin is still open here: the server must not wait for it to close.
    assert_eq!(exit_within(&mut child, Duration::from_secs(1)), Some(0));
    drop(stdin);
}

#[test]
fn exit_without_shutdown_ends_the_process_with_1() {
    let (mut child, mut stdin, _stdout) = start();
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(exit_within(&mut child, Duration::from_secs(1)), Some(1));
    drop(stdin);
}
