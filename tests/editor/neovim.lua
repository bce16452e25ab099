-- Headless Neovim as the editor: opens a postmortem, attaches `postmortem-lint server`, writes
-- the diagnostics Neovim received (vim.diagnostic.get) and applies one code action.
-- Environment: PML_BIN (the binary), PML_FILE (the postmortem), PML_OUT (where to write).
local bin, file, out = os.getenv("PML_BIN"), os.getenv("PML_FILE"), os.getenv("PML_OUT")
local lines = {}
local function finish()
  vim.fn.writefile(lines, out)
  vim.cmd("qa!")
end

vim.cmd("edit " .. vim.fn.fnameescape(file))
local id = vim.lsp.start_client({
  name = "postmortem-lint",
  cmd = { bin, "server", "--as-of", "2026-11-27" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
})
vim.lsp.buf_attach_client(0, id)
if not vim.wait(20000, function() return #vim.diagnostic.get(0) >= 5 end, 50) then
  table.insert(lines, "timeout waiting for diagnostics: " .. #vim.diagnostic.get(0))
  return finish()
end
local found = vim.diagnostic.get(0)
table.sort(found, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
for _, d in ipairs(found) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
  table.insert(lines, string.format("%d:%d %s %s", d.lnum, d.col, code, vim.diagnostic.severity[d.severity]))
end

-- The code actions on the "be more careful" line: apply the suppression.
local params = {
  textDocument = vim.lsp.util.make_text_document_params(0),
  range = { start = { line = 13, character = 0 }, ["end"] = { line = 13, character = 0 } },
  context = { diagnostics = {} },
}
local replies = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 10000) or {}
for _, reply in pairs(replies) do
  for _, action in ipairs(reply.result or {}) do
    if action.title:find("Suppress", 1, true) then
      table.insert(lines, "apply: " .. action.title)
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
    end
  end
end
vim.wait(10000, function() return #vim.diagnostic.get(0) == #found - 1 end, 50)
table.insert(lines, "after: " .. #vim.diagnostic.get(0))
table.insert(lines, "line 14: " .. vim.api.nvim_buf_get_lines(0, 13, 14, false)[1])
finish()
