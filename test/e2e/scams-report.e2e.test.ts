/**
 * The public scam report and lookup pages in a real Chromium: in English, French and Arabic with
 * JavaScript off (and in English with it on) a person answers the triage question "yes" and reads
 * what to do now, proves their number with the code texted to it, sends the report once with a
 * field wrong and reads the error summary, sends it right and reads the reference; then looks up
 * the sender they reported (reported, not verified) and a confirmed number. Each page on the way
 * is checked: axe-core (WCAG 2.2 AA) on what a browser without JavaScript shows, lang and dir, one
 * h1, and no sideways scrolling at 320 CSS pixels (WCAG 1.4.10).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
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
import { insertIdentifierRow, insertReportRow } from '../../src/modules/scams/testing/public-rows.ts';

const SUITE = 'Browser test test/e2e/scams-report.e2e.test.ts (reporting a scam and checking a number in Chromium)';
const TEST_TIMEOUT_MS = 120_000;
/** The width at which no page may scroll sideways (WCAG 1.4.10): 1280 CSS pixels at 400 % zoom. */
const REFLOW_WIDTH = 320;
const DAY_MS = 86_400_000;
/** A PNG of one pixel: a screenshot whose signature is an image's. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c40000000049454e44ae426082',
  'hex',
);
/** A registrable domain of one label as long as a label may be (63 characters). */
const LONG_DOMAIN = `${'secure-account-verification-centre-customer-care-kenya-bank'.padEnd(63, 'x')}.co.ke`;
/** A link in the report's text, long and without a break, that the confirmation shows defanged. */
const LONG_LINK = 'https://secure-account-verification-centre.parcel-depot-ke.top/customer/login/confirm?session=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** A number confirmed as a scam, with four reports, that every run looks up. */
const CONFIRMED_NUMBER = '+254799000901';

/** The lookup's words in `language`, to find a status on the page whatever the language. */
function lookupWords(language: string): Record<string, string> {
  return JSON.parse(readFileSync(new URL(`../../src/modules/scams/lookup/locales/${language}.json`, import.meta.url), 'utf8')) as Record<string, string>;
}

/** Text as a person reads it: without the marks that isolate numbers in right-to-left sentences. */
const readable = (text: string) => text.replace(/[\u2066-\u2069\u200e\u200f]/g, '');

describeInBrowser('reporting a scam and checking a number in Chromium', SUITE, (suite) => {
  describe('with a confirmed number on the list', () => {
    before(async () => {
      const platform = suite.server.platform;
      const at = new Date(platform.clock.now().getTime() - 3 * DAY_MS).toISOString();
      const id = await insertIdentifierRow(platform, { kind: 'number', value: CONFIRMED_NUMBER, state: 'confirmed', at, confirmedAt: at });
      for (let i = 0; i < 4; i += 1) await insertReportRow(platform, { identifierId: id, reporter: `+25471155500${i}`, filedAt: at });
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
      const texts = await outboxTexts(suite.server.platform, number);
      const newest = texts.at(-1);
      assert.ok(newest, `a text went to ${number}`);
      const code = /(?<![\d/:.])(\d{6})(?![\d/])/.exec(newest.text)?.[1];
      assert.ok(code, `the text carries a code of 6 digits: ${newest.text}`);
      return code;
    }

    const runs = [...PAGE_LANGUAGES.map((language) => ({ language, isJavaScriptEnabled: false })), { language: PAGE_LANGUAGES[0], isJavaScriptEnabled: true }];
    let n = 0;
    for (const { language, isJavaScriptEnabled } of runs) {
      n += 1;
      const mode = isJavaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
      // Each run reports from its own number a sender of its own, so that each lookup finds only its own report.
      const reporter = `+2547225550${String(n).padStart(2, '0')}`;
      const sender = `+2547339990${String(n).padStart(2, '0')}`;
      test(`a person who lost money reports a scam, then checks numbers, in ${language.code}, ${mode}`, { timeout: TEST_TIMEOUT_MS }, async () => {
        const context = await suite.browser.newContext({ javaScriptEnabled: isJavaScriptEnabled });
        try {
          const page = await context.newPage();
          const scriptErrors: string[] = [];
          page.on('pageerror', (error) => scriptErrors.push(error.message));

          // Triage first: sent empty, it is refused with a summary; "yes" shows what to do now.
          await page.goto(urlOf('/scams/report', language.code));
          await checkPage(page, language, 'the triage question', isJavaScriptEnabled);
          const triage = () => page.locator('main form').filter({ has: page.locator('input[name="harm"]') });
          await submit(page, triage());
          assert.equal(await page.locator('.error-summary').count(), 1, 'the triage sent empty is refused with a summary');
          await checkPage(page, language, 'the triage question refused', isJavaScriptEnabled);
          await triage().locator('input[name="harm"][value="yes"]').check();
          await submit(page, triage());
          assert.equal(new URL(page.url()).pathname, '/scams/report/urgent', `"yes" leads to what to do now: ${page.url()}`);
          const calls = await page.locator('main a[href^="tel:"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
          assert.ok(calls.includes('tel:999'), `the police number can be called: ${calls.join(', ')}`);
          assert.ok(
            calls.some((href) => /^tel:\+254200001111$/.test(href ?? '')),
            `a bank's number can be called, its spaces left out: ${calls.join(', ')}`,
          );
          await checkPage(page, language, 'what to do now', isJavaScriptEnabled);

          // The number, then the code texted to it.
          await Promise.all([page.waitForNavigation(), page.locator('main a.button[href="/scams/report/number"]').click()]);
          await checkPage(page, language, 'the number step', isJavaScriptEnabled);
          const numberForm = page.locator('main form').filter({ has: page.locator('input[name="phone"]') });
          await numberForm.locator('input[name="phone"]').fill(reporter);
          await submit(page, numberForm);
          assert.equal(new URL(page.url()).pathname, '/scams/report/code', `the number leads to the code: ${page.url()}`);
          await checkPage(page, language, 'the code step', isJavaScriptEnabled);
          assert.doesNotMatch(await page.content(), new RegExp(reporter.slice(4)), 'the whole number is never shown');
          const codeForm = () => page.locator('main form').filter({ has: page.locator('input[name="code"]') });
          const code = await codeTextedTo(reporter);
          await codeForm()
            .locator('input[name="code"]')
            .fill(code === '000000' ? '111111' : '000000');
          await submit(page, codeForm());
          assert.equal(await page.locator('.error-summary a[href="#field-code"]').count(), 1, 'a wrong code is refused with a summary');
          await checkPage(page, language, 'the code refused', isJavaScriptEnabled);
          await codeForm().locator('input[name="code"]').fill(code);
          await submit(page, codeForm());
          assert.equal(new URL(page.url()).pathname, '/scams/report/details', `the code leads to the report: ${page.url()}`);
          await checkPage(page, language, 'the report form', isJavaScriptEnabled);

          // The report, first with no category: refused with a summary that links to the field, the rest kept.
          const details = () => page.locator('main form').filter({ has: page.locator('input[name="sender"]') });
          const day = new Date(suite.server.platform.clock.now().getTime() - DAY_MS);
          await details().locator('input[name="sender"]').fill(sender);
          await details().locator('input[name="occurredAtDay"]').fill(String(day.getUTCDate()));
          await details()
            .locator('input[name="occurredAtMonth"]')
            .fill(String(day.getUTCMonth() + 1));
          await details().locator('input[name="occurredAtYear"]').fill(String(day.getUTCFullYear()));
          await details().locator('input[name="medium"][value="call"]').check();
          await details().locator('textarea[name="text"]').fill(`The caller said he was from my bank, asked for my PIN and texted ${LONG_LINK}`);
          await details().locator('input[name="contactKind"][value="none"]').check();
          await details()
            .locator('input[name="screenshot"]')
            .setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: Buffer.from('not an image at all') });
          await submit(page, details());
          const summary = page.locator('.error-summary');
          assert.equal(await summary.count(), 1, 'a report with no category and a file that is no image is refused with a summary');
          assert.equal(await summary.locator('a[href="#field-category"]').count(), 1, 'the summary links to the category');
          assert.equal(await summary.locator('a[href="#field-screenshot"]').count(), 1, 'the summary links to the screenshot');
          assert.equal(await details().locator('input[name="sender"]').inputValue(), sender, 'the sender is kept');
          await checkPage(page, language, 'the report refused', isJavaScriptEnabled);
          await details().locator('select[name="category"]').selectOption('impersonation');
          await details().locator('input[name="screenshot"]').setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: PNG });
          await submit(page, details());

          // The confirmation: the reference.
          assert.equal(await page.locator('.error-summary').count(), 0, 'the report is accepted');
          await checkPage(page, language, 'the confirmation', isJavaScriptEnabled);
          const shown = readable(await page.locator('main').innerText());
          const reference = /\bSC-[0-9A-Z-]{6,}/.exec(shown)?.[0];
          assert.ok(reference, `the confirmation shows the reference: ${shown.slice(0, 300)}`);
          const filed = await suite.server.platform.db.kysely
            .selectFrom('scam_reports')
            .leftJoin('scam_screenshots', 'scam_screenshots.report_id', 'scam_reports.id')
            .select(['scam_reports.has_harm', 'scam_reports.medium', 'scam_reports.category', 'scam_screenshots.media_type'])
            .where('scam_reports.reference', '=', reference)
            .executeTakeFirst();
          assert.deepEqual(
            filed && { ...filed, has_harm: Boolean(filed.has_harm) },
            { has_harm: true, medium: 'call', category: 'impersonation', media_type: 'image/png' },
            'the report keeps what the person said, that they lost money, and the screenshot',
          );
          assert.ok(shown.includes('hxxps://secure-account-verification-centre[.]parcel-depot-ke[.]top/customer/'), `the link is shown defanged: ${shown}`);
          assert.equal(await page.locator('main a[href*="parcel-depot"]').count(), 0, 'the link is never a link');

          // The lookup: the sender just reported (reported, not verified), then a confirmed number.
          const words = lookupWords(language.code);
          await page.goto(urlOf('/scams/check', language.code));
          await checkPage(page, language, 'the lookup', isJavaScriptEnabled);
          const lookupForm = () => page.locator('main form').filter({ has: page.locator('input[name="value"]') });
          await lookupForm().locator('input[name="value"]').fill(sender);
          await submit(page, lookupForm());
          const reported = readable(await page.locator('main [role="status"]').innerText());
          assert.ok(reported.includes(words['scams.lookup.status.reported.title'] ?? '?'), `the sender is reported, not verified: ${reported}`);
          assert.doesNotMatch(await page.content(), new RegExp(reporter.slice(4)), 'no reporter is shown');
          await checkPage(page, language, 'the lookup of a reported sender', isJavaScriptEnabled);

          await lookupForm().locator('input[name="value"]').fill(CONFIRMED_NUMBER);
          await submit(page, lookupForm());
          const confirmed = readable(await page.locator('main [role="status"]').innerText());
          assert.ok(confirmed.includes(words['scams.lookup.status.confirmed.body'] ?? '?'), `the number is confirmed: ${confirmed}`);
          assert.equal(await page.locator('main a[href="/scams/appeal"]').count(), 1, 'a confirmed number links to the appeal');
          await checkPage(page, language, 'the lookup of a confirmed number', isJavaScriptEnabled);

          // A link whose registrable domain is one long label: shown whole, it still fits 320 px.
          await lookupForm().locator('input[name="value"]').fill(`https://${LONG_DOMAIN}/login`);
          await submit(page, lookupForm());
          const unknown = readable(await page.locator('main [role="status"]').innerText());
          assert.ok(unknown.includes(words['scams.lookup.status.noReports.title'] ?? '?'), `the long link has no reports: ${unknown}`);
          await checkPage(page, language, 'the lookup of a long link', isJavaScriptEnabled);
          assert.deepEqual(scriptErrors, [], 'no script error');
        } finally {
          await context.close();
        }
      });
    }
  });
});
