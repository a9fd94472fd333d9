/**
 * The appeal against a scam listing in a real Chromium: in English, French and Arabic with
 * JavaScript off (and in English with it on) the holder of a confirmed number gives a short code
 * first and reads the error summary, gives the number, types a wrong code and then the code texted
 * to it, states their case and reads the reference; the public lookup then says "under appeal". A
 * demo officer then finds the appeal among the open ones, opens it and sends the decision form
 * empty. Each page on the way is checked as `scams-page-checks.ts` says: lang and dir, one h1, a
 * refused form focused on its error summary, telephone numbers and their fields read left to
 * right, no sideways scrolling at 320 CSS pixels (WCAG 1.4.10), and axe-core (WCAG 2.2 AA) on what
 * a browser without JavaScript shows.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import { describeInBrowser } from '../helpers/browser.ts';
import { insertIdentifierRow, insertReportRow } from '../../src/modules/scams/testing/public-rows.ts';
import {
  checkScamPage,
  codeTextedTo,
  modeOf,
  readable,
  SCAMS_RUNS,
  signedInContext,
  submit,
  urlOf as urlIn,
  wordsOf,
  wrongCode,
  type DemoSignIn,
} from './scams-page-checks.ts';

const SUITE = 'Browser test test/e2e/scams-appeal.e2e.test.ts (appealing a scam listing in Chromium)';
const TEST_TIMEOUT_MS = 120_000;
const DAY_MS = 86_400_000;
/** The holder's case, with a long address without a break that the reviewer's page must wrap at 320 px. */
const STATEMENT =
  'This number was given to me last month; I never sent those texts. My contract: https://operator.example/customers/contracts/2026/11/KE-0000123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describeInBrowser('appealing a scam listing in Chromium', SUITE, (suite) => {
  describe('with confirmed numbers on the list', () => {
    // One confirmed number per run: a number can be appealed once.
    const numberOf = (index: number) => `+2547998800${String(index + 1).padStart(2, '0')}`;
    const signedIn = new Map<DemoSignIn, Awaited<ReturnType<BrowserContext['storageState']>>>();

    before(async () => {
      const platform = suite.server.platform;
      const at = new Date(platform.clock.now().getTime() - 2 * DAY_MS).toISOString();
      for (const [index] of SCAMS_RUNS.entries()) {
        const id = await insertIdentifierRow(platform, { kind: 'number', value: numberOf(index), state: 'confirmed', at, confirmedAt: at });
        for (let i = 0; i < 5; i += 1) await insertReportRow(platform, { identifierId: id, reporter: `+25471166${index}00${i}`, filedAt: at });
      }
    });

    const urlOf = (path: string, language: string) => urlIn(suite, path, language);

    for (const [index, run] of SCAMS_RUNS.entries()) {
      const { language, isJavaScriptEnabled } = run;
      const mode = modeOf(run);
      const number = numberOf(index);
      test(`the holder of a listed number appeals and a reviewer finds the appeal, in ${language.code}, ${mode}`, { timeout: TEST_TIMEOUT_MS }, async () => {
        const context = await suite.browser.newContext({ javaScriptEnabled: isJavaScriptEnabled });
        let reference = '';
        try {
          const page = await context.newPage();
          const scriptErrors: string[] = [];
          page.on('pageerror', (error) => scriptErrors.push(error.message));

          // The number: first a short code, refused with a summary that gives an example.
          await page.goto(urlOf('/scams/appeal', language.code));
          await checkScamPage(suite, page, run, 'the appeal start');
          const numberForm = () => page.locator('main form').filter({ has: page.locator('input[name="number"]') });
          await numberForm().locator('input[name="number"]').fill('40404');
          await submit(page, numberForm());
          assert.equal(await page.locator('.error-summary a[href="#field-number"]').count(), 1, 'a short code is refused with a summary');
          await checkScamPage(suite, page, run, 'the appeal start refused');
          await numberForm().locator('input[name="number"]').fill(number);
          await submit(page, numberForm());
          assert.equal(new URL(page.url()).pathname, '/scams/appeal/code', `the listed number leads to the code: ${page.url()}`);
          await checkScamPage(suite, page, run, 'the appeal code');
          assert.doesNotMatch(await page.content(), new RegExp(number.slice(4)), 'the whole number is never shown');

          // The code texted to the number, then the holder's case.
          const codeForm = () => page.locator('main form').filter({ has: page.locator('input[name="code"]') });
          const code = await codeTextedTo(suite, number);
          await codeForm().locator('input[name="code"]').fill(wrongCode(code));
          await submit(page, codeForm());
          assert.equal(await page.locator('.error-summary a[href="#field-code"]').count(), 1, 'a wrong code is refused with a summary');
          await checkScamPage(suite, page, run, 'the appeal code refused');
          await codeForm().locator('input[name="code"]').fill(code);
          await submit(page, codeForm());
          assert.equal(new URL(page.url()).pathname, '/scams/appeal/statement', `the code leads to the statement: ${page.url()}`);
          await checkScamPage(suite, page, run, 'the appeal statement');
          const statementForm = page.locator('main form').filter({ has: page.locator('textarea[name="statement"]') });
          await statementForm.locator('textarea[name="statement"]').fill(STATEMENT);
          await submit(page, statementForm);
          await checkScamPage(suite, page, run, 'the appeal filed');
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
          await checkScamPage(suite, page, run, 'the lookup of a number under appeal');
          assert.deepEqual(scriptErrors, [], 'no script error');
        } finally {
          await context.close();
        }

        // A reviewer finds the appeal among the open ones and opens it.
        const staff = await signedInContext(suite, signedIn, 'officer', isJavaScriptEnabled);
        try {
          const page = await staff.newPage();
          const scriptErrors: string[] = [];
          page.on('pageerror', (error) => scriptErrors.push(error.message));
          await page.goto(urlOf('/staff/scams/appeals', language.code));
          await checkScamPage(suite, page, run, 'the open appeals');
          const row = page.locator('main table tbody tr').filter({ hasText: reference });
          assert.equal(await row.count(), 1, `the appeal ${reference} is listed`);
          await Promise.all([page.waitForNavigation(), row.locator('a').first().click()]);
          await checkScamPage(suite, page, run, 'the appeal');
          assert.match(readable(await page.locator('main dl').innerText()), /never sent those texts/, 'the holder’s case is shown');
          const decision = page.locator('main form').filter({ has: page.locator('input[name="decision"]') });
          await submit(page, decision);
          assert.equal(await page.locator('.error-summary').count(), 1, 'a decision sent empty is refused with a summary');
          await checkScamPage(suite, page, run, 'the appeal decision refused');
          assert.deepEqual(scriptErrors, [], 'no script error');
        } finally {
          await staff.close();
        }
      });
    }
  });
});
