import { test } from 'node:test';
import assert from 'node:assert/strict';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { createTestConfig } from '../../../../test/helpers/platform.ts';
import { createFormatter, loadCatalogs } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/web/context.ts';
import { markFallbackInHtml } from '../../../platform/web/fallback-html.ts';
import { fileProblem } from './file-messages.ts';
import { UploadPage } from './offer-upload.views.tsx';

const catalogs = loadCatalogs();
const { jurisdiction } = createTestConfig();

function contextIn(language: 'en' | 'ar'): PageContext {
  return {
    language,
    direction: catalogs.direction(language),
    t: catalogs.translator(language),
    format: createFormatter(language, jurisdiction.timeZone),
    jurisdiction,
    catalogs,
    nav: [],
    path: '/staff/offers/upload',
    query: '',
    csrfToken: 'token',
    viewer: null,
  };
}

test('a reason the importer gave in English only is marked as text that fell back, so the page marks it and says so', () => {
  const page = (language: 'en' | 'ar') =>
    markFallbackInHtml(
      renderToString(
        h(UploadPage, {
          ctx: contextIn(language),
          operators: null,
          ownOperator: 'OP-1',
          values: { operator: '', isLenient: false },
          formProblems: [],
          fileProblems: [{ field: 'file', message: 'The file could not be read.' }, fileProblem('monthly_price', 2, 'offers.import.cell.required')],
          report: null,
        }),
      ),
      catalogs.direction(language),
    );
  const arabic = page('ar');
  assert.equal(arabic.hasFallback, true, 'the page keeps its notice that part of it is in English');
  assert.match(arabic.html, /<td><span lang="en" dir="ltr">The file could not be read\.<\/span><\/td>/);
  assert.doesNotMatch(arabic.html, /<span lang="en" dir="ltr"><span/, 'marked once');
  const english = page('en');
  assert.equal(english.hasFallback, false);
  assert.match(english.html, /<td>The file could not be read\.<\/td>/);
});
