import { Type, type Static } from '@sinclair/typebox';
import { MAX_SEARCH_PAGE } from '../../../platform/search/index.ts';
import { SUPPORTED_LANGUAGES } from '../../../platform/jurisdiction.ts';

/** What the public search covers: each kind is said by `learn.search.kind.<kind>` in the catalogues. */
export const LEARN_SEARCH_KINDS = ['learn.guide', 'learn.course', 'learn.lesson', 'learn.library'] as const;

/** One kind of document the public search finds. */
export type LearnSearchKind = (typeof LEARN_SEARCH_KINDS)[number];

/**
 * The longest `q` read at all; between the search's own limit (200 characters) and this one the
 * answer says the query is too long, beyond it the request is refused as malformed.
 */
export const MAX_Q_PARAMETER = 2000;

const q = Type.String({
  maxLength: MAX_Q_PARAMETER,
  description: 'The words to find; `*` right after a word makes it a prefix (`потребител*`). At most 200 characters and 16 words.',
});
const kind = Type.Union([...LEARN_SEARCH_KINDS.map((k) => Type.Literal(k)), Type.Literal('')], {
  description: 'Only this kind of document; empty or absent for all.',
});
const language = Type.Union([...SUPPORTED_LANGUAGES.map((l) => Type.Literal(l)), Type.Literal('')], {
  description: 'Only documents written in this language; empty or absent for every language.',
});
const page = Type.Integer({ minimum: 1, maximum: MAX_SEARCH_PAGE, description: 'The page of results, from 1.' });

/** The page's query: the words, the filters, the page, and the language switcher's `lang` (the language the page speaks). */
export const SearchPageQuery = Type.Object({
  q: Type.Optional(q),
  kind: Type.Optional(kind),
  language: Type.Optional(language),
  page: Type.Optional(page),
  lang: Type.Optional(Type.String({ maxLength: 16 })),
});

/** The page's query, as a type. */
export type SearchPageQuery = Static<typeof SearchPageQuery>;

/** The API's query. */
export const SearchApiQuery = Type.Object({
  q,
  kind: Type.Optional(kind),
  language: Type.Optional(language),
  page: Type.Optional(page),
});

/** One document found. */
export const SearchApiHit = Type.Object({
  kind: Type.String({ description: 'learn.guide, learn.course, learn.lesson or learn.library.' }),
  id: Type.String(),
  language: Type.String({ description: 'The language the document is written in.' }),
  url: Type.String({ description: 'The path of Kinga where a reader opens it.' }),
  title: Type.String({ description: 'The title as plain text.' }),
  titleHtml: Type.String({ description: 'The title as HTML, escaped, each match in <mark>.' }),
  snippetHtml: Type.String({ description: 'A passage of about 200 characters around the first match as HTML, escaped, each match in <mark>.' }),
});

/** The answer of the API: a page of results, best first. */
export const SearchApiReply = Type.Object({
  outcome: Type.Union([Type.Literal('results'), Type.Literal('empty')], {
    description: '`empty` when `q` holds no word to search for (only punctuation or nothing).',
  }),
  total: Type.Integer({ description: 'Documents found in all.' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  pages: Type.Integer({ description: 'Pages of results in all (0 when nothing was found).' }),
  results: Type.Array(SearchApiHit),
});

/** The answer of the API, as a type. */
export type SearchApiReply = Static<typeof SearchApiReply>;
