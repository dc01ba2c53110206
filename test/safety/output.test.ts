// Output cannot be forged: file names and file text reach a terminal, a CI log, a SARIF viewer or a
// hover only escaped.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { killServers } from 'firewall-rules-server/build/test-support/lsp-client';
import { withServer } from 'firewall-rules-server/build/test-support/lsp-server';
import { cli, folder, HEADERLESS } from 'firewall-rules-server/build/test-support/safety';

after(killServers);

describe('the CLI prints nothing raw', () => {
  test('a newline in a file name cannot start a forged diagnostic line', () => {
    const dir = folder('names');
    const name = 'x\nforged.rules:1:1: error: planted [ssh-lockout]';
    writeFileSync(path.join(dir, name), HEADERLESS);
    for (const format of ['text', 'github']) {
      const r = cli(['--format', format, name], { cwd: dir });
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines.length, 1, `${format}: ${JSON.stringify(r.stdout)}`);
      assert.ok(!lines.some((l) => l.startsWith('forged.rules')), format);
    }
  });

  test('escape sequences and bidirectional controls in a file never reach the terminal', () => {
    const dir = folder('escapes');
    const file = path.join(dir, 'firewall.rules');
    writeFileSync(file, '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j \x1b]0;pwned\x07\x1b[2J\u202eEVIL\nCOMMIT\n');
    for (const format of ['text', 'github']) {
      const r = cli(['--format', format, file]);
      assert.match(r.stdout, /EVIL/, `${format}: the chain is named in a message`);
      assert.doesNotMatch(r.stdout + r.stderr, /[\x00-\x08\x0b-\x1f\x7f\u202e]/, format);
    }
  });

  test('JSON and SARIF carry no character a terminal acts on; a byte that is not UTF-8 prints as \\xNN', () => {
    const dir = folder('json');
    const name = 'a\u202eb\u009b.rules';
    writeFileSync(path.join(dir, name), Buffer.concat([Buffer.from('*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j CAF'), Buffer.from([0xe9]), Buffer.from('\u202e\nCOMMIT\n')]));
    for (const format of ['json', 'sarif']) {
      const r = cli(['--format', format, name], { cwd: dir });
      assert.doesNotMatch(r.stdout, /[\u007f-\u009f\u202e\ufffd]/, format);
      assert.equal(JSON.stringify(JSON.parse(r.stdout)).includes('\u202e'), true, `${format}: the same value once parsed`);
    }
    assert.match(cli([name], { cwd: dir }).stdout, /CAF\\xe9\\u202e/);
  });

  test('SARIF: relative, percent-encoded URIs, and help links to the published docs', () => {
    const dir = folder('sarif');
    mkdirSync(path.join(dir, 'etc dir'));
    writeFileSync(path.join(dir, 'etc dir', 'a b%#.rules'), HEADERLESS);
    const r = cli(['--format', 'sarif', path.join('etc dir', 'a b%#.rules')], { cwd: dir });
    const log = JSON.parse(r.stdout) as { runs: Array<{ originalUriBaseIds: Record<string, { uri: string }>; tool: { driver: { rules: Array<{ helpUri: string }> } }; results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }> }> }> };
    const location = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.equal(location.uri, 'etc%20dir/a%20b%25%23.rules');
    assert.equal(log.runs[0].originalUriBaseIds[location.uriBaseId ?? ''].uri, `${pathToFileURL(dir).href}/`);
    assert.ok(log.runs[0].tool.driver.rules.every((x) => x.helpUri.startsWith('https://')), 'a help link is not an https page');
  });

  test('-- ends the options: a file may be named like one', () => {
    const dir = folder('dashes');
    writeFileSync(path.join(dir, '--fix'), HEADERLESS);
    const r = cli(['--', '--fix'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^--fix:1:1: error: /);
    assert.equal(cli(['--', '--fix'], { cwd: dir }).stdout, r.stdout, 'and it is not fixed');
  });
});

describe('the server renders no file text as markdown', () => {
  const hostile = [
    '*filter',
    ':INPUT ACCEPT [0:0]',
    ':![a](https://evil.example/x.png) - [0:0]',
    ':<img src=x onerror=alert(1)> - [0:0]',
    '-A INPUT -p tcp --dport 22 -j ![a](https://evil.example/x.png)',
    '-A INPUT -j <img src=x onerror=alert(1)>',
    '-A INPUT -p [x](javascript:alert(1)) -j ACCEPT',
    '-A INPUT -m state --state NEW,**bold**,`code` -j www.evil.example',
    '-A INPUT -p tcp --dport 22:[z](https://evil.example) -j ACCEPT',
    ':X\r# heading\r - [0:0]',
    '-A INPUT -j X\r# heading\r',
    'COMMIT',
    '',
  ];

  test('hover anywhere escapes images, links, HTML and autolinks from the file', async () => {
    await withServer({}, async (client) => {
      const uri = 'file:///work/safety/hostile.rules';
      await client.open(uri, hostile.join('\n'));
      let hovers = 0;
      for (let line = 0; line < hostile.length; line++) {
        for (let character = 0; character <= hostile[line].length; character++) {
          const h = await client.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
          if (!h) continue;
          hovers++;
          const value = typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : JSON.stringify(h.contents);
          // What is left once each escaped character is taken out must hold no markup from the file.
          const bare = value.replace(/\\[\s\S]/g, '');
          assert.doesNotMatch(bare, /\]\(|!\[|<img|<\/?[a-z]|https?:|www\.|`code`/i, `line ${line + 1}:${character}: ${value}`);
          assert.doesNotMatch(value, /(^|[^\\])\*\*bold/i, `line ${line + 1}:${character}: ${value}`);
          assert.doesNotMatch(value, /\r/, `line ${line + 1}:${character}: a carriage return from the file ends a markdown line`);
        }
      }
      assert.ok(hovers > 50, `only ${hovers} hovers`);
    });
  });

  test('a malformed percent-encoding in a document URI does not break hover or diagnostics', async () => {
    await withServer({}, async (client) => {
      const uri = 'file:///work/safety/bad%E0%A4%A.rules';
      const ds = await client.open(uri, HEADERLESS);
      assert.ok(ds.some((d) => d.code === 'missing-table-header'));
      const h = await client.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
      assert.ok(h);
    });
  });
});
