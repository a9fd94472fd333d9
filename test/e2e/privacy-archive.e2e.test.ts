/**
 * The readable page of an access archive (`index.html` in the zip) in a real Chromium: in English,
 * Arabic and Chinese, with long values and a file, it passes axe-core (WCAG 2.2 AA) and does not
 * scroll sideways at 320 CSS pixels (WCAG 1.4.10). The page is a file a person opens from the zip,
 * not a page of the server, so it is served here from the string the archive holds.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import {
  assertReflows,
  browserSkipReason,
  createPagePool,
  describeViolations,
  launchBrowser,
  REFLOW_WIDTH,
  runAxe,
  type PagePool,
} from '../helpers/browser.ts';
import { loadCatalogs } from '../../src/platform/i18n/index.ts';
import type { Language } from '../../src/platform/jurisdiction.ts';
import { renderArchivePage } from '../../src/modules/privacy/fulfil/archive-page.ts';
import { ruleInWords } from '../../src/modules/privacy/fulfil/rule-words.ts';

const SUITE = 'Browser test test/e2e/privacy-archive.e2e.test.ts (the page of an access archive in Chromium)';
const skip = browserSkipReason(SUITE);
const catalogs = loadCatalogs();
let browser: Browser | undefined;
let pages: PagePool | undefined;

before(async () => {
  if (skip) return;
  browser = await launchBrowser();
  pages = createPagePool(browser);
});
after(async () => {
  await pages?.close();
  await browser?.close();
});

function pageIn(language: Language): string {
  const t = catalogs.translator(language);
  return renderArchivePage({
    t,
    language,
    direction: catalogs.direction(language),
    authority: 'Demo Communications Authority',
    reference: 'DSR-2026-0001',
    generatedAt: '2026-12-01T09:00:00.000Z',
    timeZone: 'Africa/Nairobi',
    kinds: [
      {
        label: t('complaints.nav'),
        purpose: t('complaints.navDescription'),
        rule: ruleInWords(t, { period: 'P5Y', trigger: 'closed', action: 'anonymise', legalBasis: 'publicTask', reference: 'Consumer Protection Act, s. 12' }),
        records: [
          {
            id: '01JF0000000000000000000000',
            createdAt: '2026-11-02T10:00:00.000Z',
            fields: {
              reference: 'CMP-2026-000123',
              text: 'My bundle was cut after two days: https://operator.example/bundles/2026/KE-0000123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ',
              isUrgent: true,
              amountPaid: 1500,
              closedAt: null,
            },
            files: [{ name: 'invoice-may-2026-with-a-rather-long-file-name.pdf', path: 'files/complaints.complaints/01JF0000000000000000000000/invoice.pdf' }],
          },
        ],
      },
      { label: t('scams.reporting.page.nav'), purpose: t('scams.reporting.page.navDescription'), rule: '', records: [] },
    ],
  });
}

for (const language of ['en', 'ar', 'zh'] as const)
  test(`the archive page in ${language} passes axe and reflows at ${REFLOW_WIDTH} px`, { skip }, async () => {
    const url = `http://archive.test/${language}/index.html`;
    await pages?.use({ bypassCSP: true, javaScriptEnabled: true }, async (page) => {
      await page.route(
        (target) => target.href === url,
        (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: pageIn(language) }),
      );
      await page.goto(url);
      assert.equal(await page.getAttribute('html', 'dir'), language === 'ar' ? 'rtl' : 'ltr');
      await assertReflows(page, REFLOW_WIDTH, `the archive page in ${language}`);
      const results = await runAxe(page);
      assert.equal(results.violations.length, 0, `axe found violations on the archive page in ${language}:\n${describeViolations(results.violations)}`);
    });
  });
