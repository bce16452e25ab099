// Where the extension looks for `postmortem-lint`, with made-up environments (Linux and
// Windows alike, on any machine): the setting alone when set; else the active Python
// environment, VIRTUAL_ENV, CONDA_PREFIX, each workspace .venv, then PATH.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const server = require('../src/server');

const linux = {
  platform: 'linux',
  python: '/home/ana/.pyenv/versions/3.12.1/bin/python3',
  vars: {
    PATH: '/home/ana/.local/bin:relative/bin::/usr/bin',
    VIRTUAL_ENV: '/home/ana/venvs/tools',
    CONDA_PREFIX: '/opt/conda',
  },
  folders: ['/src/incidents', '/src/platform'],
  home: '/home/ana',
};

const files = (list) => list.map((c) => `${c.source}: ${c.file}`);

test('without the setting: Python environment, VIRTUAL_ENV, CONDA_PREFIX, .venv, PATH', () => {
  assert.deepEqual(files(server.candidates(linux)), [
    'the active Python environment: /home/ana/.pyenv/versions/3.12.1/bin/postmortem-lint',
    'VIRTUAL_ENV: /home/ana/venvs/tools/bin/postmortem-lint',
    'CONDA_PREFIX: /opt/conda/bin/postmortem-lint',
    'the workspace .venv: /src/incidents/.venv/bin/postmortem-lint',
    'the workspace .venv: /src/platform/.venv/bin/postmortem-lint',
    // Relative and empty PATH entries are skipped: they would depend on the editor's cwd.
    'PATH: /home/ana/.local/bin/postmortem-lint',
    'PATH: /usr/bin/postmortem-lint',
  ]);
});

test('Windows: Scripts\\postmortem-lint.exe, Path spelt as Windows spells it, no duplicates', () => {
  const windows = {
    platform: 'win32',
    python: 'C:\\Users\\ana\\proj\\.venv\\Scripts\\python.exe',
    vars: { Path: 'C:\\Users\\ana\\proj\\.venv\\Scripts;C:\\Windows\\system32' },
    folders: ['C:\\Users\\ana\\proj'],
  };
  assert.deepEqual(files(server.candidates(windows)), [
    'the active Python environment: C:\\Users\\ana\\proj\\.venv\\Scripts\\postmortem-lint.exe',
    // The workspace .venv is the active environment here: looked at once.
    'PATH: C:\\Windows\\system32\\postmortem-lint.exe',
  ]);
  const base = { platform: 'win32', python: 'C:\\Python312\\python.exe', vars: {} };
  assert.deepEqual(files(server.candidates(base)), [
    'the active Python environment: C:\\Python312\\postmortem-lint.exe',
    'the active Python environment: C:\\Python312\\Scripts\\postmortem-lint.exe',
  ]);
});

test('a conda environment given as its folder', () => {
  const env = { platform: 'linux', python: '/opt/conda/envs/docs', vars: {} };
  assert.deepEqual(files(server.candidates(env)), [
    'the active Python environment: /opt/conda/envs/docs/bin/postmortem-lint',
  ]);
});

test('the setting, when set, is the only candidate', () => {
  const absolute = { ...linux, setting: '/opt/pml/postmortem-lint' };
  assert.deepEqual(files(server.candidates(absolute)), ['postmortemLint.path: /opt/pml/postmortem-lint']);
  const home = { ...linux, setting: '~/bin/postmortem-lint' };
  assert.deepEqual(files(server.candidates(home)), ['postmortemLint.path: /home/ana/bin/postmortem-lint']);
  const folder = { ...linux, setting: '${workspaceFolder}/tools/postmortem-lint' };
  assert.deepEqual(files(server.candidates(folder)), [
    'postmortemLint.path: /src/incidents/tools/postmortem-lint',
  ]);
  const relative = { ...linux, setting: 'tools/postmortem-lint' };
  assert.deepEqual(files(server.candidates(relative)), [
    'postmortemLint.path: /src/incidents/tools/postmortem-lint',
  ]);
  // A bare name is a command looked up on PATH, as a shell would.
  const name = { ...linux, setting: 'pml-nightly' };
  assert.deepEqual(files(server.candidates(name)), [
    'postmortemLint.path on PATH: /home/ana/.local/bin/pml-nightly',
    'postmortemLint.path on PATH: /usr/bin/pml-nightly',
  ]);
});

test('findServer takes the first executable candidate, and says where it looked', () => {
  const present = new Set(['/src/platform/.venv/bin/postmortem-lint', '/usr/bin/postmortem-lint']);
  const found = server.findServer(linux, (file) => present.has(file));
  assert.equal(found.command, '/src/platform/.venv/bin/postmortem-lint');
  assert.equal(found.source, 'the workspace .venv');
  assert.equal(found.tried.length, 5);

  const onPath = server.findServer({ ...linux, python: undefined, vars: { PATH: '/usr/bin' }, folders: [] }, (f) =>
    present.has(f),
  );
  assert.equal(onPath.command, '/usr/bin/postmortem-lint');
  assert.equal(onPath.source, 'PATH');
});

test('nothing found: the message names every place but PATH, and counts PATH', () => {
  const none = server.findServer(linux, () => false);
  assert.equal(none.command, null);
  assert.equal(none.tried.length, 7);
  const message = server.notFoundMessage(none, linux);
  for (const place of [
    '/home/ana/.pyenv/versions/3.12.1/bin/postmortem-lint (the active Python environment)',
    '/home/ana/venvs/tools/bin/postmortem-lint (VIRTUAL_ENV)',
    '/opt/conda/bin/postmortem-lint (CONDA_PREFIX)',
    '/src/incidents/.venv/bin/postmortem-lint (the workspace .venv)',
    'postmortem-lint on PATH (2 folders)',
    'set postmortemLint.path',
    'pipx install postmortem-lint',
  ]) {
    assert.ok(message.includes(place), `${place} missing from: ${message}`);
  }
});

test('a setting that names nothing is an error, not a fallback to another binary', () => {
  const env = { ...linux, setting: '/opt/pml/postmortem-lint' };
  const none = server.findServer(env, (file) => file === '/usr/bin/postmortem-lint');
  assert.equal(none.command, null);
  const message = server.notFoundMessage(none, env);
  assert.match(message, /postmortemLint\.path is "\/opt\/pml\/postmortem-lint"/);
  assert.match(message, /tried \/opt\/pml\/postmortem-lint\)/);
  const name = { ...linux, setting: 'pml-nightly' };
  assert.match(server.notFoundMessage(server.findServer(name, () => false), name), /"pml-nightly" on PATH \(2 folders\)/);
});

test('serverOptions: `<binary> server <args...>` and no transport (which would add --stdio)', () => {
  assert.deepEqual(server.serverOptions('/usr/bin/postmortem-lint', ['--as-of', '2026-11-27'], '/src/incidents'), {
    command: '/usr/bin/postmortem-lint',
    args: ['server', '--as-of', '2026-11-27'],
    options: { cwd: '/src/incidents' },
  });
  assert.deepEqual(server.serverOptions('pml', undefined, undefined), { command: 'pml', args: ['server'], options: {} });
});

test('isExecutable: a file with the execute bit, not a folder, not a plain file', { skip: process.platform === 'win32' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pml-lookup-'));
  try {
    const exe = path.join(dir, 'postmortem-lint');
    const plain = path.join(dir, 'notes.txt');
    fs.writeFileSync(exe, '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(plain, 'text', { mode: 0o644 });
    assert.equal(server.isExecutable(exe), true);
    assert.equal(server.isExecutable(dir), false);
    assert.equal(server.isExecutable(path.join(dir, 'missing')), false);
    // root may read any file, but execute only one with an execute bit.
    assert.equal(server.isExecutable(plain), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
