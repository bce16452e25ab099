// src/extension.js run in plain Node against test/fake-vscode.js: which binary it hands the
// language client, with which arguments and documents; the error it shows when there is none;
// restarts on a change of the setting; shutdown on deactivate. Not a real VS Code window.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { load } = require('./fake-vscode');
const server = require('../src/server');

/** A folder with a workspace `.venv/bin/postmortem-lint`, another with a Python env, and an
 * empty PATH folder; the process environment is made to point at nothing else meanwhile. */
function workspace(t) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pml-extension-'));
  const exe = (file) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    return file;
  };
  const folder = path.join(root, 'incidents');
  const venv = exe(path.join(folder, '.venv', 'bin', 'postmortem-lint'));
  const python = path.join(root, 'pyenv', 'bin', 'python3');
  const wheel = exe(path.join(root, 'pyenv', 'bin', 'postmortem-lint'));
  const nightly = exe(path.join(root, 'nightly', 'postmortem-lint'));
  const emptyPath = path.join(root, 'empty');
  fs.mkdirSync(emptyPath);
  const saved = {};
  for (const name of ['PATH', 'VIRTUAL_ENV', 'CONDA_PREFIX']) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
  process.env.PATH = emptyPath;
  t.after(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
    fs.rmSync(root, { recursive: true, force: true });
  });
  return { root, folder, venv, python, wheel, nightly, emptyPath };
}

test('activate: the workspace .venv binary, as `<binary> server <args>` for Markdown on disk', { skip: process.platform === 'win32' }, async (t) => {
  const w = workspace(t);
  const { extension, record, context } = load({
    settings: { args: ['--as-of', '2026-11-27'] },
    folders: [w.folder],
  });
  await extension.activate(context);
  assert.deepEqual(record.errors, []);
  assert.equal(record.clients.length, 1);
  const client = record.clients[0];
  assert.equal(client.id, 'postmortemLint'); // so `postmortemLint.trace.server` applies
  assert.equal(client.state, 'running');
  const expected = { command: w.venv, args: ['server', '--as-of', '2026-11-27'], options: { cwd: w.folder } };
  assert.deepEqual(client.serverOptions, { run: expected, debug: expected });
  assert.deepEqual(client.clientOptions.documentSelector, [{ scheme: 'file', language: 'markdown' }]);
  assert.equal(client.clientOptions.synchronize.fileEvents.glob, server.CONFIG_GLOB);
  assert.deepEqual([...record.commands.keys()].sort(), ['postmortemLint.restart', 'postmortemLint.showOutput']);
  assert.ok(record.output.some((line) => line.includes(`starting: ${w.venv} server --as-of 2026-11-27`)), record.output.join('\n'));

  await extension.deactivate();
  assert.equal(client.state, 'disposed');
  assert.equal(client.clientOptions.synchronize.fileEvents.disposed, true);
});

test('the Python extension\'s active environment comes before the workspace .venv', { skip: process.platform === 'win32' }, async (t) => {
  const w = workspace(t);
  const { extension, record, context } = load({ folders: [w.folder], python: w.python });
  await extension.activate(context);
  assert.equal(record.clients[0].serverOptions.run.command, w.wheel);
  // A new interpreter chosen in the Python extension: the binary is looked for again.
  assert.equal(record.listeners.python.length, 1);
  await record.listeners.python[0]({});
  assert.equal(record.clients.length, 2);
  assert.equal(record.clients[0].state, 'disposed');
  await extension.deactivate();
});

test('changing postmortemLint.path starts the server it names; other settings do not', { skip: process.platform === 'win32' }, async (t) => {
  const w = workspace(t);
  const settings = {};
  const { extension, record, context } = load({ settings, folders: [w.folder] });
  await extension.activate(context);
  const [listener] = record.listeners.configuration;
  await listener({ affectsConfiguration: (section) => section === 'editor.fontSize' });
  assert.equal(record.clients.length, 1);
  settings.path = w.nightly;
  await listener({ affectsConfiguration: (section) => section === 'postmortemLint.path' });
  assert.equal(record.clients.length, 2);
  assert.equal(record.clients[0].state, 'disposed');
  assert.equal(record.clients[1].serverOptions.run.command, w.nightly);
  assert.equal(record.clients[1].state, 'running');
  await extension.deactivate();
});

test('no binary anywhere: an error naming each place tried, and no client', { skip: process.platform === 'win32' }, async (t) => {
  const w = workspace(t);
  fs.rmSync(w.venv);
  const { extension, record, context } = load({ folders: [w.folder] });
  await extension.activate(context);
  assert.equal(record.clients.length, 0);
  assert.equal(record.errors.length, 1);
  const { message, items } = record.errors[0];
  assert.ok(message.includes(`${w.venv} (the workspace .venv)`), message);
  assert.ok(message.includes('postmortem-lint on PATH (1 folder)'), message);
  assert.ok(message.includes('set postmortemLint.path'), message);
  assert.deepEqual(items, ['Open Settings', 'Show Output']);
  await extension.deactivate();
});

test('a postmortemLint.path that is not there: an error naming it, not another binary', { skip: process.platform === 'win32' }, async (t) => {
  const w = workspace(t);
  const missing = path.join(w.root, 'nowhere', 'postmortem-lint');
  const { extension, record, context } = load({ settings: { path: missing }, folders: [w.folder] });
  await extension.activate(context);
  assert.equal(record.clients.length, 0);
  assert.match(record.errors[0].message, /postmortemLint\.path is ".*nowhere\/postmortem-lint"/);
  await extension.deactivate();
});

test('a server that fails to start: an error that says so', { skip: process.platform === 'win32' }, async (t) => {
  const w = workspace(t);
  const { extension, record, context } = load({ folders: [w.folder], startError: 'spawn EACCES' });
  await extension.activate(context);
  assert.equal(record.errors.length, 1);
  assert.equal(record.errors[0].message, `postmortem-lint: ${w.venv} server did not start: spawn EACCES`);
  await extension.deactivate();
});
