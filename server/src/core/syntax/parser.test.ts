import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RuleLine } from './model';
import { parse } from './parser';
import { ruleText, tokensOf } from './rule-text';
import { hashText, newSharedWords, tokenize } from './tokenize';

describe('tokenize follows iptables-restore', () => {
  test('blanks and tabs separate arguments, and each keeps its exact span', () => {
    const line = '-A  INPUT\t-p tcp   --dport 22 -j ACCEPT';
    const tokens = tokenize(line);
    assert.deepEqual(tokens.map((t) => t.value), ['-A', 'INPUT', '-p', 'tcp', '--dport', '22', '-j', 'ACCEPT']);
    for (const t of tokens) assert.equal(line.slice(t.start, t.end), t.text);
  });
  test('double quotes hold blanks; the span includes the quotes', () => {
    const line = '-j LOG --log-prefix "DROP: " --log-level 7';
    const t = tokenize(line)[3];
    assert.equal(t.value, 'DROP: ');
    assert.equal(t.text, '"DROP: "');
    assert.equal(t.quoted, true);
  });
  test('a backslash escapes inside quotes; the closing quote ends the argument', () => {
    assert.deepEqual(tokenize('"a \\"b\\" c"x').map((t) => t.value), ['a "b" c', 'x']);
  });
  test('a quoted argument without escapes ends at its closing quote too, and may be empty', () => {
    const tokens = tokenize('"ab"cd "" "e f"');
    assert.deepEqual(tokens.map((t) => t.value), ['ab', 'cd', '', 'e f']);
    assert.deepEqual(tokens.map((t) => t.text), ['"ab"', 'cd', '""', '"e f"']);
    assert.deepEqual(tokens.map((t) => t.quoted), [true, false, true, true]);
  });
  test('an unterminated quote keeps what was typed', () => {
    assert.deepEqual(tokenize('--comment "half typed').map((t) => t.value), ['--comment', 'half typed']);
  });
  test('random lines split as a plain reading of the rules above splits them', () => {
    // The rules read one character at a time: blanks end an argument outside quotes; a quote opens a
    // run where a backslash takes the next character; the closing quote ends the argument.
    const reference = (line: string): Array<[string, string, number, number, boolean]> => {
      const out: Array<[string, string, number, number, boolean]> = [];
      let i = 0;
      while (i < line.length) {
        if (line[i] === ' ' || line[i] === '\t') {
          i++;
          continue;
        }
        const start = i;
        let value = '';
        let quoted = false;
        let inQuote = false;
        for (; i < line.length; i++) {
          const ch = line[i];
          if (inQuote) {
            if (ch === '\\' && i + 1 < line.length) value += line[++i];
            else if (ch === '"') {
              i++;
              break;
            } else value += ch;
          } else if (ch === '"') inQuote = quoted = true;
          else if (ch === ' ' || ch === '\t') break;
          else value += ch;
        }
        out.push([line.slice(start, i), value, start, i, quoted]);
      }
      return out;
    };
    let seed = 5;
    const next = (): number => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const alphabet = ['a', 'b', '-', '"', '\\', ' ', '\t', '1'];
    for (let k = 0; k < 5000; k++) {
      let line = '';
      const length = Math.floor(next() * 16);
      for (let j = 0; j < length; j++) line += alphabet[Math.floor(next() * alphabet.length)];
      const words = newSharedWords();
      for (const w of [undefined, words, words]) {
        assert.deepEqual(tokenize(line, 0, w).map((t) => [t.text, t.value, t.start, t.end, t.quoted]), reference(line), JSON.stringify(line));
      }
    }
  });
});

describe('tokensOf', () => {
  test("gives the rule's own part tokens, so a token found by position is the part it belongs to", () => {
    const f = parse('*filter\n[1:2] -A INPUT -p tcp ! --dport 22 -m comment --comment "a b" -j ACCEPT stray\n-AINPUT -j DROP\nCOMMIT\n');
    const line = f.lines[1] as RuleLine;
    const tokens = tokensOf(line);
    assert.deepEqual(tokens.map((t) => t.value), ['-A', 'INPUT', '-p', 'tcp', '!', '--dport', '22', '-m', 'comment', '--comment', 'a b', '-j', 'ACCEPT', 'stray']);
    const rule = line.rule;
    const dport = rule.matches[0].options[0];
    assert.equal(tokens[0], rule.command?.flag);
    assert.equal(tokens[1], rule.command?.chain);
    assert.equal(tokens[3], rule.core[0].args[0]);
    assert.equal(tokens[4], dport.negation);
    assert.equal(tokens[6], dport.args[0]);
    assert.equal(tokens[10], rule.matches[1].options[0].args[0]);
    assert.equal(tokens[12], rule.target?.name);
    assert.equal(tokens[13], rule.stray[0]);
    // An attached argument is a token of its own: the word it came from stays the command's flag.
    const attached = f.lines[2] as RuleLine;
    assert.equal(tokensOf(attached)[0], attached.rule.command?.flag);
    assert.equal(tokensOf(attached)[0].value, '-AINPUT');
  });
});

describe('parts shared between lines', () => {
  const rules = (...lines: string[]): RuleLine[] => parse(['*filter', ...lines, 'COMMIT', ''].join('\n')).lines.filter((l): l is RuleLine => l.kind === 'rule');
  // A word is shared from its second time on (its first may be the only one), so each test starts
  // with a line that has met the words already.
  test('lines from one template hold the same command, options, matches and target; what varies is their own', () => {
    const [, a, b] = rules('-A INPUT -s 10.0.0.9 -p tcp -m conntrack --ctstate NEW -j ACCEPT', '-A INPUT -s 10.0.0.1 -p tcp -m conntrack --ctstate NEW -j ACCEPT', '-A INPUT -s 10.0.0.2 -p tcp -m conntrack --ctstate NEW -j ACCEPT');
    assert.equal(a.rule.command, b.rule.command);
    assert.notEqual(a.rule.core[0], b.rule.core[0]);
    assert.equal(a.rule.core[1], b.rule.core[1]);
    assert.equal(a.rule.matches[0], b.rule.matches[0]);
    assert.equal(a.rule.target, b.rule.target);
    assert.deepEqual(b.rule.core.map((o) => o.args[0].value), ['10.0.0.2', 'tcp']);
  });
  test('a short number (a port) and a short quoted word (a log prefix) repeat like words, so their options are shared too', () => {
    const port = (host: number, p: number): string => `-A INPUT -s 10.0.0.${host} -p tcp -m tcp --dport ${p} -j LOG --log-prefix "in: "`;
    const [, a, b, c] = rules(port(9, 443), port(1, 443), port(2, 443), port(3, 993));
    assert.equal(a.rule.matches[0], b.rule.matches[0]);
    assert.equal(a.rule.target, b.rule.target);
    assert.equal(b.rule.target?.options[0].args[0].value, 'in: ');
    assert.equal(b.rule.target?.options[0].args[0].quoted, true);
    assert.notEqual(a.rule.matches[0], c.rule.matches[0]);
    assert.equal(c.rule.matches[0].options[0].args[0].value, '993');
  });
  test('a different word, a negation or another chain is never taken for a shared part', () => {
    const lines = ['-A INPUT -p tcp -m conntrack --ctstate NEW -j ACCEPT', '-A INPUT -p udp -m conntrack ! --ctstate NEW -j ACCEPT', '-A OUTPUT -p tcp -m conntrack --ctstate NEW -j ACCEPT', '-I INPUT -p tcp -m conntrack --ctstate NEW -j ACCEPT'];
    const [, , , , a, b, c, d] = rules(...lines, ...lines);
    assert.notEqual(a.rule.core[0], b.rule.core[0]);
    assert.equal(b.rule.core[0].args[0].value, 'udp');
    assert.notEqual(a.rule.matches[0], b.rule.matches[0]);
    assert.ok(b.rule.matches[0].options[0].negation);
    assert.equal(a.rule.matches[0], d.rule.matches[0]);
    assert.notEqual(a.rule.command, c.rule.command);
    assert.equal(c.rule.command?.chain?.value, 'OUTPUT');
    assert.notEqual(a.rule.command, d.rule.command);
    assert.equal(d.rule.command?.name, 'insert');
    assert.equal(a.rule.command?.name, 'append');
  });
  test('each line of a repeated invalid option still has its own problem', () => {
    const lines = rules('-A INPUT -p tcp -m tcp --sport nosuchport -j ACCEPT', '-A INPUT -p tcp -m tcp --sport nosuchport -j ACCEPT', '-A INPUT -p tcp -m tcp --sport nosuchport -j ACCEPT');
    assert.equal(lines[1].rule.matches[0].options[0], lines[2].rule.matches[0].options[0]);
    for (const l of lines) assert.deepEqual(l.rule.problems.map((p) => p.code), ['invalid-value']);
  });
});

describe('parse', () => {
  test('the line model: comments, table, chains with policy and counters, counted rules, COMMIT', () => {
    const f = parse('# c\n*filter\n:INPUT DROP [1:2]\n[3:4] -A INPUT -j ACCEPT\n\nCOMMIT\n');
    assert.deepEqual(f.lines.map((l) => l.kind), ['comment', 'table', 'chain', 'rule', 'blank', 'commit']);
    assert.equal(f.blocks.length, 1);
    assert.equal(f.blocks[0].name, 'filter');
    assert.equal(f.blocks[0].commit?.index, 5);
    const chain = f.lines[2];
    assert.ok(chain.kind === 'chain');
    assert.deepEqual([chain.name?.value, chain.policy?.value, chain.counters?.value], ['INPUT', 'DROP', '[1:2]']);
    assert.deepEqual([chain.policy?.start, chain.policy?.end], [7, 11]);
    const rule = f.lines[3] as RuleLine;
    assert.equal(rule.counters?.text, '[3:4]');
    assert.equal(rule.rule.command?.name, 'append');
    assert.equal(rule.rule.command?.chain?.value, 'INPUT');
    assert.equal(rule.rule.target?.name?.value, 'ACCEPT');
    assert.equal(f.lineCount, 6);
  });

  test('options are grouped under their match, the protocol\'s implicit match, or the target', () => {
    const f = parse('*filter\n-A INPUT -p tcp -m conntrack --ctstate NEW --dport 22 -m multiport ! --dports 80,443 -j LOG --log-prefix "x y"\nCOMMIT\n');
    const r = (f.lines[1] as RuleLine).rule;
    assert.deepEqual(r.matches.map((m) => [m.module, m.implicit, m.options.map((o) => o.name)]), [
      ['conntrack', false, ['ctstate']],
      ['tcp', true, ['dport']],
      ['multiport', false, ['dports']],
    ]);
    assert.ok(r.matches[2].options[0].negation);
    assert.deepEqual(r.target?.options.map((o) => [o.name, o.args[0].value]), [['log-prefix', 'x y']]);
  });

  test('rules outside a table, a table left open, a *table line inside an open table', () => {
    const f = parse('-A INPUT -j ACCEPT\n*filter\n-A INPUT -j DROP\n*nat\nCOMMIT\n');
    assert.equal(f.lines[0].block, undefined);
    assert.equal(f.blocks.length, 2);
    assert.equal(f.blocks[0].commit, undefined);
    assert.equal(f.blocks[0].interruptedBy?.index, 3);
    assert.equal(f.blocks[1].commit?.index, 4);
  });

  test('COMMIT must be the whole line', () => {
    const f = parse('*filter\nCOMMIT \n');
    assert.equal(f.lines[1].kind, 'rule');
    assert.equal(f.blocks[0].commit, undefined);
  });

  test('lines ending in CRLF and statements outside any table are counted', () => {
    const f = parse('-A INPUT -j ACCEPT\r\n# c\n*filter\r\n-A INPUT -j DROP\nCOMMIT\nCOMMIT\n\n');
    assert.equal(f.crLines, 2);
    // The first rule, and the second COMMIT; not the comment, the blank line or the table's own lines.
    assert.equal(f.outsideTables, 2);
  });
  test('CRLF is noted and kept out of the text; a final line without newline counts', () => {
    const f = parse('*filter\r\nCOMMIT');
    assert.equal(f.lines[0].text, '*filter');
    assert.equal(f.lines[0].cr, true);
    assert.equal(f.lineCount, 2);
    assert.equal(f.endsWithNewline, false);
  });

  test('never throws, and every token span matches its text, on random input', () => {
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = ['-A', ' ', '\t', '"', '\\', '!', '*', ':', '#', '[', ']', '\n', '\r', 'COMMIT', 'filter', '-j', '-m', '--dport', '22', '\u0000', '\ufeff', 'é', '😀'];
    for (let i = 0; i < 2000; i++) {
      let text = '';
      for (let j = rand(60); j > 0; j--) text += alphabet[rand(alphabet.length)];
      const f = parse(text);
      for (const line of f.lines) {
        if (line.kind !== 'rule') continue;
        for (const t of tokensOf(line)) assert.equal(line.text.slice(t.start, t.end), t.text, JSON.stringify(text));
        // The hash taken while splitting is the hash of the arguments joined by single blanks.
        if (tokensOf(line).length) assert.equal(line.textHash, hashText(ruleText(line)), JSON.stringify(text));
      }
    }
  });
});
