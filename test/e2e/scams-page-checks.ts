/**
 * What the scams browser tests share: the runs (English, French and Arabic without JavaScript,
 * English with it), the check of every page on the way (lang and dir, one h1, telephone numbers
 * and their fields read left to right, no sideways scrolling at 320 CSS pixels, axe-core),
 * signing a demo account in, and the code texted to a number.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { assertAxeClean, assertReflows, PAGE_LANGUAGES, type BrowserSuite, type PageLanguage } from '../helpers/browser.ts';
import { outboxTexts } from '../helpers/sms-outbox.ts';
import { DEMO_TOTP_SECRET } from '../../src/platform/auth/demo-accounts.ts';
import { totpCode } from '../../src/platform/auth/totp.ts';

/** The width at which no page may scroll sideways (WCAG 1.4.10): 1280 CSS pixels at 400 % zoom. */
export const REFLOW_WIDTH = 320;

/** One run of a flow: a language, with JavaScript on or off. */
export interface ScamsRun {
  language: PageLanguage;
  isJavaScriptEnabled: boolean;
}

/** Every language without JavaScript, then English with it. */
export const SCAMS_RUNS: readonly ScamsRun[] = [
  ...PAGE_LANGUAGES.map((language) => ({ language, isJavaScriptEnabled: false })),
  { language: PAGE_LANGUAGES[0], isJavaScriptEnabled: true },
];

/** The words a run's test name gives its mode. */
export const modeOf = (run: ScamsRun) => (run.isJavaScriptEnabled ? 'JavaScript on' : 'JavaScript off');

/** The address of `path` on the suite's server in `language`. */
export function urlOf(suite: BrowserSuite, path: string, language: string): string {
  const url = new URL(path, suite.server.url);
  url.searchParams.set('lang', language);
  return url.href;
}

/** Submits `form` with its last submit button and waits for the page it leads to. */
export async function submit(page: Page, form: Locator): Promise<void> {
  await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').last().click()]);
}

/** Text as a person reads it: without the marks that isolate numbers in right-to-left sentences. */
export const readable = (text: string) => text.replace(/[\u2066-\u2069\u200e\u200f]/g, '');

/** The words of a capability of the scams module in `language`, to find a status on the page whatever the language. */
export function wordsOf(capability: string, language: string): Record<string, string> {
  const file = new URL(`../../src/modules/scams/${capability}/locales/${language}.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}

/**
 * Runs in the page: the telephone numbers (`+254712345678`, `+254 712 345 678`, `0712 345 678`)
 * that a right-to-left paragraph shows out of order (the plus sign last, or the last group
 * first); a number kept left to right (an isolate, `dir="ltr"`) reads right. Only numbers on one line are
 * measured. No inner functions: Playwright sends only the function's source.
 */
export function findReversedNumbers(): string[] {
  const reversed: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (const match of text.matchAll(/(?:\+\d{1,3}|\b0\d{3})(?: \d{2,4}){2,}|\+\d{7,15}/g)) {
      const first = document.createRange();
      first.setStart(node, match.index);
      first.setEnd(node, match.index + 1);
      const last = document.createRange();
      last.setStart(node, match.index + match[0].length - 1);
      last.setEnd(node, match.index + match[0].length);
      const a = first.getBoundingClientRect();
      const b = last.getBoundingClientRect();
      if (a.width > 0 && Math.abs(a.top - b.top) < 2 && a.left > b.left) reversed.push(`${match[0]} in "${text.trim().slice(0, 100)}"`);
    }
  }
  return reversed;
}

/**
 * The fields whose values are written left to right whatever the page's language: a telephone
 * number, a short code, a sender name, a link, an e-mail address. On a right-to-left page such a
 * field without `dir="ltr"` shows `+254712345678` as `254712345678+`.
 */
export const LEFT_TO_RIGHT_FIELDS = ['phone', 'number', 'sender', 'value', 'contact'] as const;

/** Runs in the page: the fields of {@link LEFT_TO_RIGHT_FIELDS} (given as `names`) that a browser shows right to left. */
export function findRightToLeftFields(names: readonly string[]): string[] {
  return Array.from(document.querySelectorAll('input'))
    .filter((input) => names.includes(input.name) && getComputedStyle(input).direction !== 'ltr')
    .map((input) => input.name);
}

/**
 * Runs in the page: on a right-to-left page, the elements marked `dir="ltr"` (for a number, a
 * reference, a link) that hold right-to-left words of their own, such as a message of the
 * catalogue shown in a number's place: they would sit on the wrong side, their punctuation astray.
 */
export function findRightToLeftWordsSetLeftToRight(): string[] {
  if (document.documentElement.dir !== 'rtl') return [];
  return Array.from(document.querySelectorAll('body *'))
    .filter(
      (element) =>
        element.getAttribute('dir') === 'ltr' &&
        Array.from(element.childNodes).some((child) => child.nodeType === Node.TEXT_NODE && /[\u0590-\u08ff]/.test(child.textContent ?? '')),
    )
    .map((element) => element.outerHTML.slice(0, 140));
}

/**
 * Checks the page now shown: lang and dir, one h1, the error summary focused when there is one,
 * telephone numbers and the fields that hold them read left to right, no sideways scrolling at
 * 320 px, and axe-core on what it shows.
 */
export async function checkScamPage(suite: BrowserSuite, page: Page, run: ScamsRun, what: string): Promise<void> {
  const { language, isJavaScriptEnabled } = run;
  const where = `${what} in ${language.code}`;
  const html = page.locator('html');
  assert.equal(await html.getAttribute('lang'), language.code, `${where}: html lang`);
  assert.equal(await html.getAttribute('dir'), language.dir, `${where}: html dir`);
  assert.equal(await page.locator('h1').count(), 1, `${where}: exactly one h1`);
  if ((await page.locator('.error-summary').count()) > 0) {
    // A refused form opens on its summary, so that a screen reader reads the problems first.
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), true, `${where}: the error summary has the focus`);
  }
  assert.deepEqual(await page.evaluate(findReversedNumbers), [], `${where}: every telephone number reads left to right`);
  assert.deepEqual(await page.evaluate(findRightToLeftWordsSetLeftToRight), [], `${where}: right-to-left words are never set left to right`);
  assert.deepEqual(await page.evaluate(findRightToLeftFields, LEFT_TO_RIGHT_FIELDS), [], `${where}: fields of numbers, names and links read left to right`);
  await assertReflows(page, REFLOW_WIDTH, where);
  await assertAxeClean(suite.pages, page, isJavaScriptEnabled, where);
}

/** A demo account a scams test signs in as. */
export type DemoSignIn = 'officer' | 'operator';

/**
 * A context signed in as the demo account `who`: the first of each signs in through the pages
 * (password, then the code), the others reuse its cookies from `signedIn`.
 */
export async function signedInContext(
  suite: BrowserSuite,
  signedIn: Map<DemoSignIn, Awaited<ReturnType<BrowserContext['storageState']>>>,
  who: DemoSignIn,
  isJavaScriptEnabled: boolean,
): Promise<BrowserContext> {
  const known = signedIn.get(who);
  if (known) return suite.browser.newContext({ javaScriptEnabled: isJavaScriptEnabled, storageState: known });
  const context = await suite.browser.newContext({ javaScriptEnabled: isJavaScriptEnabled });
  const page = await context.newPage();
  await page.goto(urlOf(suite, '/staff/sign-in', 'en'));
  await page.locator('main input[name="email"]').fill(`${who}@demo.kinga.example`);
  await page.locator('main input[name="password"]').fill(`demo-${who}-password`);
  await submit(page, page.locator('main form').filter({ has: page.locator('input[name="password"]') }));
  await page.locator('main input[name="code"]').fill(totpCode(DEMO_TOTP_SECRET, suite.server.platform.clock.now()));
  await submit(page, page.locator('main form').filter({ has: page.locator('input[name="code"]') }));
  assert.doesNotMatch(new URL(page.url()).pathname, /sign-in/, `the code signs the ${who} in: ${page.url()}`);
  signedIn.set(who, await context.storageState());
  await page.close();
  return context;
}

/** The code of the newest text to `number` in the server's SMS outbox. */
export async function codeTextedTo(suite: BrowserSuite, number: string): Promise<string> {
  const newest = (await outboxTexts(suite.server.platform, number)).at(-1);
  assert.ok(newest, `a text went to ${number}`);
  const code = /(?<![\d/:.])(\d{6})(?![\d/])/.exec(newest.text)?.[1];
  assert.ok(code, `the text carries a code of 6 digits: ${newest.text}`);
  return code;
}

/** A code of 6 digits that is not `code`. */
export const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');
