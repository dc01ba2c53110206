// The server in another editor: Debian's neovim, headless, attaches `firewall-lint --stdio` to a
// firewall.rules and reads the diagnostics back through its own LSP client.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CLI, EXAMPLE } from 'firewall-rules-server/build/test-support/paths';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const why = nvim.status === 0 ? undefined : 'nvim is not installed (apt-get install neovim)';
if (why) console.log(`neovim test skipped: ${why}`);

// Works from neovim 0.7 (Debian 12) on: vim.lsp.start_client and buf_attach_client.
const SCRIPT = `
local out, file, cli, node = ...
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local id = vim.lsp.start_client({ name = 'firewall_rules', cmd = { node, cli, '--stdio' }, root_dir = vim.fn.fnamemodify(file, ':h') })
vim.lsp.buf_attach_client(0, id)
local ok = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(found, { line = d.lnum + 1, col = d.col + 1, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), severity = d.severity, message = d.message })
end
local f = io.open(out, 'w')
f:write(vim.fn.json_encode({ ok = ok, diagnostics = found }))
f:close()
vim.lsp.stop_client(id)
vim.cmd('qall!')
`;

test('neovim shows the seed file\'s diagnostics from firewall-lint --stdio', { skip: why }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fwr-nvim-'));
  const file = path.join(dir, 'firewall.rules');
  writeFileSync(file, readFileSync(EXAMPLE, 'utf8'));
  const script = path.join(dir, 'attach.lua');
  writeFileSync(script, SCRIPT);
  const out = path.join(dir, 'out.json');
  const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `lua loadfile(${JSON.stringify(script)})(${[out, file, CLI, process.execPath].map((s) => JSON.stringify(s)).join(', ')})`], { encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, `nvim exited ${r.status}: ${r.stderr}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as { ok: boolean; diagnostics: Array<{ line: number; col: number; code: string; severity: number; message: string }> };
  assert.ok(result.ok, 'diagnostics arrived');
  const seen = result.diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`).sort();
  assert.deepEqual(seen, ['24:25 plaintext-mail-protocol', '25:25 plaintext-mail-protocol', '5:1 missing-table-header', '9:13 state-match']);
  assert.equal(result.diagnostics.find((d) => d.code === 'missing-table-header')?.severity, 1, 'an error');
});
