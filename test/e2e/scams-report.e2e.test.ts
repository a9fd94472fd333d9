/**
 * The public scam report and lookup pages in a real Chromium: in English, French and Arabic with
 * JavaScript off (and in English with it on) a person sends the triage question unanswered, then
 * answers "yes" and finds the numbers to call; proves their number with a wrong code, then the
 * code texted to it; sends the report with no category and a file that is no image and reads the
 * error summary, then sends it right with a long link and a PNG screenshot and reads the reference
 * and the link defanged; then looks up the sender they reported (reported, not verified, fewer
 * than the small-cell rule's 5 reports), a confirmed number and a link of a long domain. Each page
 * on the way is checked as `scams-page-checks.ts` says: lang and dir, one h1, a refused form focused on its error
 * summary, telephone numbers and their fields read left to right, no sideways scrolling at 320 CSS
 * pixels (WCAG 1.4.10), and axe-core (WCAG 2.2 AA) on what a browser without JavaScript shows.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeInBrowser } from '../helpers/browser.ts';
import { insertIdentifierRow, insertReportRow } from '../../src/modules/scams/testing/public-rows.ts';
import { DEFAULT_OPENDATA_SETTINGS } from '../../src/modules/opendata/index.ts';
import { checkScamPage, codeTextedTo, modeOf, readable, SCAMS_RUNS, submit, urlOf as urlIn, wordsOf, wrongCode } from './scams-page-checks.ts';

const SUITE = 'Browser test test/e2e/scams-report.e2e.test.ts (reporting a scam and checking a number in Chromium)';
const TEST_TIMEOUT_MS = 120_000;
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
/** A number confirmed as a scam, with six reports (above the small-cell rule), that every run looks up. */
const CONFIRMED_NUMBER = '+254799000901';

describeInBrowser('reporting a scam and checking a number in Chromium', SUITE, (suite) => {
  describe('with a confirmed number on the list', () => {
    before(async () => {
      const platform = suite.server.platform;
      const at = new Date(platform.clock.now().getTime() - 3 * DAY_MS).toISOString();
      const id = await insertIdentifierRow(platform, { kind: 'number', value: CONFIRMED_NUMBER, state: 'confirmed', at, confirmedAt: at });
      for (let i = 0; i < 6; i += 1) await insertReportRow(platform, { identifierId: id, reporter: `+25471155500${i}`, filedAt: at });
    });

    const urlOf = (path: string, language: string) => urlIn(suite, path, language);

    for (const [index, run] of SCAMS_RUNS.entries()) {
      const { language, isJavaScriptEnabled } = run;
      const mode = modeOf(run);
      const n = index + 1;
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
          await checkScamPage(suite, page, run, 'the triage question');
          const triage = () => page.locator('main form').filter({ has: page.locator('input[name="harm"]') });
          await submit(page, triage());
          assert.equal(await page.locator('.error-summary').count(), 1, 'the triage sent empty is refused with a summary');
          await checkScamPage(suite, page, run, 'the triage question refused');
          await triage().locator('input[name="harm"][value="yes"]').check();
          await submit(page, triage());
          assert.equal(new URL(page.url()).pathname, '/scams/report/urgent', `"yes" leads to what to do now: ${page.url()}`);
          const calls = await page.locator('main a[href^="tel:"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
          assert.ok(calls.includes('tel:999'), `the police number can be called: ${calls.join(', ')}`);
          assert.ok(
            calls.some((href) => /^tel:\+254200001111$/.test(href ?? '')),
            `a bank's number can be called, its spaces left out: ${calls.join(', ')}`,
          );
          await checkScamPage(suite, page, run, 'what to do now');

          // The number, then the code texted to it.
          await Promise.all([page.waitForNavigation(), page.locator('main a.button[href="/scams/report/number"]').click()]);
          await checkScamPage(suite, page, run, 'the number step');
          const numberForm = page.locator('main form').filter({ has: page.locator('input[name="phone"]') });
          await numberForm.locator('input[name="phone"]').fill(reporter);
          await submit(page, numberForm);
          assert.equal(new URL(page.url()).pathname, '/scams/report/code', `the number leads to the code: ${page.url()}`);
          await checkScamPage(suite, page, run, 'the code step');
          assert.doesNotMatch(await page.content(), new RegExp(reporter.slice(4)), 'the whole number is never shown');
          const codeForm = () => page.locator('main form').filter({ has: page.locator('input[name="code"]') });
          const code = await codeTextedTo(suite, reporter);
          await codeForm().locator('input[name="code"]').fill(wrongCode(code));
          await submit(page, codeForm());
          assert.equal(await page.locator('.error-summary a[href="#field-code"]').count(), 1, 'a wrong code is refused with a summary');
          await checkScamPage(suite, page, run, 'the code refused');
          await codeForm().locator('input[name="code"]').fill(code);
          await submit(page, codeForm());
          assert.equal(new URL(page.url()).pathname, '/scams/report/details', `the code leads to the report: ${page.url()}`);
          await checkScamPage(suite, page, run, 'the report form');

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
          await checkScamPage(suite, page, run, 'the report refused');
          await details().locator('select[name="category"]').selectOption('impersonation');
          await details().locator('input[name="screenshot"]').setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: PNG });
          await submit(page, details());

          // The confirmation: the reference.
          assert.equal(await page.locator('.error-summary').count(), 0, 'the report is accepted');
          await checkScamPage(suite, page, run, 'the confirmation');
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
          const words = wordsOf('lookup', language.code);
          await page.goto(urlOf('/scams/check', language.code));
          await checkScamPage(suite, page, run, 'the lookup');
          const lookupForm = () => page.locator('main form').filter({ has: page.locator('input[name="value"]') });
          await lookupForm().locator('input[name="value"]').fill(sender);
          await submit(page, lookupForm());
          const reported = readable(await page.locator('main [role="status"]').innerText());
          assert.ok(reported.includes(words['scams.lookup.status.reported.title'] ?? '?'), `the sender is reported, not verified: ${reported}`);
          const result = () =>
            page
              .locator('main section')
              .filter({ has: page.locator('[role="status"]') })
              .innerText();
          // The one small-cell rule of every dataset; the demo profile keeps its default.
          const fewer = (words['scams.lookup.reportsFewer'] ?? '?').replace('{count}', String(DEFAULT_OPENDATA_SETTINGS.smallestCount));
          assert.ok(readable(await result()).includes(fewer), `one report shows as "${fewer}": ${await result()}`);
          assert.doesNotMatch(await page.content(), new RegExp(reporter.slice(4)), 'no reporter is shown');
          await checkScamPage(suite, page, run, 'the lookup of a reported sender');

          await lookupForm().locator('input[name="value"]').fill(CONFIRMED_NUMBER);
          await submit(page, lookupForm());
          const confirmed = readable(await page.locator('main [role="status"]').innerText());
          assert.ok(confirmed.includes(words['scams.lookup.status.confirmed.body'] ?? '?'), `the number is confirmed: ${confirmed}`);
          assert.equal(await page.locator('main a[href="/scams/appeal"]').count(), 1, 'a confirmed number links to the appeal');
          const six = (words['scams.lookup.reportsCount'] ?? '?').replace('{count}', '6');
          assert.ok(readable(await result()).includes(six), `six reports show as "${six}": ${await result()}`);
          await checkScamPage(suite, page, run, 'the lookup of a confirmed number');

          // A link whose registrable domain is one long label: shown whole, it still fits 320 px.
          await lookupForm().locator('input[name="value"]').fill(`https://${LONG_DOMAIN}/login`);
          await submit(page, lookupForm());
          const unknown = readable(await page.locator('main [role="status"]').innerText());
          assert.ok(unknown.includes(words['scams.lookup.status.noReports.title'] ?? '?'), `the long link has no reports: ${unknown}`);
          await checkScamPage(suite, page, run, 'the lookup of a long link');
          assert.deepEqual(scriptErrors, [], 'no script error');
        } finally {
          await context.close();
        }
      });
    }
  });
});
