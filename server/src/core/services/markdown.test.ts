import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeMarkdown, md, trusted } from './markdown';

test('escapeMarkdown: file text cannot open an image, a link, HTML, code, emphasis or an autolink', () => {
  const cases: Array<[string, string]> = [
    ['![a](https://evil.example/x.png)', '\\!\\[a\\]\\(https\\://evil\\.example/x\\.png\\)'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert\\(1\\)\\>'],
    ['`code` **bold** _em_ ~~del~~', '\\`code\\` \\*\\*bold\\*\\* \\_em\\_ \\~\\~del\\~\\~'],
    ['www.evil.example', 'www\\.evil\\.example'],
    ['a|b &amp; #h \\x', 'a\\|b \\&amp; \\#h \\\\x'],
    ['--dport 22:80 tcp/25', '--dport 22\\:80 tcp/25'],
    ['two\nlines', 'two lines'],
  ];
  for (const [text, escaped] of cases) assert.equal(escapeMarkdown(text), escaped, text);
});

test('md escapes each value unless it is trusted', () => {
  assert.equal(md`**Chain ${'[x](y)'}**\n\n${trusted('`kept`')} ${3}`, '**Chain \\[x\\]\\(y\\)**\n\n`kept` 3');
});
