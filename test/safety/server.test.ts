// The server keeps nothing of a closed document, whatever was in flight when it closed: here each
// document is closed while its analysis and a hover wait on `workspace/configuration`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { killServers } from 'firewall-rules-server/build/test-support/lsp-client';
import { withServer } from 'firewall-rules-server/build/test-support/lsp-server';

after(killServers);

/** The server's resident memory, from /proc. */
function rssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const CYCLES = 120;
const line = '-A INPUT -s 10.0.0.1/32 -p tcp -m tcp --dport 22 -m comment --comment "allow ssh from the office" -j ACCEPT\n';
const TEXT = '*filter\n:INPUT DROP [0:0]\n' + line.repeat(Math.ceil(1e6 / line.length)) + 'COMMIT\n';

test('open, hover, close while the settings are awaited: memory stays flat', { skip: process.platform === 'linux' ? false : 'reads /proc', timeout: 300000 }, async () => {
  // A small heap: a server that keeps each closed document's parse runs out of it long before the end.
  await withServer({ execArgv: ['--max-old-space-size=384'] }, async (client) => {
    const pid = client.proc.pid as number;
    const died = new Promise<never>((_, reject) => client.proc.once('exit', (code, signal) => reject(new Error(`the server died (${signal ?? code}): ${client.stderr.slice(-400)}`))));
    died.catch(() => undefined);
    const samples: number[] = [];
    for (let i = 0; i < CYCLES; i++) {
      let release: () => void = () => undefined;
      client.configurationGate = new Promise((resolve) => (release = resolve));
      const uri = `file:///work/safety/leak-${i}.rules`;
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'iptables', version: 1, text: TEXT } });
      const hover = client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 1 } });
      await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      release();
      await Promise.race([hover, died]);
      if (i === 20 || i === CYCLES - 1) samples.push(rssMb(pid));
    }
    console.log(`leak test: RSS ${samples.map((s) => s.toFixed(0)).join(' MB, then ')} MB over ${CYCLES} cycles of a ${(TEXT.length / 1e6).toFixed(1)} MB file`);
    assert.ok(samples[1] - samples[0] < 150, `RSS grew from ${samples[0].toFixed(0)} to ${samples[1].toFixed(0)} MB`);
    client.configurationGate = undefined;
  });
});
