/**
 * The channels module's staff pages in a real Chromium: the USSD simulator, "Try texts" and "Text
 * messages sent". A demo officer signs in, then in English, French and Arabic with JavaScript off
 * (and in English with it on) dials the demo's service code and answers its menu, texts a KYM
 * check and reads the reply, and finds that reply among the texts sent, its number masked. Each
 * page on the way is checked: axe-core (WCAG 2.2 AA) on what a browser without JavaScript shows,
 * lang and dir, one h1, and no sideways scrolling at 320 CSS pixels (WCAG 1.4.10).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
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
import { startSmsWorker } from '../../src/modules/channels/channels.wiring.ts';
import type { ModuleWorker } from '../../src/platform/module.ts';

const SUITE = 'Browser test test/e2e/channels-staff.e2e.test.ts (the channels staff pages in Chromium)';
const TEST_TIMEOUT_MS = 120_000;
const USSD_PATH = '/staff/channels/ussd';
const PHONE_PATH = '/staff/channels/sms/phone';
const SENT_PATH = '/staff/channels/sms';
/** The demo profile's USSD service code, and the IMEI check the demo's device register knows. */
const SERVICE_CODE = '*384*1564#';
const KYM_TEXT = 'KYM 352099001761481';
/** The number both simulators start with, as the sent texts' page masks it. */
const MASKED_DEMO_NUMBER = '+254 •••••••01';

describeInBrowser('the channels staff pages in Chromium', SUITE, (suite) => {
  describe('with the SMS channel bound to the demo SMS centre', () => {
    let worker: ModuleWorker | undefined;
    const signedIn: SignedInStates = new Map();
    // The test server runs no workers; "Try texts" needs the SMS channel and its loopback SMS centre.
    before(async () => {
      worker = await startSmsWorker(suite.server.platform, { isDemo: true });
    });
    after(async () => {
      await worker?.stop();
    });

    const urlOf = (path: string, language: string): string => urlIn(suite, path, language);
    const officerContext = (isJavaScriptEnabled: boolean) => signedInContext(suite, signedIn, 'officer', isJavaScriptEnabled);

    /** Submits `form` with its last submit button other than the refresh, and waits for the page it leads to. */
    const submit = (page: Page, form: Locator) => submitForm(page, form, form.locator('button[type="submit"]:not([name="refresh"])').last());

    const checkPage = (page: Page, language: PageLanguage, what: string, isJavaScriptEnabled: boolean) =>
      assertPageBasics(suite, page, language, isJavaScriptEnabled, `${what} in ${language.code}`);

    const runs = [...PAGE_LANGUAGES.map((language) => ({ language, isJavaScriptEnabled: false })), { language: PAGE_LANGUAGES[0], isJavaScriptEnabled: true }];
    for (const { language, isJavaScriptEnabled } of runs) {
      const mode = isJavaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
      test(`an officer dials USSD, texts KYM and reads the texts sent, in ${language.code}, ${mode}`, { timeout: TEST_TIMEOUT_MS }, async () => {
        const context = await officerContext(isJavaScriptEnabled);
        try {
          const page = await context.newPage();
          const scriptErrors: string[] = [];
          page.on('pageerror', (error) => scriptErrors.push(error.message));

          // The USSD simulator: dial the service code, then choose the first item of its menu.
          await page.goto(urlOf(USSD_PATH, language.code));
          await checkPage(page, language, 'the USSD simulator', isJavaScriptEnabled);
          const dialForm = page.locator('main form').filter({ has: page.locator('select[name="serviceCode"]') });
          await dialForm.locator('select[name="serviceCode"]').selectOption(SERVICE_CODE);
          await submit(page, dialForm);
          const menu = page.locator('[data-ussd-screen]');
          assert.equal(await menu.getAttribute('data-ussd-screen'), 'con', 'dialling shows a menu that waits for an answer');
          const menuText = await menu.innerText();
          assert.match(menuText, /^\s*1\b/m, `the menu has a first item: ${menuText}`);
          await checkPage(page, language, 'the USSD menu', isJavaScriptEnabled);
          await page.locator('main input[name="input"]').fill('1');
          await submit(page, page.locator('main form').filter({ has: page.locator('input[name="input"]') }));
          const answer = await page.locator('[data-ussd-screen]').innerText();
          assert.ok(answer.trim() !== '' && answer !== menuText, `choosing 1 shows the next screen: ${answer}`);
          await checkPage(page, language, 'the USSD answer', isJavaScriptEnabled);

          // Try texts: a KYM check from the demo's phone, answered through Kinga's real path.
          await page.goto(urlOf(PHONE_PATH, language.code));
          await checkPage(page, language, 'Try texts', isJavaScriptEnabled);
          const textForm = page.locator('main form').filter({ has: page.locator('textarea[name="text"]') });
          await textForm.locator('textarea[name="text"]').fill(KYM_TEXT);
          await submit(page, textForm);
          const sent = page.locator('[data-sms-conversation] li[data-sms="sent"]').last();
          const reply = page.locator('[data-sms-conversation] li[data-sms="received"]').last();
          assert.match(await sent.innerText(), /KYM 352099001761481/);
          assert.match(await reply.innerText(), /352099001761481[\s\S]*Samsung/i, 'the reply names the device');
          assert.equal(await page.locator('main textarea[name="text"]').inputValue(), '', 'the box empties once sent');
          await checkPage(page, language, 'Try texts with the reply', isJavaScriptEnabled);

          // Text messages sent: the reply, its number masked.
          await page.goto(urlOf(SENT_PATH, language.code));
          await checkPage(page, language, 'Text messages sent', isJavaScriptEnabled);
          const masked = page.locator('main table tbody tr').filter({ hasText: MASKED_DEMO_NUMBER });
          assert.ok((await masked.count()) > 0, `a row with the masked number ${MASKED_DEMO_NUMBER}`);
          assert.doesNotMatch(await page.content(), /254700000001/, 'the whole number is never shown');
          assert.deepEqual(scriptErrors, [], 'no script error');
        } finally {
          await context.close();
        }
      });
    }
  });
});
