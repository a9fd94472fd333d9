/**
 * The staff retention pages in a real Chromium: in English and Arabic with JavaScript off
 * (and in English with it on) the demo officer reads the schedule in force and the demo's runs,
 * asks for a dry run and reads its report once the worker ran it, sends the hold form empty and
 * reads the errors, places a hold and releases it (when a module declares a kind of record), and reads the register of processing. Each page
 * is checked as `scams-page-checks.ts` says: lang and dir, one h1, a refused form focused on its
 * error summary, no sideways scrolling at 320 CSS pixels, and axe-core (WCAG 2.2 AA).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import { describeInBrowser } from '../helpers/browser.ts';
import { checkScamPage, modeOf, SCAMS_RUNS, signedInContext, submit, urlOf as urlIn, type DemoSignIn } from './scams-page-checks.ts';

const SUITE = 'Browser test test/e2e/privacy-retention.e2e.test.ts (the staff retention pages in Chromium)';
const TEST_TIMEOUT_MS = 120_000;
const RUNS = SCAMS_RUNS.filter((run) => run.isJavaScriptEnabled || ['en', 'ar'].includes(run.language.code));

describeInBrowser('the staff retention pages in Chromium', SUITE, (suite) => {
  describe('as the demo officer', () => {
    const signedIn = new Map<DemoSignIn, Awaited<ReturnType<BrowserContext['storageState']>>>();
    const urlOf = (path: string, language: string) => urlIn(suite, path, language);

    for (const run of RUNS) {
      const { language, isJavaScriptEnabled } = run;
      test(
        `the officer reads the schedule, dry-runs it, holds a record and reads the register, in ${language.code}, ${modeOf(run)}`,
        { timeout: TEST_TIMEOUT_MS },
        async () => {
          const context = await signedInContext(suite, signedIn, 'officer', isJavaScriptEnabled);
          try {
            const page = await context.newPage();
            await page.goto(urlOf('/staff/privacy/retention', language.code));
            await checkScamPage(suite, page, run, 'the retention page');
            assert.ok((await page.locator('main table').count()) >= 2, 'the schedule and the demo runs are listed');

            await submit(page, page.locator('main form[action="/staff/privacy/retention/dry-run"]'));
            assert.match(new URL(page.url()).pathname, /^\/staff\/privacy\/retention\/runs\//);
            await suite.server.platform.jobs.runDue();
            await page.reload();
            await checkScamPage(suite, page, run, 'a dry run’s report');
            assert.equal(await page.locator('main [role="status"]').count(), 0, 'the report is there once the worker ran it');

            await page.goto(urlOf('/staff/privacy/retention', language.code));
            const holdForm = page.locator('main form[action="/staff/privacy/retention/holds"]');
            await submit(page, holdForm);
            await checkScamPage(suite, page, run, 'the refused hold form');
            assert.equal(await page.locator('.error-summary li').count(), 4);

            // A kind of record to hold, once a module declares one (the platform's own kinds come first).
            const kind =
              (await page.locator('main select[name="kind"] option').count()) > 1
                ? await page.locator('main select[name="kind"] option').nth(1).getAttribute('value')
                : null;
            if (kind) {
              await page.locator('main select[name="kind"]').selectOption(kind);
              await page.locator('main input[name="recordId"]').fill(`E2E-${language.code}-${isJavaScriptEnabled ? 'js' : 'nojs'}`);
              await page.locator('main input[name="caseReference"]').fill('HC-E2E-1');
              await page.locator('main textarea[name="reason"]').fill('A court case about this record is open.');
              await submit(page, page.locator('main form[action="/staff/privacy/retention/holds"]'));
              await checkScamPage(suite, page, run, 'the page with a hold placed');
              const release = page.locator(`main form[action$="/release"]`).last();
              await submit(page, release);
              assert.match(page.url(), /done=released/);
            }

            await page.goto(urlOf('/staff/privacy/register', language.code));
            await checkScamPage(suite, page, run, 'the register of processing');
            await page.close();
          } finally {
            await context.close();
          }
        },
      );
    }
  });
});
