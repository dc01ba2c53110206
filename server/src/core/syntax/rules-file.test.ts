import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { isRulesFileName, looksLikeRules, RULES_FILE_EXTENSION, RULES_FILE_NAMES, RULES_FIRST_LINE } from './rules-file';

const CASES: Array<[string, boolean]> = [
  ['*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\nCOMMIT\n', true],
  ['# pasted from a blog\n-A INPUT -p tcp --dport 22 -j ACCEPT\n\n-A INPUT -j DROP\n', true],
  ['*filter\r\n:INPUT ACCEPT [0:0]\r\ncommit\r\n', true],
  ['*filter\n:INPUT ACCEPT [10:600]\n[3:180] -A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n', true],
  ['  -A INPUT -j ACCEPT\n', true],
  ['#!/bin/sh\niptables -A INPUT -p tcp --dport 22 -j ACCEPT\n', false],
  ['SUBSYSTEM=="usb", ATTR{idVendor}=="0951", MODE="0666"\n', false],
  ['*filter\n-A INPUT -j ACCEPT\nCOMIT\n', false],
  ['\u0000\u0001ELF\u0002\n', false],
  ['# only comments\n\n', false],
  ['', false],
];

test('looksLikeRules: the case table', () => {
  for (const [text, expected] of CASES) assert.equal(looksLikeRules(text), expected, JSON.stringify(text));
});

test('the file names and first line are the ones package.json claims', () => {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as { contributes: { languages: Array<{ filenames: string[]; extensions: string[]; firstLine: string }> } };
  const lang = manifest.contributes.languages[0];
  assert.deepEqual(lang.filenames, RULES_FILE_NAMES);
  assert.deepEqual(lang.extensions, [RULES_FILE_EXTENSION]);
  assert.equal(lang.firstLine, RULES_FIRST_LINE.source);
  assert.ok(isRulesFileName('mail.iptables') && isRulesFileName('rules.v6') && !isRulesFileName('99-usb.rules'));
});
