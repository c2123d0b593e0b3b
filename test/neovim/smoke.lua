-- Neovim smoke test: the standalone server attached to an example through Neovim's
-- built-in LSP client (0.7: vim.lsp.start_client). Prints the diagnostics it got and
-- exits non-zero when they are not invoice-matching's findings (its fixture under test/fixtures/edge/examples-1.1/).
local repo = vim.fn.getcwd()
local file = repo .. '/examples/invoice-matching.workunit.yaml'
local expected = {
  'decision-without-human@25', 'learning-without-metrics@34', 'machine-step-without-accountable@22',
  'no-exception-rules@18', 'outcome-is-activity@9', 'review-without-owner@34', 'step-without-owner@25',
  'unknown-metric@10', 'unknown-step@32', 'unused-actor@14',
}

-- Findings measured from the example's log (examples/logs/) join once the log is measured, off the
-- server's thread; they are checked over the protocol (test/protocol/measure.test.ts), not here.
local measured = {
  ['log-unreadable'] = true, ['step-without-events'] = true, ['unmapped-activities'] = true,
  ['boundary-drift'] = true, ['metric-worse-than-baseline'] = true,
}

local function fail(msg)
  io.stdout:write('neovim smoke: FAIL: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'workunit',
  cmd = { 'node', repo .. '/dist/server.js', '--stdio' },
  root_dir = repo .. '/examples',
  settings = { workunit = {} },
})
if not client_id then fail('the server did not start') end
vim.lsp.buf_attach_client(bufnr, client_id)

-- Wait on the diagnostics themselves (vim.wait polls the condition while processing events).
local function codeOf(d) return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) end
local function ofTheText()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if not measured[tostring(codeOf(d))] then table.insert(out, d) end
  end
  return out
end
local ok = vim.wait(20000, function() return #ofTheText() >= #expected end, 50)
local got = {}
for _, d in ipairs(ofTheText()) do
  table.insert(got, string.format('%s@%d', tostring(codeOf(d)), d.lnum + 1))
end
table.sort(got)
io.stdout:write('neovim smoke: ' .. #got .. ' diagnostics: ' .. table.concat(got, ', ') .. '\n')
if not ok then fail('timed out waiting for diagnostics') end
if table.concat(got, ',') ~= table.concat(expected, ',') then fail('expected ' .. table.concat(expected, ', ')) end
io.stdout:write('neovim smoke: 1 passed, 0 failed\n')
vim.lsp.stop_client(client_id)
vim.cmd('qall!')
