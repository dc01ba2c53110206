// The server watches the config files (workspace/didChangeWatchedFiles) and shows work-done progress
// for a slow analysis, over stdio, as an editor sees it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import type { Diagnostic, InitializeResult, Registration } from 'vscode-languageserver-protocol';
import { killServers, LspClient } from 'firewall-rules-server/build/test-support/lsp-client';

after(killServers);

/** Initializes with the client capabilities given (LspClient.initialize's are fixed). */
async function initialize(client: LspClient, capabilities: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<InitializeResult> {
  const result = await client.conn.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, ...extra, capabilities });
  await client.conn.sendNotification('initialized', {});
  return result;
}

/** Resolves after `ms` of quiet. */
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

// state-match is a hint by default; the config makes it an error.
const TEXT = ['*filter', ':INPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m state --state ESTABLISHED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT', ''].join('\n');
const severities = (ds: Diagnostic[]): Array<[unknown, unknown]> => ds.map((d) => [d.code, d.severity]);
const DEFAULT = [['state-match', 4]];
const ERROR = [['state-match', 1]];

describe('editing .firewall-rules.json lints the open documents again (workspace/didChangeWatchedFiles)', () => {
  const top = mkdtempSync(path.join(tmpdir(), 'fwr-watch-'));
  const root = path.join(top, 'repo');
  mkdirSync(path.join(root, 'etc'), { recursive: true });
  const config = path.join(root, '.firewall-rules.json');
  const docUri = pathToFileURL(path.join(root, 'etc', 'firewall.rules')).href;
  const client = new LspClient();
  const registrations: Registration[] = [];
  client.conn.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
    registrations.push(...p.registrations);
    return null;
  });
  const notify = (file: string, type: number): Promise<void> => client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type }] });
  after(async () => {
    await client.stop();
    rmSync(top, { recursive: true, force: true });
  });

  test('the server asks to watch the config files when the client lets it register watchers', async () => {
    await initialize(client, { workspace: { configuration: false, didChangeWatchedFiles: { dynamicRegistration: true } } }, { workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'repo' }] });
    assert.deepEqual(severities(await client.open(docUri, TEXT)), DEFAULT);
    const watch = registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.ok(watch, `registered: ${registrations.map((r) => r.method).join(', ')}`);
    const globs = (watch.registerOptions as { watchers: Array<{ globPattern: string }> }).watchers.map((w) => w.globPattern);
    assert.ok(globs.includes('**/.firewall-rules.json'), globs.join(', '));
  });

  test('a config file created, changed and deleted: the document is linted with each', async () => {
    writeFileSync(config, JSON.stringify({ severity: { 'state-match': 'error' } }));
    let next = client.diagnostics(docUri, 1, 5000);
    await notify(config, CREATED);
    assert.deepEqual(severities((await next).diagnostics), ERROR, 'created');
    writeFileSync(config, JSON.stringify({ severity: { 'state-match': 'off' } }));
    next = client.diagnostics(docUri, 1, 5000);
    await notify(config, CHANGED);
    assert.deepEqual(severities((await next).diagnostics), [], 'changed');
    rmSync(config);
    next = client.diagnostics(docUri, 1, 5000);
    await notify(config, DELETED);
    assert.deepEqual(severities((await next).diagnostics), DEFAULT, 'deleted');
  });

  test('a second report of the same change (the client watches too) is not linted again', async () => {
    writeFileSync(config, JSON.stringify({ severity: { 'state-match': 'error' } }));
    const next = client.diagnostics(docUri, 1, 5000);
    await notify(config, CREATED);
    assert.deepEqual(severities((await next).diagnostics), ERROR);
    await pause(300);
    const count = client.published.length;
    await notify(config, CREATED);
    await notify(config, CHANGED);
    await pause(500);
    assert.equal(client.published.length, count, 'nothing published');
  });

  test('a config file outside the workspace folder, or beside another folder, changes nothing', async () => {
    rmSync(config);
    const next = client.diagnostics(docUri, 1, 5000);
    await notify(config, DELETED);
    assert.deepEqual(severities((await next).diagnostics), DEFAULT);
    const count = client.published.length;
    const above = path.join(top, '.firewall-rules.json');
    writeFileSync(above, JSON.stringify({ severity: { 'state-match': 'error' } }));
    await notify(above, CREATED);
    mkdirSync(path.join(root, 'other'), { recursive: true });
    const beside = path.join(root, 'other', '.firewall-rules.json');
    writeFileSync(beside, JSON.stringify({ severity: { 'state-match': 'error' } }));
    await notify(beside, CREATED);
    await pause(500);
    assert.equal(client.published.length, count, 'nothing published');
  });
});

describe('a slow analysis shows work-done progress', () => {
  // How slow an analysis is depends on the machine, so the file grows until the analysis is slow
  // enough: from 30,000 rules (about 1.7 MB) up to 240,000 (about 14 MB, under the 16 MiB limit).
  const SIZES = [30000, 60000, 120000, 240000];
  const big = (n: number): string => {
    const rules = Array.from({ length: n }, (_, i) => `-A INPUT -s 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} -p tcp --dport ${1 + (i % 60000)} -j ACCEPT`);
    return ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', ...rules, 'COMMIT', ''].join('\n');
  };
  const smallUri = 'file:///work/progress/small.rules';

  /** A client that records progress tokens asked for and every $/progress. */
  async function start(workDoneProgress: boolean): Promise<{ client: LspClient; created: unknown[]; progress: Array<{ token: unknown; value: { kind: string; title?: string } }> }> {
    const client = new LspClient();
    const created: unknown[] = [];
    const progress: Array<{ token: unknown; value: { kind: string; title?: string } }> = [];
    client.conn.onRequest('window/workDoneProgress/create', (p: { token: unknown }) => {
      created.push(p.token);
      return null;
    });
    client.conn.onUnhandledProgress((p) => progress.push({ token: p.token, value: p.value as { kind: string; title?: string } }));
    await initialize(client, workDoneProgress ? { window: { workDoneProgress: true } } : {});
    return { client, created, progress };
  }

  /** Opens bigger files until one's analysis takes at least `slowMs`, or `done` says to stop; returns the last one's time. */
  async function growUntil(client: LspClient, slowMs: number, done: () => boolean): Promise<{ ms: number; name: string }> {
    let last = { ms: 0, name: '' };
    for (const n of SIZES) {
      const name = `big-${n}.rules`;
      const uri = `file:///work/progress/${name}`;
      await client.open(uri, big(n), 1);
      await client.whenAnalysed(uri, 1);
      await pause(100);
      last = { ms: client.analysed.find((a) => a.uri === uri)?.ms ?? 0, name };
      if (done() || last.ms >= slowMs) return last;
    }
    return last;
  }

  test('begin, then end, when the client supports window.workDoneProgress', async () => {
    const { client, created, progress } = await start(true);
    // A token is asked for once an analysis has run half a second; begin follows when the client has
    // answered, unless the analysis is over by then. Three seconds leave plenty of time to answer.
    const { ms, name } = await growUntil(client, 3000, () => progress.some((p) => p.value.kind === 'begin'));
    const token = created[created.length - 1];
    assert.ok(created.length >= 1, `a token was asked for (the last analysis took ${ms} ms)`);
    assert.deepEqual(progress.filter((p) => p.token === token).map((p) => [p.value.kind, p.value.title]), [['begin', `Analysing ${name}`], ['end', undefined]]);
    // Every token asked for was ended.
    for (const t of created) assert.ok(progress.some((p) => p.token === t && p.value.kind === 'end'), 'each token ends');
    // The server is warm now: a small file's analysis is quick, and shows nothing.
    const before = created.length;
    await client.open(smallUri, TEXT);
    await client.whenAnalysed(smallUri, 1);
    await pause(100);
    assert.equal(created.length, before, 'a quick analysis shows nothing');
    await client.stop();
  });

  test('nothing when the client does not support it', async () => {
    const { client, created, progress } = await start(false);
    const { ms } = await growUntil(client, 1500, () => false);
    assert.ok(ms > 500, `the analysis took ${ms} ms`);
    assert.deepEqual(created, []);
    assert.deepEqual(progress, []);
    await client.stop();
  });
});
