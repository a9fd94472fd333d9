/**
 * The appeal against a scam listing in a real Chromium: in English, French and Arabic with
 * JavaScript off (and in English with it on) the holder of a confirmed number sends the first
 * step empty and reads the error summary, gives the number, types the code texted to it, states
 * their case and reads the reference; the public lookup then says "under appeal". A demo officer
 * then finds the appeal among the open ones, opens it and sends the decision form empty. Each page
 * on the way is checked: axe-core (WCAG 2.2 AA) on what a browser without JavaScript shows, lang
 * and dir, one h1, and no sideways scrolling at 320 CSS pixels (WCAG 1.4.10).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import {
  describeInBrowser,
  describeViolations,
  findSidewaysScroll,
  PAGE_LANGUAGES,
  runAxeOnSnapshot,
  serialiseAsWithoutScript,
  type PageLanguage,
} from '../helpers/browser.ts';
import { outboxTexts } from '../helpers/sms-outbox.ts';
import { DEMO_TOTP_SECRET } from '../../src/platform/auth/demo-accounts.ts';
import { totpCode } from '../../src/platform/auth/totp.ts';
import { insertIdentifierRow, insertReportRow } from '../../src/modules/scams/testing/public-rows.ts';

const SUITE = 'Browser test test/e2e/scams-appeal.e2e.test.ts (appealing a scam listing in Chromium)';
const TEST_TIMEOUT_MS = 120_000;
/** The width at which no page may scroll sideways (WCAG 1.4.10): 1280 CSS pixels at 400 % zoom. */
const REFLOW_WIDTH = 320;
const DAY_MS = 86_400_000;

/** The words of a capability of the scams module in `language`, to find a status on the page whatever the language. */
function wordsOf(capability: string, language: string): Record<string, string> {
  return JSON.parse(readFileSync(new URL(`../../src/modules/scams/${capability}/locales/${language}.json`, import.meta.url), 'utf8')) as Record<string, string>;
}

/** Text as a person reads it: without the marks that isolate numbers in right-to-left sentences. */
const readable = (text: string) => text.replace(/[\u2066-\u2069\u200e\u200f]/g, '');

describeInBrowser('appealing a scam listing in Chromium', SUITE, (suite) => {
  describe('with confirmed numbers on the list', () => {
    const runs = [...PAGE_LANGUAGES.map((language) => ({ language, isJavaScriptEnabled: false })), { language: PAGE_LANGUAGES[0], isJavaScriptEnabled: true }];
    // One confirmed number per run: a number can be appealed once.
    const numberOf = (index: number) => `+2547998800${String(index + 1).padStart(2, '0')}`;
    let signedIn: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;

    before(async () => {
      const platform = suite.server.platform;
      const at = new Date(platform.clock.now().getTime() - 2 * DAY_MS).toISOString();
      for (const [index] of runs.entries()) {
        const id = await insertIdentifierRow(platform, { kind: 'number', value: numberOf(index), state: 'confirmed', at, confirmedAt: at });
        for (let i = 0; i < 5; i += 1) await insertReportRow(platform, { identifierId: id, reporter: `+25471166${index}00${i}`, filedAt: at });
      }
    });

    const urlOf = (path: string, language: string): string => {
      const url = new URL(path, suite.server.url);
      url.searchParams.set('lang', language);
      return url.href;
    };

    /** Submits `form` with its last submit button and waits for the page it leads to. */
    async function submit(page: Page, form: Locator): Promise<void> {
      await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').last().click()]);
    }

    /** A context signed in as the demo officer (a reviewer): the first signs in through the pages, the others reuse its cookies. */
    async function officerContext(isJavaScriptEnabled: boolean): Promise<BrowserContext> {
      if (signedIn) return suite.browser.newContext({ javaScriptEnabled: isJavaScriptEnabled, storageState: signedIn });
      const context = await suite.browser.newContext({ javaScriptEnabled: isJavaScriptEnabled });
      const page = await context.newPage();
      await page.goto(urlOf('/staff/sign-in', 'en'));
      await page.locator('main input[name="email"]').fill('officer@demo.kinga.example');
      await page.locator('main input[name="password"]').fill('demo-officer-password');
      await submit(page, page.locator('main form').filter({ has: page.locator('input[name="password"]') }));
      await page.locator('main input[name="code"]').fill(totpCode(DEMO_TOTP_SECRET, suite.server.platform.clock.now()));
      await submit(page, page.locator('main form').filter({ has: page.locator('input[name="code"]') }));
      assert.doesNotMatch(new URL(page.url()).pathname, /sign-in/, `the code signs the officer in: ${page.url()}`);
      signedIn = await context.storageState();
      await page.close();
      return context;
    }

    /** Checks the page now shown: lang and dir, one h1, reflow at 320 px, and axe on what it shows. */
    async function checkPage(page: Page, language: PageLanguage, what: string, isJavaScriptEnabled: boolean): Promise<void> {
      const where = `${what} in ${language.code}`;
      const html = page.locator('html');
      assert.equal(await html.getAttribute('lang'), language.code, `${where}: html lang`);
      assert.equal(await html.getAttribute('dir'), language.dir, `${where}: html dir`);
      assert.equal(await page.locator('h1').count(), 1, `${where}: exactly one h1`);
      const viewport = page.viewportSize();
      await page.setViewportSize({ width: REFLOW_WIDTH, height: viewport?.height ?? 720 });
      try {
        const measured = await page.evaluate(findSidewaysScroll);
        assert.ok(
          measured.scrollWidth <= REFLOW_WIDTH,
          `${where}: at ${REFLOW_WIDTH} px wide the page is ${measured.scrollWidth} px wide (WCAG 1.4.10 Reflow), because of:\n${measured.culprits.join('\n')}`,
        );
      } finally {
        if (viewport) await page.setViewportSize(viewport);
      }
      // Axe is a script: it checks the document as built (without its scripts when they were off) in a context that runs them.
      const snapshot = isJavaScriptEnabled ? await page.content() : await page.evaluate(serialiseAsWithoutScript);
      const results = await runAxeOnSnapshot(suite.pages, page.url(), snapshot);
      assert.equal(results.violations.length, 0, `axe found violations on ${where}:\n${describeViolations(results.violations)}`);
    }

    /** The code of the newest text to `number`. */
    async function codeTextedTo(number: string): Promise<string> {
      const newest = (await outboxTexts(suite.server.platform, number)).at(-1);
      assert.ok(newest, `a text went to ${number}`);
      const code = /(?<![\d/:.])(\d{6})(?![\d/])/.exec(newest.text)?.[1];
      assert.ok(code, `the text carries a code of 6 digits: ${newest.text}`);
      return code;
    }

    for (const [index, { language, isJavaScriptEnabled }] of runs.entries()) {
      const mode = isJavaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
      const number = numberOf(index);
      test(`the holder of a listed number appeals and a reviewer finds the appeal, in ${language.code}, ${mode}`, { timeout: TEST_TIMEOUT_MS }, async () => {
        const context = await suite.browser.newContext({ javaScriptEnabled: isJavaScriptEnabled });
        let reference = '';
        try {
          const page = await context.newPage();
          const scriptErrors: string[] = [];
          page.on('pageerror', (error) => scriptErrors.push(error.message));

          // The number: first sent empty, refused with a summary.
          await page.goto(urlOf('/scams/appeal', language.code));
          await checkPage(page, language, 'the appeal start', isJavaScriptEnabled);
          const numberForm = () => page.locator('main form').filter({ has: page.locator('input[name="number"]') });
          await submit(page, numberForm());
          assert.equal(await page.locator('.error-summary a[href="#field-number"]').count(), 1, 'an empty number is refused with a summary');
          await checkPage(page, language, 'the appeal start refused', isJavaScriptEnabled);
          await numberForm().locator('input[name="number"]').fill(number);
          await submit(page, numberForm());
          assert.equal(new URL(page.url()).pathname, '/scams/appeal/code', `the listed number leads to the code: ${page.url()}`);
          await checkPage(page, language, 'the appeal code', isJavaScriptEnabled);
          assert.doesNotMatch(await page.content(), new RegExp(number.slice(4)), 'the whole number is never shown');

          // The code texted to the number, then the holder's case.
          const codeForm = () => page.locator('main form').filter({ has: page.locator('input[name="code"]') });
          const code = await codeTextedTo(number);
          await codeForm()
            .locator('input[name="code"]')
            .fill(code === '000000' ? '111111' : '000000');
          await submit(page, codeForm());
          assert.equal(await page.locator('.error-summary a[href="#field-code"]').count(), 1, 'a wrong code is refused with a summary');
          await checkPage(page, language, 'the appeal code refused', isJavaScriptEnabled);
          await codeForm().locator('input[name="code"]').fill(code);
          await submit(page, codeForm());
          assert.equal(new URL(page.url()).pathname, '/scams/appeal/statement', `the code leads to the statement: ${page.url()}`);
          await checkPage(page, language, 'the appeal statement', isJavaScriptEnabled);
          const statementForm = page.locator('main form').filter({ has: page.locator('textarea[name="statement"]') });
          await statementForm.locator('textarea[name="statement"]').fill('This number was given to me last month; I never sent those texts.');
          await submit(page, statementForm);
          await checkPage(page, language, 'the appeal filed', isJavaScriptEnabled);
          reference = /\bSA-[0-9A-Z-]{6,}/.exec(readable(await page.locator('main [role="status"]').innerText()))?.[0] ?? '';
          assert.ok(reference, 'the appeal filed shows its reference');

          // The public lookup now says "under appeal".
          await page.goto(urlOf('/scams/check', language.code));
          const lookupForm = page.locator('main form').filter({ has: page.locator('input[name="value"]') });
          await lookupForm.locator('input[name="value"]').fill(number);
          await submit(page, lookupForm);
          const status = readable(await page.locator('main [role="status"]').innerText());
          const underAppeal = wordsOf('lookup', language.code)['scams.lookup.status.appealed.title'] ?? '?';
          assert.ok(status.includes(underAppeal), `the lookup says "${underAppeal}": ${status}`);
          await checkPage(page, language, 'the lookup of a number under appeal', isJavaScriptEnabled);
          assert.deepEqual(scriptErrors, [], 'no script error');
        } finally {
          await context.close();
        }

        // A reviewer finds the appeal among the open ones and opens it.
        const staff = await officerContext(isJavaScriptEnabled);
        try {
          const page = await staff.newPage();
          const scriptErrors: string[] = [];
          page.on('pageerror', (error) => scriptErrors.push(error.message));
          await page.goto(urlOf('/staff/scams/appeals', language.code));
          await checkPage(page, language, 'the open appeals', isJavaScriptEnabled);
          const row = page.locator('main table tbody tr').filter({ hasText: reference });
          assert.equal(await row.count(), 1, `the appeal ${reference} is listed`);
          await Promise.all([page.waitForNavigation(), row.locator('a').first().click()]);
          await checkPage(page, language, 'the appeal', isJavaScriptEnabled);
          assert.match(readable(await page.locator('main dl').innerText()), /never sent those texts/, 'the holder’s case is shown');
          const decision = page.locator('main form').filter({ has: page.locator('input[name="decision"]') });
          await submit(page, decision);
          assert.equal(await page.locator('.error-summary').count(), 1, 'a decision sent empty is refused with a summary');
          await checkPage(page, language, 'the appeal decision refused', isJavaScriptEnabled);
          assert.deepEqual(scriptErrors, [], 'no script error');
        } finally {
          await staff.close();
        }
      });
    }
  });
});
