// carekit in VS Code: starts `carekit lsp` for YAML files; the server answers only for
// drafts (files that say `carekit: 1`). All the work is in the server.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace
    .getConfiguration("carekit")
    .get("command", ["carekit", "lsp"]);
  client = new LanguageClient(
    "carekit",
    "carekit",
    { command, args },
    {
      documentSelector: [
        { scheme: "file", language: "yaml" },
        { scheme: "untitled", language: "yaml" },
      ],
    }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
