import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oneTimeCodeSmsText } from './one-time-code-text.ts';

test('a one-time code by SMS ends with the origin-bound line of the public host, without its port', () => {
  const text = oneTimeCodeSmsText('Your Kinga code is 123456. ', 'https://kinga.example.org:8443/base', '123456');
  assert.equal(text, 'Your Kinga code is 123456.\n\n@kinga.example.org #123456');
  assert.match(text.split('\n').at(-1) ?? '', /^@[a-z0-9.-]+ #[0-9]{6}$/);
});
