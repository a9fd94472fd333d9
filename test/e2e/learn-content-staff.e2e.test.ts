/**
 * The staff's content pages in a real Chromium: the demo editor signs in, then in English, French
 * and Arabic with JavaScript off (and in English with it on) lists the content, sends the create
 * form empty and reads its errors, creates a guide, writes its text, previews it (by the button
 * without JavaScript, as it is typed with it), saves it, sends it for review and reads the
 * coverage page. Each page on the way is checked: axe-core (WCAG 2.2 AA) on what a browser
 * without JavaScript shows, lang and dir, one h1, and no sideways scrolling at 320 CSS pixels.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  assertPageBasics,
  describeInBrowser,
  PAGE_LANGUAGES,
  signedInContext,
  submitForm,
  urlIn,
  type BrowserSuite,
  type PageLanguage,
  type SignedInStates,
} from '../helpers/browser.ts';

const SUITE = 'Browser test test/e2e/learn-content-staff.e2e.test.ts (the staff content pages in Chromium)';
const TEST_TIMEOUT_MS = 120_000;

interface Run {
  language: PageLanguage;
  isJavaScriptEnabled: boolean;
}

const RUNS: readonly Run[] = [
  ...PAGE_LANGUAGES.map((language) => ({ language, isJavaScriptEnabled: false })),
  { language: PAGE_LANGUAGES[0], isJavaScriptEnabled: true },
];

const urlOf = urlIn;
const submit = submitForm;

async function checkPage(suite: BrowserSuite, page: Page, run: Run, what: string): Promise<void> {
  const where = `${what} in ${run.language.code}${run.isJavaScriptEnabled ? ' with JavaScript' : ''}`;
  if ((await page.locator('.error-summary').count()) > 0)
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), true, `${where}: the error summary has the focus`);
  await assertPageBasics(suite, page, run.language, run.isJavaScriptEnabled, where);
}

describeInBrowser('the staff content pages in Chromium', SUITE, (suite) => {
  describe('the demo editor', () => {
    const signedIn: SignedInStates = new Map();
    for (const run of RUNS) {
      const mode = run.isJavaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
      const code = run.language.code;
      test(`writes and previews a guide in ${code}, ${mode}`, { timeout: TEST_TIMEOUT_MS }, async () => {
        const context = await signedInContext(suite, signedIn, 'editor', run.isJavaScriptEnabled);
        try {
          const page = await context.newPage();
          const scriptErrors: string[] = [];
          page.on('pageerror', (error) => scriptErrors.push(error.message));

          await page.goto(urlOf(suite, '/staff/learn/content', code));
          await checkPage(suite, page, run, 'the content list');
          await page.goto(urlOf(suite, '/staff/learn/content/new', code));
          await checkPage(suite, page, run, 'the create form');
          const createForm = page.locator('main form').filter({ has: page.locator('input[name="slug"]') });
          await submit(page, createForm);
          assert.equal(await page.locator('.error-summary').count(), 1, 'an empty form is refused with a summary');
          await checkPage(suite, page, run, 'the refused create form');

          const slug = `browser-guide-${code}-${run.isJavaScriptEnabled ? 'js' : 'nojs'}`;
          await createForm.locator('select[name="kind"]').selectOption('guide');
          await createForm.locator('input[name="slug"]').fill(slug);
          await createForm.locator('select[name="topic"]').selectOption('roaming');
          await createForm.locator('select[name="sourceLanguage"]').selectOption(code);
          await submit(page, createForm);
          assert.match(new URL(page.url()).pathname, /^\/staff\/learn\/content\/items\//);
          await checkPage(suite, page, run, 'the new page and its languages');

          await Promise.all([page.waitForNavigation(), page.locator(`main a[href$="/${code}/standard"]`).click()]);
          await checkPage(suite, page, run, 'the empty editor');
          const editor = page.locator('main form[data-preview-url]');
          await editor.locator('input[name="title"]').fill(`Roaming ${code}`);
          await editor.locator('textarea[name="summary"]').fill('What roaming costs.');
          await editor.locator('input[name="lastReviewed"]').fill('2026-11-30');
          const body =
            '## Before you travel\n\nAsk your operator. See [the Authority](https://authority.example.org/roaming).\n\n| Zone | Price |\n|:--|--:|\n| EAC | 10 |\n';
          if (run.isJavaScriptEnabled) {
            // Filling fires the input event the script listens to, as typing does.
            await editor.locator('textarea[name="body"]').fill(body);
            await page.locator('#content-preview h3').waitFor({ state: 'visible', timeout: 10_000 });
            assert.equal(await page.locator('#content-preview h3').textContent(), 'Before you travel', 'the preview follows the typing');
          } else {
            await editor.locator('textarea[name="body"]').fill(body);
            await submit(page, editor, editor.locator('button[value="preview"]'));
            assert.equal(await page.locator('#content-preview h3').textContent(), 'Before you travel', 'the preview button shows the text as readers will');
            assert.equal(await page.locator('main textarea[name="body"]').inputValue(), body, 'the words are kept');
          }
          assert.equal(await page.locator('#content-preview a.outside-link').count(), 1);
          await checkPage(suite, page, run, 'the editor with its preview');

          await submit(page, page.locator('main form[data-preview-url]'), page.locator('main form[data-preview-url] button[value="save"]'));
          await checkPage(suite, page, run, 'the saved draft with its versions');
          await submit(page, page.locator('main form[action$="/submit"]'));
          assert.equal(await page.locator('main form[action$="/publish"]').count(), 0, 'the writer is not offered to publish their own words');
          await checkPage(suite, page, run, 'the text in review');

          await page.goto(urlOf(suite, '/staff/learn/coverage', code));
          await checkPage(suite, page, run, 'the coverage page');
          assert.ok((await page.locator('main table tbody tr').count()) >= 1);
          assert.deepEqual(scriptErrors, [], 'no script error');
          await page.close();
        } finally {
          await context.close();
        }
      });
    }
  });
});
