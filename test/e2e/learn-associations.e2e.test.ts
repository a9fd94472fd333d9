/**
 * The associations' staff pages in a real Chromium, in English, French and Arabic with JavaScript
 * off: the demo association's representative opens their entry, sends it without a name and reads
 * the error, then proposes a new telephone number; a demo officer reads the directory's staff list,
 * opens the proposal with its differences and approves it, reads the entry's staff page and an
 * empty new entry refused, and the public page shows the new number. Each page is checked as `scams-page-checks.ts` says (lang and dir, one h1, the error
 * summary focused, numbers left to right, reflow at 320 px, axe-core).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import { describeInBrowser, PAGE_LANGUAGES } from '../helpers/browser.ts';
import { DEMO_TOTP_SECRET } from '../../src/platform/auth/demo-accounts.ts';
import { totpCode } from '../../src/platform/auth/totp.ts';
import { checkScamPage, submit, urlOf as urlIn } from './scams-page-checks.ts';

const SUITE = 'Browser test test/e2e/learn-associations.e2e.test.ts (the associations’ staff pages in Chromium)';
const TEST_TIMEOUT_MS = 120_000;

describeInBrowser('the associations’ staff pages in Chromium', SUITE, (suite) => {
  const urlOf = (path: string, language: string) => urlIn(suite, path, language);

  const states = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

  /** A context signed in as the demo account `who`: through the pages the first time (a code is accepted once), then with its cookies. */
  async function signedIn(who: 'association' | 'officer'): Promise<BrowserContext> {
    const known = states.get(who);
    if (known) return suite.browser.newContext({ javaScriptEnabled: false, storageState: known });
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(urlOf('/staff/sign-in', 'en'));
    await page.locator('main input[name="email"]').fill(`${who}@demo.kinga.example`);
    await page.locator('main input[name="password"]').fill(`demo-${who}-password`);
    await submit(page, page.locator('main form').filter({ has: page.locator('input[name="password"]') }));
    await page.locator('main input[name="code"]').fill(totpCode(DEMO_TOTP_SECRET, suite.server.platform.clock.now()));
    await submit(page, page.locator('main form').filter({ has: page.locator('input[name="code"]') }));
    assert.doesNotMatch(new URL(page.url()).pathname, /sign-in/, `the code signs the ${who} in`);
    states.set(who, await context.storageState());
    await page.close();
    return context;
  }

  describe('with the demo directory', () => {
    for (const [index, language] of PAGE_LANGUAGES.entries()) {
      const run = { language, isJavaScriptEnabled: false };
      const phone = `+254 20 000 07${String(index).padStart(2, '0')}`;
      test(`a representative proposes a change and an officer approves it, in ${language.code}`, { timeout: TEST_TIMEOUT_MS }, async () => {
        const rep = await signedIn('association');
        const officer = await signedIn('officer');
        try {
          const page = await rep.newPage();
          await page.goto(urlOf('/staff/learn/associations/mine', language.code));
          await checkScamPage(suite, page, run, 'the representative’s entry');
          const form = page.locator('main form').filter({ has: page.locator('input[name="phone"]') });
          await page.locator('main input[name="name"]').fill('');
          await submit(page, form);
          await checkScamPage(suite, page, run, 'the proposal refused without a name');
          await page.locator('main input[name="name"]').fill('Demo Consumers Union');
          await page.locator('main input[name="phone"]').fill(phone);
          await submit(page, page.locator('main form').filter({ has: page.locator('input[name="phone"]') }));
          assert.match(page.url(), /sent=yes/);
          await checkScamPage(suite, page, run, 'the proposal sent');

          const staff = await officer.newPage();
          await staff.goto(urlOf('/staff/learn/associations', language.code));
          await checkScamPage(suite, staff, run, 'the staff directory');
          const links = await staff
            .locator('main a[href^="/staff/learn/associations/proposals/"]')
            .evaluateAll((all) => all.map((a) => a.getAttribute('href') ?? ''));
          assert.ok(links.length > 0, 'the proposal is listed');
          await staff.goto(urlOf(links[links.length - 1] ?? '', language.code));
          await checkScamPage(suite, staff, run, 'the proposal’s differences');
          assert.match(
            await staff
              .locator('main ins')
              .allInnerTexts()
              .then((t) => t.join(' ')),
            new RegExp(phone.replace(/\+/g, '\\+')),
          );
          await Promise.all([staff.waitForNavigation(), staff.locator('main button[value="approve"]').click()]);
          await staff.goto(urlOf('/staff/learn/associations/demo-consumers-union', language.code));
          await checkScamPage(suite, staff, run, 'the entry’s staff page');
          await staff.goto(urlOf('/staff/learn/associations/new', language.code));
          await submit(staff, staff.locator('main form').filter({ has: staff.locator('input[name="phone"]') }));
          await checkScamPage(suite, staff, run, 'a new entry refused when empty');
          await staff.goto(urlOf('/learn/associations/demo-consumers-union', language.code));
          assert.match(await staff.locator('main').innerText(), new RegExp(phone.replace(/\+/g, '\\+')), 'the approved change is published');
        } finally {
          await rep.close();
          await officer.close();
        }
      });
    }
  });
});
