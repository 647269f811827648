-- Driven by tests/neovim.rs: Neovim, headless, as a user's editor. It
-- starts `insight lsp` on a new entry of a copy of tests/fixtures/lsp,
-- types a mistake, and checks the diagnostic, a completion list, a hover
-- and a definition. Each check that passes writes a line to the file
-- named by INSIGHT_TEST_OUT; the first that fails writes why and exits 1.

local bin = os.getenv('INSIGHT_BIN')
local root = os.getenv('INSIGHT_TEST_ROOT')
local out = assert(io.open(os.getenv('INSIGHT_TEST_OUT'), 'w'))

local function say(line)
  out:write(line, '\n')
  out:flush()
end

local function fail(why)
  say('FAILED: ' .. why)
  out:close()
  vim.cmd('cquit 1')
end

local function expect(what, got, wanted)
  if got ~= wanted then
    fail(what .. ': got ' .. vim.inspect(got) .. ', wanted ' .. vim.inspect(wanted))
  end
  say('ok ' .. what)
end

local function ask(method, line, character)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    position = { line = line, character = character },
  }
  local answers = vim.lsp.buf_request_sync(0, method, params, 10000) or {}
  for _, answer in pairs(answers) do
    if answer.error then
      fail(method .. ': ' .. vim.inspect(answer.error))
    end
    return answer.result
  end
  fail(method .. ': no answer')
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/visits/2026/2026-04-01-store-9.md'))
  vim.api.nvim_buf_set_lines(0, 0, -1, false, {
    '---',
    'date: 2026-04-01',
    'kind: frontline',
    'site: Store 9',
    'tags: [pricing]',
    'ideas:',
    '  - id: scan-and-go',
    '    status: building',
    '---',
    '# Store 9',
  })
  local config = {
    name = 'insight',
    cmd = { bin, '--today', '2026-11-22', 'lsp' },
    root_dir = root,
  }
  -- vim.lsp.start came in Neovim 0.8; Debian 12 has 0.7, which has only
  -- start_client and buf_attach_client.
  local id
  if vim.lsp.start then
    id = vim.lsp.start(config)
  else
    id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(0, id)
  end
  local function settle(done, what)
    if not vim.wait(15000, done, 20) then
      fail('waited in vain for ' .. what .. '; the buffer: '
        .. vim.inspect(vim.api.nvim_buf_get_lines(0, 0, -1, false))
        .. '; its diagnostics: ' .. vim.inspect(vim.diagnostic.get(0)))
    end
  end
  settle(function()
    local client = vim.lsp.get_client_by_id(id)
    return client ~= nil and client.initialized == true
  end, 'the server to start')

  -- A mistake typed: its diagnostic, on its line, with check's message.
  vim.cmd('normal! 3G0Ckind: frontlien')
  settle(function() return #vim.diagnostic.get(0) > 0 end, 'a diagnostic')
  local found = vim.diagnostic.get(0)
  expect('diagnostics', #found, 1)
  expect('diagnostic line', found[1].lnum, 2)
  expect('diagnostic message', found[1].message,
    '`kind`: `frontlien` is not a kind of this journal\n'
      .. 'hint: did you mean `frontline`? The kinds are frontline, peer, immersion, research, sales')

  -- Mended: cleared.
  vim.cmd('normal! 3G0Ckind: frontline')
  settle(function() return #vim.diagnostic.get(0) == 0 end, 'the diagnostic to clear')
  say('ok cleared')

  -- Tags, most used first.
  vim.cmd('normal! 5G0Ctags: [pricing, ')
  local items = ask('textDocument/completion', 4, 16)
  items = items.items or items
  local labels = {}
  for _, item in ipairs(items) do
    table.insert(labels, item.label .. ' (' .. item.detail .. ')')
  end
  expect('tags', table.concat(labels, ', '),
    'mobile (3 entries), checkout (1 entry), mobile/app (1 entry), pricing (1 entry)')
  vim.cmd('normal! 5G0Ctags: [pricing]')

  -- The idea's story so far, with this unsaved entry's mention in it.
  local hover = ask('textDocument/hover', 6, 10)
  expect('hover', hover.contents.value,
    '# Scan and go in the mobile app\n\n- **id**: scan-and-go\n'
      .. '- **status**: building since 2026-04-01\n- **owner**: Bob Okafor\n'
      .. '- **reach**: 4 mentions, 4 sites, 15 customers in those entries\n')

  -- Where the idea was raised.
  local definition = ask('textDocument/definition', 6, 10)
  if definition[1] then
    definition = definition[1]
  end
  expect('definition file', vim.uri_to_fname(definition.uri),
    root .. '/visits/2026/2026-01-10-store-12.md')
  expect('definition line', definition.range.start.line, 8)

  say('done')
  out:close()
  vim.cmd('qall!')
end

local ok, err = pcall(run)
if not ok then
  fail(tostring(err))
end
