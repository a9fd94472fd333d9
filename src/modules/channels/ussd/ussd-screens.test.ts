import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalogs, stripFallback } from '../../../platform/i18n/index.ts';
import { SUPPORTED_LANGUAGES } from '../../../platform/jurisdiction.ts';
import { planSms } from '../../../platform/sms/sms-text.ts';
import { DEFAULT_CHANNELS_SETTINGS, MENU_ACTIONS } from '../channels.settings.ts';
import { fitsScreen, pagesOf, screenLength } from './ussd-screens.ts';

const LIMITS = { gsm7Characters: 182, ucs2Characters: 80 };
const FOOTERS = { more: '98 More', back: '0 Back' };
const catalogs = loadCatalogs();
const messages = catalogs.messages.get('en') ?? {};

test('a text that fits is one page; a longer one is cut at lines, each page within the limit with its keys, and nothing is lost', () => {
  assert.deepEqual(pagesOf('Short', LIMITS, FOOTERS), ['Short']);
  const lines = Array.from({ length: 12 }, (_, i) => `${i + 1} An item of the list number ${i + 1}`);
  const pages = pagesOf(lines.join('\n'), LIMITS, FOOTERS);
  assert.ok(pages.length > 1);
  for (const page of pages) assert.ok(screenLength(page) <= 182, page);
  assert.ok(pages[0]?.endsWith('\n98 More') && !pages[0].includes('0 Back'));
  assert.ok(pages.at(-1)?.endsWith('\n0 Back') && !pages.at(-1)?.includes('98 More'));
  const body = pages.map((p) => p.replace(/\n(98 More|0 Back)/g, '')).join('\n');
  assert.equal(body, lines.join('\n'));
});

test('a line longer than a page is cut between words, or between characters in Chinese, within the UCS-2 limit', () => {
  const russian = 'Слово '.repeat(40).trim();
  const pages = pagesOf(russian, LIMITS, { more: '98 Далее', back: '0 Назад' });
  for (const page of pages) assert.ok(page.length <= 80, `${page.length}: ${page}`);
  assert.equal(pages.map((p) => p.replace(/\n(98 Далее|0 Назад)/g, '')).join(' '), russian);
  const chinese = '请输入丢失或被盗手机的识别码'.repeat(12);
  const zh = pagesOf(chinese, LIMITS, { more: '98 更多', back: '0 返回' });
  for (const page of zh) assert.ok(page.length <= 80);
  assert.equal(zh.map((p) => p.replace(/\n(98 更多|0 返回)/g, '')).join(''), chinese);
});

/** Every text the menu shows, in one language, with the longest values it takes. */
function everyScreen(language: (typeof SUPPORTED_LANGUAGES)[number]): Map<string, string> {
  const t = catalogs.translator(language);
  const say = (key: string, values?: Record<string, string | number>) => stripFallback(t(key, values));
  const values = {
    length: 16,
    imei: '490154203237518',
    date: '2026-12-03',
    device: 'Samsung Galaxy A15 Ultra Edition 5G 512',
    reference: 'K-7K3M9Q2PXW4R-8',
    requestId: 'LS-7K3M9Q2P',
  };
  const screens = new Map<string, string>();
  const menu = (lead: string) => [lead, ...MENU_ACTIONS.map((a, i) => `${i + 1} ${say(`channels.ussd.menu.${a}`)}`)].join('\n');
  screens.set('menu', menu(say('channels.ussd.menu.title')));
  screens.set('invalidChoice', menu(say('channels.ussd.invalidChoice')));
  screens.set(
    'resume',
    [say('channels.ussd.resume.question'), `1 ${say('channels.ussd.resume.continue')}`, `2 ${say('channels.ussd.resume.restart')}`].join('\n'),
  );
  screens.set(
    'language',
    [
      say('channels.actions.language.prompt'),
      ...SUPPORTED_LANGUAGES.map((l, i) => `${i + 1} ${stripFallback(catalogs.translator(l)('meta.languageName'))}`),
    ].join('\n'),
  );
  for (const key of Object.keys(messages).filter((k) => k.startsWith('channels.actions.') || k.startsWith('channels.ussd.'))) {
    if (key.includes('.status.') || key.includes('.stage.') || key.includes('.menu.')) continue;
    if (key === 'channels.actions.imei.answer' || key === 'channels.actions.imei.answerDevice') {
      for (const status of ['valid', 'unknownTac', 'invalid', 'reportedStolen', 'blocked', 'duplicateWatch'])
        screens.set(`${key}.${status}`, say(key, { ...values, status: say(`channels.actions.imei.status.${status}`, values) }));
      continue;
    }
    if (key.startsWith('channels.actions.complaint.answer') || key === 'channels.actions.complaint.waiting') {
      for (const stage of Object.keys(messages).filter((k) => k.startsWith('channels.actions.stage.')))
        screens.set(`${key}.${stage}`, say(key, { ...values, stage: say(stage) }));
      continue;
    }
    screens.set(key, say(key, values));
  }
  return screens;
}

test('every screen of the menu, in every language, is shown in pages that each fit the gateway limit, and the IMEI verdict is one SMS in Latin scripts', () => {
  const { screen, pageKeys } = DEFAULT_CHANNELS_SETTINGS.ussd;
  for (const language of SUPPORTED_LANGUAGES) {
    const t = catalogs.translator(language);
    const footers = { more: `${pageKeys.more} ${stripFallback(t('channels.ussd.more'))}`, back: `${pageKeys.back} ${stripFallback(t('channels.ussd.back'))}` };
    const screens = everyScreen(language);
    assert.ok(screens.size > 40, `${language}: ${screens.size} screens`);
    for (const [name, text] of screens) {
      assert.doesNotMatch(text, /[\uFDD0-\uFDEF]/, `${language} ${name} is translated`);
      for (const page of pagesOf(text, screen, footers)) assert.ok(fitsScreen(page, screen), `${language} ${name}: ${screenLength(page)} characters: ${page}`);
      // The verdict of a check is also the answer of the SMS keyword: one message where the script allows.
      if (name.startsWith('channels.actions.imei.answer') && ['en', 'fr', 'es'].includes(language))
        assert.equal(planSms(text).parts.length, 1, `${language} ${name}: ${text}`);
    }
  }
});
