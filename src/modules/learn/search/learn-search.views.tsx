import { Layout } from '../../../platform/web/layout.tsx';
import { Pager, QueryForm, SelectField, SubmitButton, TextField, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { Language } from '../../../platform/jurisdiction.ts';
import type { SearchHit } from '../../../platform/search/index.ts';
import { LEARN_SEARCH_KINDS } from './learn-search.schemas.ts';
import type { LearnSearchAnswer } from './learn-search.service.ts';
import { LEARN_SEARCH_PATHS } from './learn-search.paths.ts';

/** What the search form shows filled in: the words and the filters as the person chose them. */
export interface LearnSearchValues {
  q?: string | undefined;
  kind?: string | undefined;
  language?: string | undefined;
}

/**
 * The search form of the learn pages (a GET form, so it works without script and a search is a
 * link): the words and, unless `isCompact`, the kind and the language of the results. Other
 * learn pages show it compact.
 */
export function LearnSearchForm({ ctx, values = {}, isCompact = false }: { ctx: PageContext; values?: LearnSearchValues; isCompact?: boolean }) {
  const { t } = ctx;
  const form: FormState = { values: { q: values.q ?? '', kind: values.kind ?? '', language: values.language ?? '' }, problems: [] };
  return (
    <QueryForm ctx={ctx} action={LEARN_SEARCH_PATHS.page} label={t('learn.search.formLabel')}>
      <TextField form={form} name="q" type="search" label={t('learn.search.label')} hint={isCompact ? undefined : t('learn.search.hint')} autocomplete="off" />
      {isCompact ? null : (
        <>
          <SelectField
            form={form}
            name="kind"
            label={t('learn.search.kindLabel')}
            options={[{ value: '', label: t('learn.search.kindAll') }, ...LEARN_SEARCH_KINDS.map((k) => ({ value: k, label: t(`learn.search.kind.${k}`) }))]}
          />
          <SelectField
            form={form}
            name="language"
            label={t('learn.search.languageLabel')}
            options={[
              { value: '', label: t('learn.search.languageAll') },
              ...languagesOf(ctx).map((l) => ({ value: l, label: ctx.catalogs.translator(l)('meta.languageName') })),
            ]}
          />
        </>
      )}
      <SubmitButton>{t('learn.search.submit')}</SubmitButton>
    </QueryForm>
  );
}

/** The jurisdiction's languages that have catalogues: the languages documents are written in. */
function languagesOf(ctx: PageContext): Language[] {
  return ctx.jurisdiction.languages.filter((l) => ctx.catalogs.languages.includes(l));
}

/** The page of the public search: the form, then the results (or why there are none), a page at a time. */
export function LearnSearchPage({ ctx, values, answer }: { ctx: PageContext; values: LearnSearchValues; answer: LearnSearchAnswer | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('learn.search.title')}>
      <p class="lead">{t('learn.search.intro')}</p>
      <LearnSearchForm ctx={ctx} values={values} />
      {answer === null ? null : <Answer ctx={ctx} values={values} answer={answer} />}
    </Layout>
  );
}

function Answer({ ctx, values, answer }: { ctx: PageContext; values: LearnSearchValues; answer: LearnSearchAnswer }) {
  const { t } = ctx;
  if (answer.outcome === 'too-long') {
    return (
      <div class="notice" role="alert">
        <h2>{t('learn.search.tooLong.title')}</h2>
        <p>{t('learn.search.tooLong.body', { maxLength: answer.maxLength, maxGroups: answer.maxGroups })}</p>
      </div>
    );
  }
  if (answer.outcome === 'empty') {
    return (
      <p class="notice" role="status">
        {t('learn.search.emptyQuery')}
      </p>
    );
  }
  return (
    <section aria-labelledby="search-results-title">
      <h2 id="search-results-title">{t('learn.search.resultsTitle')}</h2>
      <p role="status">{t('learn.search.count', { count: answer.total })}</p>
      {answer.total === 0 ? (
        <>
          <p>{t('learn.search.noneBody')}</p>
          <ul>
            <li>{t('learn.search.noneSpelling')}</li>
            <li>{t('learn.search.noneFewer')}</li>
            {values.kind || values.language ? <li>{t('learn.search.noneFilters')}</li> : null}
            <li>{t('learn.search.nonePrefix')}</li>
          </ul>
        </>
      ) : (
        <ol class="search-results" start={(answer.page - 1) * answer.pageSize + 1}>
          {answer.hits.map((hit) => (
            <Hit key={`${hit.kind} ${hit.id} ${hit.language}`} ctx={ctx} hit={hit} />
          ))}
        </ol>
      )}
      <SearchPager ctx={ctx} values={values} page={answer.page} pages={answer.pages} />
    </section>
  );
}

function Hit({ ctx, hit }: { ctx: PageContext; hit: SearchHit }) {
  const { t } = ctx;
  const language = ctx.catalogs.languages.find((l) => l === hit.language);
  const dir = language ? ctx.catalogs.direction(language) : 'auto';
  const languageName = language ? ctx.catalogs.translator(language)('meta.languageName') : hit.language;
  return (
    <li>
      {/* The title and snippet are HTML the search escaped already, each match in <mark>. */}
      <h3 lang={hit.language} dir={dir}>
        <a href={hit.url} dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
      </h3>
      <p class="hint">
        <span>{t(`learn.search.kind.${hit.kind}`)}</span>
        {' · '}
        <span lang={hit.language} dir={dir}>
          {languageName}
        </span>
      </p>
      <p lang={hit.language} dir={dir} dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
    </li>
  );
}

/** The address of one page of the same search, in the page's language. */
export function searchPageHref(ctx: PageContext, values: LearnSearchValues, page: number): string {
  const query = new URLSearchParams();
  query.set('q', values.q ?? '');
  if (values.kind) query.set('kind', values.kind);
  if (values.language) query.set('language', values.language);
  if (page > 1) query.set('page', String(page));
  query.set('lang', ctx.language);
  return `${LEARN_SEARCH_PATHS.page}?${query.toString()}`;
}

function SearchPager({ ctx, values, page, pages }: { ctx: PageContext; values: LearnSearchValues; page: number; pages: number }) {
  const { t } = ctx;
  return (
    <Pager
      page={page}
      pages={pages}
      hrefOf={(other) => searchPageHref(ctx, values, other)}
      labels={{
        nav: t('learn.search.pages'),
        previous: t('learn.search.previous'),
        next: t('learn.search.next'),
        pageOf: t('learn.search.pageOf', { page, pages }),
      }}
    />
  );
}
