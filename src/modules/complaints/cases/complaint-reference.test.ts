import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkCharacter, newReference, parseReference } from './complaint-reference.ts';

describe('complaint references', () => {
  it('makes references of 12 random characters and a check character', () => {
    const ref = newReference('K');
    assert.match(ref, /^K-[0-9A-HJKMNP-TV-Z]{12}-[0-9A-HJKMNP-TV-Z]$/);
    assert.equal(parseReference(ref), ref);
  });

  it('makes different references each time', () => {
    const refs = new Set(Array.from({ length: 1000 }, () => newReference('C')));
    assert.equal(refs.size, 1000);
  });

  it('reads a reference typed in lower case, without dashes, with O for 0 and l for 1', () => {
    const ref = newReference('K', () => Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
    assert.equal(ref, `K-0123456789AB-${checkCharacter('0123456789AB')}`);
    assert.equal(parseReference(`ko l23456789ab${checkCharacter('0123456789AB').toLowerCase()}`), ref);
  });

  it('refuses a reference with one character changed or two neighbours swapped', () => {
    const ref = newReference('K', () => Buffer.from([3, 14, 15, 9, 26, 5, 30, 5, 8, 9, 7, 9]));
    const body = ref.slice(2, 14);
    const check = ref.slice(15);
    const changed = `${body.slice(0, 5)}${body.charAt(5) === 'Z' ? 'Y' : 'Z'}${body.slice(6)}`;
    const swapped = `${body.slice(0, 2)}${body.charAt(3)}${body.charAt(2)}${body.slice(4)}`;
    assert.equal(parseReference(`K-${changed}-${check}`), null);
    assert.equal(parseReference(`K-${swapped}-${check}`), null);
    assert.equal(parseReference('K-TOOSHORT-1'), null);
    assert.equal(parseReference('X-0123456789AB-0'), null);
  });
});
