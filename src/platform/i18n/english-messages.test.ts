import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { englishMessagesOf } from './english-messages.ts';

function catalogue(messages: Record<string, string>): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kinga-locales-'));
  mkdirSync(join(dir, 'things'));
  writeFileSync(join(dir, 'things', 'en.json'), JSON.stringify(messages));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

test('says a key of a module catalogue in English, plurals and values included', () => {
  const { dir, remove } = catalogue({ 'things.count': 'Line {line} has {count, plural, one {# field} other {# fields}}.' });
  try {
    const english = englishMessagesOf('things', dir);
    assert.equal(english('things.count', { line: 3, count: 1 }), 'Line 3 has 1 field.');
    assert.equal(english('things.count', { line: 4, count: 2 }), 'Line 4 has 2 fields.');
  } finally {
    remove();
  }
});

test('throws on a key the English catalogue does not hold', () => {
  const { dir, remove } = catalogue({ 'things.one': 'One.' });
  try {
    assert.throws(() => englishMessagesOf('things', dir)('things.two'), /No English text for the message things\.two in things/);
  } finally {
    remove();
  }
});

test('reads the catalogue on the first message, not when it is made', () => {
  assert.doesNotThrow(() => englishMessagesOf('no-such-folder', join(tmpdir(), 'kinga-no-locales')));
});
