/**
 * The complaint pages that only a filing or a case reaches, in a real Chromium with JavaScript
 * off: a consumer answers every question, checks the answers, sends the complaint, then follows
 * the case with the reference and the one-time code e-mailed to them. Each page on the way that
 * the public page suite does not already check is checked as the public pages are: axe-core
 * (WCAG 2.2 AA), one h1, lang and dir, no script, and the weight budget.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describeInBrowser, describeViolations, PAGE_BUDGET_BYTES, PAGE_LANGUAGES, runAxeOnSnapshot, type PageLanguage } from '../helpers/browser.ts';
import { PUBLIC_PAGES } from './public-pages.ts';

const SUITE = 'Browser test test/e2e/complaints-flow.e2e.test.ts (filing and following a complaint without JavaScript)';
/** The question pages the public page suite already checks, empty, in every language. */
const CHECKED_ELSEWHERE = new Set(PUBLIC_PAGES.filter((p) => !p.path.includes('?')).map((p) => p.path));

describeInBrowser('filing and following a complaint in Chromium', SUITE, (suite) => {
  /** Checks the page now shown as a browser without JavaScript shows it, and returns its path. */
  async function checkPage(page: Page, language: PageLanguage, weights: Map<string, number>): Promise<string> {
    const path = new URL(page.url()).pathname;
    const html = page.locator('html');
    assert.equal(await html.getAttribute('lang'), language.code, `${path}: html lang`);
    assert.equal(await html.getAttribute('dir'), language.dir, `${path}: html dir`);
    assert.equal(await page.locator('h1').count(), 1, `${path}: exactly one h1`);
    const content = await page.content();
    assert.doesNotMatch(content, /<script\b/i, `${path}: no script`);
    const total = [...weights.values()].reduce((sum, bytes) => sum + bytes, 0);
    assert.ok(total <= PAGE_BUDGET_BYTES, `${path}: the page weighs ${total} B gzipped, budget ${PAGE_BUDGET_BYTES} B`);
    const results = await runAxeOnSnapshot(suite.pages, page.url(), content);
    assert.equal(results.violations.length, 0, `axe found violations on ${path} in ${language.code}:\n${describeViolations(results.violations)}`);
    return path;
  }

  /** Answers every question of the page with its first choice or a sample text, and continues. */
  async function answer(page: Page, address: string): Promise<void> {
    const form = page
      .locator('main form[method="post"]')
      .filter({ has: page.locator('button:not([value="save"])') })
      .last();
    for (const radio of await form.locator('input[type="radio"]').all()) {
      const name = (await radio.getAttribute('name')) ?? '';
      const value = (await radio.getAttribute('value')) ?? '';
      // "No" where the question allows it keeps the journey short (no date, no support needs).
      if (await form.locator(`input[name="${name}"]:checked`).count()) continue;
      if (['contacted', 'needsSupport'].includes(name) && value !== 'no') continue;
      await radio.check();
    }
    for (const name of ['operatorIds', 'consent']) {
      const box = form.locator(`input[type="checkbox"][name="${name}"]`).first();
      if ((await box.count()) > 0 && !(await box.isChecked())) await box.check();
    }
    for (const area of await form.locator('textarea').all())
      if ((await area.inputValue()) === '') await area.fill('The bill of October charged the bundle twice.');
    // A date in three boxes (when the problem started): a day in the past.
    for (const [part, value] of [
      ['Day', '3'],
      ['Month', '11'],
      ['Year', '2025'],
    ] as const) {
      for (const box of await form.locator(`input[name$="${part}"]`).all()) if ((await box.inputValue()) === '') await box.fill(value);
    }
    const email = form.locator('input[type="email"]');
    if ((await email.count()) > 0 && (await email.inputValue()) === '') await email.fill(address);
    const name = form.locator('input[name="name"]');
    if ((await name.count()) > 0 && (await name.inputValue()) === '') await name.fill('Amani Test');
    await Promise.all([page.waitForNavigation(), form.locator('button:not([value="save"])').first().click()]);
  }

  /** The outbox's e-mails, by file name. */
  async function outbox(): Promise<Map<string, string>> {
    const files = (await readdir(suite.server.outboxDir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));
    return new Map(await Promise.all(files.map(async (f) => [f, readableMail(await readFile(join(suite.server.outboxDir, f), 'utf8'))] as const)));
  }

  /** The one-time code of the first e-mail to `address` that was not in the outbox before; the server sends mail through its job queue. */
  async function codeMailedTo(address: string, before: ReadonlyMap<string, string>): Promise<string> {
    await suite.server.platform.jobs.runDue();
    for (const [file, text] of await outbox()) {
      if (before.has(file) || !text.includes(address)) continue;
      const code = /\b(\d{6})\b/.exec(text)?.[1];
      if (code) return code;
    }
    throw new Error(`no new e-mail with a code to ${address}`);
  }

  for (const language of PAGE_LANGUAGES) {
    test(`a consumer files and follows a complaint in ${language.code}`, { timeout: 240_000 }, async (t) => {
      const context = await suite.browser.newContext({ javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        const weights = new Map<string, number>();
        page.on('request', (request) => {
          if (request.isNavigationRequest()) weights.clear();
        });
        page.on('response', async (response) => {
          const body = await response.body().catch(() => Buffer.alloc(0));
          weights.set(response.url(), gzipSync(body).length);
        });
        const checked: string[] = [];
        // An address per language: each filing and follow e-mails it, and an address receives at most
        // CODE_SENDS_PER_ADDRESS codes and receipts an hour.
        const address = `amani.flow.${language.code}@example.org`;
        await page.goto(new URL(`/complaints/new/operator?lang=${language.code}`, suite.server.url).href);
        // Each question, then the check-your-answers page.
        for (let step = 0; step < 20 && !new URL(page.url()).pathname.endsWith('/check'); step += 1) {
          if (!CHECKED_ELSEWHERE.has(new URL(page.url()).pathname)) checked.push(await checkPage(page, language, weights));
          await answer(page, address);
          assert.ok(page.url().includes('/complaints/'), `still filing: ${page.url()}`);
        }
        assert.match(new URL(page.url()).pathname, /\/check$/, 'every question answered leads to the check page');
        checked.push(await checkPage(page, language, weights));
        await Promise.all([page.waitForNavigation(), page.locator('main form[method="post"] button:not([value="save"])').last().click()]);
        checked.push(await checkPage(page, language, weights));
        const shown = (await page.locator('main').innerText()).replace(/[\u2066-\u2069]/g, '');
        const references = [...shown.matchAll(/\b([CK]-[0-9A-Z]{12}-[0-9A-Z])\b/g)].map((m) => m[1] ?? '');
        // The case's own reference when the page shows it, else the filing's.
        const reference = references.find((r) => r.startsWith('K-')) ?? references[0];
        assert.ok(reference, `the confirmation shows the reference: ${shown.slice(0, 300)}`);

        // Following the case: the reference, then the code e-mailed to the consumer.
        const before = await outbox();
        await page.goto(new URL(`/complaints/follow?lang=${language.code}`, suite.server.url).href);
        await page.locator('input[name="reference"]').fill(reference);
        await Promise.all([page.waitForNavigation(), page.locator('main form[method="post"] button').first().click()]);
        checked.push(await checkPage(page, language, weights));
        await page.locator('input[name="code"]').fill(await codeMailedTo(address, before));
        await Promise.all([page.waitForNavigation(), page.locator('main form[method="post"] button').first().click()]);
        checked.push(await checkPage(page, language, weights));
        assert.match(new URL(page.url()).pathname, /\/complaints\/follow\/case/, `the code opens the case: ${page.url()}`);
        t.diagnostic(`${language.code}: ${checked.length} pages checked: ${checked.join(', ')}`);
      } finally {
        await context.close();
      }
    });
  }
});

/** An e-mail's text with its quoted-printable soft breaks joined and its base64 parts (non-Latin text) decoded. */
function readableMail(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, '');
  const decoded = [...joined.matchAll(/Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/gi)].map((m) =>
    Buffer.from((m[1] ?? '').replace(/\s/g, ''), 'base64').toString('utf8'),
  );
  return [joined, ...decoded].join('\n');
}
