// The VS Code side: find the binary (src/server.js), start `postmortem-lint server` over stdio
// with vscode-languageclient for Markdown files on disk, and start it again when the setting,
// the workspace folders or the active Python environment change. Everything else (findings,
// hover, code actions, config changes) is the server's.
'use strict';

const os = require('os');
const vscode = require('vscode');
const { LanguageClient, RevealOutputChannelOn } = require('vscode-languageclient/node');
const server = require('./server');

/** @type {LanguageClient | undefined} */
let client;
/** The config files' watcher the running client was given. */
let watcher;
/** @type {vscode.OutputChannel | undefined} */
let output;
/** Starts and stops one after another: a restart never overlaps a start. */
let queue = Promise.resolve();

function serialise(step) {
  queue = queue.then(step, step).catch((error) => log(`error: ${error && error.message}`));
  return queue;
}

function log(line) {
  if (output) {
    output.appendLine(line);
  }
}

/** The Python extension's API, when it is installed (it is not required). */
async function pythonApi() {
  const extension = vscode.extensions.getExtension('ms-python.python');
  if (!extension) {
    return undefined;
  }
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    return api && api.environments ? api : undefined;
  } catch (error) {
    log(`the Python extension did not activate: ${error && error.message}`);
    return undefined;
  }
}

/** The interpreter (or environment folder) the Python extension has active for `folder`. */
async function activePython(folder) {
  const api = await pythonApi();
  if (!api || typeof api.environments.getActiveEnvironmentPath !== 'function') {
    return undefined;
  }
  try {
    const env = api.environments.getActiveEnvironmentPath(folder);
    return env && env.path ? env.path : undefined;
  } catch (error) {
    log(`the Python extension gave no active environment: ${error && error.message}`);
    return undefined;
  }
}

async function start() {
  const config = vscode.workspace.getConfiguration('postmortemLint');
  const folders = (vscode.workspace.workspaceFolders || []).filter((f) => f.uri.scheme === 'file');
  const env = {
    platform: process.platform,
    setting: config.get('path', ''),
    folders: folders.map((f) => f.uri.fsPath),
    python: await activePython(folders[0] && folders[0].uri),
    vars: process.env,
    home: os.homedir(),
  };
  const found = server.findServer(env);
  for (const candidate of found.tried) {
    log(`looked for the binary: ${candidate.file} (${candidate.source})`);
  }
  if (!found.command) {
    const message = server.notFoundMessage(found, env);
    log(message);
    const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output');
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'postmortemLint.path');
    } else if (choice === 'Show Output') {
      output.show();
    }
    return;
  }
  const options = server.serverOptions(found.command, config.get('args', []), env.folders[0]);
  log(`starting: ${[options.command, ...options.args].join(' ')} (found in ${found.source})`);
  watcher = vscode.workspace.createFileSystemWatcher(server.CONFIG_GLOB);
  client = new LanguageClient(
    'postmortemLint',
    'postmortem-lint',
    { run: options, debug: options },
    {
      documentSelector: server.DOCUMENT_SELECTOR,
      synchronize: { fileEvents: watcher },
      outputChannel: output,
      revealOutputChannelOn: RevealOutputChannelOn.Error,
    },
  );
  try {
    await client.start();
  } catch (error) {
    const message = `postmortem-lint: ${options.command} server did not start: ${error && error.message}`;
    log(message);
    vscode.window.showErrorMessage(message, 'Show Output').then((choice) => {
      if (choice) {
        output.show();
      }
    });
  }
}

async function stop() {
  const running = client;
  client = undefined;
  if (watcher) {
    watcher.dispose();
    watcher = undefined;
  }
  if (running) {
    try {
      // shutdown, then exit; a client that never started has nothing to stop.
      await running.dispose();
    } catch (error) {
      log(`stopping the server: ${error && error.message}`);
    }
  }
}

function restart() {
  return serialise(async () => {
    await stop();
    await start();
  });
}

async function activate(context) {
  output = vscode.window.createOutputChannel('postmortem-lint');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('postmortemLint.restart', restart),
    vscode.commands.registerCommand('postmortemLint.showOutput', () => output.show()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('postmortemLint.path') || event.affectsConfiguration('postmortemLint.args')) {
        return restart();
      }
      return undefined;
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(restart),
  );
  const python = await pythonApi();
  if (python && typeof python.environments.onDidChangeActiveEnvironmentPath === 'function') {
    context.subscriptions.push(
      python.environments.onDidChangeActiveEnvironmentPath(() => {
        // A binary the setting names does not depend on the Python environment.
        if (!vscode.workspace.getConfiguration('postmortemLint').get('path')) {
          return restart();
        }
        return undefined;
      }),
    );
  }
  await serialise(start);
}

function deactivate() {
  return serialise(stop);
}

module.exports = { activate, deactivate };
