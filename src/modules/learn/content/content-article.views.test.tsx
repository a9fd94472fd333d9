import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import { createFormatter, loadCatalogs } from '../../../platform/i18n/index.ts';
import { loadJurisdiction, type Language } from '../../../platform/jurisdiction.ts';
import type { PageContext } from '../../../platform/web/context.ts';
import { ContentArticle, ContentArticlePage } from './content-article.views.tsx';
import type { PublishedText } from './content.service.ts';

const catalogs = loadCatalogs();
const jurisdiction = loadJurisdiction(new URL('../../../../jurisdictions/demo.json', import.meta.url).pathname);

function contextIn(language: Language): PageContext {
  return {
    language,
    direction: catalogs.direction(language),
    t: catalogs.translator(language),
    format: createFormatter(language, jurisdiction.timeZone),
    jurisdiction,
    catalogs,
    nav: [],
    path: '/learn/guides/roaming',
    query: '',
    csrfToken: 'token',
    viewer: null,
  };
}

const TEXT: PublishedText = {
  item: {
    id: 'i1',
    kind: 'guide',
    slug: 'roaming',
    topic: 'roaming',
    parentId: null,
    position: 0,
    sourceLanguage: 'ar',
    createdAt: '2026-12-01T09:00:00.000Z',
    createdBy: 'system',
  },
  variant: 'standard',
  language: 'ar',
  requestedLanguage: 'fr',
  isFallback: true,
  variants: ['standard', 'easy'],
  title: 'التجوال',
  summary: 'ما تدفعه في الخارج.',
  // As if altered in the database after publishing: cleaned again when shown.
  html: '<p onclick="alert(1)">نص <a href="https://other.example/">رابط</a><script>alert(2)</script></p>',
  legalBasis: 'اللائحة 12',
  lastReviewed: '2026-11-30',
  publishedAt: '2026-12-01T09:00:00.000Z',
  publishedBy: 'system',
};

test('a text in another language is shown with a notice in the reader’s language and its own lang and dir', () => {
  const html = renderToString(
    <ContentArticle ctx={contextIn('fr')} text={TEXT} siteUrl="https://kinga.example" variantHref={(v) => `/learn/guides/roaming?variant=${v}`} />,
  );
  assert.match(
    html,
    /<p class="notice content-language-notice" role="note">Cette page n’est pas encore disponible en français ; elle est affichée en arabe\.<\/p>/,
  );
  assert.match(html, /<article class="content-article" lang="ar" dir="rtl"><p class="lead">ما تدفعه في الخارج.<\/p>/);
  assert.match(html, /<dt>Dernière relecture<\/dt><dd><time datetime="2026-11-30">30 novembre 2026<\/time><\/dd>/);
  assert.match(html, /<dd lang="ar" dir="rtl">اللائحة 12<\/dd>/);
  assert.match(html, /<a href="\/learn\/guides\/roaming\?variant=easy">Lire cette page en mots simples<\/a>/);
  assert.doesNotMatch(html, /onclick|<script|alert\(2\)/, 'cleaned again at read');
  assert.match(html, /class="outside-link" aria-describedby="outside-link-note"/);
  assert.equal(html.match(/id="outside-link-note"/g)?.length, 1);
  assert.match(html, /<p id="outside-link-note" hidden>Ouvre un autre site web\.<\/p>/);
  assert.match(html, /<link rel="stylesheet" href="\/assets\/learn\/content.css"\/>/);
});

test('a text in the reader’s language has no notice; the easy-read page links back to the full one', () => {
  const easy: PublishedText = { ...TEXT, variant: 'easy', requestedLanguage: 'ar', isFallback: false, lastReviewed: null, legalBasis: '' };
  const html = renderToString(<ContentArticle ctx={contextIn('ar')} text={easy} siteUrl="https://kinga.example" variantHref={(v) => `/x?variant=${v}`} />);
  assert.doesNotMatch(html, /content-language-notice/);
  assert.match(html, /<a href="\/x\?variant=standard">اقرأ النسخة الكاملة من هذه الصفحة<\/a>/);
  assert.doesNotMatch(html, /<dt>/, 'no empty facts');
  const alone = renderToString(
    <ContentArticle ctx={contextIn('ar')} text={{ ...easy, variants: ['easy'] }} siteUrl="https://kinga.example" variantHref={(v) => v} />,
  );
  assert.doesNotMatch(alone, /content-variant-link/, 'no link to a variant that does not exist');
});

test('the whole page gives its h1 the text’s language when it differs from the page’s', () => {
  const html = renderToString(<ContentArticlePage ctx={contextIn('en')} text={TEXT} siteUrl="https://kinga.example" />);
  assert.match(html, /<html lang="en" dir="ltr">/);
  assert.match(html, /<h1 lang="ar" dir="rtl">التجوال<\/h1>/);
  assert.equal(html.match(/<h1/g)?.length, 1);
  const same = renderToString(<ContentArticlePage ctx={contextIn('ar')} text={{ ...TEXT, isFallback: false }} siteUrl="https://kinga.example" />);
  assert.match(same, /<h1>التجوال<\/h1>/);
});
