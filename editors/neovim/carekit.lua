-- carekit's language server in Neovim: the findings of `carekit check` as you type,
-- hover, completion, quick fixes (`vim.lsp.buf.code_action()`) and the outline.
-- Copy into your config (e.g. ~/.config/nvim/plugin/carekit.lua); needs `carekit` on PATH.
-- The server answers only for drafts (YAML files that say `carekit: 1`).
vim.api.nvim_create_autocmd("FileType", {
  pattern = "yaml",
  callback = function(args)
    local config = {
      name = "carekit",
      cmd = { "carekit", "lsp" },
      root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ":p:h"),
    }
    if vim.lsp.start then -- Neovim 0.8 and later
      vim.lsp.start(config, { bufnr = args.buf })
    else -- Neovim 0.7
      local client = vim.lsp.start_client(config)
      if client then
        vim.lsp.buf_attach_client(args.buf, client)
      end
    end
  end,
})
