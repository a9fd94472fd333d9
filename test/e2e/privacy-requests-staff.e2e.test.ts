/**
 * The staff pages of personal data requests in a real Chromium, JavaScript off: a demo officer
 * opens the list by due date, filters it, opens a demo request in progress (its actions, its
 * history), sends its answer empty, and opens the form to enter a paper request, then sends
 * it empty. In English, French and Arabic each page passes axe-core (WCAG 2.2 AA), has one h1,
 * the page's lang and dir, and no sideways scrolling at 320 CSS pixels.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPageBasics, describeInBrowser, PAGE_LANGUAGES, signedInContext, submitForm, urlIn, type SignedInStates } from '../helpers/browser.ts';

const SUITE = 'Browser test test/e2e/privacy-requests-staff.e2e.test.ts (the personal data requests staff pages in Chromium)';
const TEST_TIMEOUT_MS = 120_000;
const LIST_PATH = '/staff/privacy/requests';

describeInBrowser('the personal data requests staff pages in Chromium', SUITE, (suite) => {
  describe('an officer handles the demo requests', () => {
    const signedIn: SignedInStates = new Map();
    for (const language of PAGE_LANGUAGES) {
      test(`the list, a request in progress and the entry form, in ${language.code}`, { timeout: TEST_TIMEOUT_MS }, async () => {
        const context = await signedInContext(suite, signedIn, 'officer', false);
        try {
          const page = await context.newPage();
          await page.goto(urlIn(suite, LIST_PATH, language.code));
          await assertPageBasics(suite, page, language, false, `the requests list in ${language.code}`);
          assert.ok((await page.locator('main table tbody tr').count()) >= 7, 'the demo requests, one in each state');

          await page.goto(urlIn(suite, `${LIST_PATH}?state=withdrawn`, language.code));
          await assertPageBasics(suite, page, language, false, `the list filtered in ${language.code}`);
          assert.equal(await page.locator('main table tbody tr').count(), 1, 'the one withdrawn request of the demo');

          // The demo's request in progress: a rectification, answered by recording what was done.
          await page.goto(urlIn(suite, `${LIST_PATH}?state=inProgress`, language.code));
          await page.locator('main table tbody tr a').first().click();
          await page.waitForLoadState();
          await assertPageBasics(suite, page, language, false, `a request in progress in ${language.code}`);
          assert.ok((await page.locator('main table tbody tr').count()) >= 2, 'its history');
          // The answer sent empty: the error summary and the field's error.
          await submitForm(page, page.locator('main form[action$="/recordAnswer"]'));
          await assertPageBasics(suite, page, language, false, `an answer without its text in ${language.code}`);
          assert.equal(await page.locator('main .error-message').count(), 1);

          await page.goto(urlIn(suite, `${LIST_PATH}/new`, language.code));
          await assertPageBasics(suite, page, language, false, `the entry form in ${language.code}`);
          await submitForm(page, page.locator('main form').filter({ has: page.locator('textarea[name="details"]') }));
          await assertPageBasics(suite, page, language, false, `the entry form sent empty in ${language.code}`);
        } finally {
          await context.close();
        }
      });
    }
  });
});
