import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogs } from '../i18n/index.ts';
import { AppError, FormFault, NotFound, platformMessage, RateLimited } from './errors.ts';

const SRC = fileURLToPath(new URL('../../', import.meta.url));

test('every detail key the code names is in the platform catalogue, in every language the profile must have', () => {
  const named = new Set<string>();
  for (const entry of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || entry.name.endsWith('.test.ts')) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const match of text.matchAll(/platformMessage\('([^']+)'/g)) if (match[1]) named.add(match[1]);
    for (const match of text.matchAll(/detailKey: '([^']+)'/g)) if (match[1]) named.add(match[1]);
  }
  assert.ok(named.size >= 20, `only ${named.size} keys found`);
  const catalogs = loadCatalogs();
  for (const language of ['en', 'fr', 'ar', 'es', 'ru', 'zh'] as const) {
    const own = catalogs.messages.get(language) ?? {};
    const missing = [...named].filter((key) => own[key] === undefined);
    assert.deepEqual(missing, [], `${language} lacks detail keys`);
  }
});

test('a keyed detail keeps its English words for logs and the command line, and is said in another language from its key', () => {
  const catalogs = loadCatalogs();
  const french = catalogs.translator('fr');
  const missing = new NotFound();
  assert.equal(missing.message, 'Nothing was found at this address.');
  assert.equal(missing.detailIn(french), french('error.notFound.detail'));
  const own = new NotFound('PLAN_NOT_FOUND', 'No plan has this id.');
  assert.equal(own.detailIn(french), 'No plan has this id.', 'words without a key are never guessed at');
  const permission = new AppError(
    'TOKEN_PERMISSION_MISSING',
    403,
    'error.forbidden',
    platformMessage('error.tokenPermissionMissing.detail', { permission: 'offers:write' }),
  );
  assert.equal(permission.message, 'This token does not have the permission offers:write.');
  assert.match(permission.detailIn(french), /offers:write/);
  assert.equal(new RateLimited(30).detailIn(catalogs.translator('en')), 'Too many requests. Wait and try again.');
  assert.deepEqual([new FormFault('FORM_INCOMPLETE').status, new FormFault('FORM_INCOMPLETE').messageKey], [400, 'error.formIncomplete']);
});
