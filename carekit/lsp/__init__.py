"""`carekit lsp`: the language server. It sits at the level of the commands: it resolves
settings and checks drafts through carekit.app, exactly as `carekit check` does, and
answers the editor with lsprotocol types (pygls is imported only by `carekit lsp`)."""
