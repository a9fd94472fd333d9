import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { h } from 'preact';
import { pino } from 'pino';
import { buildApp } from '../../app.ts';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../test/helpers/platform.ts';
import { createTempDir } from '../../../test/helpers/temp-dir.ts';
import { AppError } from '../http/errors.ts';
import { LOCALES_DIR, loadCatalogs } from '../i18n/index.ts';
import type { KingaModule } from '../module.ts';
import { Layout } from './layout.tsx';
import { sendPage } from './render.ts';

const databases = openTestDatabases();

/**
 * The real catalogues plus a `probe` folder whose messages French and Arabic have and Spanish
 * lacks, so the test holds whatever the Spanish catalogues hold.
 */
function probeCatalogs() {
  const dir = createTempDir('fallback-locales');
  cpSync(LOCALES_DIR, dir, { recursive: true });
  mkdirSync(join(dir, 'probe'));
  const write = (language: string, messages: Record<string, string>) => writeFileSync(join(dir, 'probe', `${language}.json`), JSON.stringify(messages));
  write('en', {
    'probe.title': 'Your bill',
    'probe.body': 'Read the summary before you sign.',
    'probe.label': 'Search bills',
    'probe.error.title': 'Bill not found',
    'probe.error.body': 'There is no such bill.',
  });
  write('fr', {
    'probe.title': 'Votre facture',
    'probe.body': 'Lisez le récapitulatif avant de signer.',
    'probe.label': 'Chercher',
    'probe.error.title': 'Facture introuvable',
    'probe.error.body': "Cette facture n'existe pas.",
  });
  write('ar', {
    'probe.title': 'فاتورتك',
    'probe.body': 'اقرأ الملخص قبل التوقيع.',
    'probe.label': 'بحث',
    'probe.error.title': 'الفاتورة غير موجودة',
    'probe.error.body': 'لا توجد فاتورة كهذه.',
  });
  write('es', { 'probe.title': 'Su factura' });
  return loadCatalogs(dir);
}

const probe: KingaModule = {
  name: 'probe',
  routes(app) {
    app.get('/probe', async (request, reply) => {
      const ctx = app.pageContext(request, reply);
      return sendPage(
        reply,
        h(Layout, { ctx, title: ctx.t('probe.title') }, [
          h('p', { id: 'body' }, ctx.t('probe.body')),
          h('input', { type: 'search', 'aria-label': ctx.t('probe.label') }),
        ]),
      );
    });
    app.get('/probe/missing', async () => {
      throw new AppError('PROBE_NOT_FOUND', 404, 'probe.error', 'There is no such bill.');
    });
    app.get('/api/probe/missing', async () => {
      throw new AppError('PROBE_NOT_FOUND', 404, 'probe.error', 'There is no such bill.');
    });
    app.get('/api/probe/translated', async (request, reply) => {
      // An API error worded with a page's translator, as a module may do: Spanish lacks the message.
      const t = app.pageContext(request, reply).t;
      throw new AppError('PROBE_INVALID', 422, 'probe.error', t('probe.body'), [{ field: 'bill', message: t('probe.body') }]);
    });
  },
};

async function start() {
  const db = await databases.all[0]!.fresh();
  const platform = await createTestPlatform(db, { catalogs: probeCatalogs() });
  return buildApp(platform, [probe]);
}

const NONCHARACTERS = /[\uFDD0-\uFDEF]/;

test('a page in a language that lacks a message says so in that language and marks the English text as English', async () => {
  const app = await start();
  const html = (await app.inject({ method: 'GET', url: '/probe?lang=es', headers: { accept: 'text/html' } })).body;
  assert.match(html, /<html lang="es" dir="ltr">/);
  assert.match(html, /<h1>Su factura<\/h1>/, 'the Spanish title is not marked');
  assert.match(html, /<p id="body"><span lang="en">Read the summary before you sign\.<\/span><\/p>/);
  assert.match(html, /<p class="fallback-notice" role="note">[^<]*inglés[^<]*<\/p>/, 'the notice is in Spanish');
  assert.match(html, /aria-label="Search bills"/, 'an attribute keeps plain text');
  assert.doesNotMatch(html, NONCHARACTERS, 'no fallback mark reaches the browser');
});

test('a right-to-left page marks English text left to right, and a complete page shows no notice', async () => {
  const app = await start();
  const arabic = (await app.inject({ method: 'GET', url: '/probe?lang=ar', headers: { accept: 'text/html' } })).body;
  assert.doesNotMatch(arabic, /fallback-notice|lang="en"><span|<span lang="en"/, 'nothing fell back in Arabic');
  const french = (await app.inject({ method: 'GET', url: '/probe?lang=fr', headers: { accept: 'text/html' } })).body;
  assert.doesNotMatch(french, /fallback-notice|<span lang="en"/);
  const english = (await app.inject({ method: 'GET', url: '/probe?lang=en', headers: { accept: 'text/html' } })).body;
  assert.doesNotMatch(english, /fallback-notice/);
});

test('the error page follows the same rule: English text marked, and the notice', async () => {
  const app = await start();
  const reply = await app.inject({ method: 'GET', url: '/probe/missing?lang=es', headers: { accept: 'text/html' } });
  assert.equal(reply.statusCode, 404);
  assert.match(reply.body, /<h1><span lang="en">Bill not found<\/span><\/h1>/);
  assert.match(reply.body, /<title>Bill not found · /, 'the title keeps plain text');
  assert.match(reply.body, /class="fallback-notice"/);
  assert.doesNotMatch(reply.body, NONCHARACTERS);
});

test('a problem+json answer names the language of its words and never carries a fallback mark', async () => {
  const app = await start();
  const plain = await app.inject({ method: 'GET', url: '/api/probe/missing', headers: { 'accept-language': 'es' } });
  assert.equal(plain.statusCode, 404);
  assert.equal(plain.headers['content-language'], 'en', 'the API words its problems in English');
  assert.equal(plain.json().detail, 'There is no such bill.');
  const translated = await app.inject({ method: 'GET', url: '/api/probe/translated?lang=es' });
  assert.equal(translated.statusCode, 422);
  assert.equal(translated.headers['content-language'], 'es, en');
  assert.doesNotMatch(translated.body, NONCHARACTERS);
  assert.equal(translated.json().detail, 'Read the summary before you sign.');
  assert.equal(translated.json().errors[0].message, 'Read the summary before you sign.');
});

test('a language the profile lists as complete but whose catalogues lack messages is named in a warning at start', async () => {
  const dir = createTempDir('complete-profile');
  const profile = JSON.parse(readFileSync(join(LOCALES_DIR, '..', 'jurisdictions', 'demo.json'), 'utf8')) as Record<string, unknown>;
  const file = join(dir, 'profile.json');
  writeFileSync(file, JSON.stringify({ ...profile, completeLanguages: ['en', 'fr', 'es'] }));
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  await createTestPlatform(await databases.all[0]!.fresh(), { catalogs: probeCatalogs(), logger, env: { KINGA_JURISDICTION: file } });
  const warnings = lines.map((line) => JSON.parse(line) as { level: number; language?: string; missing?: number; msg: string }).filter((l) => l.level === 40);
  assert.deepEqual(
    warnings.map((w) => w.language),
    ['es'],
    lines.join('\n'),
  );
  assert.ok((warnings[0]?.missing ?? 0) >= 4, 'it counts the missing messages');
  assert.match(warnings[0]?.msg ?? '', /complete/);
});
