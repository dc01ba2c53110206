import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

const SOURCE = 'firewall-rules';
const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);
const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);

/** Resolves once the server has published diagnostics for `uri` that satisfy `ok` (an event, not a sleep). */
function diagnosticsWhere(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 30000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const done = (): boolean => {
      const ds = ours(uri);
      if (!ok(ds)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) done();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; have: ${JSON.stringify(ours(uri).map((d) => [codeOf(d), d.message]))}`));
    }, timeoutMs);
    done();
  });
}

/** Asks the runner (if any) for a screenshot of the workbench as it is now, and waits for it. */
async function screenshot(name: string): Promise<void> {
  const dir = process.env.FIREWALL_RULES_SCREENSHOT_DIR;
  if (!dir) return;
  const file = path.join(dir, name);
  rmSync(`${file}.done`, { force: true });
  console.log(`__SCREENSHOT__ ${file}`);
  const deadline = Date.now() + 15000;
  while (!existsSync(`${file}.done`) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Writes a workspace file, shows it, and waits until the server has read it. */
async function openNew(uri: vscode.Uri, text: string): Promise<vscode.TextDocument> {
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { overwrite: true, contents: Buffer.from(text) });
  assert.ok(await vscode.workspace.applyEdit(edit));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  await diagnosticsWhere(uri, () => true, 'the server to read the file');
  return doc;
}

/** What the extension exports (client/src/extension.ts's FirewallRulesApi), as far as the tests use it. */
interface Api {
  activationMs: number;
  loadToActivateMs: number;
  serverReady: Promise<{ serverInfo?: { name: string } } | undefined>;
  onAnalysed: vscode.Event<{ uri: string; version: number; ms: number }>;
  onDidChangeState: vscode.Event<{ oldState: number; newState: number }>;
}

async function extensionApi(): Promise<Api> {
  const ext = vscode.extensions.getExtension<Api>('firewall-rules.firewall-rules');
  assert.ok(ext, 'the extension is installed');
  return ext.isActive ? ext.exports : ext.activate();
}

/** Resolves with the server's next `firewallRules/analysed` for `uri`. */
function nextAnalysis(api: Api, uri: vscode.Uri, timeoutMs = 60000): Promise<{ uri: string; version: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const sub = api.onAnalysed((a) => {
      if (a.uri !== uri.toString()) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(a);
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for the analysis of ${uri.toString()}`));
    }, timeoutMs);
  });
}

/** A generated ruleset of `n` rules in 50 user chains (as the bench's "mixed" set), for a slow analysis. */
function bigRuleset(n: number): string {
  const chains = Array.from({ length: 50 }, (_, i) => `NET${i}`);
  const lines = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', ...chains.map((c) => `:${c} - [0:0]`), '-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'];
  chains.forEach((c, i) => lines.push(`-A INPUT -s 10.${i}.0.0/16 -j ${c}`));
  lines.push('-A INPUT -p tcp --dport 22 -j ACCEPT');
  for (let i = 0; i < n; i++) {
    const a = `10.${i % 50}.${(i >> 8) & 255}.${i & 255}/32`;
    const c = chains[i % 50];
    if (i % 3 === 0) lines.push(`-A ${c} -s ${a} -p tcp -m tcp --dport ${1024 + (i % 60000)} -j ACCEPT`);
    else if (i % 3 === 1) lines.push(`-A ${c} -s ${a} -p udp -m multiport --dports 53,123,${2000 + (i % 1000)} -j ACCEPT`);
    else lines.push(`-A ${c} -s ${a} -m conntrack --ctstate NEW -m comment --comment "host ${i}" -j LOG --log-prefix "n${i % 50}: "`);
  }
  lines.push('COMMIT', '');
  return lines.join('\n');
}

suite('Firewall Rules in a real VS Code', () => {
  test('firewall.rules is an iptables file and shows the missing-table-header error', async () => {
    const uri = workspaceFile('firewall.rules');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'iptables');
    await vscode.window.showTextDocument(doc);
    const ds = await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'missing-table-header'), 'missing-table-header');
    const header = ds.find((x) => codeOf(x) === 'missing-table-header')!;
    assert.equal(header.severity, vscode.DiagnosticSeverity.Error);
    assert.match(header.message, /line \d+ failed/);
    const target = typeof header.code === 'object' ? header.code.target : undefined;
    assert.ok(target?.path.endsWith('/docs/rules/missing-table-header.md'), `code links to its doc: ${target?.toString()}`);
    assert.ok(ds.some((x) => codeOf(x) === 'plaintext-mail-protocol' && x.severity === vscode.DiagnosticSeverity.Warning));
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const at = header.range.start.translate(0, 3);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Selection(at, at) });
    await screenshot('editor-diagnostic.png');
  });

  test('activation is measured and does not wait for the server, which then answers', async () => {
    const ext = vscode.extensions.getExtension('firewall-rules.firewall-rules');
    assert.ok(ext?.isActive, 'opening an iptables file activated the extension');
    const api = ext.exports as { activationMs: number; loadToActivateMs: number; serverReady: Promise<{ serverInfo?: { name: string } }> };
    assert.ok(api.activationMs > 0 && api.activationMs < 10000, `activation took ${api.activationMs} ms`);
    const init = await api.serverReady;
    assert.equal(init.serverInfo?.name, 'firewall-rules');
    // For npm run bench, which reports what activation costs in a real VS Code.
    const out = path.join(__dirname, '..', '..', '..', 'output');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'vscode-metrics.json'), JSON.stringify({ activationMs: api.activationMs, loadToActivateMs: api.loadToActivateMs, vscodeVersion: vscode.version, date: new Date().toISOString() }) + '\n');
  });

  test('the preferred quick fix adds the header and leaves no error', async () => {
    const uri = workspaceFile('firewall.rules');
    const doc = await vscode.workspace.openTextDocument(uri);
    const header = ours(uri).find((x) => codeOf(x) === 'missing-table-header');
    assert.ok(header);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, header.range, vscode.CodeActionKind.QuickFix.value);
    // The command's results carry no `diagnostics`, so the fix is told by its title.
    const fix = actions.find((a) => a.isPreferred && /header/.test(a.title));
    assert.ok(fix?.edit, `a preferred fix among: ${JSON.stringify(actions.map((a) => [a.title, a.isPreferred]))}`);
    assert.equal(fix.kind?.value, 'quickfix');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const ds = await diagnosticsWhere(uri, (d) => !d.some((x) => x.severity === vscode.DiagnosticSeverity.Error), 'no errors');
    assert.deepEqual(ds.filter((x) => x.severity === vscode.DiagnosticSeverity.Error), []);
    assert.match(doc.getText(), /^\*filter$/m);
    assert.match(doc.getText(), /^COMMIT$/m);
  });

  test('the mail server snippet gives a document with no warnings', async () => {
    const uri = workspaceFile('mail.iptables');
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { overwrite: true, contents: new Uint8Array() });
    assert.ok(await vscode.workspace.applyEdit(edit));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'iptables');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'iptables', name: 'Mail server firewall (complete file)' });
    assert.match(doc.getText(), /^\*filter$/m, 'the snippet was inserted');
    const ds = await diagnosticsWhere(uri, (d) => d.length === 0 && doc.getText().includes('COMMIT'), 'a clean mail server file');
    assert.deepEqual(ds, []);
    const snippets = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', '..', 'snippets', 'iptables.json'), 'utf8')) as Record<string, unknown>;
    assert.ok('Mail server firewall (complete file)' in snippets);
  });

  test('a file saved by iptables-save is detected from its first line; udev rules are not claimed', async () => {
    const saved = workspaceFile('saved-ruleset');
    const udev = workspaceFile('99-usb.rules');
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(saved, { overwrite: true, contents: Buffer.from('# Generated by iptables-save v1.8.9 on Mon Nov 23 10:00:00 2026\n*filter\nCOMMIT\n') });
    edit.createFile(udev, { overwrite: true, contents: Buffer.from('SUBSYSTEM=="usb", MODE="0664"\n') });
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal((await vscode.workspace.openTextDocument(saved)).languageId, 'iptables');
    assert.notEqual((await vscode.workspace.openTextDocument(udev)).languageId, 'iptables');
  });

  test('the code lens sums up reachability, and "Firewall: explain port…" walks a port through the chains', async () => {
    const uri = workspaceFile('reach.rules');
    const text = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp -m multiport --dports 25,587,993 -j ACCEPT', 'COMMIT', ''].join('\n');
    await openNew(uri, text);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command?.title, 'open: 25 587 993 · SSH: open · everything else: dropped');
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('firewallRules.explainPort'), 'the command is contributed');
    const walk = await vscode.commands.executeCommand<string>('firewallRules.explainPort', uri.toString(), 587);
    assert.match(walk, /1\. SYN in filter INPUT: accepted by line 8/);
    assert.match(walk, /Verdict: open/);
    // Only for the picture: the workbench draws lenses and output after a debounce.
    await new Promise((r) => setTimeout(r, 1500));
    await screenshot('code-lens.png');
  });

  test('typing into a rule sends the change, and the broken line is flagged', async () => {
    const uri = workspaceFile('typing.rules');
    const text = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT', ''].join('\n');
    const doc = await openNew(uri, text);
    const editor = await vscode.window.showTextDocument(doc);
    // Delete "-p tcp " from the SSH rule, as a user would, then put it back.
    assert.ok(await editor.edit((b) => b.delete(new vscode.Range(6, 9, 6, 16))));
    const broken = await diagnosticsWhere(uri, (ds) => ds.some((d) => codeOf(d) === 'unknown-option' && d.range.start.line === 6), 'unknown-option on the edited line');
    assert.match(broken.find((d) => codeOf(d) === 'unknown-option')!.message, /unknown option "--dport"/);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(6, 9), '-p tcp ')));
    await diagnosticsWhere(uri, (ds) => !ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error), 'no error once the line is whole again');
    assert.equal(doc.getText(), text);
  });

  test('hover on --dport 587 names submission; the outline lists the chains; renaming a chain changes all of its uses', async () => {
    const uri = workspaceFile('edit.rules');
    const text = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', ':MAIL - [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp -j MAIL', '-A MAIL -p tcp --dport 587 -j ACCEPT', 'COMMIT', ''].join('\n');
    const doc = await openNew(uri, text);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(8, 25));
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /submission/);

    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    assert.deepEqual(symbols.map((s) => s.name), ['*filter']);
    assert.deepEqual(symbols[0].children.map((c) => c.name), ['INPUT', 'FORWARD', 'OUTPUT', 'MAIL']);

    const defs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', uri, new vscode.Position(7, 20));
    assert.deepEqual(defs.map((d) => ('range' in d ? d.range : d.targetRange).start.line), [4], 'the jump to MAIL leads to its declaration');

    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(8, 15));
    const labels = completions.items.map((c) => (typeof c.label === 'string' ? c.label : c.label.label));
    assert.ok(labels.includes('--dport'), `after -p tcp, --dport is offered: ${labels.slice(0, 20).join(' ')}`);

    const rename = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, new vscode.Position(7, 20), 'SUBMISSION');
    assert.ok(await vscode.workspace.applyEdit(rename));
    assert.equal(doc.getText(), text.replace(/MAIL/g, 'SUBMISSION'));
  });

  test('"validate with iptables-restore" runs the program of the user\'s own setting, by its absolute path, and says which', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fwr-vscode-validate-'));
    const program = path.join(dir, 'iptables-restore');
    writeFileSync(program, `#!/bin/sh\ncat > /dev/null\necho ran > '${path.join(dir, 'RAN')}'\nexit 0\n`);
    chmodSync(program, 0o755);
    const uri = workspaceFile('validate.rules');
    await openNew(uri, ['*filter', ':INPUT ACCEPT [0:0]', 'COMMIT', ''].join('\n'));
    const config = vscode.workspace.getConfiguration('firewallRules');
    await config.update('iptablesRestorePath', program, vscode.ConfigurationTarget.Global);
    try {
      type Result = { ok: boolean; message: string; binary?: string } | undefined;
      const run = (): Thenable<Result> => vscode.commands.executeCommand<Result>('firewallRules.validateWithIptables', uri.toString());
      // The runners open the workspace trusted (--disable-workspace-trust); the protocol and safety
      // suites hold that an untrusted one runs nothing.
      assert.ok(vscode.workspace.isTrusted);
      // The client tells the server of the new setting; the request after it sees it.
      let result = await run();
      for (let i = 0; i < 50 && result?.binary !== program; i++) {
        await new Promise((r) => setTimeout(r, 100));
        result = await run();
      }
      assert.equal(result?.binary, program, JSON.stringify(result));
      assert.equal(result?.ok, true);
      assert.ok(existsSync(path.join(dir, 'RAN')));
      const verdict = (): vscode.Diagnostic | undefined => vscode.languages.getDiagnostics(uri).find((d) => d.source === 'iptables-restore');
      for (let i = 0; i < 100 && !verdict(); i++) await new Promise((r) => setTimeout(r, 100));
      assert.match(verdict()?.message ?? '', new RegExp(`^${program.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} --test: the file loads\\.$`));
    } finally {
      await config.update('iptablesRestorePath', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('"Firewall: restart the language server" starts a new server, and the diagnostics come back', async () => {
    const api = await extensionApi();
    const uri = workspaceFile('restart.rules');
    const text = ['*filter', ':INPUT DROP [0:0]', '-A INPUT --dport 22 -j ACCEPT', 'COMMIT', ''].join('\n');
    await openNew(uri, text);
    const broken = (ds: vscode.Diagnostic[]): boolean => ds.some((d) => codeOf(d) === 'unknown-option');
    await diagnosticsWhere(uri, broken, 'unknown-option before the restart');
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('firewallRules.restartServer'), 'the command is contributed');
    const states: number[] = [];
    const sub = api.onDidChangeState((e) => states.push(e.newState));
    // The stopped client takes its diagnostics with it; the new server publishes them again.
    const cleared = diagnosticsWhere(uri, (ds) => ds.length === 0, 'no diagnostics while the server is down');
    try {
      await vscode.commands.executeCommand('firewallRules.restartServer');
      await cleared;
    } finally {
      sub.dispose();
    }
    // vscode-languageclient's State: Stopped 1, Running 2, Starting 3.
    assert.deepEqual(states, [1, 3, 2], 'stopped, then started anew');
    await diagnosticsWhere(uri, broken, 'unknown-option from the new server');
    const walk = await vscode.commands.executeCommand<string>('firewallRules.explainPort', uri.toString(), 22);
    assert.match(walk, /Verdict/, 'the new server answers commands');
  });

  test('ssh-lockout on a file with sshd elsewhere: its preferred quick fix sets firewallRules.sshPorts for the folder, and the warning goes', async () => {
    const uri = workspaceFile('sshports.rules');
    const text = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '# open ssh', '-A INPUT -p tcp -m tcp --dport 54712 -j ACCEPT', 'COMMIT', ''].join('\n');
    await openNew(uri, text);
    const locked = (ds: vscode.Diagnostic[]): boolean => ds.some((d) => codeOf(d) === 'ssh-lockout');
    const [lockout] = (await diagnosticsWhere(uri, locked, 'ssh-lockout')).filter((d) => codeOf(d) === 'ssh-lockout');
    assert.match(lockout.message, /tcp\/22, the port assumed.*accepts tcp\/54712: is sshd there\?/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, lockout.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.isPreferred);
    assert.equal(fix?.title, 'Set firewallRules.sshPorts to [54712]', JSON.stringify(actions.map((a) => [a.title, a.isPreferred])));
    assert.equal(fix.command?.command, 'firewallRules.setSshPorts');
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    assert.ok(folder);
    try {
      await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      const sshPorts = vscode.workspace.getConfiguration('firewallRules', uri).inspect<number[]>('sshPorts');
      assert.deepEqual(vscode.workspace.getConfiguration('firewallRules', uri).get('sshPorts'), [54712]);
      assert.equal(sshPorts?.globalValue, undefined, 'the folder\'s settings, not the user\'s');
      await diagnosticsWhere(uri, (ds) => !locked(ds), 'no ssh-lockout once sshPorts is 54712');
    } finally {
      await vscode.workspace.getConfiguration('firewallRules', folder.uri).update('sshPorts', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  test('editing .firewall-rules.json re-lints an open file', async () => {
    const uri = workspaceFile('config.rules');
    const text = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 110 -j ACCEPT', 'COMMIT', ''].join('\n');
    await openNew(uri, text);
    const warned = (ds: vscode.Diagnostic[]): boolean => ds.some((d) => codeOf(d) === 'plaintext-mail-protocol');
    await diagnosticsWhere(uri, warned, 'plaintext-mail-protocol for POP3');
    const config = workspaceFile('.firewall-rules.json');
    try {
      // The document is not touched: only the watcher's didChangeWatchedFiles can re-lint it.
      await vscode.workspace.fs.writeFile(config, Buffer.from(JSON.stringify({ severity: { 'plaintext-mail-protocol': 'off' } }) + '\n'));
      await diagnosticsWhere(uri, (ds) => !warned(ds), 'the warning gone once the config turns its code off');
      await vscode.workspace.fs.delete(config);
      await diagnosticsWhere(uri, warned, 'the warning back once the config is deleted');
    } finally {
      await vscode.workspace.fs.delete(config).then(undefined, () => undefined);
    }
  });

  test('a document of another scheme (a git: copy) gets no diagnostics', async () => {
    const api = await extensionApi();
    const text = ['*filter', ':INPUT DROP [0:0]', '-A INPUT --dport 22 -j ACCEPT', 'COMMIT', ''].join('\n');
    const scheme = 'fwr-git';
    const provider = vscode.workspace.registerTextDocumentContentProvider(scheme, { provideTextDocumentContent: () => text });
    const analysed: string[] = [];
    const sub = api.onAnalysed((a) => analysed.push(a.uri));
    try {
      const copy = vscode.Uri.from({ scheme, path: workspaceFile('scheme.rules').path, query: 'ref=HEAD' });
      const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(copy), 'iptables');
      assert.equal(doc.languageId, 'iptables');
      await vscode.window.showTextDocument(doc);
      // The same text on disk, opened after the copy: by the time the server has analysed it, it
      // would have analysed the copy too, had the client sent it.
      const real = workspaceFile('scheme.rules');
      const analysedReal = nextAnalysis(api, real);
      await openNew(real, text);
      await analysedReal;
      await diagnosticsWhere(real, (ds) => ds.some((d) => codeOf(d) === 'unknown-option'), 'unknown-option in the file on disk');
      assert.deepEqual(analysed.filter((u) => u.startsWith(`${scheme}:`)), [], 'the server never saw the copy');
      assert.deepEqual(vscode.languages.getDiagnostics(copy), []);
    } finally {
      sub.dispose();
      provider.dispose();
    }
  });

  test('an analysis that takes over half a second shows its progress', async function () {
    this.timeout(200000);
    const api = await extensionApi();
    // The library shows the server's work-done progress with window.withProgress: watch its calls.
    const titles: string[] = [];
    const window = vscode.window as { withProgress: typeof vscode.window.withProgress };
    const original = window.withProgress;
    const show = original.bind(vscode.window);
    window.withProgress = (options, task) => {
      titles.push(options.title ?? '');
      return show(options, task);
    };
    try {
      // Grow the file until its analysis shows progress: the machine's pace decides how big.
      for (let n = 10000; ; n *= 2) {
        const name = `big-${n}.rules`;
        const uri = workspaceFile(name);
        const text = bigRuleset(n);
        assert.ok(text.length < 16 * 1024 * 1024, `an analysis over a second within the server's size limit (${titles.length} progress shown: ${titles.join(', ')})`);
        await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
        const analysed = nextAnalysis(api, uri, 120000);
        const doc = await vscode.workspace.openTextDocument(uri);
        assert.equal(doc.languageId, 'iptables');
        const { ms } = await analysed;
        const shown = titles.find((t) => t.includes(name));
        if (shown) {
          console.log(`progress "${shown}" for ${name} (${text.length} bytes, analysed in ${ms} ms)`);
          assert.ok(ms > 500, `progress only for a slow analysis (${ms} ms)`);
          break;
        }
        // The server asks for a progress token once its analysis has run 0.5 s, and shows nothing if
        // the work is over before the client's answer: on a busy machine a 2 s whole (settings,
        // parse, analysis, publishing) may end first. Five seconds may not.
        assert.ok(ms < 5000, `the analysis of ${name} took ${ms} ms, and no progress was shown (shown: ${JSON.stringify(titles)})`);
      }
    } finally {
      window.withProgress = original;
    }
  });
});
