/**
 * The scams review pages in a real Chromium: the demo officer signs in, then in English, French
 * and Arabic with JavaScript off (and in English with it on) reads the queue, opens an
 * identifier's evidence, sends the decision form empty and reads its errors, opens a review,
 * records a decision and reads the campaign. Each page on the way is checked: axe-core (WCAG 2.2
 * AA) on what a browser without JavaScript shows, lang and dir, one h1, and no sideways scrolling
 * at 320 CSS pixels (WCAG 1.4.10).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import { describeInBrowser } from '../helpers/browser.ts';
import { checkScamPage, modeOf, SCAMS_RUNS, signedInContext, submit, urlOf, type DemoSignIn, type ScamsRun } from './scams-page-checks.ts';
import { reviewRows } from '../../src/modules/scams/testing/review-rows.ts';

const SUITE = 'Browser test test/e2e/scams-review.e2e.test.ts (the scams review pages in Chromium)';
const TEST_TIMEOUT_MS = 120_000;
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c40000000049454e44ae426082',
  'hex',
);

describeInBrowser('the scams review pages in Chromium', SUITE, (suite) => {
  describe('with reported identifiers at the threshold', () => {
    const identifiers = new Map<string, { id: string; campaignId: string }>();
    const signedIn = new Map<DemoSignIn, Awaited<ReturnType<BrowserContext['storageState']>>>();
    const runs = SCAMS_RUNS;
    const keyOf = (run: ScamsRun) => `${run.language.code}-${run.isJavaScriptEnabled ? 'js' : 'nojs'}`;

    before(async () => {
      const rows = reviewRows(suite.server.platform);
      let n = 0;
      for (const run of runs) {
        n += 1;
        const id = await rows.identifier({ value: `+2547330000${String(n).padStart(2, '0')}`, isProtected: n === 1 });
        const domainId = await rows.identifier({ kind: 'domain', value: `xn--parcl-${n}.example`, state: 'reported', isInternationalised: true });
        const campaignId = await rows.campaign(`Your parcel ${n} is held: pay at https://parcel.example/${n}`, 5);
        for (let i = 0; i < 5; i += 1) {
          await rows.report(id, {
            reporter: `+2547440000${n}${i}`,
            campaignId,
            isLate: i === 4,
            text: `Your parcel is held, pay at https://parcel.example/${n}/${i}`,
            links: i === 0 ? [{ url: `https://xn--parcl-${n}.example/pay`, domainId }] : [],
            screenshot: i === 1 ? { mediaType: 'image/png', content: PNG } : undefined,
          });
        }
        identifiers.set(keyOf(run), { id, campaignId });
      }
    });

    for (const run of runs) {
      const { language, isJavaScriptEnabled } = run;
      const mode = modeOf(run);
      test(`an officer reviews a reported number in ${language.code}, ${mode}`, { timeout: TEST_TIMEOUT_MS }, async () => {
        const target = identifiers.get(keyOf(run));
        assert.ok(target);
        const context = await signedInContext(suite, signedIn, 'officer', isJavaScriptEnabled);
        try {
          const page = await context.newPage();
          const scriptErrors: string[] = [];
          page.on('pageerror', (error) => scriptErrors.push(error.message));

          await page.goto(urlOf(suite, '/staff/scams', language.code));
          await checkScamPage(suite, page, run, 'the review queue');
          await page.goto(urlOf(suite, `/staff/scams/identifiers/${target.id}`, language.code));
          await checkScamPage(suite, page, run, 'the evidence before review');
          assert.equal(await page.locator('main a[href^="http"]').count(), 0, 'no link of the evidence is clickable');

          await submit(page, page.locator('main form').filter({ has: page.locator('input[name="seenState"]') }));
          const decideForm = () => page.locator('main form').filter({ has: page.locator('input[name="version"]') });
          await submit(page, decideForm());
          assert.ok((await page.locator('.error-summary').count()) === 1, 'an empty decision is refused with a summary');
          await checkScamPage(suite, page, run, 'the refused decision');

          await decideForm().locator('input[name="decision"][value="confirm"]').check();
          await decideForm().locator('textarea[name="reason"]').fill('The same parcel text from five people');
          await submit(page, decideForm());
          await checkScamPage(suite, page, run, 'the round after one decision');

          await page.goto(urlOf(suite, `/staff/scams/campaigns/${target.campaignId}`, language.code));
          await checkScamPage(suite, page, run, 'the campaign');
          assert.deepEqual(scriptErrors, [], 'no script error');
        } finally {
          await context.close();
        }
      });
    }
  });
});
