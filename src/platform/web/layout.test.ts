import { test } from 'node:test';
import assert from 'node:assert/strict';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { createFormatter, loadCatalogs } from '../i18n/index.ts';
import { loadJurisdiction } from '../jurisdiction.ts';
import type { PageContext } from './context.ts';
import { Layout, type HeadElement } from './layout.tsx';

const catalogs = loadCatalogs();
const jurisdiction = loadJurisdiction(new URL('../../../jurisdictions/demo.json', import.meta.url).pathname);
const ctx: PageContext = {
  language: 'en',
  direction: 'ltr',
  t: catalogs.translator('en'),
  format: createFormatter('en', jurisdiction.timeZone),
  jurisdiction,
  catalogs,
  nav: [],
  path: '/probe',
  query: '',
  csrfToken: 'token',
  viewer: null,
};

const headOf = (html: string) => html.slice(html.indexOf('<head>'), html.indexOf('</head>'));

test("a page's head elements are written in the head, after the shell's, with their values escaped", () => {
  const head: HeadElement[] = [
    { kind: 'link', rel: 'schema.DC', href: 'http://purl.org/dc/elements/1.1/' },
    { kind: 'meta', name: 'DC.title', content: 'Rules "on" <b>fees</b>', lang: 'fr' },
    { kind: 'link', rel: 'alternate', href: '/probe.json', type: 'application/json', hrefLang: 'en' },
  ];
  const html = renderToString(h(Layout, { ctx, title: 'Probe', head }));
  const inHead = headOf(html);
  assert.ok(inHead.includes('<meta name="DC.title" content="Rules &quot;on&quot; &lt;b>fees&lt;/b>" lang="fr"'), inHead);
  assert.ok(inHead.includes('<link rel="alternate" href="/probe.json" hreflang="en" type="application/json"'), inHead);
  assert.ok(inHead.indexOf('favicon.svg') < inHead.indexOf('schema.DC'), "the shell's elements come first");
  assert.equal(html.split('DC.title').length, 2, 'written once, and only in the head');
});

test('without head elements the head is only the shell', () => {
  const inHead = headOf(renderToString(h(Layout, { ctx, title: 'Probe' })));
  assert.equal(inHead.match(/<meta /g)?.length, 2, 'charset and viewport');
  assert.equal(inHead.match(/<link /g)?.length, 2, 'stylesheet and icon');
});
