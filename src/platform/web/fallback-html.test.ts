import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markFallback } from '../i18n/fallback.ts';
import { markFallbackInHtml } from './fallback-html.ts';

const en = (text: string) => markFallback(text, 'ar');

test('text that fell back becomes a span in English, left to right on a right-to-left page', () => {
  const { html, hasFallback } = markFallbackInHtml(`<p>قبل ${en('the summary')} بعد</p>`, 'rtl');
  assert.equal(html, '<p>قبل <span lang="en" dir="ltr">the summary</span> بعد</p>');
  assert.equal(hasFallback, true);
  assert.equal(markFallbackInHtml(`<p>${markFallback('Read', 'es')}</p>`, 'ltr').html, '<p><span lang="en">Read</span></p>');
});

test('attributes, titles, options and text areas keep their text without marks, and still count', () => {
  const source = `<title>${en('Bills')} · Kinga</title><a title="a > b ${en('Next')}" href="/x">x</a><select><option>${en('Any')}</option></select><textarea>${en('Note')}</textarea><p>${en('After')}</p>`;
  const { html, hasFallback } = markFallbackInHtml(source, 'ltr');
  assert.equal(
    html,
    '<title>Bills · Kinga</title><a title="a > b Next" href="/x">x</a><select><option>Any</option></select><textarea>Note</textarea><p><span lang="en">After</span></p>',
  );
  assert.equal(hasFallback, true);
  assert.deepEqual(markFallbackInHtml(`<input aria-label="${en('Search')}">`, 'ltr'), { html: '<input aria-label="Search">', hasFallback: true });
  const drawing = markFallbackInHtml(`<svg><title>${en('Map')}</title><text>${en('North')}</text></svg><p>${en('Key')}</p>`, 'ltr').html;
  assert.equal(drawing, '<svg><title>Map</title><text>North</text></svg><p><span lang="en">Key</span></p>', 'no HTML span inside a drawing');
});

test('a page without fallback is returned as it is', () => {
  const page = '<!doctype html><html lang="fr"><body><p>Bonjour</p></body></html>';
  assert.deepEqual(markFallbackInHtml(page, 'ltr'), { html: page, hasFallback: false });
});
