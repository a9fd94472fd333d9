/**
 * The workshops' staff pages in a real Chromium: the demo editor signs in and, in English, French
 * and Arabic with JavaScript off (and in English with it on), writes an event, publishes it, opens
 * the demo's full event with its waiting list, marks attendance, and reads the past event's
 * feedback. Each page on the way is checked: axe-core (WCAG 2.2 AA), lang and dir, one h1, and no
 * sideways scrolling at 320 CSS pixels (WCAG 1.4.10).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import {
  assertPageBasics,
  describeInBrowser,
  PAGE_LANGUAGES,
  signedInContext,
  submitForm,
  urlIn,
  type PageLanguage,
  type SignedInStates,
} from '../helpers/browser.ts';

const SUITE = 'Browser test test/e2e/learn-workshops-staff.e2e.test.ts (the workshops staff pages in Chromium)';
const TEST_TIMEOUT_MS = 120_000;
const FULL_EVENT = 'demo-mombasa-phone-bill';
const PAST_EVENT = 'demo-nairobi-smartphone-basics';
const TITLES: Record<string, string> = {
  en: 'Spotting fake prize messages',
  fr: 'Reconnaître les faux messages de gain',
  ar: 'كيف تكشف رسائل الجوائز المزيفة',
};

describeInBrowser('the workshops staff pages in Chromium', SUITE, (suite) => {
  describe('signed in as the demo editor', () => {
    const signedIn: SignedInStates = new Map();
    const urlOf = (path: string, language: string): string => urlIn(suite, path, language);
    const submit = submitForm;
    const editorContext = (isJavaScriptEnabled: boolean) => signedInContext(suite, signedIn, 'editor', isJavaScriptEnabled);
    const checkPage = (page: Page, language: PageLanguage, what: string, isJavaScriptEnabled: boolean) =>
      assertPageBasics(suite, page, language, isJavaScriptEnabled, `${what} in ${language.code}`);

    const runs = [...PAGE_LANGUAGES.map((language) => ({ language, isJavaScriptEnabled: false })), { language: PAGE_LANGUAGES[0], isJavaScriptEnabled: true }];
    for (const { language, isJavaScriptEnabled } of runs) {
      const mode = isJavaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
      test(
        `an editor writes and publishes an event, marks attendance and reads feedback, in ${language.code}, ${mode}`,
        { timeout: TEST_TIMEOUT_MS },
        async () => {
          const context = await editorContext(isJavaScriptEnabled);
          try {
            const page = await context.newPage();
            const scriptErrors: string[] = [];
            page.on('pageerror', (error) => scriptErrors.push(error.message));

            await page.goto(urlOf('/staff/learn/workshops', language.code));
            await checkPage(page, language, 'the list of events', isJavaScriptEnabled);

            await page.goto(urlOf('/staff/learn/workshops/new', language.code));
            await checkPage(page, language, 'the new event form', isJavaScriptEnabled);
            const form = page.locator('main form').filter({ has: page.locator('input[name="capacity"]') });
            // Sent empty first: the errors are shown beside their fields and in the summary.
            await form.locator('input[name="capacity"]').fill('');
            await submit(page, form);
            assert.ok((await page.locator('.error-summary li').count()) > 0, 'the summary lists the problems');
            await checkPage(page, language, 'the form with its errors', isJavaScriptEnabled);

            const title = `${TITLES[language.code] ?? TITLES['en']} ${mode}`;
            const again = page.locator('main form').filter({ has: page.locator('input[name="capacity"]') });
            await again.locator(`input[name="title_${language.code}"]`).fill(title);
            await again.locator(`textarea[name="description_${language.code}"]`).fill('**Never** pay a fee to receive a prize.');
            await again.locator('select[name="topic"]').selectOption('scams');
            await again.locator('input[name="placeKind"][value="venue"]').check();
            await again.locator('select[name="region"]').selectOption('KE-28');
            await again.locator('input[name="address"]').fill('Mombasa Public Library, Msanifu Kombo Street');
            const day = Temporal.Instant.fromEpochMilliseconds(suite.server.platform.clock.now().getTime())
              .toZonedDateTimeISO('Africa/Nairobi')
              .toPlainDate()
              .add({ days: 30 });
            await again.locator('input[name="date"]').fill(day.toString());
            await again.locator('input[name="startTime"]').fill('10:00');
            await again.locator('input[name="endTime"]').fill('12:00');
            await again.locator('input[name="capacity"]').fill('25');
            await again.locator('input[name="arrangements"][value="captions"]').check();
            await submit(page, again);
            assert.match(new URL(page.url()).pathname, /^\/staff\/learn\/workshops\/[0-9a-f-]+$/, `saved: ${page.url()}`);
            await checkPage(page, language, 'the saved draft', isJavaScriptEnabled);
            // The draft's one-button form publishes it.
            await submit(page, page.locator('main form.inline-form').first());
            const eventPath = new URL(page.url()).pathname;
            const publicPage = await context.newPage();
            await publicPage.goto(urlOf(eventPath.replace('/staff', ''), language.code));
            assert.equal(await publicPage.locator('h1').innerText(), title, 'published: the public page shows it');
            await publicPage.close();

            await page.goto(urlOf(`/staff/learn/workshops/${FULL_EVENT}/registrations`, language.code));
            await checkPage(page, language, 'the registrations with the waiting list', isJavaScriptEnabled);
            assert.equal(await page.locator('main input[name="attended"]').count(), 12, 'twelve seats taken');
            await page.locator('main input[name="attended"]').first().check();
            await submit(page, page.locator('main form').filter({ has: page.locator('input[name="attended"]') }));
            assert.equal(await page.locator('main [role="status"]').count(), 1, 'the saving is said');
            await checkPage(page, language, 'the attendance saved', isJavaScriptEnabled);

            await page.goto(urlOf(`/staff/learn/workshops/${PAST_EVENT}/feedback`, language.code));
            await checkPage(page, language, 'the feedback of a past event', isJavaScriptEnabled);
            assert.ok((await page.locator('main li bdi').count()) >= 4, 'the comments are listed');
            assert.deepEqual(scriptErrors, [], 'no script error');
          } finally {
            await context.close();
          }
        },
      );
    }
  });
});
