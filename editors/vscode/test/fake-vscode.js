// A stand-in for the little of VS Code that src/extension.js touches, and for
// vscode-languageclient's LanguageClient (which needs the real editor): enough to run
// `activate` in plain Node and read what the extension asked for. No real VS Code window is
// started anywhere in these tests; none can be here.
'use strict';

const Module = require('module');
const path = require('path');

/**
 * Loads a fresh copy of src/extension.js against a fake `vscode` and a recording
 * LanguageClient. `settings`: the `postmortemLint` section; `folders`: workspace folder paths;
 * `python`: what the Python extension says is active (undefined: no Python extension).
 */
function load({ settings = {}, folders = [], python, startError } = {}) {
  const record = {
    clients: [],
    errors: [],
    commands: new Map(),
    executed: [],
    output: [],
    listeners: { configuration: [], folders: [], python: [] },
  };
  const disposable = { dispose() {} };
  const vscode = {
    workspace: {
      workspaceFolders: folders.map((folder) => ({ uri: { scheme: 'file', fsPath: folder } })),
      getConfiguration(section) {
        if (section !== 'postmortemLint') {
          throw new Error(`unexpected configuration section ${section}`);
        }
        return { get: (key, fallback) => (key in settings ? settings[key] : fallback) };
      },
      onDidChangeConfiguration(listener) {
        record.listeners.configuration.push(listener);
        return disposable;
      },
      onDidChangeWorkspaceFolders(listener) {
        record.listeners.folders.push(listener);
        return disposable;
      },
      createFileSystemWatcher(glob) {
        return { glob, disposed: false, dispose() { this.disposed = true; } };
      },
    },
    window: {
      createOutputChannel: () => ({
        appendLine: (line) => record.output.push(line),
        append: (text) => record.output.push(text),
        show() {},
        dispose() {},
      }),
      showErrorMessage(message, ...items) {
        record.errors.push({ message, items });
        return Promise.resolve(undefined);
      },
    },
    commands: {
      registerCommand(name, callback) {
        record.commands.set(name, callback);
        return disposable;
      },
      executeCommand(...args) {
        record.executed.push(args);
        return Promise.resolve();
      },
    },
    extensions: {
      getExtension(id) {
        if (id !== 'ms-python.python' || python === undefined) {
          return undefined;
        }
        const environments = {
          getActiveEnvironmentPath: () => ({ id: 'fake', path: python }),
          onDidChangeActiveEnvironmentPath(listener) {
            record.listeners.python.push(listener);
            return disposable;
          },
        };
        return { isActive: true, exports: { environments } };
      },
    },
  };
  class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions, state: 'new' });
      record.clients.push(this);
    }
    async start() {
      if (startError) {
        throw new Error(startError);
      }
      this.state = 'running';
    }
    async dispose() {
      this.state = 'disposed';
    }
  }
  const languageclient = { LanguageClient, RevealOutputChannelOn: { Error: 3, Never: 4 } };

  const entry = path.join(__dirname, '..', 'src', 'extension.js');
  const original = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === 'vscode') {
      return vscode;
    }
    if (request === 'vscode-languageclient/node') {
      return languageclient;
    }
    return original.call(this, request, parent, isMain);
  };
  try {
    delete require.cache[require.resolve(entry)];
    const extension = require(entry);
    return { extension, record, context: { subscriptions: [] } };
  } finally {
    Module._load = original;
  }
}

module.exports = { load };
