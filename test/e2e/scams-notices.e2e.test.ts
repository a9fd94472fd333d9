/**
 * The scam notices in a real Chromium: in English, French and Arabic with JavaScript off (and in
 * English with it on) the demo operator's agent reads its operator's notices (and only those),
 * opens the one sent when a number was confirmed, disputes it without saying why and reads the
 * error, then answers "blocked" with a note; a demo officer then reads the notices per operator
 * and the list of one operator's notices. Each page on the way is checked as
 * `scams-page-checks.ts` says: lang and dir, one h1, a refused form focused on its error summary,
 * telephone numbers and their fields read left to right, no sideways scrolling at 320 CSS pixels
 * (WCAG 1.4.10), and axe-core (WCAG 2.2 AA) on what a browser without JavaScript shows.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { describeInBrowser } from '../helpers/browser.ts';
import { reviewRows } from '../../src/modules/scams/testing/review-rows.ts';
import { scamsCoreOf } from '../../src/modules/scams/scams.wiring.ts';
import { scamNoticesOf } from '../../src/modules/scams/notices/notices.wiring.ts';
import { checkScamPage, modeOf, SCAMS_RUNS, signedInContext, submit, urlOf as urlIn, type DemoSignIn } from './scams-page-checks.ts';

const SUITE = 'Browser test test/e2e/scams-notices.e2e.test.ts (the scam notices of operators and staff in Chromium)';
const TEST_TIMEOUT_MS = 120_000;
/** The demo operator's agent's operator: the confirmed numbers below are its own. */
const OPERATOR_ID = 'OP-DEMO-1';
/** The agent's note with its answer, in English whatever the page's language, with a long address without a break. */
const NOTE = 'Blocked on our switch at 10:42, ticket https://tickets.operator.example/fraud/2026/KE-0000123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ.';
const SYSTEM = { type: 'system' as const, id: null };

describeInBrowser('the scam notices of operators and staff in Chromium', SUITE, (suite) => {
  describe('with numbers confirmed and their notices sent', () => {
    // One confirmed number per run, so that each run answers a notice still open.
    const numberOf = (index: number) => `+2547107700${String(index + 1).padStart(2, '0')}`;
    const signedIn = new Map<DemoSignIn, Awaited<ReturnType<BrowserContext['storageState']>>>();

    before(async () => {
      const platform = suite.server.platform;
      const rows = reviewRows(platform);
      const { states } = scamsCoreOf(platform);
      for (const [index] of SCAMS_RUNS.entries()) {
        const id = await rows.identifier({ value: numberOf(index), state: 'under_review' });
        for (let i = 0; i < 5; i += 1) await rows.report(id, { reporter: `+25471177${index}00${i}`, medium: 'call', category: 'impersonation' });
        const moved = await states.move({ identifierId: id, to: 'confirmed', actor: SYSTEM, reason: 'reviewersConfirmed', note: 'Two reviewers agreed' });
        assert.ok(moved.ok, `the number ${index + 1} is confirmed`);
      }
    });

    const urlOf = (path: string, language: string) => urlIn(suite, path, language);

    /** The paths of the notices the page lists, in order. */
    const listedPaths = (page: Page) =>
      page.locator('main table tbody a[href^="/operator/scams/notices/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));

    for (const [index, run] of SCAMS_RUNS.entries()) {
      const { language, isJavaScriptEnabled } = run;
      const mode = modeOf(run);
      const number = numberOf(index);
      test(`an operator's agent answers a notice and staff read the notices, in ${language.code}, ${mode}`, { timeout: TEST_TIMEOUT_MS }, async () => {
        const platform = suite.server.platform;
        const notices = scamNoticesOf(platform);
        const all = await notices.list({ actor: SYSTEM, operatorId: null, isStaff: true });
        const own = all.filter((n) => n.operatorId === OPERATOR_ID);
        const notice = own.find((n) => n.identifier.value === number && n.kind === 'block');
        assert.ok(notice, `the confirmation of ${number} sent its operator a notice`);

        const operator = await signedInContext(suite, signedIn, 'operator', isJavaScriptEnabled);
        try {
          const page = await operator.newPage();
          const scriptErrors: string[] = [];
          page.on('pageerror', (error) => scriptErrors.push(error.message));

          // Its own notices, and only those; no filter by operator.
          await page.goto(urlOf('/operator/scams/notices', language.code));
          await checkScamPage(suite, page, run, 'the operator’s notices');
          assert.deepEqual(
            [...(await listedPaths(page))].sort(),
            own.map((n) => `/operator/scams/notices/${n.id}`).sort(),
            'the agent sees its operator’s notices and no other',
          );
          assert.equal(await page.locator('main select[name="operator"]').count(), 0, 'an agent has no filter by operator');

          // The notice; a dispute without a note is refused with a summary, then "blocked" is accepted.
          await Promise.all([page.waitForNavigation(), page.locator(`main a[href="/operator/scams/notices/${notice.id}"]`).click()]);
          await checkScamPage(suite, page, run, 'an open notice');
          const answerForm = () => page.locator('main form').filter({ has: page.locator('input[name="answer"]') });
          await answerForm().locator('input[name="answer"][value="dispute"]').check();
          await submit(page, answerForm());
          assert.equal(await page.locator('.error-summary a[href="#field-note"]').count(), 1, 'a dispute without a note is refused with a summary');
          await checkScamPage(suite, page, run, 'a dispute refused');
          await answerForm().locator('input[name="answer"][value="blocked"]').check();
          await answerForm().locator('textarea[name="note"]').fill(NOTE);
          await submit(page, answerForm());
          assert.equal(new URL(page.url()).pathname, `/operator/scams/notices/${notice.id}`, `the answer leads back to the notice: ${page.url()}`);
          assert.equal(await answerForm().count(), 0, 'an answered notice has no form');
          await checkScamPage(suite, page, run, 'an answered notice');
          // The agent's note is its own words: shown in their own direction, the full stop last on an Arabic page too.
          const note = page.locator('main dd').getByText(NOTE);
          assert.equal(await note.evaluate((element) => getComputedStyle(element).direction), 'ltr', 'the note reads in its own direction');
          assert.equal((await notices.find({ actor: SYSTEM, operatorId: OPERATOR_ID }, notice.id))?.answer, 'blocked', 'the answer is kept');
          assert.deepEqual(scriptErrors, [], 'no script error');
        } finally {
          await operator.close();
        }

        // Staff: the notices per operator, then one operator's list with its filter.
        const staff = await signedInContext(suite, signedIn, 'officer', isJavaScriptEnabled);
        try {
          const page = await staff.newPage();
          const scriptErrors: string[] = [];
          page.on('pageerror', (error) => scriptErrors.push(error.message));
          await page.goto(urlOf('/staff/scams/notices', language.code));
          await checkScamPage(suite, page, run, 'the notices per operator');
          const operatorLink = page.locator(`main table a[href="/operator/scams/notices?operator=${OPERATOR_ID}"]`);
          assert.equal(await operatorLink.count(), 1, `the operator ${OPERATOR_ID} has a row`);
          await Promise.all([page.waitForNavigation(), operatorLink.click()]);
          await checkScamPage(suite, page, run, 'one operator’s notices for staff');
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
