import { Layout } from '../../../platform/web/layout.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { CatalogueDataset } from './dcat-catalogue.ts';
import { CATALOGUE_PATHS } from './catalogue.paths.ts';

/** The short name of a file's format, the same in every language. */
const FORMAT_NAMES: Readonly<Record<string, string>> = {
  'text/csv': 'CSV',
  'application/json': 'JSON',
  'application/geo+json': 'GeoJSON',
  'application/ld+json': 'JSON-LD',
};

/** The public list of the datasets: what each holds, the period it covers, how often it changes, its licence and its files. */
export function OpenDataPage({ ctx, datasets, smallestCount }: { ctx: PageContext; datasets: readonly CatalogueDataset[]; smallestCount: number }) {
  const { t, language, format } = ctx;
  const said = (texts: Readonly<Record<string, string>>) => texts[language] ?? texts['en'] ?? '';
  return (
    <Layout ctx={ctx} title={t('opendata.page.title')}>
      <p>{t('opendata.page.intro')}</p>
      <p>{t('opendata.page.smallCells', { count: smallestCount })}</p>
      <p>
        <a href={CATALOGUE_PATHS.jsonLd} type="application/ld+json">
          {t('opendata.page.catalogueLink')}
        </a>
      </p>
      {datasets.map((d) => (
        <section key={d.id} id={`dataset-${d.id}`} aria-labelledby={`title-${d.id}`}>
          <h2 id={`title-${d.id}`}>{said(d.title)}</h2>
          <p>{said(d.description)}</p>
          <dl class="summary-list">
            <dt>{t('opendata.page.period')}</dt>
            <dd>
              {d.temporal
                ? t('opendata.page.periodValue', { start: format.date(d.temporal.start), end: format.date(d.temporal.end) })
                : t('opendata.page.periodNone')}
            </dd>
            <dt>{t('opendata.page.frequency')}</dt>
            <dd>{t(`opendata.frequency.${d.accrualPeriodicity}`)}</dd>
            <dt>{t('opendata.page.licence')}</dt>
            <dd>
              <a href={d.licence.url} rel="license">
                {d.licence.name}
              </a>
            </dd>
          </dl>
          <h3>{t('opendata.page.files')}</h3>
          <ul>
            {d.distributions.map((file) => {
              const name = FORMAT_NAMES[file.mediaType] ?? file.mediaType;
              return (
                <li key={file.path}>
                  <a href={file.accessPath ?? file.path}>{t('opendata.page.file', { title: said(file.title), format: name })}</a>
                  {file.schemaPath ? (
                    <>
                      {' '}
                      (<a href={file.schemaPath}>{t('opendata.page.schema', { title: said(file.title) })}</a>)
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
