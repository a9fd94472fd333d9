/**
 * The scam notices in a real Chromium: in English, French and Arabic with JavaScript off (and in
 * English with it on) the demo operator's agent reads its operator's notices (and only those),
 * opens the one sent when a number was confirmed, disputes it without saying why and reads the
 * error, then answers "blocked"; a demo officer then reads the notices per operator and the list
 * of one operator's notices. Each page on the way is checked: axe-core (WCAG 2.2 AA) on what a
 * browser without JavaScript shows, lang and dir, one h1, and no sideways scrolling at 320 CSS
 * pixels (WCAG 1.4.10).
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
import { scamsCoreOf } from '../../src/modules/scams/scams.wiring.ts';
import { scamNoticesOf } from '../../src/modules/scams/notices/notices.wiring.ts';

const SUITE = 'Browser test test/e2e/scams-notices.e2e.test.ts (the scam notices of operators and staff in Chromium)';
const TEST_TIMEOUT_MS = 120_000;
/** The width at which no page may scroll sideways (WCAG 1.4.10): 1280 CSS pixels at 400 % zoom. */
const REFLOW_WIDTH = 320;
/** The demo operator's agent's operator: the confirmed numbers below are its own. */
const OPERATOR_ID = 'OP-DEMO-1';
const SYSTEM = { type: 'system' as const, id: null };

describeInBrowser('the scam notices of operators and staff in Chromium', SUITE, (suite) => {
  describe('with numbers confirmed and their notices sent', () => {
    const runs = [...PAGE_LANGUAGES.map((language) => ({ language, isJavaScriptEnabled: false })), { language: PAGE_LANGUAGES[0], isJavaScriptEnabled: true }];
    // One confirmed number per run, so that each run answers a notice still open.
    const numberOf = (index: number) => `+2547107700${String(index + 1).padStart(2, '0')}`;
    const signedIn = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

    before(async () => {
      const platform = suite.server.platform;
      const rows = reviewRows(platform);
      const { states } = scamsCoreOf(platform);
      for (const [index] of runs.entries()) {
        const id = await rows.identifier({ value: numberOf(index), state: 'under_review' });
        for (let i = 0; i < 5; i += 1) await rows.report(id, { reporter: `+25471177${index}00${i}`, medium: 'call', category: 'impersonation' });
        const moved = await states.move({ identifierId: id, to: 'confirmed', actor: SYSTEM, reason: 'reviewersConfirmed', note: 'Two reviewers agreed' });
        assert.ok(moved.ok, `the number ${index + 1} is confirmed`);
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

    /** A context signed in as the demo account `who`: the first signs in through the pages, the others reuse its cookies. */
    async function signedInContext(who: 'operator' | 'officer', isJavaScriptEnabled: boolean): Promise<BrowserContext> {
      const known = signedIn.get(who);
      if (known) return suite.browser.newContext({ javaScriptEnabled: isJavaScriptEnabled, storageState: known });
      const context = await suite.browser.newContext({ javaScriptEnabled: isJavaScriptEnabled });
      const page = await context.newPage();
      await page.goto(urlOf('/staff/sign-in', 'en'));
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

    /** The paths of the notices the page lists, in order. */
    const listedPaths = (page: Page) =>
      page.locator('main table tbody a[href^="/operator/scams/notices/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));

    for (const [index, { language, isJavaScriptEnabled }] of runs.entries()) {
      const mode = isJavaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
      const number = numberOf(index);
      test(`an operator's agent answers a notice and staff read the notices, in ${language.code}, ${mode}`, { timeout: TEST_TIMEOUT_MS }, async () => {
        const platform = suite.server.platform;
        const notices = scamNoticesOf(platform);
        const all = await notices.list({ actor: SYSTEM, operatorId: null, isStaff: true });
        const own = all.filter((n) => n.operatorId === OPERATOR_ID);
        const notice = own.find((n) => n.identifier.value === number && n.kind === 'block');
        assert.ok(notice, `the confirmation of ${number} sent its operator a notice`);

        const operator = await signedInContext('operator', isJavaScriptEnabled);
        try {
          const page = await operator.newPage();
          const scriptErrors: string[] = [];
          page.on('pageerror', (error) => scriptErrors.push(error.message));

          // Its own notices, and only those; no filter by operator.
          await page.goto(urlOf('/operator/scams/notices', language.code));
          await checkPage(page, language, 'the operator’s notices', isJavaScriptEnabled);
          assert.deepEqual(
            [...(await listedPaths(page))].sort(),
            own.map((n) => `/operator/scams/notices/${n.id}`).sort(),
            'the agent sees its operator’s notices and no other',
          );
          assert.equal(await page.locator('main select[name="operator"]').count(), 0, 'an agent has no filter by operator');

          // The notice; a dispute without a note is refused with a summary, then "blocked" is accepted.
          await Promise.all([page.waitForNavigation(), page.locator(`main a[href="/operator/scams/notices/${notice.id}"]`).click()]);
          await checkPage(page, language, 'an open notice', isJavaScriptEnabled);
          const answerForm = () => page.locator('main form').filter({ has: page.locator('input[name="answer"]') });
          await answerForm().locator('input[name="answer"][value="dispute"]').check();
          await submit(page, answerForm());
          assert.equal(await page.locator('.error-summary a[href="#field-note"]').count(), 1, 'a dispute without a note is refused with a summary');
          await checkPage(page, language, 'a dispute refused', isJavaScriptEnabled);
          await answerForm().locator('input[name="answer"][value="blocked"]').check();
          await submit(page, answerForm());
          assert.equal(new URL(page.url()).pathname, `/operator/scams/notices/${notice.id}`, `the answer leads back to the notice: ${page.url()}`);
          assert.equal(await answerForm().count(), 0, 'an answered notice has no form');
          await checkPage(page, language, 'an answered notice', isJavaScriptEnabled);
          assert.equal((await notices.find({ actor: SYSTEM, operatorId: OPERATOR_ID }, notice.id))?.answer, 'blocked', 'the answer is kept');
          assert.deepEqual(scriptErrors, [], 'no script error');
        } finally {
          await operator.close();
        }

        // Staff: the notices per operator, then one operator's list with its filter.
        const staff = await signedInContext('officer', isJavaScriptEnabled);
        try {
          const page = await staff.newPage();
          const scriptErrors: string[] = [];
          page.on('pageerror', (error) => scriptErrors.push(error.message));
          await page.goto(urlOf('/staff/scams/notices', language.code));
          await checkPage(page, language, 'the notices per operator', isJavaScriptEnabled);
          const operatorLink = page.locator(`main table a[href="/operator/scams/notices?operator=${OPERATOR_ID}"]`);
          assert.equal(await operatorLink.count(), 1, `the operator ${OPERATOR_ID} has a row`);
          await Promise.all([page.waitForNavigation(), operatorLink.click()]);
          await checkPage(page, language, 'one operator’s notices for staff', isJavaScriptEnabled);
          assert.equal(await page.locator('main select[name="operator"]').inputValue(), OPERATOR_ID, 'the filter shows the operator chosen');
          assert.deepEqual(
            [...(await listedPaths(page))].sort(),
            own.map((n) => `/operator/scams/notices/${n.id}`).sort(),
            'staff see that operator’s notices',
          );
          assert.deepEqual(scriptErrors, [], 'no script error');
        } finally {
          await staff.close();
        }
      });
    }
  });
});
