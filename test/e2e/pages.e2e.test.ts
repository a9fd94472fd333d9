/**
 * The public pages in a real Chromium: WCAG 2.2 AA with axe-core in English, French and Arabic,
 * with and without JavaScript; page weight and third-party requests; keyboard access through the
 * skip link; right-to-left layout; the remembered language choice.
 *
 * How axe runs when JavaScript is off: axe is itself JavaScript, and in a context created with
 * `javaScriptEnabled: false` its timers and promises never settle. So each page is first loaded
 * with JavaScript off and checked there (status, one visible h1, lang and dir, nothing that needs
 * a script: no inline handlers, no `javascript:` links, no visible script-only buttons, every form
 * submittable). The DOM Chromium built with scripting off is then serialised (its `<script>`
 * elements dropped and any `<noscript>` content unwrapped, as a browser without JavaScript shows
 * it) and served, at the same URL so the same stylesheet applies, to a JavaScript-enabled context
 * where axe checks it. Axe therefore judges exactly what a person without JavaScript gets.
 */
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import type { BrowserContextOptions, Page, Response } from 'playwright-core';
import {
  describeInBrowser,
  describeViolations,
  findSidewaysScroll,
  PAGE_BUDGET_BYTES,
  PAGE_LANGUAGES,
  runAxe,
  runAxeOnSnapshot,
  serialiseAsWithoutScript,
  type PageLanguage,
} from '../helpers/browser.ts';
import { PUBLIC_PAGES, type PublicPage } from './public-pages.ts';

const SUITE = 'Browser suite test/e2e/pages.e2e.test.ts (axe WCAG 2.2 AA, page weight, keyboard, RTL in Chromium)';

const JS_MODES = [
  { name: 'JavaScript on', isEnabled: true },
  { name: 'JavaScript off', isEnabled: false },
] as const;

/** What its scripts may weigh, compressed. */
const SCRIPT_BUDGET_BYTES = 30 * 1024;
const TEST_TIMEOUT_MS = 60_000;
/** The width at which no page may scroll sideways (WCAG 1.4.10): 1280 CSS pixels at 400 % zoom. */
const REFLOW_WIDTH = 320;
/** How long a page must have no open request to count as loaded, and the longest wait for that. */
const NETWORK_QUIET_MS = 150;
const NETWORK_QUIET_MAX_MS = 10_000;
// Pages are checked six at a time, each on a page of its own from the pool, which keeps Chromium and
// the server busy while a check waits for a quiet network. KINGA_E2E_CONCURRENCY=1 checks them one by one.
const CONCURRENCY = Number(process.env['KINGA_E2E_CONCURRENCY'] ?? 6);
/** `KINGA_E2E_PAGES=/offers` checks only the public pages whose path contains that text, to iterate quickly. */
const PAGES = PUBLIC_PAGES.filter((p) => p.path.includes(process.env['KINGA_E2E_PAGES'] ?? ''));
/** The languages a page is checked in: all of them, or the one its variant names. */
const languagesOf = (page: PublicPage): readonly PageLanguage[] => PAGE_LANGUAGES.filter((l) => page.onlyIn === undefined || l.code === page.onlyIn);

describeInBrowser('public pages in Chromium', SUITE, (suite) => {
  const urlOf = (page: PublicPage, language: string): string => {
    const url = new URL(page.path, suite.server.url);
    url.searchParams.set('lang', language);
    return url.href;
  };

  /** A page from the suite's pool: blank, uncached, with the cookies of earlier checks. */
  const withPage = <T>(options: BrowserContextOptions, work: (page: Page) => Promise<T>): Promise<T> => suite.pages.use(options, work);

  /**
   * Watches a page's loading from before it starts, then checks what it loaded: nothing from another
   * host, no script error or Content-Security-Policy violation, and the weight within budget.
   */
  function watchLoad(page: Page, publicPage: PublicPage, target: string): (t: TestContext) => Promise<void> {
    const origin = new URL(suite.server.url).origin;
    const requested: string[] = [];
    const problems: string[] = [];
    const bodies: Promise<{ url: string; kind: string; gzipped: number; wire: number }>[] = [];
    let pending = 0;
    let lastActivity = performance.now();
    const settle = () => {
      pending -= 1;
      lastActivity = performance.now();
    };
    page.on('request', (request) => {
      requested.push(request.url());
      pending += 1;
      lastActivity = performance.now();
    });
    page.on('requestfinished', settle);
    page.on('requestfailed', settle);
    page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // Chromium logs the page's own expected 404 or 422 as a failed load; any other failure counts.
      const isExpectedStatus = (publicPage.status ?? 200) >= 400 && /^Failed to load resource/.test(message.text()) && message.location().url === target;
      if (!isExpectedStatus) problems.push(`console error: ${message.text()} (${message.location().url})`);
    });
    page.on('response', (response) => {
      bodies.push(
        (async () => {
          const body = await response.body().catch(() => Buffer.alloc(0));
          // A response that ends after the page closed (a late favicon) has no sizes any more;
          // its decoded body still counts, so the budget is never checked on less than was sent.
          const sizes = await response
            .request()
            .sizes()
            .catch(() => ({ responseBodySize: body.length, responseHeadersSize: 0 }));
          const type = response.headers()['content-type'] ?? '';
          const kind = response.request().resourceType() === 'script' || /javascript/.test(type) ? 'script' : response.request().resourceType();
          // Compressed size measured here with gzip (zlib, default level) of each decoded
          // body, so the budget holds whatever compression the server or a proxy applies;
          // `wire` is what actually crossed the network, headers included.
          return { url: response.url(), kind, gzipped: gzipSync(body).length, wire: sizes.responseBodySize + sizes.responseHeadersSize };
        })(),
      );
    });
    return async (t) => {
      // Loaded, and no request open for a short quiet spell: a late request (an icon) still counts.
      // Playwright's 'networkidle' waits half a second more on every one of some 200 loads.
      await page.waitForLoadState('load');
      const until = performance.now() + NETWORK_QUIET_MAX_MS;
      while ((pending > 0 || performance.now() - lastActivity < NETWORK_QUIET_MS) && performance.now() < until) await sleep(25);
      const measured = await Promise.all(bodies);
      const foreign = requested.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
      assert.deepEqual(foreign, [], 'requests to another host');
      assert.deepEqual(problems, [], 'no script error or Content-Security-Policy violation');
      const total = measured.reduce((sum, r) => sum + r.gzipped, 0);
      const wire = measured.reduce((sum, r) => sum + r.wire, 0);
      const scripts = measured.filter((r) => r.kind === 'script').reduce((sum, r) => sum + r.gzipped, 0);
      t.diagnostic(
        `${publicPage.path}: ${measured.length} responses, ${total} B gzipped (${wire} B on the wire with headers), ${scripts} B of script; ` +
          measured.map((r) => `${new URL(r.url).pathname} ${r.gzipped} B`).join(', '),
      );
      assert.ok(total <= PAGE_BUDGET_BYTES, `page weighs ${total} B gzipped, budget ${PAGE_BUDGET_BYTES} B`);
      assert.ok(wire <= PAGE_BUDGET_BYTES, `page took ${wire} B on the wire, budget ${PAGE_BUDGET_BYTES} B`);
      assert.ok(scripts <= SCRIPT_BUDGET_BYTES, `scripts weigh ${scripts} B gzipped, budget ${SCRIPT_BUDGET_BYTES} B`);
    };
  }

  /** Whether the page's HTML carries a script. */
  const hasScript = async (target: string): Promise<boolean> => /<script\b/i.test(await (await fetch(target)).text());

  /** The checks every page passes with or without JavaScript. */
  async function checkShell(page: Page, response: Response | null, expected: PublicPage, language: PageLanguage): Promise<void> {
    assert.ok(response, 'the page answered');
    assert.equal(response.status(), expected.status ?? 200, `status of ${response.url()}`);
    const html = page.locator('html');
    assert.equal(await html.getAttribute('lang'), language.code, 'html lang');
    assert.equal(await html.getAttribute('dir'), language.dir, 'html dir');
    assert.equal(await page.locator('h1').count(), 1, 'exactly one h1');
    assert.ok(await page.locator('h1').isVisible(), 'the h1 is visible');
    assert.notEqual((await page.locator('h1').innerText()).trim(), '', 'the h1 has text');
    assert.equal(await page.locator('main').count(), 1, 'exactly one main');
    assert.notEqual((await page.title()).trim(), '', 'the page has a title');
  }

  /**
   * Keyboard use from the top of a freshly loaded page: the first Tab reaches the visible skip
   * link and Enter moves focus to main; on a page that shows an error summary, focus starts on
   * the summary instead and the first Tab reaches its first link.
   */
  async function checkKeyboard(page: Page): Promise<void> {
    if ((await page.locator('.error-summary').count()) > 0) {
      // Chromium applies `autofocus` at a rendering update after load; polled from here because
      // a page with JavaScript off runs no timers of its own.
      for (let tries = 0; tries < 50; tries += 1) {
        if (await page.evaluate(() => document.activeElement?.classList.contains('error-summary') ?? false)) break;
        await sleep(100);
      }
      assert.equal((await page.evaluate(describeFocus)).className, 'error-summary', 'the error summary has focus when the page loads');
      await page.keyboard.press('Tab');
      const first = await page.evaluate(describeFocus);
      assert.match(first.href, /^#/, `the first Tab reaches the summary's first link, not ${first.html}`);
      return;
    }
    await page.keyboard.press('Tab');
    const first = await page.evaluate(describeFocus);
    assert.equal(first.className, 'skip-link', `the first Tab reaches the skip link, not ${first.html}`);
    assert.equal(first.href, '#main');
    assert.ok(first.isOnScreen, `the focused skip link is visible on screen: ${JSON.stringify(first.box)}`);
    await page.keyboard.press('Enter');
    const landed = await page.evaluate(describeFocus);
    assert.equal(landed.id, 'main', `activating the skip link focuses main, not ${landed.html}`);
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(isFocusAfterHeader), 'the next Tab continues inside or after main, not back in the header');
  }

  /**
   * WCAG 1.4.10 Reflow: at 320 CSS pixels wide (a 1280 px screen zoomed to 400 %) nothing makes the
   * page scroll sideways; a wide data table scrolls inside its own region instead. Checked on the
   * page already loaded for the other checks, narrowed and then given back its size.
   */
  async function checkReflow(page: Page): Promise<void> {
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: REFLOW_WIDTH, height: viewport?.height ?? 720 });
    try {
      const measured = await page.evaluate(findSidewaysScroll);
      assert.ok(
        measured.scrollWidth <= REFLOW_WIDTH,
        `at ${REFLOW_WIDTH} px wide the page is ${measured.scrollWidth} px wide (WCAG 1.4.10 Reflow), because of:\n${measured.culprits.join('\n')}`,
      );
    } finally {
      if (viewport) await page.setViewportSize(viewport);
    }
  }

  // One page load per check where possible: the suite loads every public page about ten times.
  describe('meets WCAG 2.2 AA (axe-core) and works from the keyboard, in every language, with and without JavaScript', { concurrency: CONCURRENCY }, () => {
    for (const publicPage of PAGES) {
      for (const language of languagesOf(publicPage)) {
        for (const mode of JS_MODES) {
          test(`${publicPage.path} in ${language.code}, ${mode.name}`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
            const target = urlOf(publicPage, language.code);
            const isScripted = await hasScript(target);
            // Without a script, the page with JavaScript on is the page with JavaScript off, which
            // the other mode checks in full.
            if (mode.isEnabled && !isScripted) {
              t.skip('the page has no script: the same document is checked with JavaScript off');
              return;
            }
            let status = publicPage.status ?? 200;
            let html: string | undefined;
            if (!mode.isEnabled) {
              html = await withPage({ javaScriptEnabled: false }, async (page) => {
                // Without a script this load fetches all the page has: its weight and requests are checked here.
                const checkLoad = isScripted ? undefined : watchLoad(page, publicPage, target);
                const response = await page.goto(target);
                await checkLoad?.(t);
                await checkShell(page, response, publicPage, language);
                status = response?.status() ?? status;
                const dependencies = await page.evaluate(findScriptDependencies);
                assert.deepEqual(dependencies, [], `elements that need JavaScript:\n${dependencies.join('\n')}`);
                const snapshot = await page.evaluate(serialiseAsWithoutScript);
                await checkKeyboard(page);
                await checkReflow(page);
                return snapshot;
              });
            }
            // `bypassCSP` only so the inline script carrying axe may run; the page's policy forbids it.
            const results = await withPage({ bypassCSP: true }, async (page) => {
              if (html !== undefined) {
                const body = html;
                await page.route(
                  (url) => url.href === target,
                  (route) => route.fulfill({ status, contentType: 'text/html; charset=utf-8', body }),
                );
              }
              const response = await page.goto(target);
              // The document served from the JavaScript-off run passed these checks there.
              if (html === undefined) await checkShell(page, response, publicPage, language);
              // A page with scripts may still be fetching; one without has nothing left to load.
              if ((await page.locator('script[src]').count()) > 0) await page.waitForLoadState('networkidle');
              if (html === undefined) {
                await checkKeyboard(page);
                await checkReflow(page);
              }
              return runAxe(page);
            });
            assert.equal(
              results.violations.length,
              0,
              `axe found ${results.violations.length} violation(s) on ${target} (${mode.name}):\n${describeViolations(results.violations)}`,
            );
          });
        }
      }
    }
  });

  // A page without a script had its weight and requests checked in its JavaScript-off run, which
  // loads everything it has; a page with scripts is loaded here as a browser with JavaScript gets it,
  // under its own Content-Security-Policy (the axe run bypasses it).
  describe('stays within the weight budget and asks no other host', { concurrency: CONCURRENCY }, () => {
    for (const publicPage of PAGES) {
      for (const language of languagesOf(publicPage)) {
        test(`${publicPage.path} in ${language.code}`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
          const target = urlOf(publicPage, language.code);
          if (!(await hasScript(target))) {
            t.skip('the page has no script: its weight and requests were checked with JavaScript off');
            return;
          }
          await withPage({}, async (page) => {
            const checkLoad = watchLoad(page, publicPage, target);
            await page.goto(target);
            await checkLoad(t);
          });
        });
      }
    }
  });

  // Each page is its own test, so that they run side by side; most pages have no form to post,
  // and their tests end at once as skipped. Every form's error answer is built by the same
  // platform components in every language (and each page was checked in all three above), so
  // each form is sent empty in one language, taken in turn along the list: every language and
  // both directions still meet a third of the forms.
  describe('answers each public form sent empty with an accessible error summary, without JavaScript', { concurrency: CONCURRENCY }, () => {
    for (const [index, publicPage] of PUBLIC_PAGES.entries()) {
      if (!PAGES.includes(publicPage)) continue;
      const inTurn = PAGE_LANGUAGES[index % PAGE_LANGUAGES.length]!;
      for (const language of publicPage.onlyIn === undefined ? [inTurn] : languagesOf(publicPage)) {
        test(`${publicPage.path} in ${language.code}`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
          const target = urlOf(publicPage, language.code);
          // Read the HTML first rather than open each page in Chromium.
          if (!/<form\b[^>]*\bmethod="post"/i.test(await (await fetch(target)).text())) {
            t.skip('the page has no form to post');
            return;
          }
          const submitted = await withPage({ javaScriptEnabled: false }, async (page) => {
            await page.goto(target);
            const form = page.locator('main form[method="post"]').first();
            if ((await form.count()) === 0) return null;
            const [response] = await Promise.all([
              page.waitForNavigation(),
              form.locator('button:not([type]), button[type="submit"], input[type="submit"]').first().click(),
            ]);
            const status = response?.status() ?? 0;
            assert.equal(status, 422, `${publicPage.path}: a form sent empty is answered with 422 (STYLE.md rule 12)`);
            const summary = await page.evaluate(() => {
              const box = document.querySelector('.error-summary');
              const links = Array.from(box?.querySelectorAll('a[href^="#"]') ?? []).map((a) => a.getAttribute('href') ?? '');
              return {
                links,
                missingTargets: links.filter((href) => !document.getElementById(href.slice(1))),
              };
            });
            assert.ok(summary.links.length > 0, `${publicPage.path}: the summary links to at least one field`);
            assert.deepEqual(summary.missingTargets, [], `${publicPage.path}: every summary link points at a field on the page`);
            await checkShell(page, response, { path: publicPage.path, status: 422 }, language);
            const snapshot = await page.evaluate(serialiseAsWithoutScript);
            await checkKeyboard(page);
            await checkReflow(page);
            return { url: page.url(), html: snapshot };
          });
          if (!submitted) {
            t.skip("the page's forms are outside main");
            return;
          }
          const results = await runAxeOnSnapshot(suite.pages, submitted.url, submitted.html, 422);
          assert.equal(
            results.violations.length,
            0,
            `axe found violations on the error page of ${publicPage.path}:\n${describeViolations(results.violations)}`,
          );
          t.diagnostic(`${publicPage.path}: the form sent empty answered 422 with a focused error summary and no axe violation`);
        });
      }
    }
  });

  test('the contract summary shows each label beside its value, one row under the other', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage({ viewport: { width: 1024, height: 768 } }, async (page) => {
      await page.goto(urlOf({ path: '/offers/M9900000001SVM10GB30000000/summary' }, 'en'));
      const rows = await page.evaluate(() =>
        Array.from(document.querySelectorAll('main dl > div')).map((row) => ({
          label: row.querySelector('dt')?.getBoundingClientRect().top ?? -1,
          value: row.querySelector('dd')?.getBoundingClientRect().top ?? -1,
          text: (row.querySelector('dt')?.textContent ?? '').trim(),
        })),
      );
      assert.ok(rows.length > 5, `the summary has rows: ${rows.length}`);
      for (const [index, row] of rows.entries()) {
        assert.ok(Math.abs(row.label - row.value) < 2, `"${row.text}": its value starts on the line of its label (${row.label} and ${row.value})`);
        const previous = rows[index - 1];
        if (previous) assert.ok(row.label > previous.label, `"${row.text}" starts a line of its own, below "${previous.text}"`);
      }
    });
  });

  // Pages the suite cannot open without signing in show code in preformatted blocks (a new API
  // token and how to send it): the site's stylesheet must wrap them as well.
  test('a long line of preformatted code wraps at 320 px rather than push the page sideways', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage({ viewport: { width: REFLOW_WIDTH, height: 720 } }, async (page) => {
      const target = new URL('/reflow-probe', suite.server.url).href;
      const line = `Authorization: Bearer kinga_${'7K3M9Q2PXW4R'.repeat(6)}`;
      await page.route(target, (route) =>
        route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: `<!doctype html><html lang="en"><head><link rel="stylesheet" href="/assets/kinga.css"></head><body><main class="wrap"><pre dir="ltr"><code>${line}</code></pre></main></body></html>`,
        }),
      );
      await page.goto(target);
      const measured = await page.evaluate(findSidewaysScroll);
      assert.ok(measured.scrollWidth <= REFLOW_WIDTH, `the page is ${measured.scrollWidth} px wide: ${measured.culprits.join('\n')}`);
    });
  });

  // Spanish, Russian and Chinese are not checked page by page; one page each shows how a language
  // that lacks messages is shown: English passages marked as English, and a notice that says so.
  test('a page in a language that lacks messages marks the English text, says so and meets WCAG', { timeout: TEST_TIMEOUT_MS * 2 }, async () => {
    for (const language of ['es', 'ru', 'zh']) {
      await withPage({ bypassCSP: true }, async (page) => {
        await page.goto(urlOf({ path: '/complaints' }, language));
        const shown = await page.evaluate(() => ({
          english: document.querySelectorAll('main span[lang="en"], header span[lang="en"]').length,
          notice: document.querySelector('.fallback-notice')?.checkVisibility() ?? false,
        }));
        assert.equal(shown.notice, shown.english > 0, `${language}: the notice shows exactly when some text is English (${shown.english} passages)`);
        await checkReflow(page);
        const results = await runAxe(page);
        assert.equal(results.violations.length, 0, `${language}:\n${describeViolations(results.violations)}`);
      });
    }
  });

  test('an Arabic page is laid out right to left and an English one left to right', { timeout: TEST_TIMEOUT_MS }, async () => {
    for (const language of [PAGE_LANGUAGES[0], PAGE_LANGUAGES[2]]) {
      await withPage({ viewport: { width: 1024, height: 768 } }, async (page) => {
        await page.goto(urlOf({ path: '/' }, language.code));
        // No helper functions inside evaluated code: tsx would wrap them in a `__name` call the page lacks.
        const layout = await page.evaluate(() => {
          const h1 = document.querySelector('h1');
          return {
            direction: h1 ? getComputedStyle(h1).direction : '',
            siteName: document.querySelector('.site-name')?.getBoundingClientRect().left ?? 0,
            switcher: document.querySelector('.language-switcher')?.getBoundingClientRect().left ?? 0,
          };
        });
        assert.equal(layout.direction, language.dir);
        if (language.dir === 'rtl') {
          assert.ok(layout.siteName > layout.switcher, 'in Arabic the site name is on the right, the languages on the left');
          const phone = suite.server.platform.config.jurisdiction.contacts.phone;
          const order = await page.evaluate((number) => {
            const walker = document.createTreeWalker(document.querySelector('main') ?? document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const text = node.textContent ?? '';
              const at = text.indexOf(number);
              if (at < 0) continue;
              const first = document.createRange();
              first.setStart(node, at);
              first.setEnd(node, at + 1);
              const last = document.createRange();
              last.setStart(node, at + number.length - 1);
              last.setEnd(node, at + number.length);
              return { first: first.getBoundingClientRect().left, last: last.getBoundingClientRect().left };
            }
            return null;
          }, phone);
          assert.ok(order, `the phone number ${phone} appears in the Arabic page's text`);
          assert.ok(order.first < order.last, `inside Arabic text the phone number still reads left to right: ${JSON.stringify(order)}`);
        } else {
          assert.ok(layout.siteName < layout.switcher, 'in English the site name is on the left, the languages on the right');
        }
      });
    }
  });

  test('a language chosen in the URL is remembered by a secure cookie on 127.0.0.1', { timeout: TEST_TIMEOUT_MS }, async () => {
    // A context of its own: the pool's have cookies from earlier visits.
    const context = await suite.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(urlOf({ path: '/' }, 'ar'));
      const cookie = (await context.cookies()).find((c) => c.name === 'kinga_lang');
      assert.equal(cookie?.value, 'ar');
      assert.equal(cookie?.secure, true, 'the language cookie is Secure, as in production');
      await page.goto(new URL('/api/docs', suite.server.url).href);
      assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
      assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    } finally {
      await context.close();
    }
  });

  test('the language switcher names each language in itself and marks the current one', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage({}, async (page) => {
      await page.goto(urlOf({ path: '/' }, 'fr'));
      const links = page.locator('.language-switcher a');
      const names = await links.allInnerTexts();
      for (const name of ['English', 'Français', 'العربية']) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
      assert.equal(await page.locator('.language-switcher a[aria-current="true"]').innerText(), 'Français');
      assert.equal(await page.locator('.language-switcher a[lang="ar"]').getAttribute('dir'), 'rtl');
    });
  });
});

/**
 * Runs in the page: elements that do nothing, or break, without JavaScript. It declares no inner
 * functions, because tsx wraps those in a `__name` helper that does not exist in the page.
 */
function findScriptDependencies(): string[] {
  const found: string[] = [];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const attr of el.getAttributeNames()) if (/^on/i.test(attr)) found.push(`${el.outerHTML.slice(0, 80)} has an inline ${attr} handler`);
  }
  for (const link of Array.from(document.querySelectorAll('a[href]'))) {
    const href = link.getAttribute('href') ?? '';
    if (/^\s*javascript:/i.test(href) || href === '#') found.push(`${link.outerHTML.slice(0, 80)} links to "${href}"`);
  }
  for (const button of Array.from(document.querySelectorAll('button[type="button"]'))) {
    if (button.checkVisibility()) found.push(`${button.outerHTML.slice(0, 80)} is a visible button that only a script can make work`);
  }
  for (const form of Array.from(document.querySelectorAll('form'))) {
    if (!form.checkVisibility()) continue;
    if (!form.querySelector('button:not([type]), button[type="submit"], input[type="submit"], input[type="image"]')) {
      found.push(`${form.outerHTML.slice(0, 80)} has no submit button`);
    }
  }
  return found;
}

/** Runs in the page: what has the keyboard focus and whether it can be seen. */
function describeFocus() {
  const el = document.activeElement;
  const rect = el?.getBoundingClientRect();
  const box = rect ? { top: rect.top, left: rect.left, width: rect.width, height: rect.height } : null;
  return {
    id: el?.id ?? '',
    className: el?.getAttribute('class') ?? '',
    href: el?.getAttribute('href') ?? '',
    html: el ? el.outerHTML.slice(0, 120) : 'nothing',
    box,
    isOnScreen: !!rect && rect.width > 0 && rect.height > 0 && rect.top >= 0 && rect.left >= 0 && rect.bottom <= innerHeight && rect.right <= innerWidth,
  };
}

/** Runs in the page: whether focus sits inside main or after it, that is past the header. */
function isFocusAfterHeader(): boolean {
  const main = document.querySelector('main');
  const el = document.activeElement;
  if (!main || !el || el === document.body) return false;
  return main.contains(el) || (main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}
