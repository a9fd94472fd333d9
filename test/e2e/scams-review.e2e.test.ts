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
import { DEMO_TOTP_SECRET } from '../../src/platform/auth/demo-accounts.ts';
import { totpCode } from '../../src/platform/auth/totp.ts';
import { reviewRows } from '../../src/modules/scams/testing/review-rows.ts';

const SUITE = 'Browser test test/e2e/scams-review.e2e.test.ts (the scams review pages in Chromium)';
const TEST_TIMEOUT_MS = 120_000;
const REFLOW_WIDTH = 320;
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c40000000049454e44ae426082',
  'hex',
);

describeInBrowser('the scams review pages in Chromium', SUITE, (suite) => {
  describe('with reported identifiers at the threshold', () => {
    const identifiers = new Map<string, { id: string; campaignId: string }>();
    let signedIn: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;

    const runs = [...PAGE_LANGUAGES.map((language) => ({ language, isJavaScriptEnabled: false })), { language: PAGE_LANGUAGES[0], isJavaScriptEnabled: true }];
    const keyOf = (run: (typeof runs)[number]) => `${run.language.code}-${run.isJavaScriptEnabled ? 'js' : 'nojs'}`;

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

    const urlOf = (path: string, language: string): string => {
      const url = new URL(path, suite.server.url);
      url.searchParams.set('lang', language);
      return url.href;
    };

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

    async function submit(page: Page, form: Locator): Promise<void> {
      await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').last().click()]);
    }

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
      const snapshot = isJavaScriptEnabled ? await page.content() : await page.evaluate(serialiseAsWithoutScript);
      const results = await runAxeOnSnapshot(suite.pages, page.url(), snapshot);
      assert.equal(results.violations.length, 0, `axe found violations on ${where}:\n${describeViolations(results.violations)}`);
    }

    for (const run of runs) {
      const { language, isJavaScriptEnabled } = run;
      const mode = isJavaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
      test(`an officer reviews a reported number in ${language.code}, ${mode}`, { timeout: TEST_TIMEOUT_MS }, async () => {
        const target = identifiers.get(keyOf(run));
        assert.ok(target);
        const context = await officerContext(isJavaScriptEnabled);
        try {
          const page = await context.newPage();
          const scriptErrors: string[] = [];
          page.on('pageerror', (error) => scriptErrors.push(error.message));

          await page.goto(urlOf('/staff/scams', language.code));
          await checkPage(page, language, 'the review queue', isJavaScriptEnabled);
          await page.goto(urlOf(`/staff/scams/identifiers/${target.id}`, language.code));
          await checkPage(page, language, 'the evidence before review', isJavaScriptEnabled);
          assert.equal(await page.locator('main a[href^="http"]').count(), 0, 'no link of the evidence is clickable');

          await submit(page, page.locator('main form').filter({ has: page.locator('input[name="seenState"]') }));
          const decideForm = () => page.locator('main form').filter({ has: page.locator('input[name="version"]') });
          await submit(page, decideForm());
          assert.ok((await page.locator('.error-summary').count()) === 1, 'an empty decision is refused with a summary');
          await checkPage(page, language, 'the refused decision', isJavaScriptEnabled);

          await decideForm().locator('input[name="decision"][value="confirm"]').check();
          await decideForm().locator('textarea[name="reason"]').fill('The same parcel text from five people');
          await submit(page, decideForm());
          await checkPage(page, language, 'the round after one decision', isJavaScriptEnabled);

          await page.goto(urlOf(`/staff/scams/campaigns/${target.campaignId}`, language.code));
          await checkPage(page, language, 'the campaign', isJavaScriptEnabled);
          assert.deepEqual(scriptErrors, [], 'no script error');
        } finally {
          await context.close();
        }
      });
    }
  });
});
