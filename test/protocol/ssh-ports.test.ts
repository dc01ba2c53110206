// ssh-lockout on a file that shows sshd listening elsewhere (a rule commented `# open ssh` accepts
// tcp/54712): the warning says which port it assumed, and offers to set firewallRules.sshPorts. That
// offer is a command the client runs (it changes the editor's settings), so it is made only to a
// client that says it runs that command, and only where the editor's setting is the one that counts.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { killServers } from 'firewall-rules-server/build/test-support/lsp-client';
import { withServer, type ServerOptions } from 'firewall-rules-server/build/test-support/lsp-server';
import { folder } from 'firewall-rules-server/build/test-support/safety';

after(killServers);

const SET_SSH_PORTS = 'firewallRules.setSshPorts';
const OURS = { clientCommands: [SET_SSH_PORTS] };
const TEXT = ['*filter', ':INPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '# open ssh', '-A INPUT -p tcp -m tcp --dport 54712 -j ACCEPT', 'COMMIT', ''].join('\n');

type Shown = [title: string, preferred: boolean, command?: { command: string; arguments?: unknown[] }];
const shown = (actions: CodeAction[]): Shown[] =>
  actions.map((a) => (a.command ? [a.title, a.isPreferred === true, { command: a.command.command, arguments: a.command.arguments }] : [a.title, a.isPreferred === true]));

function lockout(ds: Diagnostic[]): Diagnostic {
  assert.deepEqual(ds.map((d) => d.code), ['ssh-lockout']);
  return ds[0];
}

/** A server whose only workspace folder is `root`. */
const inFolder = (root: string, initializationOptions: unknown): ServerOptions => ({
  initialize: { rootUri: pathToFileURL(root).href, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'repo' }], initializationOptions },
});

describe('ssh-lockout offers to set firewallRules.sshPorts', () => {
  test('our client gets the command, preferred, with the document and the ports as its arguments', async () => {
    await withServer({ initialize: { initializationOptions: OURS } }, async (client, init) => {
      assert.ok(!init.capabilities.executeCommandProvider?.commands.includes(SET_SSH_PORTS), 'a client command, not the server\'s');
      const uri = 'file:///work/sshports/firewall.rules';
      const d = lockout(await client.open(uri, TEXT));
      assert.match(d.message, /^New SSH connections \(tcp\/22, the port assumed; set firewallRules\.sshPorts if sshd listens elsewhere\) are dropped/);
      assert.match(d.message, /The rule on line 6, commented "open ssh", accepts tcp\/54712: is sshd there\?$/);
      assert.deepEqual(shown(await client.codeActions(uri, [d])), [
        ['Set firewallRules.sshPorts to [54712]', true, { command: SET_SSH_PORTS, arguments: [uri, [54712]] }],
        ['Add 54712 to firewallRules.sshPorts', false, { command: SET_SSH_PORTS, arguments: [uri, [22, 54712]] }],
        ['Accept SSH at the end of INPUT', false],
        ['Disable ssh-lockout for this line', false],
      ]);
      // What the command does, as the editor's setting reaches the server: the warning goes.
      client.configuration = { sshPorts: [54712] };
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      const after = await client.replace(uri, TEXT + '\n', 2);
      assert.deepEqual(after.map((x) => x.code), []);
    });
  });

  test('a generic LSP client is offered no command it cannot run', async () => {
    await withServer({}, async (client) => {
      const uri = 'file:///work/sshports-generic/firewall.rules';
      const d = lockout(await client.open(uri, TEXT));
      assert.match(d.message, /accepts tcp\/54712: is sshd there\?$/, 'the message still says so');
      const actions = await client.codeActions(uri, [d]);
      assert.deepEqual(shown(actions), [
        ['Accept SSH at the end of INPUT', false],
        ['Disable ssh-lockout for this line', false],
      ]);
    });
  });

  test('a .firewall-rules.json that sets sshPorts wins over the editor: no offer to change the editor\'s setting', async () => {
    const root = folder('sshports');
    writeFileSync(path.join(root, '.firewall-rules.json'), JSON.stringify({ sshPorts: [22] }));
    await withServer(inFolder(root, OURS), async (client) => {
      const uri = pathToFileURL(path.join(root, 'firewall.rules')).href;
      const d = lockout(await client.open(uri, TEXT));
      assert.deepEqual(shown(await client.codeActions(uri, [d])).map(([title]) => title), ['Accept SSH at the end of INPUT', 'Disable ssh-lockout for this line']);
    });
  });

  test('a .firewall-rules.json without sshPorts leaves the editor\'s setting in charge: the offer stays', async () => {
    const root = folder('sshports-other');
    writeFileSync(path.join(root, '.firewall-rules.json'), JSON.stringify({ mailProfile: false }));
    await withServer(inFolder(root, OURS), async (client) => {
      const uri = pathToFileURL(path.join(root, 'firewall.rules')).href;
      const d = lockout(await client.open(uri, TEXT));
      assert.deepEqual(shown(await client.codeActions(uri, [d])).slice(0, 1), [['Set firewallRules.sshPorts to [54712]', true, { command: SET_SSH_PORTS, arguments: [uri, [54712]] }]]);
    });
  });
});
