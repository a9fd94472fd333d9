import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AxeResults, Result } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from './server.ts';
import { DEMO_TOTP_SECRET } from '../../src/platform/auth/demo-accounts.ts';
import { totpCode } from '../../src/platform/auth/totp.ts';

/** Where Debian installs Chromium; `CHROMIUM_PATH` points elsewhere. Playwright never downloads a browser here. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

/** The WCAG levels every page must meet: 2.0, 2.1 and 2.2, levels A and AA. */
export const AXE_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The languages every page is checked in: the three whose catalogues are complete, one of them right to left. */
export const PAGE_LANGUAGES = [
  { code: 'en', dir: 'ltr' },
  { code: 'fr', dir: 'ltr' },
  { code: 'ar', dir: 'rtl' },
] as const;

/** One of {@link PAGE_LANGUAGES}. */
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/** What one page may weigh, compressed, with everything it loads: users on slow, metered links. */
export const PAGE_BUDGET_BYTES = 100 * 1024;

// Flags for a headless Chromium in a container with no network of its own to reach: no sandbox
// (no user namespaces in CI), no GPU, and none of the background calls Chromium makes to Google.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Says why a browser suite cannot run, or undefined when it can. `KINGA_BROWSER=0` skips it;
 * `KINGA_BROWSER=1` (what CI sets) makes a missing Chromium an error rather than a skip.
 */
export function browserSkipReason(suite: string): string | undefined {
  const wanted = process.env['KINGA_BROWSER'];
  if (wanted === '0') return `${suite} skipped: KINGA_BROWSER=0 turns the browser tests off.`;
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `${suite} skipped: no Chromium at ${CHROMIUM_PATH} (install the Debian package "chromium" or set CHROMIUM_PATH).`;
  if (wanted === '1') throw new Error(`${reason.replace(' skipped:', ' cannot run:')} KINGA_BROWSER=1 requires the browser tests.`);
  return reason;
}

/** Launches the system Chromium headless with the flags a container needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** The test server and the Chromium that the tests of one browser suite share. */
export interface BrowserSuite {
  readonly server: TestServer;
  readonly browser: Browser;
  /** Open pages the suite's tests take turns with; see {@link createPagePool}. */
  readonly pages: PagePool;
}

/** Pages kept open between tests; see {@link createPagePool}. */
export interface PagePool {
  /**
   * Lends a blank page of a context made with `options` for `work`. The page comes back to the
   * pool when `work` succeeds; after a failure its context is closed, so a broken page never
   * serves another test.
   */
  use<T>(options: BrowserContextOptions, work: (page: Page, context: BrowserContext) => Promise<T>): Promise<T>;
  /** Closes every context the pool opened. */
  close(): Promise<void>;
}

/**
 * Pages kept open between tests, one set per kind of context (JavaScript off, policy bypassed for
 * axe, ...). Opening a context and its page starts a renderer, which costs Chromium about half a
 * second, as much as checking a small page; a suite that checks every page in every language
 * opens a few instead of hundreds. A lent page starts blank, with no listener or route of its
 * previous use, and with its HTTP cache off, so every load fetches, and weighs, all a page needs.
 * The contexts keep their cookies: tests that need a first visit open a context of their own.
 */
export function createPagePool(browser: Browser): PagePool {
  const idle = new Map<string, Page[]>();
  const contexts = new Set<BrowserContext>();
  const open = async (options: BrowserContextOptions): Promise<Page> => {
    const context = await browser.newContext(options);
    contexts.add(context);
    const page = await context.newPage();
    const devtools = await context.newCDPSession(page);
    await devtools.send('Network.enable');
    await devtools.send('Network.setCacheDisabled', { cacheDisabled: true });
    return page;
  };
  return {
    async use(options, work) {
      const kind = JSON.stringify(options);
      const page = idle.get(kind)?.pop() ?? (await open(options));
      let isReusable = false;
      try {
        const result = await work(page, page.context());
        isReusable = true;
        return result;
      } finally {
        if (isReusable) {
          page.removeAllListeners();
          await page.unrouteAll({ behavior: 'ignoreErrors' });
          await page.goto('about:blank');
          const waiting = idle.get(kind) ?? [];
          waiting.push(page);
          idle.set(kind, waiting);
        } else {
          contexts.delete(page.context());
          await page.context().close();
        }
      }
    },
    async close() {
      await Promise.all([...contexts].map((context) => context.close()));
      contexts.clear();
      idle.clear();
    },
  };
}

/**
 * Declares a browser suite named `title`: the tests that `body` adds share one test server (with
 * the demo data) and one Chromium, started before the first test and closed after the last. When
 * the browser cannot run (see {@link browserSkipReason}, which names the suite by `about`), the
 * suite is one skipped test carrying the reason, so node's summary counts it. Read the suite's
 * members inside tests and hooks: they exist only once the suite has started.
 */
export function describeInBrowser(title: string, about: string, body: (suite: BrowserSuite) => void): void {
  const skip = browserSkipReason(about);
  if (skip) {
    test(title, { skip }, () => undefined);
    return;
  }
  describe(title, () => {
    let server: TestServer | undefined;
    let browser: Browser | undefined;
    let pages: PagePool | undefined;
    before(async () => {
      server = await startTestServer();
      browser = await launchBrowser();
      pages = createPagePool(browser);
    });
    after(async () => {
      await pages?.close();
      await browser?.close();
      await server?.close();
    });
    body({
      get server() {
        if (!server) throw new Error('The test server starts before the first test of the suite.');
        return server;
      },
      get browser() {
        if (!browser) throw new Error('Chromium starts before the first test of the suite.');
        return browser;
      },
      get pages() {
        if (!pages) throw new Error('Chromium starts before the first test of the suite.');
        return pages;
      },
    });
  });
}

let axeSource: string | undefined;

/** The axe-core script, read once from node_modules. */
export function readAxeSource(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * Injects axe-core into a page whose JavaScript runs and checks it against {@link AXE_TAGS}.
 * The context must be created with `bypassCSP: true`, because the page's own policy rightly
 * forbids the inline script that carries axe.
 */
export async function runAxe(page: Page, tags: readonly string[] = AXE_TAGS): Promise<AxeResults> {
  await page.addScriptTag({ content: readAxeSource() });
  return page.evaluate(
    async (values) => {
      const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
      return axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] });
    },
    [...tags],
  );
}

/**
 * Checks with axe a document that Chromium built with JavaScript off (axe is itself a script):
 * `html` is served at `url`, with `status`, to a context that runs scripts, so the page's own
 * style sheets apply as they did.
 */
export async function runAxeOnSnapshot(pages: PagePool, url: string, html: string, status = 200): Promise<AxeResults> {
  // `bypassCSP` only so the inline script carrying axe may run; the page's policy forbids it.
  return pages.use({ bypassCSP: true }, async (page) => {
    await page.route(
      (target) => target.href === url,
      (route) => route.fulfill({ status, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await page.goto(url);
    return runAxe(page);
  });
}

/** Describes violations for a failing assertion: rule, impact, help, and each element's selector and reason. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    - ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replaceAll('\n', '\n      ')}`).join('\n');
      return `  ${v.id} (${v.impact ?? 'no impact'}): ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** Runs in the page: the DOM as a browser without JavaScript shows it, as an HTML document. */
export function serialiseAsWithoutScript(): string {
  for (const script of Array.from(document.querySelectorAll('script'))) script.remove();
  for (const fallback of Array.from(document.querySelectorAll('noscript'))) {
    if (fallback.children.length > 0 || !(fallback.textContent ?? '').includes('<')) {
      fallback.replaceWith(...Array.from(fallback.childNodes));
    } else {
      const template = document.createElement('template');
      template.innerHTML = fallback.textContent ?? '';
      fallback.replaceWith(template.content);
    }
  }
  return `<!doctype html>${document.documentElement.outerHTML}`;
}

/**
 * Runs in the page: how wide the document is, and what makes it wider than the window: the
 * innermost elements that reach past its edge (or whose own text does), outside the scrolling
 * regions of tables. No inner functions: Playwright sends only the function's source.
 */
export function findSidewaysScroll(): { scrollWidth: number; culprits: string[] } {
  const width = document.documentElement.clientWidth;
  const culprits: string[] = [];
  for (const el of Array.from(document.querySelectorAll('body *'))) {
    if (el.closest('.table-region') || culprits.length >= 5) continue;
    const box = el.getBoundingClientRect();
    const isPast =
      box.right > width + 1 || box.left < -1 || (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && getComputedStyle(el).overflowX === 'visible');
    const hasPastChild = Array.from(el.children).some((c) => c.getBoundingClientRect().right > width + 1 || c.getBoundingClientRect().left < -1);
    if (isPast && !hasPastChild) culprits.push(`${el.outerHTML.slice(0, 140)} (${Math.round(box.left)}..${Math.round(box.right)})`);
  }
  return { scrollWidth: document.documentElement.scrollWidth, culprits };
}

/**
 * Fails when the page, made `width` CSS pixels wide, scrolls sideways (WCAG 1.4.10 Reflow), naming
 * the elements that stick out; the viewport is put back after.
 */
export async function assertReflows(page: Page, width: number, where: string): Promise<void> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width, height: viewport?.height ?? 720 });
  try {
    const measured = await page.evaluate(findSidewaysScroll);
    assert.ok(
      measured.scrollWidth <= width,
      `${where}: at ${width} px wide the page is ${measured.scrollWidth} px wide (WCAG 1.4.10 Reflow), because of:\n${measured.culprits.join('\n')}`,
    );
  } finally {
    if (viewport) await page.setViewportSize(viewport);
  }
}

/**
 * Fails when axe-core finds a violation on the page as shown. Axe is a script: it checks the
 * document as built (without its scripts when they were off) in a context that runs them.
 */
export async function assertAxeClean(pages: PagePool, page: Page, isJavaScriptEnabled: boolean, where: string): Promise<void> {
  const snapshot = isJavaScriptEnabled ? await page.content() : await page.evaluate(serialiseAsWithoutScript);
  const results = await runAxeOnSnapshot(pages, page.url(), snapshot);
  assert.equal(results.violations.length, 0, `axe found violations on ${where}:\n${describeViolations(results.violations)}`);
}

/** The width at which no page may scroll sideways (WCAG 1.4.10): 1280 CSS pixels at 400 % zoom. */
export const REFLOW_WIDTH = 320;

/** The address of `path` on the suite's server in `language`. */
export function urlIn(suite: BrowserSuite, path: string, language: string): string {
  const url = new URL(path, suite.server.url);
  url.searchParams.set('lang', language);
  return url.href;
}

/** Submits `form` with `button` (by default its last submit button) and waits for the page it leads to. */
export async function submitForm(page: Page, form: Locator, button?: Locator): Promise<void> {
  await Promise.all([page.waitForNavigation(), (button ?? form.locator('button[type="submit"]').last()).click()]);
}

/** The cookies of each demo account a suite has signed in, by the account's name (`officer`, `editor`). */
export type SignedInStates = Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>;

/**
 * A context signed in as the demo account `who` (`who@demo.kinga.example`, `demo-who-password`):
 * the first signs in through the pages (password, then the code), the others reuse its cookies.
 */
export async function signedInContext(suite: BrowserSuite, signedIn: SignedInStates, who: string, isJavaScriptEnabled: boolean): Promise<BrowserContext> {
  const known = signedIn.get(who);
  if (known) return suite.browser.newContext({ javaScriptEnabled: isJavaScriptEnabled, storageState: known });
  const context = await suite.browser.newContext({ javaScriptEnabled: isJavaScriptEnabled });
  const page = await context.newPage();
  await page.goto(urlIn(suite, '/staff/sign-in', 'en'));
  await page.locator('main input[name="email"]').fill(`${who}@demo.kinga.example`);
  await page.locator('main input[name="password"]').fill(`demo-${who}-password`);
  await submitForm(page, page.locator('main form').filter({ has: page.locator('input[name="password"]') }));
  assert.match(new URL(page.url()).pathname, /\/staff\/sign-in\/code$/, 'the password leads to the code');
  await page.locator('main input[name="code"]').fill(totpCode(DEMO_TOTP_SECRET, suite.server.platform.clock.now()));
  await submitForm(page, page.locator('main form').filter({ has: page.locator('input[name="code"]') }));
  assert.doesNotMatch(new URL(page.url()).pathname, /sign-in/, `the code signs the ${who} in: ${page.url()}`);
  signedIn.set(who, await context.storageState());
  await page.close();
  return context;
}

/** Checks the page now shown: its lang and dir, one h1, no sideways scrolling at 320 px, and axe-core on what it shows. */
export async function assertPageBasics(suite: BrowserSuite, page: Page, language: PageLanguage, isJavaScriptEnabled: boolean, where: string): Promise<void> {
  const html = page.locator('html');
  assert.equal(await html.getAttribute('lang'), language.code, `${where}: html lang`);
  assert.equal(await html.getAttribute('dir'), language.dir, `${where}: html dir`);
  assert.equal(await page.locator('h1').count(), 1, `${where}: exactly one h1`);
  await assertReflows(page, REFLOW_WIDTH, where);
  await assertAxeClean(suite.pages, page, isJavaScriptEnabled, where);
}
