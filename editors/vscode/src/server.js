// Which `postmortem-lint` binary to start, and how. No `vscode` import here: the tests load
// this module in plain Node with a made-up environment (test/server.test.js), and start the
// real server with the very spawn arguments `serverOptions` gives (test/roundtrip.test.js).
'use strict';

const fs = require('fs');
const path = require('path');

const NAME = 'postmortem-lint';

/** Markdown files on disk: `check` needs a path (config discovery, include/exclude globs). */
const DOCUMENT_SELECTOR = [{ scheme: 'file', language: 'markdown' }];

/** The config files whose changes the server is told of (`workspace/didChangeWatchedFiles`). */
const CONFIG_GLOB = '**/{.postmortem-lint.toml,postmortem-lint.toml}';

/** Whether `file` is a file this process may run. */
function isExecutable(file, platform = process.platform) {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * The places to look for the binary, in order: each `{ source, file }`.
 *
 * `env`: `platform` (as `process.platform`), `setting` (`postmortemLint.path`), `folders`
 * (the workspace folders' paths), `python` (the interpreter the Python extension has active,
 * if any), `vars` (the environment: PATH, VIRTUAL_ENV, CONDA_PREFIX) and `home`.
 *
 * A non-empty setting is the only candidate: a binary the user named that is not there is an
 * error to show, not a reason to start another one.
 */
function candidates(env) {
  const windows = env.platform === 'win32';
  const p = windows ? path.win32 : path.posix;
  const vars = env.vars || {};
  const folders = env.folders || [];
  // The wheel puts the binary beside the interpreter in a venv's bin/ (Scripts\ on Windows);
  // pip on Windows outside a venv puts it in Scripts\ beside python.exe.
  const exe = windows ? `${NAME}.exe` : NAME;
  const scripts = windows ? 'Scripts' : 'bin';
  const list = [];

  const setting = (env.setting || '').trim();
  if (setting) {
    const expanded = expand(setting, env, p);
    if (!expanded.includes('/') && !(windows && expanded.includes('\\'))) {
      return onPath(expanded, env, p).map((file) => ({ source: 'postmortemLint.path on PATH', file }));
    }
    const file = p.isAbsolute(expanded) || !folders.length ? expanded : p.resolve(folders[0], expanded);
    return [{ source: 'postmortemLint.path', file }];
  }
  if (env.python) {
    // The Python extension gives the interpreter, or for some conda environments the
    // environment's folder.
    const source = 'the active Python environment';
    if (p.basename(env.python).toLowerCase().startsWith('python')) {
      const dir = p.dirname(env.python);
      list.push({ source, file: p.join(dir, exe) });
      if (windows && p.basename(dir).toLowerCase() !== 'scripts') {
        list.push({ source, file: p.join(dir, 'Scripts', exe) });
      }
    } else {
      list.push({ source, file: p.join(env.python, scripts, exe) });
    }
  }
  if (vars.VIRTUAL_ENV) {
    list.push({ source: 'VIRTUAL_ENV', file: p.join(vars.VIRTUAL_ENV, scripts, exe) });
  }
  if (vars.CONDA_PREFIX) {
    list.push({ source: 'CONDA_PREFIX', file: p.join(vars.CONDA_PREFIX, scripts, exe) });
  }
  for (const folder of folders) {
    list.push({ source: 'the workspace .venv', file: p.join(folder, '.venv', scripts, exe) });
  }
  for (const file of onPath(NAME, env, p)) {
    list.push({ source: 'PATH', file });
  }
  const seen = new Set();
  return list.filter(({ file }) => {
    const key = windows ? file.toLowerCase() : file;
    return !seen.has(key) && seen.add(key);
  });
}

/** `name` in each folder of PATH (on Windows, as `name.exe` unless it has an extension). */
function onPath(name, env, p) {
  const windows = env.platform === 'win32';
  const vars = env.vars || {};
  // Windows spells it Path; Node's process.env finds it either way, a plain object does not.
  const value = vars.PATH ?? vars.Path ?? '';
  // Only .exe on Windows: Node refuses to spawn .cmd and .bat without a shell.
  const file = windows && !p.extname(name) ? `${name}.exe` : name;
  return value
    .split(windows ? ';' : ':')
    .filter((dir) => dir && p.isAbsolute(dir))
    .map((dir) => p.join(dir, file));
}

/** `~` and `${workspaceFolder}` (the first folder) and `${userHome}` in the setting. */
function expand(setting, env, p) {
  const folder = (env.folders || [])[0];
  let value = setting.replace(/\$\{userHome\}/g, env.home || '~');
  if (folder) {
    value = value.replace(/\$\{workspaceFolder\}/g, folder);
  }
  if (env.home && (value === '~' || value.startsWith('~/') || value.startsWith('~\\'))) {
    value = p.join(env.home, value.slice(1));
  }
  return value;
}

/**
 * The first candidate that is an executable file: `{ command, source, tried }`, where
 * `command` is null when none is; `tried` lists every candidate looked at, in order.
 */
function findServer(env, exists = (file) => isExecutable(file, env.platform)) {
  const tried = [];
  for (const candidate of candidates(env)) {
    tried.push(candidate);
    if (exists(candidate.file)) {
      return { command: candidate.file, source: candidate.source, tried };
    }
  }
  return { command: null, source: null, tried };
}

/** What the error message says when `findServer` found nothing: every place it looked. */
function notFoundMessage(result, env) {
  const setting = (env.setting || '').trim();
  if (setting) {
    const first = result.tried[0];
    const where =
      first && first.source === 'postmortemLint.path'
        ? first.file
        : `"${setting}" on PATH (${countFolders(result.tried.length)})`;
    return `postmortem-lint: postmortemLint.path is "${setting}", and there is no executable file there (tried ${where}). Fix the setting, or clear it to use the wheel's binary or the one on PATH.`;
  }
  const files = result.tried.filter((c) => c.source !== 'PATH').map((c) => `${c.file} (${c.source})`);
  const pathDirs = result.tried.filter((c) => c.source === 'PATH').length;
  const places = [...files, `${NAME} on PATH (${countFolders(pathDirs)})`];
  return `postmortem-lint: no ${NAME} binary found. Tried: ${places.join('; ')}. Install it (pipx install postmortem-lint, or pip install postmortem-lint in the workspace's .venv) or set postmortemLint.path.`;
}

function countFolders(n) {
  return n === 1 ? '1 folder' : `${n} folders`;
}

/**
 * The language client's server options (an `Executable`): `<command> server <args...>` over
 * stdio. No `transport`: with one, vscode-languageclient would append `--stdio`.
 */
function serverOptions(command, args, cwd) {
  const options = cwd ? { cwd } : {};
  return {
    command,
    args: ['server', ...(Array.isArray(args) ? args.map(String) : [])],
    options,
  };
}

module.exports = {
  CONFIG_GLOB,
  DOCUMENT_SELECTOR,
  NAME,
  candidates,
  findServer,
  isExecutable,
  notFoundMessage,
  serverOptions,
};
