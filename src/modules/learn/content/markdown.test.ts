import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CELL_ALIGN_CLASSES,
  type MarkdownOptions,
  OUTSIDE_LINK_CLASS,
  OUTSIDE_LINK_NOTE_ID,
  plainTextExcerpt,
  cleanStoredHtml,
  CLEANED_HTML_CACHE,
  TABLE_REGION_CLASS,
  renderMarkdown,
  sanitizeContentHtml,
} from './markdown.ts';
import { OWASP_XSS_VECTORS } from '../testing/hostile-content.ts';

const SITE: MarkdownOptions = { siteUrl: 'https://kinga.example' };
const WITH_HTML = { ...SITE, allowHtml: true };

/** What in HTML a browser could run: a script-bearing tag, an event handler, a style or a script URL; undefined when nothing. */
function dangerIn(html: string): string | undefined {
  // The serialiser escapes every `<` of text, so each `<` left opens a real tag.
  for (const tag of html.match(/<\/?[a-zA-Z][^>]*>?/g) ?? []) {
    if (/^<\/?(?:script|style|iframe|frame|frameset|object|embed|svg|math|form|input|button|textarea|select|meta|link|base|template|body)\b/i.test(tag))
      return tag;
    if (/\s(?:on[a-z]+|style|background|dynsrc|action|formaction)\s*=/i.test(tag)) return tag;
    const urls = [...tag.matchAll(/\s(?:href|src)\s*=\s*"([^"]*)"/gi)].map((m) => m[1] ?? '');
    if (urls.some((url) => /^\s*(?:javascript|vbscript|data:(?!image\/(?:png|jpeg|webp);base64,))/i.test(url) || /[`"<]/.test(url))) return tag;
  }
  return undefined;
}

/** Sanitises on save, then again on render, as the content's life does; both must be clean and the second a no-op. */
function savedThenShown(html: string): string {
  const saved = sanitizeContentHtml(html, SITE);
  const shown = sanitizeContentHtml(saved, SITE);
  assert.equal(shown, saved, `sanitising again changed ${JSON.stringify(html)}`);
  return shown;
}

test('the OWASP filter-evasion vectors leave nothing that runs, on save and on render alike', () => {
  for (const [vector, expected] of OWASP_XSS_VECTORS) {
    const clean = savedThenShown(vector);
    assert.equal(dangerIn(clean), undefined, `${vector} => ${clean}`);
    assert.equal(clean, expected, vector);
  }
});

test('the same vectors written inside Markdown, HTML on or off, come out clean', () => {
  for (const [vector] of OWASP_XSS_VECTORS) {
    for (const options of [SITE, WITH_HTML]) {
      const html = renderMarkdown(`Intro paragraph.\n\n${vector}\n\nOutro *paragraph*.`, options);
      assert.equal(dangerIn(html), undefined, `${vector} => ${html}`);
      // With HTML on, an unclosed <script> or <style> takes the rest of the page with it, as in CommonMark.
      if (options.allowHtml !== true) assert.match(html, /<p>Outro <em>paragraph<\/em>.<\/p>/);
      assert.equal(sanitizeContentHtml(html, SITE), html, `rendering is not stable for ${vector}`);
    }
  }
});

test('HTML written in Markdown shows as text unless the editor allows HTML', () => {
  assert.equal(renderMarkdown('<img src=x onerror=alert(1)>', SITE), '<p>&lt;img src=x onerror=alert(1)&gt;</p>\n');
  assert.equal(
    renderMarkdown('A <abbr title="Short Message Service">SMS</abbr>', SITE),
    '<p>A &lt;abbr title="Short Message Service"&gt;SMS&lt;/abbr&gt;</p>\n',
  );
  assert.equal(
    renderMarkdown('A <abbr title="Short Message Service">SMS</abbr>', WITH_HTML),
    '<p>A <abbr title="Short Message Service" dir="auto">SMS</abbr></p>\n',
  );
});

test('Markdown links and images to javascript:, vbscript: and data: pages are never made', () => {
  const sources = [
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click](javascript&#58;alert(1))',
    '[click](&#106;avascript:alert(1))',
    '[click](java\tscript:alert(1))',
    '[click](vbscript:msgbox(1))',
    '[click](data:text/html;base64,PHNjcmlwdD4=)',
    '[click][ref]\n\n[ref]: javascript:alert(1)',
    '![pic](javascript:alert(1))',
    '![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
    '<javascript:alert(1)>',
    '<vbscript:msgbox(1)>',
    'javascript:alert(1)',
  ];
  for (const source of sources) {
    for (const options of [SITE, WITH_HTML]) {
      const html = renderMarkdown(source, options);
      assert.equal(dangerIn(html), undefined, `${source} => ${html}`);
      assert.doesNotMatch(html, /<a\s[^>]*href/i, `${source} => ${html}`);
      assert.doesNotMatch(html, /<img/i, `${source} => ${html}`);
    }
  }
});

test('outside links get rel="noopener noreferrer" and the outside class; the site\'s own links do not', () => {
  const html = renderMarkdown(
    [
      '[ITU](https://www.itu.int/en/ITU-D/)',
      '[plain http](http://example.org/a)',
      '[scheme left out](//evil.example/x)',
      '[guide](/learn/guides/billing)',
      '[same site](https://kinga.example/learn)',
      '[section](#cancelling)',
      '[write](mailto:help@kinga.example)',
      '[call](tel:+254200000000)',
    ].join('\n\n'),
    SITE,
  );
  const outside = `rel="noopener noreferrer" class="${OUTSIDE_LINK_CLASS}" aria-describedby="${OUTSIDE_LINK_NOTE_ID}" dir="auto"`;
  assert.equal(
    html,
    [
      `<p><a href="https://www.itu.int/en/ITU-D/" ${outside}>ITU</a></p>`,
      `<p><a href="http://example.org/a" ${outside}>plain http</a></p>`,
      `<p><a href="https://evil.example/x" ${outside}>scheme left out</a></p>`,
      '<p><a href="/learn/guides/billing" dir="auto">guide</a></p>',
      '<p><a href="https://kinga.example/learn" dir="auto">same site</a></p>',
      '<p><a href="#cancelling" dir="auto">section</a></p>',
      '<p><a href="mailto:help@kinga.example" dir="auto">write</a></p>',
      '<p><a href="tel:+254200000000" dir="auto">call</a></p>',
      '',
    ].join('\n'),
  );
});

test("a rel, class or target an author wrote is replaced by the sanitiser's own", () => {
  assert.equal(
    savedThenShown('<a href="https://x.example" rel="opener" class="button" target="_blank">x</a><a href="/in" class="outside-link" rel="noopener">in</a>'),
    `<a href="https://x.example" rel="noopener noreferrer" class="${OUTSIDE_LINK_CLASS}" aria-describedby="${OUTSIDE_LINK_NOTE_ID}" dir="auto">x</a><a href="/in" dir="auto">in</a>`,
  );
});

test('autolinks and bare addresses become outside links, and never javascript: ones', () => {
  assert.equal(
    renderMarkdown('Read <https://www.itu.int/> or www.example.org, or write to <help@kinga.example>.', SITE),
    `<p>Read <a href="https://www.itu.int/" rel="noopener noreferrer" class="${OUTSIDE_LINK_CLASS}" aria-describedby="${OUTSIDE_LINK_NOTE_ID}" dir="auto">https://www.itu.int/</a> or ` +
      `<a href="http://www.example.org" rel="noopener noreferrer" class="${OUTSIDE_LINK_CLASS}" aria-describedby="${OUTSIDE_LINK_NOTE_ID}" dir="auto">www.example.org</a>, or write to ` +
      '<a href="mailto:help@kinga.example" dir="auto">help@kinga.example</a>.</p>\n',
  );
});

test('headings start at h2: the page holds the one h1', () => {
  assert.equal(renderMarkdown('# One\n\n## Two\n\n###### Six', SITE), '<h2>One</h2>\n<h3>Two</h3>\n<h6>Six</h6>\n');
  assert.equal(renderMarkdown('One\n===\n\nTwo\n---', SITE), '<h2>One</h2>\n<h3>Two</h3>\n');
  assert.equal(renderMarkdown('<h1>Raw</h1>\n\n<h3>Three</h3>', WITH_HTML), '<h2>Raw</h2>\n<h3>Three</h3>');
  assert.equal(savedThenShown('<h1 id="x" onclick="alert(1)">Title</h1>'), '<h2>Title</h2>');
  assert.doesNotMatch(renderMarkdown('# a\n\n<h1>b</h1>', WITH_HTML), /<h1/);
});

test('keeps the allowed structure: lists, emphasis, tables, quotes, code, abbreviations, definition lists', () => {
  const source = [
    'Some *emphasis*, **strong**, ~~struck~~ and `code`.',
    '',
    '1. first',
    '2. second',
    '',
    '- a',
    '- b',
    '',
    '> quoted',
    '',
    '| Plan | Price |',
    '|:-----|------:|',
    '| Basic | 100 |',
    '',
    '```',
    'if (x < 1) {}',
    '```',
    '',
    '---',
    '',
    '<dl><dt>SIM</dt><dd>Subscriber identity module</dd></dl>',
  ].join('\n');
  assert.equal(
    renderMarkdown(source, WITH_HTML),
    [
      '<p>Some <em>emphasis</em>, <strong>strong</strong>, <s>struck</s> and <code>code</code>.</p>',
      '<ol>\n<li>first</li>\n<li>second</li>\n</ol>',
      '<ul>\n<li>a</li>\n<li>b</li>\n</ul>',
      '<blockquote>\n<p>quoted</p>\n</blockquote>',
      `<div class="${TABLE_REGION_CLASS}" tabindex="0" role="region" aria-label="Plan, Price">`,
      '<table>\n<thead>\n<tr>',
      `<th class="${CELL_ALIGN_CLASSES.left}">Plan</th>`,
      `<th class="${CELL_ALIGN_CLASSES.right}">Price</th>`,
      '</tr>\n</thead>\n<tbody>\n<tr>',
      `<td class="${CELL_ALIGN_CLASSES.left}">Basic</td>`,
      `<td class="${CELL_ALIGN_CLASSES.right}">100</td>`,
      '</tr>\n</tbody>\n</table>\n</div>',
      '<pre dir="ltr"><code>if (x &lt; 1) {}\n</code></pre>',
      '<hr />',
      '<dl><dt>SIM</dt><dd>Subscriber identity module</dd></dl>',
    ].join('\n'),
  );
});

test("images: the site's own and small raster data images are shown; another host's leaves its text alternative", () => {
  const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  assert.equal(
    renderMarkdown('![Our office](/assets/learn/office.jpg "Office")', SITE),
    '<p><img src="/assets/learn/office.jpg" alt="Our office" title="Office" /></p>\n',
  );
  assert.equal(renderMarkdown(`![A dot](${png})`, SITE), `<p><img src="${png}" alt="A dot" /></p>\n`);
  assert.equal(renderMarkdown('![A tracker](https://tracker.example/pixel.png)', SITE), '<p>A tracker</p>\n');
  assert.equal(savedThenShown('<img src="https://tracker.example/p.png" alt="t">'), '');
  assert.equal(savedThenShown('<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="svg">'), '');
  assert.equal(savedThenShown('<img src="data:image/gif;base64,R0lGODlh" alt="gif">'), '');
  assert.equal(savedThenShown('<img src="data:image/png;base64,<script>" alt="bad">'), '');
  assert.equal(savedThenShown('<img src="/a.png">'), '<img src="/a.png" alt="" />');
});

test('right-to-left text keeps its direction: Arabic paragraphs, dir="auto" on links, code left to right', () => {
  assert.equal(
    renderMarkdown('## حقوق المستهلك\n\nاقرأ [دليل الفواتير](/learn/guides/billing) أو زر https://www.itu.int/ar.', SITE),
    '<h3>حقوق المستهلك</h3>\n<p>اقرأ <a href="/learn/guides/billing" dir="auto">دليل الفواتير</a> أو زر ' +
      `<a href="https://www.itu.int/ar" rel="noopener noreferrer" class="${OUTSIDE_LINK_CLASS}" aria-describedby="${OUTSIDE_LINK_NOTE_ID}" dir="auto">https://www.itu.int/ar</a>.</p>\n`,
  );
  assert.equal(
    savedThenShown('<p dir="auto">مرحبا SIM</p><p dir="RTL" lang="ar">نص</p><p dir="sideways" lang="x&quot;>">bad</p>'),
    '<p dir="auto">مرحبا SIM</p><p dir="rtl" lang="ar">نص</p><p>bad</p>',
  );
  assert.equal(
    savedThenShown('<blockquote lang="fr" dir="ltr">Résiliation</blockquote><bdi>محمد</bdi>'),
    '<blockquote dir="ltr" lang="fr">Résiliation</blockquote><bdi>محمد</bdi>',
  );
  assert.equal(renderMarkdown('```\nUSSD *100#\n```', SITE), '<pre dir="ltr"><code>USSD *100#\n</code></pre>\n');
});

test('sanitising is stable: a second pass over rendered content changes nothing', () => {
  const source = '# T\n\n[a](https://x.example) <abbr title="t">A</abbr> ![i](/i.png)\n\n| a |\n|:-:|\n| b |\n\n<p dir="rtl" lang="ar">نص</p>';
  const html = renderMarkdown(source, WITH_HTML);
  assert.equal(sanitizeContentHtml(html, SITE), html);
  assert.equal(sanitizeContentHtml(sanitizeContentHtml(html, SITE), SITE), html);
});

test('a plain-text excerpt keeps the words a reader reads, without markup, code blocks or images', () => {
  const source =
    '# Cancelling a contract\n\nYou may *cancel* within `14` days &amp; pay nothing.\n\n- Write to your operator\n- Keep the receipt\n\n```\nignored code\n```\n\n![a picture](/p.png)\n\n<script>alert(1)</script>';
  assert.equal(
    plainTextExcerpt(source),
    'Cancelling a contract You may cancel within 14 days & pay nothing. Write to your operator Keep the receipt <script>alert(1)</script>',
  );
  assert.equal(plainTextExcerpt('[ITU](javascript:alert(1)) and <https://www.itu.int/>'), '[ITU](javascript:alert(1)) and https://www.itu.int/');
  // Emphasis and links are inline: no space appears where they open or close.
  assert.equal(
    plainTextExcerpt('Using your phone abroad is called **roaming**. See [the guide](/learn).'),
    'Using your phone abroad is called roaming. See the guide.',
  );
  assert.equal(plainTextExcerpt('在国外使用手机称为**漫游**。请先查看资费。', { locale: 'zh' }), '在国外使用手机称为漫游。请先查看资费。');
});

test('a long excerpt is cut between words, within its length, with an ellipsis', () => {
  const source = 'Your operator must tell you the price of every service before you buy it, in writing, and keep to it.';
  assert.equal(plainTextExcerpt(source, { maxLength: 40 }), 'Your operator must tell you the price…');
  assert.ok(plainTextExcerpt(source, { maxLength: 40 }).length <= 40);
  assert.equal(plainTextExcerpt('Short.', { maxLength: 40 }), 'Short.');
  assert.equal(plainTextExcerpt('Supercalifragilisticexpialidocious', { maxLength: 10 }), 'Supercali…');
});

test('excerpts cut Chinese between words, Arabic and Russian between words, never inside a character', () => {
  const zh = plainTextExcerpt('消费者权益保护指南。本指南介绍如何投诉、如何取消合同以及如何保护您的个人数据。', { maxLength: 20, locale: 'zh' });
  assert.ok(zh.length <= 20, zh);
  assert.ok(zh.endsWith('…'));
  assert.ok('消费者权益保护指南。本指南介绍如何投诉、如何取消合同以及如何保护您的个人数据。'.startsWith(zh.slice(0, -1)));
  assert.equal(
    plainTextExcerpt('يحق للمستهلك إلغاء العقد خلال أربعة عشر يوما دون دفع أي رسوم.', { maxLength: 30, locale: 'ar' }),
    'يحق للمستهلك إلغاء العقد خلال…',
  );
  assert.equal(
    plainTextExcerpt('Потребитель может расторгнуть договор в течение четырнадцати дней.', { maxLength: 35, locale: 'ru' }),
    'Потребитель может расторгнуть…',
  );
  const emoji = plainTextExcerpt('👩🏽‍💻👩🏽‍💻👩🏽‍💻👩🏽‍💻', { maxLength: 10 });
  assert.equal(emoji, '👩🏽‍💻…');
});

test('a Markdown table sits in a focusable frame named by its column headers, so a wide one scrolls inside it', () => {
  assert.equal(
    renderMarkdown('| Operator | Data, 1 GB | *Calls* |\n|---|---|---|\n| A | 100 | 2 |', SITE),
    [
      `<div class="${TABLE_REGION_CLASS}" tabindex="0" role="region" aria-label="Operator, Data, 1 GB, Calls">`,
      '<table>\n<thead>\n<tr>\n<th>Operator</th>\n<th>Data, 1 GB</th>\n<th><em>Calls</em></th>\n</tr>\n</thead>',
      '<tbody>\n<tr>\n<td>A</td>\n<td>100</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n</div>\n',
    ].join('\n'),
  );
  assert.match(renderMarkdown('| "><script> |\n|---|\n| x |', SITE), /aria-label="&quot;&gt;&lt;script&gt;"/);
  assert.match(renderMarkdown('| | |\n|---|---|\n| x | y |', SITE), new RegExp(`^<div class="${TABLE_REGION_CLASS}" tabindex="0">\n<table>`));
});

test('what a page shows is cleaned once per stored text: the same answer, and a text altered in the database is cleaned again', () => {
  const siteUrl = 'https://kinga.example';
  const stored = renderMarkdown('Read [the guide](https://kinga.example/learn/guides) or [the ITU](https://www.itu.int/).', { siteUrl });
  assert.equal(cleanStoredHtml(stored, { siteUrl }), sanitizeContentHtml(stored, { siteUrl }));
  assert.equal(cleanStoredHtml(stored, { siteUrl }), sanitizeContentHtml(stored, { siteUrl }), 'a second read gives the same');
  const altered = `${stored}<img src=x onerror="alert(1)"><a href="javascript:alert(2)">x</a>`;
  const shown = cleanStoredHtml(altered, { siteUrl });
  assert.doesNotMatch(shown, /onerror|javascript:/);
  assert.equal(shown, sanitizeContentHtml(altered, { siteUrl }));
  assert.notEqual(cleanStoredHtml(stored, { siteUrl: 'https://other.example' }), cleanStoredHtml(stored, { siteUrl }), 'the site is part of the key');
  // More texts than the bound: the oldest are dropped, and each is still cleaned right when read again.
  for (let i = 0; i <= CLEANED_HTML_CACHE.entries + 10; i += 1) cleanStoredHtml(`<p>${i}</p><script>x</script>`, { siteUrl });
  assert.equal(cleanStoredHtml('<p>0</p><script>x</script>', { siteUrl }), '<p>0</p>');
});
