import { splitFallback, stripFallback, type Translate } from '../../../platform/i18n/index.ts';
import type { SubjectValue } from '../../../platform/privacy/record-kinds.ts';

/** One kind of record as the archive's page shows it, its words already in the person's language. */
export interface ArchivePageKind {
  label: string;
  purpose: string;
  rule: string;
  records: readonly {
    id: string;
    createdAt: string;
    fields: Readonly<Record<string, SubjectValue>>;
    files: readonly { name: string; path: string }[];
  }[];
}

/** What the archive's page says. */
export interface ArchivePageInput {
  t: Translate;
  language: string;
  direction: 'ltr' | 'rtl';
  authority: string;
  reference: string;
  generatedAt: string;
  timeZone: string;
  kinds: readonly ArchivePageKind[];
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Translated text as HTML: a part that fell back to English is marked as English, left to right. */
function words(text: string): string {
  return splitFallback(text)
    .map((s) => (s.isFallback ? `<span lang="en" dir="ltr">${escape(s.text)}</span>` : escape(s.text)))
    .join('');
}

/** A path inside the zip as a relative link: each segment percent-encoded, the slashes kept. */
function href(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

const STYLE = [
  'body{font-family:system-ui,sans-serif;line-height:1.5;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a;background:#fff}',
  'table{border-collapse:collapse;width:100%;margin:0 0 1.5rem}',
  'caption{text-align:start;font-weight:bold;padding:.25rem 0}',
  'th,td{border:1px solid #6b6b6b;padding:.25rem .5rem;text-align:start;vertical-align:top;overflow-wrap:anywhere}',
  'a{color:#1d4f91}',
  'a:focus{outline:3px solid #b35c00}',
].join('\n');

/**
 * The archive's readable page: self-contained (no script, no outside resource), in the person's
 * language and direction, each kind with its purpose and rule in words and each record's fields in
 * a table, its files linked by their place in the zip.
 */
export function renderArchivePage(input: ArchivePageInput): string {
  const { t } = input;
  const date = (iso: string) =>
    new Intl.DateTimeFormat(input.language, { dateStyle: 'long', timeStyle: 'short', timeZone: input.timeZone }).format(new Date(iso));
  const value = (v: SubjectValue): string => {
    if (v === null || v === '') return words(t('privacy.fulfil.archive.empty'));
    if (typeof v === 'boolean') return words(t(v ? 'privacy.fulfil.archive.yes' : 'privacy.fulfil.archive.no'));
    // A value's own script and direction, whatever the page's.
    return `<bdi>${escape(String(v))}</bdi>`;
  };
  const found = input.kinds.map((kind, index) => ({ kind, id: `kind-${index + 1}` })).filter((k) => k.kind.records.length > 0);
  const empty = input.kinds.filter((kind) => kind.records.length === 0);
  const parts: string[] = [];
  parts.push(`<h1>${words(t('privacy.fulfil.archive.title', { authority: input.authority }))}</h1>`);
  parts.push(`<p>${words(t('privacy.fulfil.archive.intro', { authority: input.authority }))}</p>`);
  parts.push(
    `<p>${words(t('privacy.fulfil.archive.reference', { reference: input.reference }))}<br>${words(t('privacy.fulfil.archive.generated', { date: date(input.generatedAt) }))}</p>`,
  );
  if (found.length === 0) parts.push(`<p>${words(t('privacy.fulfil.archive.none'))}</p>`);
  else {
    parts.push(`<nav aria-labelledby="contents"><h2 id="contents">${words(t('privacy.fulfil.archive.contents'))}</h2><ul>`);
    for (const { kind, id } of found)
      parts.push(`<li><a href="#${id}">${words(t('privacy.fulfil.archive.kindCount', { label: kind.label, count: kind.records.length }))}</a></li>`);
    parts.push('</ul></nav>');
  }
  for (const { kind, id } of found) {
    parts.push(`<section aria-labelledby="${id}"><h2 id="${id}">${words(kind.label)}</h2>`);
    parts.push(`<h3>${words(t('privacy.fulfil.archive.purpose'))}</h3><p>${words(kind.purpose)}</p>`);
    parts.push(`<h3>${words(t('privacy.fulfil.archive.rule'))}</h3><p>${words(kind.rule)}</p>`);
    for (const record of kind.records) {
      parts.push(`<table><caption>${words(t('privacy.fulfil.archive.record', { id: record.id, date: date(record.createdAt) }))}</caption>`);
      parts.push(
        `<thead><tr><th scope="col">${words(t('privacy.fulfil.archive.field'))}</th><th scope="col">${words(t('privacy.fulfil.archive.value'))}</th></tr></thead><tbody>`,
      );
      for (const [name, v] of Object.entries(record.fields)) parts.push(`<tr><th scope="row"><bdi>${escape(name)}</bdi></th><td>${value(v)}</td></tr>`);
      parts.push('</tbody></table>');
      if (record.files.length > 0) {
        parts.push(`<p>${words(t('privacy.fulfil.archive.files'))}</p><ul>`);
        for (const file of record.files) parts.push(`<li><a href="${escape(href(file.path))}"><bdi>${escape(file.name)}</bdi></a></li>`);
        parts.push('</ul>');
      }
    }
    parts.push('</section>');
  }
  if (found.length > 0 && empty.length > 0) {
    parts.push(`<h2>${words(t('privacy.fulfil.archive.nothingFound'))}</h2><ul>`);
    for (const kind of empty) parts.push(`<li>${words(kind.label)}</li>`);
    parts.push('</ul>');
  }
  parts.push(`<p>${words(t('privacy.fulfil.archive.fieldsNote'))}</p>`);
  const title = escape(stripFallback(t('privacy.fulfil.archive.title', { authority: input.authority })));
  return [
    '<!DOCTYPE html>',
    `<html lang="${escape(input.language)}" dir="${input.direction}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${STYLE}</style></head>`,
    `<body><main>${parts.join('\n')}</main></body>`,
    '</html>',
    '',
  ].join('\n');
}
