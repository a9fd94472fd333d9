import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogs } from '../i18n/index.ts';
import { isolateInterpolations } from './bidi.ts';

function withCatalogs(messages: Record<string, string>, work: (catalogs: ReturnType<typeof loadCatalogs>) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'kinga-bidi-'));
  try {
    writeFileSync(join(dir, 'en.json'), JSON.stringify(messages));
    writeFileSync(join(dir, 'ar.json'), JSON.stringify(messages));
    work(loadCatalogs(dir, []));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('isolates each interpolated string so a phone number keeps its order in Arabic', () => {
  withCatalogs({ call: 'اتصل بالرقم {phone}.' }, (catalogs) => {
    const t = isolateInterpolations(catalogs.translator('ar'), catalogs, 'ar');
    assert.equal(t('call', { phone: '+254 20 000 0000' }), 'اتصل بالرقم \u2068+254 20 000 0000\u2069.');
  });
});

test('leaves numbers, choices and empty strings alone so plurals and selects still work', () => {
  withCatalogs(
    {
      n: '{count, plural, one {واحد} other {# كثير}}',
      s: '{role, select, admin {مسؤول} other {آخر}} {name}',
      d: '{amount, number} {name}',
    },
    (catalogs) => {
      const t = isolateInterpolations(catalogs.translator('ar'), catalogs, 'ar');
      assert.equal(t('n', { count: 3 }), '3 كثير');
      assert.equal(t('s', { role: 'admin', name: 'Amina' }), 'مسؤول \u2068Amina\u2069');
      assert.equal(t('d', { amount: '12', name: '' }), '12 ');
    },
  );
});
