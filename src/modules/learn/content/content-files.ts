/**
 * The demo's content as files: `<slug>.<lang>.md` or `<slug>.easy.<lang>.md`, each a front matter
 * of `key: value` lines between two `---` lines, then Markdown. Capabilities keep their demo pages
 * this way (a translator edits a file, not code) and load them published as Kinga itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUPPORTED_LANGUAGES as LANGUAGES } from '../../../platform/jurisdiction.ts';
import { isCalendarDate, type ContentItem, type ContentKind, type ContentService, type TextVariant } from './content.service.ts';
import type { ContentActor } from './content.policy.ts';

/** One content file, read. */
export interface ContentFile {
  file: string;
  slug: string;
  language: string;
  variant: TextVariant;
  title: string;
  summary: string;
  topic: string | null;
  legalBasis: string;
  lastReviewed: string;
  body: string;
  /** The values of the extra keys the caller accepts (a course's `passMark`), by key. */
  extra: Record<string, string>;
}

/** A problem of a content file: the file, the line (from 1) and what is wrong. */
export interface ContentFileProblem {
  file: string;
  line: number;
  message: string;
}

/** Content files that cannot be loaded, each problem with its file and line. */
export class ContentFileError extends Error {
  readonly problems: readonly ContentFileProblem[];
  constructor(problems: readonly ContentFileProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'));
    this.name = 'ContentFileError';
    this.problems = problems;
  }
}

const NAME_PATTERN = /^([a-z0-9]+(?:-[a-z0-9]+)*)(\.easy)?\.([a-z]{2,3})\.md$/;
const KEYS = ['title', 'summary', 'topic', 'legalBasis', 'lastReviewed'] as const;
type Key = (typeof KEYS)[number];
// A lesson rarely rests on a legal text: the legal basis may be left out.
const REQUIRED: readonly Key[] = ['title', 'summary', 'lastReviewed'];
const isKey = (value: string): value is Key => (KEYS as readonly string[]).includes(value);

/**
 * Reads one content file of `kind`; a guide's file names its topic, no other kind's does.
 * `extraKeys` are keys the caller reads itself (a course's `passMark`); any other key is refused.
 */
export function parseContentFile(
  file: string,
  text: string,
  kind: ContentKind,
  options: { extraKeys?: readonly string[] } = {},
): { ok: true; value: ContentFile } | { ok: false; problems: ContentFileProblem[] } {
  const extraKeys = options.extraKeys ?? [];
  const extra: Record<string, string> = {};
  const problems: ContentFileProblem[] = [];
  const fail = (line: number, message: string) => ({ ok: false as const, problems: [...problems, { file, line, message }] });
  const name = NAME_PATTERN.exec(file);
  if (!name) return fail(1, 'the name must be <slug>.<language>.md or <slug>.easy.<language>.md, the slug in lower-case letters, digits and hyphens');
  const [, slug = '', easy, language = ''] = name;
  if (!(LANGUAGES as readonly string[]).includes(language)) return fail(1, `"${language}" is not one of Kinga's languages (${LANGUAGES.join(', ')})`);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0] !== '---') return fail(1, 'the file must start with a line "---"');
  const values: Partial<Record<Key, string>> = {};
  // A key already said to be wrong is not also said to be missing.
  const wrong = new Set<string>();
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '---') {
      end = i;
      break;
    }
    const match = /^([A-Za-z]+):(.*)$/.exec(line);
    if (!match) {
      problems.push({ file, line: i + 1, message: 'expected "key: value" or the closing "---"' });
      continue;
    }
    const [, key = '', raw = ''] = match;
    const value = raw.trim();
    wrong.add(key);
    if (extraKeys.includes(key) && !isKey(key)) {
      if (extra[key] !== undefined) problems.push({ file, line: i + 1, message: `"${key}" is given twice` });
      else if (value === '') problems.push({ file, line: i + 1, message: `"${key}" is empty` });
      else extra[key] = value;
    } else if (!isKey(key)) problems.push({ file, line: i + 1, message: `unknown key "${key}" (known: ${[...KEYS, ...extraKeys].join(', ')})` });
    else if (values[key] !== undefined) problems.push({ file, line: i + 1, message: `"${key}" is given twice` });
    else if (value === '') problems.push({ file, line: i + 1, message: `"${key}" is empty` });
    else if (key === 'lastReviewed' && !isCalendarDate(value)) problems.push({ file, line: i + 1, message: 'lastReviewed must be a date written YYYY-MM-DD' });
    else if (key === 'topic' && kind !== 'guide') problems.push({ file, line: i + 1, message: `only a guide has a topic, not a ${kind}` });
    else {
      values[key] = value;
      wrong.delete(key);
    }
  }
  if (end === -1) return fail(lines.length, 'the front matter is not closed by a line "---"');
  for (const key of REQUIRED) if (values[key] === undefined && !wrong.has(key)) problems.push({ file, line: end + 1, message: `"${key}" is missing` });
  if (kind === 'guide' && values.topic === undefined && !wrong.has('topic'))
    problems.push({ file, line: end + 1, message: '"topic" is missing (a guide names its topic)' });
  const body = lines
    .slice(end + 1)
    .join('\n')
    .trim();
  if (body === '') problems.push({ file, line: end + 2, message: 'the Markdown body after the front matter is empty' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      file,
      slug,
      language,
      variant: easy ? 'easy' : 'standard',
      title: values.title ?? '',
      summary: values.summary ?? '',
      topic: values.topic ?? null,
      legalBasis: values.legalBasis ?? '',
      lastReviewed: values.lastReviewed ?? '',
      body: `${body}\n`,
      extra,
    },
  };
}

/** What loading a folder did. */
export interface ContentLoad {
  /** Items created (their slugs). */
  created: string[];
  /** Texts published, as `<slug>.<variant>.<language>`. */
  published: string[];
  /** Texts left as they were: they existed already, or the profile does not offer their language. */
  skipped: string[];
  /** Every file read, with its item's slug (after `slugOf`). */
  files: Array<ContentFile & { itemSlug: string }>;
}

const SYSTEM: ContentActor = { type: 'system', id: null };

/**
 * Reads every `.md` file of `folder` and loads what is not loaded yet, published by Kinga itself:
 * an item per slug (its source language the profile's default when a file is in it), each text
 * saved and published. Texts that exist are left alone, so staff edits survive a second run. Throws
 * `ContentFileError` before loading anything when a file is wrong.
 */
export async function loadContentFiles(
  service: ContentService,
  options: {
    folder: string;
    kind: ContentKind;
    /** The profile's languages (files in others are skipped) and its default. */
    languages: readonly string[];
    defaultLanguage: string;
    /** A lesson's course. */
    parentId?: string;
    /** Slugs in the order their items take; others follow in alphabetical order. */
    order?: readonly string[];
    /** Front-matter keys the caller reads from `ContentLoad.files` (a course's `passMark`). */
    extraKeys?: readonly string[];
    /** Which files' slugs to load (a course's folder holds its lessons and the course's own file). */
    include?: (fileSlug: string) => boolean;
    /** The item's slug for a file's slug (`01-sim-swap` in a course's folder: `safe-mobile-money-sim-swap`). */
    slugOf?: (fileSlug: string) => string;
  },
): Promise<ContentLoad> {
  const names = readdirSync(options.folder)
    .filter((name) => name.endsWith('.md'))
    .sort();
  const files: Array<ContentFile & { itemSlug: string }> = [];
  const problems: ContentFileProblem[] = [];
  const slugOf = options.slugOf ?? ((slug: string) => slug);
  for (const name of names) {
    const parsed = parseContentFile(name, readFileSync(join(options.folder, name), 'utf8'), options.kind, { extraKeys: options.extraKeys ?? [] });
    if (!parsed.ok) problems.push(...parsed.problems);
    else if (options.include?.(parsed.value.slug) ?? true) files.push({ ...parsed.value, itemSlug: slugOf(parsed.value.slug) });
  }
  const bySlug = new Map<string, ContentFile[]>();
  for (const file of files) bySlug.set(file.itemSlug, [...(bySlug.get(file.itemSlug) ?? []), file]);
  for (const [slug, group] of bySlug) {
    const topics = new Set(group.map((f) => f.topic));
    if (topics.size > 1) for (const f of group) problems.push({ file: f.file, line: 1, message: `the files of "${slug}" name different topics` });
  }
  if (problems.length > 0) throw new ContentFileError(problems);

  const order = options.order ?? [];
  const slugs = [...bySlug.keys()].sort((a, b) => {
    const [ia, ib] = [order.indexOf(a), order.indexOf(b)];
    if (ia !== ib) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib) || a.localeCompare(b);
    return a.localeCompare(b);
  });
  const load: ContentLoad = { created: [], published: [], skipped: [], files };
  for (const [position, slug] of slugs.entries()) {
    const group = (bySlug.get(slug) ?? []).filter((f) => {
      const isOffered = options.languages.includes(f.language);
      if (!isOffered) load.skipped.push(`${slug}.${f.variant}.${f.language}`);
      return isOffered;
    });
    const first = group[0];
    if (!first) continue;
    let item: ContentItem | undefined = await service.findItemBySlug(options.kind, slug);
    if (!item) {
      const source = group.some((f) => f.language === options.defaultLanguage) ? options.defaultLanguage : first.language;
      const created = await service.createItem(SYSTEM, {
        kind: options.kind,
        slug,
        topic: first.topic,
        parentId: options.parentId ?? null,
        sourceLanguage: source,
        position,
      });
      if (!created.ok) throw new ContentFileError([{ file: first.file, line: 1, message: `the item cannot be created (${describe(created)})` }]);
      item = created.value;
      load.created.push(slug);
    }
    for (const file of group) {
      const key = `${slug}.${file.variant}.${file.language}`;
      if (await service.findText(item.id, file.language, file.variant)) {
        load.skipped.push(key);
        continue;
      }
      const saved = await service.saveText(SYSTEM, {
        itemId: item.id,
        language: file.language,
        variant: file.variant,
        title: file.title,
        summary: file.summary,
        body: file.body,
        legalBasis: file.legalBasis,
        lastReviewed: file.lastReviewed,
      });
      if (!saved.ok) throw new ContentFileError([{ file: file.file, line: 1, message: `the text cannot be saved (${describe(saved)})` }]);
      const published = await service.publish(SYSTEM, { textId: saved.value.id, expectedVersion: saved.value.version });
      if (!published.ok) throw new ContentFileError([{ file: file.file, line: 1, message: `the text cannot be published (${describe(published)})` }]);
      load.published.push(key);
    }
  }
  return load;
}

function describe(outcome: { ok: false; problem: string; issues?: ReadonlyArray<{ field: string; messageKey: string }> }): string {
  return outcome.issues ? outcome.issues.map((i) => `${i.field}: ${i.messageKey}`).join(', ') : outcome.problem;
}
