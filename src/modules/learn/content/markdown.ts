/**
 * Markdown that staff write, turned into HTML a page can show: markdown-it renders it and one
 * allow-list sanitiser cleans the result. The same `sanitizeContentHtml` runs when a page is saved
 * and again when it is shown, so a row written before the allow-list tightened, or altered in the
 * database, still cannot carry script. Pure: no clock, no database, no logger.
 */
import MarkdownIt, { type Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/** What the renderer and the sanitiser need to know of the site that shows the content. */
export interface ContentHtmlOptions {
  /** The site's own address (the configuration's `publicUrl`): absolute links to it are not outside links. */
  readonly siteUrl: string;
}

/** How `renderMarkdown` reads its source. */
export interface MarkdownOptions extends ContentHtmlOptions {
  /** Lets HTML written inside the Markdown reach the sanitiser rather than show as text; off unless an editor needs a `dl` or an `abbr`. */
  readonly allowHtml?: boolean;
}

/** How `plainTextExcerpt` shortens a page. */
export interface ExcerptOptions {
  /** The longest excerpt in characters (UTF-16 code units), the ellipsis included; 160 fits a meta description. */
  readonly maxLength?: number;
  /** The language of the text, so that a cut falls between words (Chinese and Japanese have no spaces). */
  readonly locale?: string;
}

/** The class an outside link carries, so the page can mark it for the reader. */
export const OUTSIDE_LINK_CLASS = 'outside-link';

/**
 * The id of the element, on every page that shows content, whose hidden text says that a link
 * leads to another site: each outside link points to it with `aria-describedby`, so a screen
 * reader says it too, and the stored HTML needs no words of any language.
 */
export const OUTSIDE_LINK_NOTE_ID = 'outside-link-note';

/** The class of the frame around each table: a wide table scrolls inside it, never the page (WCAG 1.4.10 Reflow). */
export const TABLE_REGION_CLASS = 'table-region';

/** The classes a table cell carries for the alignment Markdown gives its column (the page's CSS has no inline style to honour). */
export const CELL_ALIGN_CLASSES = { left: 'align-left', center: 'align-center', right: 'align-right' } as const;

const HEADINGS = ['h2', 'h3', 'h4', 'h5', 'h6'];
const TEXT_BLOCKS = ['p', 'blockquote', 'li', 'dl', 'dt', 'dd', 'table', 'caption', 'th', 'td', 'ul', 'ol', ...HEADINGS];
const INLINE = ['em', 'strong', 's', 'del', 'ins', 'sub', 'sup', 'code', 'abbr', 'bdi', 'span', 'br', 'a', 'img'];
const ALLOWED_TAGS = [...TEXT_BLOCKS, ...INLINE, 'hr', 'pre', 'thead', 'tbody', 'tr', 'div'];

const DIRECTIONS = ['ltr', 'rtl', 'auto'];
// BCP 47 in the shape people write it (`ar`, `fr-CA`, `zh-Hans`); anything else is dropped.
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
// Raster images only: an SVG is a document that may hold script, and other types are not images.
const SAFE_DATA_IMAGE = /^data:image\/(?:png|jpeg|webp);base64,[A-Za-z0-9+/\s]*={0,2}$/i;
const URL_CHARACTERS = /^[A-Za-z0-9._~:/?#[\]@!$&'()*+,;=%-]+$/;
const CELL_ALIGN = /^text-align:\s*(left|center|right)$/;

/** Whether a URL leaves the site: http(s) to another origin. Relative, fragment, `mailto:` and `tel:` links stay. */
function isOutside(href: string, site: URL): boolean {
  let url: URL;
  try {
    url = new URL(href, site);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== site.origin;
}

/** Whether an image source may be shown: the site's own files, or a small raster image inline. */
function isShownImage(src: string, site: URL): boolean {
  const trimmed = src.trim();
  if (/^data:/i.test(trimmed)) return SAFE_DATA_IMAGE.test(trimmed);
  // Only the characters a URL may hold (RFC 3986): a quote or a backtick in a source is an attack on
  // a parser, never the name of a file.
  if (!URL_CHARACTERS.test(trimmed)) return false;
  let url: URL;
  try {
    url = new URL(trimmed, site);
  } catch {
    return false;
  }
  // The pages' Content-Security-Policy (img-src 'self' data:) would block another host's image, and
  // fetching it would tell that host who reads the page.
  return url.origin === site.origin;
}

/** The direction an element gets when its author gave none; undefined leaves it to its parent. */
function defaultDirection(tagName: string): string | undefined {
  // A link's or an abbreviation's text may be in another script than the sentence around it (a URL
  // in an Arabic paragraph): isolating it keeps the punctuation beside it on the right side.
  if (tagName === 'a' || tagName === 'abbr') return 'auto';
  // Code reads left to right whatever the language of the page.
  if (tagName === 'pre') return 'ltr';
  return undefined;
}

/** The attributes of one allowed element, checked, without `dir` and `lang`, which every element may carry. */
function ownAttributes(tagName: string, attribs: sanitizeHtml.Attributes, site: URL): sanitizeHtml.Attributes {
  const kept: sanitizeHtml.Attributes = {};
  switch (tagName) {
    case 'a': {
      const raw = attribs['href']?.trim();
      if (raw !== undefined && raw !== '') {
        // A protocol-relative link is an outside link whose scheme was left out.
        const href = raw.startsWith('//') ? `https:${raw}` : raw;
        kept['href'] = href;
        if (isOutside(href, site)) {
          kept['rel'] = 'noopener noreferrer';
          kept['class'] = OUTSIDE_LINK_CLASS;
          kept['aria-describedby'] = OUTSIDE_LINK_NOTE_ID;
        }
      }
      if (attribs['title'] !== undefined) kept['title'] = attribs['title'];
      return kept;
    }
    case 'img': {
      const src = attribs['src'] ?? '';
      // An image without a source that may be shown is dropped (the exclusive filter below).
      if (isShownImage(src, site)) kept['src'] = src.trim();
      // An image the author gave no text alternative is taken as decorative rather than read out as its file name.
      kept['alt'] = attribs['alt'] ?? '';
      if (attribs['title'] !== undefined) kept['title'] = attribs['title'];
      return kept;
    }
    case 'abbr':
      if (attribs['title'] !== undefined) kept['title'] = attribs['title'];
      return kept;
    case 'th':
    case 'td': {
      for (const name of ['colspan', 'rowspan']) {
        const value = attribs[name];
        if (value !== undefined && /^[1-9][0-9]?$/.test(value)) kept[name] = value;
      }
      const scope = attribs['scope'] ?? '';
      if (tagName === 'th' && ['row', 'col', 'rowgroup', 'colgroup'].includes(scope)) kept['scope'] = scope;
      // markdown-it aligns a column with an inline style, which the pages' Content-Security-Policy refuses.
      const align = CELL_ALIGN.exec(attribs['style']?.trim().replace(/;$/, '') ?? '')?.[1] ?? /\balign-(left|center|right)\b/.exec(attribs['class'] ?? '')?.[1];
      if (align === 'left' || align === 'center' || align === 'right') kept['class'] = CELL_ALIGN_CLASSES[align];
      return kept;
    }
    case 'div': {
      // Only the frame of a table keeps attributes: focusable so a keyboard can scroll it (WCAG
      // 2.1.1), a region named by the table's column headers.
      if (attribs['class'] !== TABLE_REGION_CLASS) return kept;
      kept['class'] = TABLE_REGION_CLASS;
      kept['tabindex'] = '0';
      const label = attribs['aria-label']?.trim();
      if (label !== undefined && label !== '') {
        kept['role'] = 'region';
        kept['aria-label'] = label;
      }
      return kept;
    }
    case 'ol': {
      const start = attribs['start'];
      if (start !== undefined && /^[0-9]{1,9}$/.test(start)) kept['start'] = start;
      return kept;
    }
    default:
      return kept;
  }
}

/**
 * Rewrites each element before the allow-list filters it. Attributes come out in one fixed order,
 * so the sanitiser gives back exactly its input when run again on its own output.
 */
function transform(site: URL): sanitizeHtml.Transformer {
  return (tagName, attribs) => {
    // The page holds the one h1 (its title): content starts at h2.
    const name = tagName === 'h1' ? 'h2' : tagName;
    const kept = ownAttributes(name, attribs, site);
    const dir = attribs['dir']?.trim().toLowerCase();
    const direction = dir !== undefined && DIRECTIONS.includes(dir) ? dir : defaultDirection(name);
    if (direction !== undefined) kept['dir'] = direction;
    const lang = attribs['lang']?.trim();
    if (lang !== undefined && LANGUAGE_TAG.test(lang)) kept['lang'] = lang;
    return { tagName: name, attribs: kept };
  };
}

const sanitizerOptions = new Map<string, sanitizeHtml.IOptions>();

/** The sanitiser's allow-list for one site, built once per site address. */
function optionsFor(siteUrl: string): sanitizeHtml.IOptions {
  let options = sanitizerOptions.get(siteUrl);
  if (options) return options;
  const site = new URL(siteUrl);
  options = {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      '*': ['dir', 'lang'],
      a: ['href', 'title', 'rel', 'class', 'aria-describedby'],
      div: ['class', 'tabindex', 'role', 'aria-label'],
      img: ['src', 'alt', 'title'],
      abbr: ['title'],
      th: ['colspan', 'rowspan', 'scope', 'class'],
      td: ['colspan', 'rowspan', 'class'],
      ol: ['start'],
    },
    allowedClasses: { a: [OUTSIDE_LINK_CLASS], div: [TABLE_REGION_CLASS], th: Object.values(CELL_ALIGN_CLASSES), td: Object.values(CELL_ALIGN_CLASSES) },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    // Their content is code or a control, never text for the reader.
    nonTextTags: [
      'script',
      'style',
      'textarea',
      'option',
      'noscript',
      'iframe',
      'object',
      'embed',
      'svg',
      'math',
      'template',
      'select',
      'button',
      'title',
      'xmp',
      'noembed',
      'noframes',
    ],
    disallowedTagsMode: 'discard',
    transformTags: { '*': transform(site) },
    exclusiveFilter: (frame) => frame.tag === 'img' && frame.attribs['src'] === undefined,
    parseStyleAttributes: false,
  };
  sanitizerOptions.set(siteUrl, options);
  return options;
}

/** Cleans HTML on the content allow-list; run it when content is saved and again when it is shown. */
export function sanitizeContentHtml(html: string, options: ContentHtmlOptions): string {
  return sanitizeHtml(html, optionsFor(options.siteUrl));
}

/** How many cleaned texts {@link cleanStoredHtml} keeps, and how many characters in all. */
export const CLEANED_HTML_CACHE = { entries: 500, characters: 8_000_000 } as const;

const cleaned = new Map<string, string>();
let cleanedCharacters = 0;

/**
 * `sanitizeContentHtml` for what a page shows, remembering the last texts cleaned. The key is the
 * stored HTML itself (with the site's address), so a row altered in the database is a new key and
 * is cleaned again before it is shown: the guarantee of cleaning at every read stays, without its
 * cost (half a millisecond for a guide of 5 KB, most of what a guide page takes) on every request.
 * The least recently used texts go first once either bound is reached.
 */
export function cleanStoredHtml(html: string, options: ContentHtmlOptions): string {
  const key = `${options.siteUrl}\n${html}`;
  const hit = cleaned.get(key);
  if (hit !== undefined) {
    cleaned.delete(key);
    cleaned.set(key, hit);
    return hit;
  }
  const clean = sanitizeContentHtml(html, options);
  cleaned.set(key, clean);
  cleanedCharacters += key.length + clean.length;
  for (const [oldKey, oldValue] of cleaned) {
    if (cleaned.size <= CLEANED_HTML_CACHE.entries && cleanedCharacters <= CLEANED_HTML_CACHE.characters) break;
    cleaned.delete(oldKey);
    cleanedCharacters -= oldKey.length + oldValue.length;
  }
  return clean;
}

/** What `renderMarkdown` hands markdown-it's renderer. */
interface RenderEnv {
  readonly site: URL;
}

/** The text of a table's header cells, joined, to name its scrolling frame; empty when the header row is empty. */
function columnHeadersFrom(tokens: readonly Token[], tableOpen: number): string {
  const headers: string[] = [];
  for (let index = tableOpen + 1; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token === undefined || token.type === 'thead_close' || token.type === 'table_close') break;
    if (token.type === 'inline') {
      const text = plainTextOf([token]).replace(/\s+/g, ' ').trim();
      if (text !== '') headers.push(text);
    }
  }
  return headers.join(', ');
}

/** A markdown-it that shifts every heading one level down, so `#` becomes the content's h2. */
function createMarkdownIt(allowHtml: boolean): MarkdownIt {
  const md = new MarkdownIt({ html: allowHtml, linkify: true, typographer: false });
  md.core.ruler.push('kinga_shift_headings', (state) => {
    for (const token of state.tokens) {
      if (token.type !== 'heading_open' && token.type !== 'heading_close') continue;
      const level = Number(token.tag.slice(1));
      token.tag = `h${Math.min(6, level + 1)}`;
    }
  });
  md.renderer.rules.table_open = (tokens, index) => {
    const label = columnHeadersFrom(tokens, index);
    const named = label === '' ? '' : ` role="region" aria-label="${md.utils.escapeHtml(label)}"`;
    return `<div class="${TABLE_REGION_CLASS}" tabindex="0"${named}>\n<table>\n`;
  };
  md.renderer.rules.table_close = () => '</table>\n</div>\n';
  const renderImage = md.renderer.rules.image;
  // An image the sanitiser would drop leaves its text alternative, so the reader loses nothing.
  md.renderer.rules.image = (tokens, index, options, env: RenderEnv, self) => {
    const token = tokens[index];
    if (token === undefined || renderImage === undefined) return '';
    if (isShownImage(token.attrGet('src') ?? '', env.site)) return renderImage(tokens, index, options, env, self);
    return md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
  };
  return md;
}

const markdownWithoutHtml = createMarkdownIt(false);
const markdownWithHtml = createMarkdownIt(true);

/** Renders staff-written Markdown to sanitised HTML whose headings start at h2. */
export function renderMarkdown(source: string, options: MarkdownOptions): string {
  const md = options.allowHtml === true ? markdownWithHtml : markdownWithoutHtml;
  const env: RenderEnv = { site: new URL(options.siteUrl) };
  return sanitizeContentHtml(md.render(source, env), options);
}

/** The text of a token and its children that a reader would read, code blocks, images and HTML left out. */
function plainTextOf(tokens: readonly Token[]): string {
  const parts: string[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'code_inline':
        parts.push(token.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        parts.push(' ');
        break;
      case 'inline':
        parts.push(plainTextOf(token.children ?? []), ' ');
        break;
      default:
        // Block boundaries become spaces so two paragraphs never run into one word; inline marks
        // (emphasis, links) add nothing, or "**roaming**." would read "roaming ." and split Chinese.
        if (token.block && token.nesting !== 0) parts.push(' ');
    }
  }
  return parts.join('');
}

/** Cuts text at a word boundary to at most `maxLength` characters, the ellipsis included. */
function cutAtWord(text: string, maxLength: number, locale: string | undefined): string {
  if (text.length <= maxLength) return text;
  const room = maxLength - 1;
  let end = 0;
  for (const { segment, index } of new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)) {
    if (index + segment.length > room) break;
    end = index + segment.length;
  }
  // One word longer than the room: cut between graphemes rather than return nothing.
  if (end === 0) {
    for (const { segment, index } of new Intl.Segmenter(locale, { granularity: 'grapheme' }).segment(text)) {
      if (index + segment.length > room) break;
      end = index + segment.length;
    }
  }
  return `${text.slice(0, end).replace(/[\s\p{P}]+$/u, '')}…`;
}

/** A plain-text excerpt of a Markdown page for search snippets and meta descriptions, escaped by whoever shows it. */
export function plainTextExcerpt(source: string, options: ExcerptOptions = {}): string {
  const maxLength = Math.max(2, options.maxLength ?? 160);
  const text = plainTextOf(markdownWithoutHtml.parse(source, {})).replace(/\s+/g, ' ').trim();
  return cutAtWord(text, maxLength, options.locale);
}
