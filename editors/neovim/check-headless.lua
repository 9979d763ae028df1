-- Headless check of carekit.lua (used to verify the setup; needs carekit on PATH):
--   nvim --headless --clean -c "luafile editors/neovim/carekit.lua" \
--     -c "edit examples/seed-000-calcinosis-infant/draft.yaml" \
--     -c "luafile editors/neovim/check-headless.lua"
-- prints the number of diagnostics, a hover and the quick fixes offered on line 226.
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local found = vim.diagnostic.get(0)
io.stdout:write(string.format("diagnostics: %d; first: %s line %d %s\n", #found,
  found[1].source, found[1].lnum + 1, found[1].code or ""))
local params = { textDocument = vim.lsp.util.make_text_document_params(), position = { line = 58, character = 4 } }
local replies = vim.lsp.buf_request_sync(0, "textDocument/hover", params, 5000)
for _, reply in pairs(replies or {}) do
  io.stdout:write("hover: " .. (reply.result and reply.result.contents.value:sub(1, 60) or "none") .. "\n")
end
params = { textDocument = vim.lsp.util.make_text_document_params(),
  range = { start = { line = 225, character = 0 }, ["end"] = { line = 225, character = 0 } },
  context = { diagnostics = {} } }
replies = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 5000)
for _, reply in pairs(replies or {}) do
  for _, action in ipairs(reply.result or {}) do io.stdout:write("action: " .. action.title .. "\n") end
end
vim.cmd("qa!")
