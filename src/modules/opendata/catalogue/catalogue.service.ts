import type { Platform } from '../../../platform/platform.ts';
import type { DatasetDescription, TableSchema } from '../../../platform/open-data/dataset-description.ts';
import { DEFAULT_OPEN_DATA_LICENCE } from '../../../platform/open-data-licence.ts';
import { stripFallback, type MessageValues } from '../../../platform/i18n/index.ts';
import type { Language } from '../../../platform/jurisdiction.ts';
import { buildCatalogueGraph, type CatalogueDataset, type Translations } from './dcat-catalogue.ts';
import { tableSchemaPath } from './catalogue.paths.ts';
import type { RdfGraph } from '../../../platform/open-data/rdf-graph.ts';
import { CATALOGUE_CACHE_MS, keptFor, type Elapsed } from './catalogue-cache.ts';

/** What the catalogue reads and serves. */
export interface CatalogueService {
  /** Every dataset, its texts in every language of the profile and its period read now. */
  datasets(): Promise<CatalogueDataset[]>;
  /** The DCAT-AP graph of the catalogue. */
  graph(): Promise<RdfGraph>;
  /** The graph written as JSON-LD, as `/catalog.jsonld` sends it. */
  jsonLd(): Promise<string>;
  /** The graph written as Turtle. */
  turtle(): Promise<string>;
  /** The Table Schema of a CSV file by the name its path gives (`offers.current-1`), or undefined. */
  tableSchema(name: string): (TableSchema & { name: string; title: string }) | undefined;
}

/**
 * The catalogue over the datasets the modules declared (`platform.datasets`). What it reads and
 * writes is kept for {@link CATALOGUE_CACHE_MS} of `elapsed` time (or until the day changes): the
 * datasets' coverage is read from the database and the graph takes milliseconds to build and write.
 */
export function createCatalogueService(
  platform: Pick<Platform, 'datasets' | 'catalogs' | 'config' | 'clock'>,
  options: { elapsed?: Elapsed } = {},
): CatalogueService {
  const { jurisdiction } = platform.config;
  const languages: readonly Language[] = jurisdiction.languages;
  const translations = (key: string, values?: (language: Language) => MessageValues): Translations =>
    Object.fromEntries(languages.map((language) => [language, stripFallback(platform.catalogs.translator(language)(key, values?.(language)))]));
  const english = platform.catalogs.translator('en');

  const datasetOf = async (d: DatasetDescription): Promise<CatalogueDataset> => ({
    id: d.id,
    title: translations(d.titleKey),
    description: translations(d.descriptionKey),
    keywords: d.keywordKeys.map((key) => translations(key)),
    themes: d.themes,
    accrualPeriodicity: d.accrualPeriodicity,
    ...(d.landingPage ? { landingPage: d.landingPage } : {}),
    temporal: (await d.temporal?.()) ?? null,
    licence: d.licence ?? DEFAULT_OPEN_DATA_LICENCE,
    distributions: d.distributions.map((file, index) => ({
      path: file.path,
      ...(file.accessPath ? { accessPath: file.accessPath } : {}),
      mediaType: file.mediaType,
      title: translations(file.titleKey),
      description: translations('opendata.file.description', (language) => ({
        file: stripFallback(platform.catalogs.translator(language)(file.titleKey)),
        dataset: stripFallback(platform.catalogs.translator(language)(d.titleKey)),
      })),
      ...(file.tableSchema ? { schemaPath: tableSchemaPath(d.id, index) } : {}),
    })),
  });

  const graphOf = (all: CatalogueDataset[]): RdfGraph => {
    const ends = all.flatMap((d) => (d.temporal ? [d.temporal.end] : []));
    const starts = all.flatMap((d) => (d.temporal ? [d.temporal.start] : []));
    const today = platform.clock.now().toISOString().slice(0, 10);
    return buildCatalogueGraph({
      baseUrl: platform.config.publicUrl,
      languages,
      title: translations('opendata.catalogue.title'),
      description: translations('opendata.catalogue.description'),
      publisher: {
        name: jurisdiction.authority.name,
        website: jurisdiction.authority.website,
        email: jurisdiction.contacts.email,
        phone: jurisdiction.contacts.phone,
      },
      country: jurisdiction.country,
      licence: DEFAULT_OPEN_DATA_LICENCE,
      // The oldest and newest days any dataset covers: the catalogue changes when its data does.
      issued: starts.length > 0 ? starts.reduce((a, b) => (a < b ? a : b)) : today,
      modified: ends.length > 0 ? ends.reduce((a, b) => (a > b ? a : b)) : today,
      datasets: all,
    });
  };

  // One copy of everything, read and written together, so that the page, the JSON-LD and the
  // Turtle never disagree and are never older than one cache period.
  const snapshot = keptFor(
    async () => {
      const all = await Promise.all(platform.datasets.map(datasetOf));
      const graph = graphOf(all);
      return { datasets: all, graph, jsonLd: JSON.stringify(graph.toJsonLd(), null, 1), turtle: await graph.toTurtle() };
    },
    platform.clock,
    { maxAgeMs: CATALOGUE_CACHE_MS, ...options },
  );

  return {
    datasets: async () => (await snapshot()).datasets,
    graph: async () => (await snapshot()).graph,
    jsonLd: async () => (await snapshot()).jsonLd,
    turtle: async () => (await snapshot()).turtle,
    tableSchema(name) {
      for (const d of platform.datasets)
        for (const [index, file] of d.distributions.entries())
          if (file.tableSchema && `${d.id}-${index + 1}` === name) return { name, title: stripFallback(english(file.titleKey)), ...file.tableSchema };
      return undefined;
    },
  };
}
