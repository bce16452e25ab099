// The real `postmortem-lint server`, started with the very server options src/extension.js
// hands vscode-languageclient, spawned as vscode-languageclient spawns an `Executable` (no
// transport: `cp.spawn(command, args, options)`, messages over stdout/stdin with the same
// vscode-jsonrpc stream reader and writer), through initialize, a postmortem opened, its
// findings published, shutdown and exit. Still not a VS Code window: none can run here.
//
// The binary: PML_BIN (tests/vscode.rs sets it to cargo's), else ../../target/debug's.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const protocol = require('vscode-languageserver-protocol/node');
const { load } = require('./fake-vscode');

const built = path.join(__dirname, '..', '..', '..', 'target', 'debug', 'postmortem-lint');
const binary = process.env.PML_BIN || (fs.existsSync(built) ? built : undefined);
const ci = ['POSTMORTEM_LINT_CI', 'CI'].some((name) => process.env[name]);
if (!binary && ci) {
  throw new Error('roundtrip.test.js cannot run its point in CI: no binary (set PML_BIN or run cargo build)');
}

// The postmortem tests/neovim.rs opens, and the five findings Neovim receives for it.
const POSTMORTEM = `# Postmortem: checkout latency

- Owner: @dana
- Reviewers: @lee
- Status: review
- Date: 2026-11-02

## Summary

Checkout p99 latency rose to 9 s. Detected at 14:05 UTC, resolved at 14:53 UTC; duration 48 minutes.

## Lessons learned

We should be more careful when changing pool sizes.

## Action items

| ID | Action | Owner | Due |
|----|--------|-------|-----|
| 1 | Load test pool limits in CI | @dana | 2026-12-15 |

- Add an alert on connection-pool saturation
`;

function within(ms, promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

test('initialize, findings of an opened postmortem, shutdown, exit 0', { skip: binary ? false : 'no binary: set PML_BIN or run cargo build' }, async (t) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pml-roundtrip-'));
  t.after(() => fs.rmSync(folder, { recursive: true, force: true }));
  const file = path.join(folder, '2026-11-02-checkout.md');
  fs.writeFileSync(file, POSTMORTEM);

  // What the extension would start, with the binary named by the setting.
  const { extension, record, context } = load({
    settings: { path: binary, args: ['--as-of', '2026-11-27'] },
    folders: [folder],
  });
  await extension.activate(context);
  assert.deepEqual(record.errors, []);
  const { run } = record.clients[0].serverOptions;
  assert.deepEqual(run.args, ['server', '--as-of', '2026-11-27']);
  await extension.deactivate();

  // As vscode-languageclient/lib/node/main.js does for an Executable without a transport.
  const child = cp.spawn(run.command, run.args.slice(0), Object.assign({}, run.options));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let stderr = '';
  child.stderr.on('data', (data) => (stderr += data));
  t.after(() => child.exitCode === null && child.kill());
  const connection = protocol.createProtocolConnection(
    new protocol.StreamMessageReader(child.stdout),
    new protocol.StreamMessageWriter(child.stdin),
  );
  const uri = pathToFileURL(file).href;
  const published = new Promise((resolve) => {
    connection.onNotification(protocol.PublishDiagnosticsNotification.type, (params) => {
      if (params.uri === uri && params.diagnostics.length) {
        resolve(params.diagnostics);
      }
    });
  });
  connection.listen();

  const init = await within(
    10000,
    connection.sendRequest(protocol.InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'incidents' }],
      capabilities: {},
    }),
    'initialize result',
  );
  assert.equal(init.serverInfo.name, 'postmortem-lint');
  assert.ok(init.capabilities.hoverProvider, JSON.stringify(init));
  assert.ok(init.capabilities.codeActionProvider, JSON.stringify(init));
  await connection.sendNotification(protocol.InitializedNotification.type, {});
  await connection.sendNotification(protocol.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'markdown', version: 1, text: POSTMORTEM },
  });

  const diagnostics = await within(20000, published, `diagnostics (stderr: ${stderr})`);
  const found = diagnostics
    .map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.severity}`)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  assert.deepEqual(found, [
    '0:2 missing-section 1',
    '0:2 missing-trigger 1',
    '13:10 be-more-careful 1',
    '17:0 malformed-action-items 1',
    '21:2 untracked-action-item 1',
  ]);

  const hover = await within(
    10000,
    connection.sendRequest(protocol.HoverRequest.type, {
      textDocument: { uri },
      position: { line: 13, character: 12 },
    }),
    'hover',
  );
  assert.match(JSON.stringify(hover), /be-more-careful/);

  assert.equal(await within(10000, connection.sendRequest(protocol.ShutdownRequest.type), 'shutdown reply'), null);
  await connection.sendNotification(protocol.ExitNotification.type);
  // stdin stays open, as the client leaves it: the server exits on `exit` alone.
  assert.deepEqual(await within(5000, exited, 'exit'), { code: 0, signal: null });
  connection.dispose();
});
