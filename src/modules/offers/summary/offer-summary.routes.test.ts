import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { readPdfText } from '../../../../test/helpers/pdf-text.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { createTempDir } from '../../../../test/helpers/temp-dir.ts';
import { LOCALES_DIR, loadCatalogs } from '../../../platform/i18n/index.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../index.ts';
import { codeFoldersWithCopies } from '../testing/catalogue-copies.ts';
import { visualOrderRtl } from './offer-summary-pdf.ts';

/** The part of fontkit this test reads. */
interface FontkitModule {
  openSync(path: string): { layout(text: string): { glyphs: { id: number; codePoints: number[] }[] } };
}

const databases = openTestDatabases(allMigrations([offersModule]));
const PLAN = 'M9900000001SVM10GB30000000';
const HEADINGS = {
  en: [
    'Services and equipment',
    'Speeds of the internet service and remedies',
    'Price',
    'Duration, renewal and termination',
    'Features for end-users with disabilities',
    'Other relevant information',
  ],
  fr: [
    'Services et équipements',
    'Débits du service internet et voies de recours',
    'Prix',
    'Durée, renouvellement et résiliation',
    'Fonctionnalités pour les utilisateurs finaux handicapés',
    'Autres informations utiles',
  ],
};

async function setup() {
  const database = databases.all[0];
  assert.ok(database);
  const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule] });
  await offersModule.seedDemo?.(platform);
  return buildApp(platform, [offersModule]);
}

const html = { accept: 'text/html' };
const PAST = new Date(Date.parse('2026-12-01') - 10 * 86_400_000).toISOString().slice(0, 10);

test('the summary page shows the six headings, each with the plan id and the date of the version, in English, French and Arabic', async () => {
  const app = await setup();
  const page = await app.inject({ url: `/offers/${PLAN}/summary?lang=en`, headers: html });
  assert.equal(page.statusCode, 200);
  assert.equal((page.body.match(/<h1>/g) ?? []).length, 1);
  assert.match(page.body, /<h1>Contract summary: Monthly Combo 1000<\/h1>/);
  for (const heading of HEADINGS.en) assert.ok(page.body.includes(`>${heading}</h2>`), heading);
  assert.equal(
    (page.body.match(/Plan id M9900000001SVM10GB30000000, version 2, in effect from December 1, 2026/g) ?? []).length,
    7,
    'under the title and every heading',
  );
  assert.match(page.body, /KES\s?1,000\.00 for 30 days/);
  assert.match(page.body, /href="\/assets\/offers\/offer-summary.css"/);
  assert.match(page.body, new RegExp(`href="/offers/${PLAN}/summary.pdf\\?on=2026-12-01&amp;lang=en"`));

  const french = await app.inject({ url: `/offers/${PLAN}/summary?lang=fr`, headers: html });
  for (const heading of HEADINGS.fr) assert.ok(french.body.includes(`>${heading}</h2>`), heading);
  assert.match(french.body, /en vigueur depuis le 1 décembre 2026/);

  const arabic = await app.inject({ url: `/offers/${PLAN}/summary?lang=ar`, headers: html });
  assert.match(arabic.body, /<html lang="ar" dir="rtl">/);
  assert.match(arabic.body, />الخدمات والمعدات<\/h2>/);
  assert.match(arabic.body, />ميزات للمستخدمين ذوي الإعاقة<\/h2>/);

  const before = await app.inject({ url: `/offers/${PLAN}/summary?on=${PAST}`, headers: html });
  assert.equal(before.statusCode, 200);
  assert.match(before.body, /version 1, in effect from/);
  assert.match(before.body, /KES\s?1,100\.00 for 30 days/);
  assert.equal((await app.inject({ url: `/offers/${PLAN}/summary?on=soon`, headers: html })).statusCode, 422);
  assert.equal((await app.inject({ url: '/offers/M0000000000NOPE00000000000/summary', headers: html })).statusCode, 404);
  const css = await app.inject('/assets/offers/offer-summary.css');
  assert.equal(css.statusCode, 200);
  assert.match(css.body, /@media print/);
});

test('the offer page links to the summary page and its PDF for the date shown', async () => {
  const app = await setup();
  const page = await app.inject({ url: `/offers/${PLAN}?on=${PAST}`, headers: html });
  assert.match(page.body, new RegExp(`href="/offers/${PLAN}/summary\\?on=${PAST}&amp;lang=en"`));
  assert.match(page.body, new RegExp(`href="/offers/${PLAN}/summary.pdf\\?on=${PAST}&amp;lang=en"`));
});

test('the PDF is one A4 page with the fonts embedded, the headings, the plan id and the date in its text, and the same bytes every time', async () => {
  const app = await setup();
  const reply = await app.inject(`/offers/${PLAN}/summary.pdf?lang=en`);
  assert.equal(reply.statusCode, 200);
  assert.equal(reply.headers['content-type'], 'application/pdf');
  assert.match(String(reply.headers['content-disposition']), /contract-summary-M9900000001SVM10GB30000000-v2-en\.pdf/);
  const pdf = reply.rawPayload;
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const raw = pdf.toString('latin1');
  assert.match(raw, /\/FontFile2 \d+ 0 R/, 'the font program is embedded');
  assert.match(raw, /\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
  assert.match(raw, /\/MediaBox \[0 0 595\.28 841\.89\]/);
  const { pages, text, runs } = readPdfText(pdf);
  assert.equal(pages, 1);
  for (const heading of HEADINGS.en) assert.ok(runs.includes(heading), heading);
  assert.ok(runs.includes('Plan id M9900000001SVM10GB30000000, version 2, in effect from December 1, 2026'));
  assert.match(text, /KES\s?1,000\.00 for 30 days/);
  const again = await app.inject(`/offers/${PLAN}/summary.pdf?lang=en`);
  assert.ok(again.rawPayload.equals(pdf), "deterministic: the creation date is the version's publication");

  const french = readPdfText((await app.inject(`/offers/${PLAN}/summary.pdf?lang=fr`)).rawPayload);
  assert.equal(french.pages, 1);
  for (const heading of HEADINGS.fr) assert.ok(french.runs.includes(heading), heading);
  assert.match(french.text, /Ce n’est pas le/);
  assert.match(french.text, /en vigueur depuis le 1 décembre 2026/);
});

test('the Arabic PDF draws each line from the right: words in visual order, each word shaped by the font', async () => {
  const app = await setup();
  const { pages, runs } = readPdfText((await app.inject(`/offers/${PLAN}/summary.pdf?lang=ar`)).rawPayload);
  assert.equal(pages, 1);
  // "ملخص العقد: Monthly Combo 1000" is drawn left to right as the Latin name, then the two Arabic words.
  const reversed = (word: string) => [...word].reverse().join('');
  assert.deepEqual(runs.slice(0, 5), ['Monthly', 'Combo', '1000', reversed('العقد:'), reversed('ملخص')]);
  assert.ok(runs.includes(reversed('والمعدات')) && runs.includes(reversed('الخدمات')), 'the first heading');
});

/** Every run of a PDF that shows `text`, with whether each of its glyphs has an outline in the embedded font. */
function glyphsOf(pdf: Buffer, text: string) {
  const require = createRequire(import.meta.url);
  const fontkit = require(require.resolve('fontkit', { paths: [dirname(require.resolve('pdfkit'))] })) as {
    create(buffer: Buffer): { getGlyph(id: number): { path: { commands: unknown[] } } };
  };
  const runs = readPdfText(pdf).glyphRuns.filter((run) => run.text.includes(text));
  return runs.map((run) => {
    const font = run.fontFile ? fontkit.create(run.fontFile) : undefined;
    return { ...run, drawn: run.glyphIds.map((id) => id !== 0 && (font?.getGlyph(id).path.commands.length ?? 0) > 0) };
  });
}

/** Chinese headings of the summary, for tests that must not wait for the whole Chinese catalogue. */
const CHINESE_HEADINGS: Record<string, string> = {
  'offers.summary.section.speeds': '互联网服务速率及补救措施',
  'offers.summary.section.price': '价格',
  'offers.summary.section.duration': '期限、续约和终止',
  'offers.summary.section.accessibility': '为残障终端用户提供的功能',
  'offers.summary.section.other': '其他相关信息',
};

/** The app over the real catalogues, with `messages` as the whole Chinese catalogue of the contract summary. */
async function setupWithChinese(messages: Record<string, string>) {
  const dir = createTempDir('pdf-locales');
  const codeFolders = codeFoldersWithCopies(dir, ['summary']);
  writeFileSync(join(dir, 'summary', 'zh.json'), JSON.stringify(messages));
  const database = databases.all[0];
  assert.ok(database);
  const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule], catalogs: loadCatalogs(LOCALES_DIR, codeFolders) });
  await offersModule.seedDemo?.(platform);
  return { app: await buildApp(platform, [offersModule]), catalogs: platform.catalogs };
}

test('the Chinese PDF draws every Chinese character with a real glyph of an embedded font', async () => {
  const { app } = await setupWithChinese({ ...CHINESE_HEADINGS, 'offers.summary.section.services': '服务和设备' });
  const reply = await app.inject(`/offers/${PLAN}/summary.pdf?lang=zh`);
  assert.equal(reply.statusCode, 200);
  const pdf = reply.rawPayload;
  const { pages, text } = readPdfText(pdf);
  assert.equal(pages, 1);
  for (const heading of ['服务和设备', ...Object.values(CHINESE_HEADINGS)]) {
    const runs = glyphsOf(pdf, heading);
    assert.ok(runs.length > 0, `the PDF shows "${heading}": ${text.slice(0, 300)}`);
    for (const run of runs) assert.ok(run.drawn.every(Boolean), `"${run.text}": glyphs ${run.glyphIds.join(',')} are all drawn`);
  }
  // A NUL, a replacement character or a fallback mark would each say a character was lost.
  assert.ok(!text.includes('\u0000'), 'no character lost');
  assert.doesNotMatch(text, /[\ufffd\ufdd0-\ufdd2]/, 'no character lost, no fallback mark drawn');
  const again = await app.inject(`/offers/${PLAN}/summary.pdf?lang=zh`);
  assert.ok(again.rawPayload.equals(pdf), 'the same summary gives the same bytes');
});

test('a PDF in a language that lacks a message says so, and marks the English text as English', async () => {
  // The first heading has no Chinese text: it falls back to English.
  const { app, catalogs } = await setupWithChinese(CHINESE_HEADINGS);
  const pdf = (await app.inject(`/offers/${PLAN}/summary.pdf?lang=zh`)).rawPayload;
  const { glyphRuns, text } = readPdfText(pdf);
  const notice = catalogs.translator('zh')('layout.fallbackNoticeDocument');
  assert.ok(
    glyphRuns.some((run) => run.text.includes(notice)),
    `the PDF says, in Chinese, that part of it is in English: ${text.slice(0, 400)}`,
  );
  const english = glyphRuns.find((run) => run.text === 'Services and equipment');
  assert.equal(english?.language, 'en', 'the English heading is marked as English');
  const chinese = glyphRuns.find((run) => run.text === '价格');
  assert.ok(chinese, 'the Chinese heading is there');
  assert.equal(chinese.language, undefined, 'Chinese text is not marked as English');
  assert.doesNotMatch(text, /[\ufdd0-\ufdd2]/);

  const inEnglish = readPdfText((await app.inject(`/offers/${PLAN}/summary.pdf?lang=en`)).rawPayload).text;
  assert.ok(!inEnglish.includes(catalogs.translator('en')('layout.fallbackNoticeDocument')), 'an English PDF has nothing to say about it');
});

test('word-level visual order keeps left-to-right runs whole and puts Arabic punctuation after a number on its left', () => {
  assert.deepEqual(visualOrderRtl(['السعر', 'الجديد:', 'KES', '1,200.00', 'شهريًا']), ['شهريًا', 'KES', '1,200.00', 'الجديد:', 'السعر']);
  assert.deepEqual(visualOrderRtl(['الإصدار', '2،', 'ساري']), ['ساري', '،2', 'الإصدار']);
  assert.deepEqual(visualOrderRtl(['Savanna', 'Mobile']), ['Savanna', 'Mobile']);
});

test('DejaVu Sans shapes Arabic through fontkit: joined forms, glyphs right to left', () => {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  // The layout engine pdfkit itself uses (its own dependency), so the test sees what the PDF gets.
  const fontkit = require(require.resolve('fontkit', { paths: [dirname(require.resolve('pdfkit'))] })) as FontkitModule;
  const font = fontkit.openSync(join(dir, 'DejaVuSans.ttf'));
  const word = font.layout('ملخص');
  const isolated = ['م', 'ل', 'خ', 'ص'].map((letter) => font.layout(letter).glyphs[0]?.id);
  const shaped = word.glyphs.map((g) => g.id);
  assert.equal(shaped.length, 4);
  // Drawn right to left: the last letter first; every letter of a joined word takes a joining form.
  assert.deepEqual(
    word.glyphs.map((g) => g.codePoints[0]).reverse(),
    [...'ملخص'].map((c) => c.codePointAt(0)),
  );
  assert.ok(
    shaped.every((id, i) => id !== isolated[isolated.length - 1 - i]),
    `joined forms ${shaped.join(',')} differ from isolated ${isolated.join(',')}`,
  );
});

test('the summary of an add-on names the plan it is bought on, not its plan id', async () => {
  const app = await setup();
  const page = await app.inject({ url: '/offers/M9900000001SVADD5GB0000000/summary?lang=en', headers: html });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<dt>Add-on to the plan<\/dt><dd><span dir="auto">Monthly Combo 1000<\/span><\/dd>/);
  assert.doesNotMatch(page.body, /<dd>M9900000001SVM10GB30000000<\/dd>/);
});
