// Work-done progress for slow work: asked for once, begun when the token comes, ended once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RemoteWindow, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { SlowWorkProgress } from './progress';

/** A window whose tokens come when `grant()` (or `refuse()`) is called; `log` records what the client sees. */
function fakeWindow(): { window: RemoteWindow; log: string[]; grant(): Promise<void>; refuse(): Promise<void> } {
  const log: string[] = [];
  const pending: Array<{ resolve: (r: WorkDoneProgressServerReporter) => void; reject: (e: Error) => void }> = [];
  const reporter = { begin: (title: string) => log.push(`begin ${title}`), done: () => log.push('end'), report: () => undefined } as unknown as WorkDoneProgressServerReporter;
  const window = {
    createWorkDoneProgress: () => {
      log.push('create');
      return new Promise<WorkDoneProgressServerReporter>((resolve, reject) => pending.push({ resolve, reject }));
    },
  } as unknown as RemoteWindow;
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  return {
    window,
    log,
    grant: async () => {
      pending.shift()?.resolve(reporter);
      await settle();
    },
    refuse: async () => {
      pending.shift()?.reject(new Error('refused'));
      await settle();
    },
  };
}

test('quick work shows nothing', () => {
  const w = fakeWindow();
  const work = new SlowWorkProgress(w.window, 500).follow('Analysing a', Date.now());
  work.poll();
  work.done();
  assert.deepEqual(w.log, []);
});

test('slow work asks for one token, begins when it comes, and ends', async () => {
  const w = fakeWindow();
  const work = new SlowWorkProgress(w.window, 500).follow('Analysing a', Date.now() - 600);
  work.poll();
  work.poll();
  await w.grant();
  work.poll();
  work.done();
  work.done();
  assert.deepEqual(w.log, ['create', 'begin Analysing a', 'end']);
});

test('work that ends while the token is made only closes it', async () => {
  const w = fakeWindow();
  const work = new SlowWorkProgress(w.window, 500).follow('Analysing a', Date.now() - 600);
  work.poll();
  work.done();
  await w.grant();
  assert.deepEqual(w.log, ['create', 'end']);
});

test('a refused token: no progress, and the work goes on', async () => {
  const w = fakeWindow();
  const work = new SlowWorkProgress(w.window, 500).follow('Analysing a', Date.now() - 600);
  work.poll();
  await w.refuse();
  work.poll();
  work.done();
  assert.deepEqual(w.log, ['create']);
});
