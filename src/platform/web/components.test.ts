import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { loadCatalogs } from '../i18n/index.ts';
import type { PageContext } from './context.ts';
import { ErrorSummary, Pager, StatusNotice, TableRegion, TextField, fallbackAttributes } from './components.tsx';

test('marks a message that fell back to English with lang="en", and dir="ltr" on a right-to-left page', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinga-fallback-'));
  try {
    writeFileSync(join(dir, 'en.json'), JSON.stringify({ 'a.both': 'Both', 'a.english': 'Only English' }));
    writeFileSync(join(dir, 'fr.json'), JSON.stringify({ 'a.both': 'Les deux' }));
    writeFileSync(join(dir, 'ar.json'), JSON.stringify({ 'a.both': 'كلاهما' }));
    const catalogs = loadCatalogs(dir, []);
    assert.deepEqual(fallbackAttributes({ language: 'fr', direction: 'ltr', catalogs }, 'a.both'), {});
    assert.deepEqual(fallbackAttributes({ language: 'fr', direction: 'ltr', catalogs }, 'a.english'), { lang: 'en' });
    assert.deepEqual(fallbackAttributes({ language: 'ar', direction: 'rtl', catalogs }, 'a.english'), { lang: 'en', dir: 'ltr' });
    assert.deepEqual(fallbackAttributes({ language: 'en', direction: 'ltr', catalogs }, 'a.english'), {});
    assert.deepEqual(fallbackAttributes({ language: 'fr', direction: 'ltr', catalogs }, 'a.unknown'), {});
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a field with a problem is described by its hint and its error and marked invalid', () => {
  const form = { values: { email: 'a@b' }, problems: [{ field: 'email', message: 'Enter a real address' }] };
  const html = renderToString(h(TextField, { form, name: 'email', label: 'E-mail', hint: 'We write to it', type: 'email', isRequired: true }));
  assert.match(html, /<label for="field-email">E-mail<\/label>/);
  assert.match(html, /aria-describedby="field-email-hint field-email-error"/);
  assert.match(html, /aria-invalid="true"/);
  assert.match(html, /value="a@b"/);
});

test('a code field reads left to right on right-to-left pages when asked, and only then', () => {
  const form = { values: { quarter: '2026-Q3' }, problems: [] };
  assert.match(renderToString(h(TextField, { form, name: 'quarter', label: 'Quarter', dir: 'ltr' })), /<input[^>]* dir="ltr"/);
  assert.doesNotMatch(renderToString(h(TextField, { form, name: 'quarter', label: 'Quarter' })), /dir=/);
});

test('a password is never sent back to the browser', () => {
  const form = { values: { password: 'secret' }, problems: [] };
  assert.doesNotMatch(renderToString(h(TextField, { form, name: 'password', label: 'Password', type: 'password' })), /secret/);
});

test('the error summary takes focus on load, without script, and links to each field', () => {
  const catalogs = loadCatalogs();
  const ctx = { t: catalogs.translator('en') } satisfies Partial<PageContext>;
  const form = { values: {}, problems: [{ field: 'email', message: 'Enter your e-mail address' }] };
  const html = renderToString(h(ErrorSummary, { ctx: ctx as PageContext, form }));
  // GOV.UK's pattern: focus lands on the box, the alert is its child, so the two never race.
  assert.match(html, /^<div class="error-summary" tabindex="-1" autofocus><div role="alert"><h2>/);
  assert.doesNotMatch(html, /aria-labelledby/, 'a box with no role takes no name');
  assert.match(html, /<a href="#field-email">Enter your e-mail address<\/a>/);
  assert.equal(renderToString(h(ErrorSummary, { ctx: ctx as PageContext, form: { values: {}, problems: [] } })), '');
});

test('a data table scrolls inside a focusable region labelled by its caption, so the page never scrolls sideways', () => {
  const table = h('table', null, h('caption', { class: 'visually-hidden' }, 'Prices by plan'), h('tbody', null, h('tr', null, h('td', null, '1'))));
  const html = renderToString(
    h('div', null, h(TableRegion, { children: table }), h(TableRegion, { children: h('table', null, h('caption', { id: 'own' }, 'Second')) })),
  );
  const regions = [...html.matchAll(/<div class="table-region" role="region" tabindex="0" aria-labelledby="([^"]+)">/g)].map((m) => m[1]);
  assert.equal(regions.length, 2, html);
  assert.notEqual(regions[0], regions[1], 'each region names its own caption');
  assert.match(html, new RegExp(`<caption class="visually-hidden" id="${regions[0]}">Prices by plan</caption>`));
  assert.equal(regions[1], 'own', 'a caption that has an id keeps it');
});

test('a data table without a caption takes the label it is given, and refuses to go unlabelled', () => {
  const html = renderToString(h(TableRegion, { label: 'Rates', children: h('table', null, h('tbody', null)) }));
  assert.match(html, /<div class="table-region" role="region" tabindex="0" aria-label="Rates"><table>/);
  assert.throws(() => renderToString(h(TableRegion, { children: h('table', null, h('tbody', null)) })), /caption or a label/);
});

test('a pager links the pages either side, says where the page stands, and keeps a way back from a page past the last', () => {
  const labels = { nav: 'Pages', previous: 'Previous', next: 'Next', pageOf: 'Page X' };
  const render = (page: number, pages: number) => renderToString(h(Pager, { page, pages, hrefOf: (p: number) => `/list?page=${p}`, labels }));
  assert.equal(render(1, 1), '');
  assert.equal(
    render(2, 3),
    '<nav class="pager" aria-label="Pages"><ul><li><a href="/list?page=1" rel="prev">Previous</a></li><li aria-current="page">Page X</li><li><a href="/list?page=3" rel="next">Next</a></li></ul></nav>',
  );
  assert.equal(
    render(1, 2),
    '<nav class="pager" aria-label="Pages"><ul><li aria-current="page">Page X</li><li><a href="/list?page=2" rel="next">Next</a></li></ul></nav>',
  );
  assert.equal(render(7, 2), '<nav class="pager" aria-label="Pages"><ul><li><a href="/list?page=2" rel="prev">Previous</a></li></ul></nav>');
});

test('a status notice shows what the last action did, and nothing without a message', () => {
  assert.equal(renderToString(h(StatusNotice, { message: 'Saved.' })), '<div class="notice" role="status"><p>Saved.</p></div>');
  assert.equal(renderToString(h(StatusNotice, { message: null })), '');
  assert.equal(renderToString(h(StatusNotice, { message: '' })), '');
});
