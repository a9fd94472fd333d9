/**
 * The learn module's content sanitiser against a real Chromium: what it leaves of each hostile
 * vector is loaded into a page with no Content-Security-Policy, and nothing may run, and every link
 * and image the browser parses must have a scheme the allow-list names. The node tests compare
 * strings; this one checks that Chromium reads those strings as the sanitiser meant them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, launchBrowser } from '../helpers/browser.ts';
import { renderMarkdown, sanitizeContentHtml } from '../../src/modules/learn/content/markdown.ts';
import { OWASP_XSS_VECTORS } from '../../src/modules/learn/testing/hostile-content.ts';

const SUITE = 'Browser test test/e2e/learn-content.e2e.test.ts (the content sanitiser in Chromium)';
const SITE_URL = 'https://kinga.example';
const skip = browserSkipReason(SUITE);

/** What running a fragment in a page set off: dialogs opened and the markers scripts set. */
interface Ran {
  readonly dialogs: string[];
  readonly links: string[];
  readonly images: string[];
  readonly marker: boolean;
}

/** Loads a fragment into an empty page, hovers, focuses and loads everything in it, then says what ran. */
async function runIn(page: Page, fragment: string): Promise<Ran> {
  const dialogs: string[] = [];
  const onDialog = (dialog: { message(): string; dismiss(): Promise<void> }) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  };
  page.on('dialog', onDialog);
  // `setContent` writes into the same window, so a marker set by an earlier fragment is cleared first.
  await page.evaluate(() => Reflect.deleteProperty(window, 'kingaXss'));
  // The `<base>` resolves the fragment's relative URLs as the site would.
  await page.setContent(`<!doctype html><html><head><base href="${SITE_URL}/learn/"></head><body><main>${fragment}</main></body></html>`, {
    waitUntil: 'load',
  });
  const found = await page.evaluate(() => {
    // An event handler that survived would fire on these.
    for (const element of Array.from(document.querySelectorAll('main *'))) {
      for (const type of ['mouseover', 'focus', 'click', 'load', 'error']) {
        if (type === 'click' && element.closest('a') !== null) continue;
        element.dispatchEvent(new Event(type));
      }
    }
    const links = Array.from(document.querySelectorAll('main a[href]'), (a) => (a instanceof HTMLAnchorElement ? a.protocol : 'not an anchor'));
    const images = Array.from(document.querySelectorAll('main img'), (img) => (img instanceof HTMLImageElement ? new URL(img.src).protocol : 'not an image'));
    return { links, images, marker: 'kingaXss' in window };
  });
  // An image's error or a timer would fire after the load event.
  await page.waitForTimeout(10);
  page.off('dialog', onDialog);
  return { dialogs, ...found };
}

describe('the content sanitiser in Chromium', { skip }, () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ javaScriptEnabled: true });
    // No request leaves the page: the vectors name hosts that must never be asked.
    await page.route('**/*', (route) => route.abort());
  });

  after(async () => {
    await browser?.close();
  });

  test('the page notices a vector that runs, so that a clean result means something', async () => {
    const ran = await runIn(page, '<img src="/x.png" onerror="alert(\'ran\')"><script>window.kingaXss = true</script>');
    assert.ok(ran.dialogs.includes('ran'), ran.dialogs.join(', '));
    assert.equal(ran.marker, true);
  });

  test('nothing the sanitiser leaves of the OWASP vectors runs, and every link and image has an allowed scheme', { timeout: 120_000 }, async () => {
    const problems: string[] = [];
    for (const [vector] of OWASP_XSS_VECTORS) {
      const fragments = [
        sanitizeContentHtml(vector, { siteUrl: SITE_URL }),
        renderMarkdown(`Intro.\n\n${vector}\n\nOutro.`, { siteUrl: SITE_URL, allowHtml: true }),
        renderMarkdown(`Intro.\n\n${vector}\n\nOutro.`, { siteUrl: SITE_URL }),
      ];
      for (const fragment of fragments) {
        const ran = await runIn(page, fragment);
        const badLinks = ran.links.filter((protocol) => !['http:', 'https:', 'mailto:', 'tel:'].includes(protocol));
        const badImages = ran.images.filter((protocol) => !['https:', 'data:'].includes(protocol));
        if (ran.dialogs.length > 0 || ran.marker || badLinks.length > 0 || badImages.length > 0) {
          problems.push(`${vector} => ${fragment}: dialogs ${ran.dialogs.join(', ')}; links ${badLinks.join(', ')}; images ${badImages.join(', ')}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
