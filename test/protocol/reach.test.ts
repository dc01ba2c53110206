// The reachability features over LSP: the code lens summary, the hover on a rule, and the explain
// command, against the real server over stdio.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { CodeLens, Hover } from 'vscode-languageserver-protocol';
import { serverForSuite } from 'firewall-rules-server/build/test-support/lsp-server';

const MAIL = [
  '*filter',
  ':INPUT DROP [0:0]',
  ':FORWARD DROP [0:0]',
  ':OUTPUT ACCEPT [0:0]',
  '-A INPUT -i lo -j ACCEPT',
  '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
  '#-A INPUT -p tcp --dport 22 -j ACCEPT',
  '-A INPUT -p tcp -m multiport --dports 25,465,587,993,995 -j ACCEPT',
  '-A INPUT -p tcp --dport 3306 -j DROP',
  'COMMIT',
  '',
].join('\n');

describe('reachability over LSP', () => {
  const server = serverForSuite();
  before(() => {
    const { capabilities } = server.init;
    assert.ok(capabilities.codeLensProvider, 'advertises code lenses');
    assert.ok(capabilities.hoverProvider, 'advertises hovers');
    assert.deepEqual(capabilities.executeCommandProvider?.commands, ['firewallRules.explain', 'firewallRules.validate']);
  });

  test('the code lens on INPUT sums up what a new connection from anywhere meets', async () => {
    const uri = 'file:///work/reach/firewall.rules';
    await server.client.open(uri, MAIL);
    const lenses = await server.client.conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, 1, 'on the :INPUT line');
    assert.equal(lenses[0].command?.title, 'open: 25 465 587 993 995 · SSH: blocked · everything else: dropped');
    assert.equal(lenses[0].command?.command, 'firewallRules.explainPort');
    assert.deepEqual(lenses[0].command?.arguments, [uri]);
  });

  test('the summary follows edits', async () => {
    const uri = 'file:///work/reach2/firewall.rules';
    await server.client.open(uri, MAIL);
    await server.client.replace(uri, MAIL.replace('#-A INPUT -p tcp --dport 22', '-A INPUT -p tcp --dport 22').replace(':INPUT DROP', ':INPUT ACCEPT'), 2);
    const lenses = await server.client.conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.match(lenses[0].command?.title ?? '', /SSH: open · everything else: open$/);
  });

  test('hovering a rule tells which new connections reach it and which were decided before', async () => {
    const uri = 'file:///work/reach/firewall.rules';
    const hover = await server.client.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 1 } });
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /reach this rule: tcp\/22, tcp\/110, tcp\/143, tcp\/3306, other ports/);
    assert.match(value, /surely matches: tcp\/3306/);
    assert.match(value, /decided before it: tcp\/25 \(line 8\), tcp\/465 \(line 8\)/);
    const table = await server.client.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    assert.doesNotMatch((table?.contents as { value: string }).value, /New TCP connections/, 'no reachability on the table line');
  });

  test('the explain command walks a port through the chains', async () => {
    const uri = 'file:///work/reach/firewall.rules';
    const text = await server.client.conn.sendRequest<string | null>('workspace/executeCommand', { command: 'firewallRules.explain', arguments: [{ uri, port: 25 }] });
    assert.match(text ?? '', /^tcp\/25, a new connection from anywhere:/);
    assert.match(text ?? '', /1\. SYN in filter INPUT: accepted by line 8: -A INPUT -p tcp -m multiport --dports 25,465,587,993,995 -j ACCEPT/);
    assert.match(text ?? '', /3\. ACK in filter INPUT: accepted by line 6/);
    assert.match(text ?? '', /Verdict: open/);
    const ssh = await server.client.conn.sendRequest<string | null>('workspace/executeCommand', { command: 'firewallRules.explain', arguments: [{ uri, port: 22 }] });
    assert.match(ssh ?? '', /dropped by the INPUT policy DROP \(line 2\)[\s\S]*Verdict: dropped/);
    const bad = await server.client.conn.sendRequest<string | null>('workspace/executeCommand', { command: 'firewallRules.explain', arguments: [{ uri, port: 'x' }] });
    assert.equal(bad, null, 'a bad port gets no answer, not an error');
  });
});
