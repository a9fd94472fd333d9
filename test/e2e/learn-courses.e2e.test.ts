/**
 * A learner takes a course's quiz in a real Chromium with JavaScript off, in English and in Arabic
 * (right to left): the quiz is a form of fieldsets whose every control is labelled; wrong answers
 * give a result page that says "not passed" and offers another try; the right answers pass, the
 * result region is announced (`aria-live`) and its heading holds the focus; the certificate page
 * prints the name typed; the demo editor reads the problem of a refused file and a preview on the
 * course staff page. Axe-core (WCAG 2.2 AA) checks the quiz, the result and the certificate as
 * a browser without script shows them, and each reflows at 320 CSS pixels.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAxeClean, assertReflows, describeInBrowser } from '../helpers/browser.ts';
import { rightQuizFields } from '../../src/modules/learn/testing/course-answers.ts';
import { createContentServiceFor } from '../../src/modules/learn/index.ts';
import { DEMO_TOTP_SECRET } from '../../src/platform/auth/demo-accounts.ts';
import { totpCode } from '../../src/platform/auth/totp.ts';

const SUITE = 'Browser test test/e2e/learn-courses.e2e.test.ts (taking a course quiz in Chromium)';
const TEST_TIMEOUT_MS = 120_000;
const COURSE = 'safe-mobile-money';

/** Fills the quiz form with `fields` as a person would: ticks, types and chooses. */
async function fillQuiz(page: Page, fields: Record<string, string | string[]>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    const control = page.locator(`main [name="${name}"]`);
    const tag = await control.first().evaluate((e) => `${e.tagName.toLowerCase()}:${e.getAttribute('type') ?? ''}`);
    if (tag === 'select:') await control.selectOption(String(value));
    else if (tag === 'input:radio' || tag === 'input:checkbox')
      for (const v of Array.isArray(value) ? value : [value]) await page.locator(`main input[name="${name}"][value="${v}"]`).check();
    else await control.fill(String(value));
  }
}

/** Sends the page's main form with its last submit button and waits for the answer. */
async function send(page: Page, action: string): Promise<void> {
  const form = page.locator(`main form[action^="${action}"]`);
  await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').last().click()]);
}

describeInBrowser('taking a course quiz in Chromium', SUITE, (suite) => {
  for (const language of ['en', 'ar'] as const) {
    test(`a learner fails, then passes the quiz and prints a certificate, in ${language}, without JavaScript`, { timeout: TEST_TIMEOUT_MS }, async () => {
      await suite.pages.use({ javaScriptEnabled: false }, async (page) => {
        const url = (path: string) => `${suite.server.url}${path}?lang=${language}`;
        await page.goto(url(`/learn/courses/${COURSE}/quiz`));
        assert.equal(await page.getAttribute('html', 'lang'), language);
        assert.equal(await page.getAttribute('html', 'dir'), language === 'ar' ? 'rtl' : 'ltr');
        assert.equal(await page.locator('h1').count(), 1);
        const unlabelled = await page.evaluate(() =>
          [...document.querySelectorAll('main input:not([type="hidden"]), main select')]
            .filter((c) => !(c.id && document.querySelector(`label[for="${c.id}"]`)))
            .map((c) => c.outerHTML),
        );
        assert.deepEqual(unlabelled, [], 'every control has its label');
        assert.equal(await page.locator('main fieldset').count(), await page.locator('main fieldset > legend').count());
        await assertAxeClean(suite.pages, page, false, `the quiz (${language})`);
        await assertReflows(page, 320, `the quiz (${language})`);

        await send(page, `/learn/courses/${COURSE}/quiz`);
        assert.equal(await page.locator('.error-summary a[href^="#field-q0"]').count(), 1, 'a quiz sent empty leads to its first question');
        const right = await rightQuizFields(suite.server.platform, COURSE, language);
        // Every answer but the first left out: a real attempt, and not enough to pass.
        await fillQuiz(page, Object.fromEntries(Object.entries(right).slice(0, 1)));
        await send(page, `/learn/courses/${COURSE}/quiz`);
        assert.equal(await page.locator('main section[aria-live="polite"]').count(), 1);
        assert.equal(await page.locator('main input[name="pass"]').count(), 0, 'no certificate without a pass');
        assert.equal(await page.locator(`main a[href^="/learn/courses/${COURSE}/quiz"]`).count(), 1, 'try again');

        await page.goto(url(`/learn/courses/${COURSE}/quiz`));
        await fillQuiz(page, right);
        await send(page, `/learn/courses/${COURSE}/quiz`);
        const region = page.locator('main section[aria-live="polite"]');
        assert.equal(await region.count(), 1, 'the result is in a live region');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'quiz-result-heading', 'the focus is on the result heading');
        assert.match((await region.textContent()) ?? '', /100/);
        assert.equal(await page.locator('main input[name="pass"]').count(), 2, 'the certificate and the badge forms carry the pass');
        await assertAxeClean(suite.pages, page, false, `the result (${language})`);
        await assertReflows(page, 320, `the result (${language})`);

        const name = language === 'ar' ? 'أمينة عبد الله' : 'Amina Wanjiku';
        await page.locator('main input[name="name"]').fill(name);
        await send(page, `/learn/courses/${COURSE}/certificate`);
        assert.equal(await page.locator('main .certificate-name').textContent(), name);
        await assertAxeClean(suite.pages, page, false, `the certificate (${language})`);
        await assertReflows(page, 320, `the certificate (${language})`);
      });
    });
  }

  test(
    'the demo editor reads the problem of a refused quiz and previews a quiz on the course staff page, in English and Arabic, without JavaScript',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const context = await suite.browser.newContext({ javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        await page.goto(`${suite.server.url}/staff/sign-in?lang=en`);
        await page.locator('main input[name="email"]').fill('editor@demo.kinga.example');
        await page.locator('main input[name="password"]').fill('demo-editor-password');
        await send(page, '/staff/sign-in');
        await page.locator('main input[name="code"]').fill(totpCode(DEMO_TOTP_SECRET, suite.server.platform.clock.now()));
        await send(page, '/staff/sign-in/code');
        const course = await createContentServiceFor(suite.server.platform).findItemBySlug('course', 'check-a-phone');
        assert.ok(course);
        for (const language of ['en', 'ar'] as const) {
          await page.goto(`${suite.server.url}/staff/learn/courses/${course.id}?lang=${language}`);
          assert.equal(await page.getAttribute('html', 'dir'), language === 'ar' ? 'rtl' : 'ltr');
          await assertAxeClean(suite.pages, page, false, `the course staff page (${language})`);
          await assertReflows(page, 320, `the course staff page (${language})`);
          // A file with a problem: the summary names its line.
          await page.locator('main textarea[name="gift"]').fill("Who's buried in Grant's tomb?{~Grant ~Jefferson =no one\n");
          await send(page, `/staff/learn/courses/${course.id}/quiz`);
          assert.equal(await page.locator('.error-summary li').count(), 1);
          await assertAxeClean(suite.pages, page, false, `the refused import (${language})`);
          await page.locator('main textarea[name="gift"]').fill("Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}");
          await Promise.all([page.waitForNavigation(), page.locator('main button[name="intent"][value="preview"]').click()]);
          assert.equal(await page.locator('main .quiz-preview fieldset').count(), 1);
          await assertAxeClean(suite.pages, page, false, `the preview (${language})`);
        }
      } finally {
        await context.close();
      }
    },
  );
});
