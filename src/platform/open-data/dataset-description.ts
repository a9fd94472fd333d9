import type { OpenDataLicence } from '../open-data-licence.ts';

/**
 * The datasets Kinga publishes, as modules describe them (`datasets` of the module): what the
 * open-data catalogue (DCAT-AP, `/catalog.jsonld`) and the `/open-data` page say about each.
 * Messages are keys of the module's catalogues.
 */

/** The EU data themes (http://publications.europa.eu/resource/authority/data-theme/…). */
export const DATA_THEMES = ['AGRI', 'ECON', 'EDUC', 'ENER', 'ENVI', 'GOVE', 'HEAL', 'INTR', 'JUST', 'OP_DATPRO', 'REGI', 'SOCI', 'TECH', 'TRAN'] as const;
/** An EU data theme code. */
export type DataTheme = (typeof DATA_THEMES)[number];

/** The EU frequencies (http://publications.europa.eu/resource/authority/frequency/…) a dataset is updated at. */
export const ACCRUAL_PERIODICITIES = ['CONT', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'ANNUAL', 'IRREG', 'UPDATE_CONT'] as const;
/** An EU frequency code. */
export type AccrualPeriodicity = (typeof ACCRUAL_PERIODICITIES)[number];

/** A field of a CSV file, as a Frictionless Table Schema describes it. */
export interface TableSchemaField {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'year' | 'yearmonth';
  /** English, for the schema file; the catalogue's titles are translated, column names are not. */
  description: string;
  constraints?: { required?: boolean; minimum?: number; maximum?: number; pattern?: string; enum?: readonly string[] };
}

/** A Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/) of a CSV file. */
export interface TableSchema {
  fields: readonly TableSchemaField[];
  primaryKey?: readonly string[];
  missingValues?: readonly string[];
}

/** One file or API a dataset is published as. */
export interface DistributionDescription {
  /**
   * Path on this installation (`/api/v1/offers/export/current.csv`), or, for a file per period, a
   * template naming the period in braces (`/api/v1/quality/open-data/measurements-{month}.csv`)
   * with `accessPath` the list of the files.
   */
  path: string;
  /** Where the files of a template `path` are listed; the catalogue gives it as the access address. */
  accessPath?: string;
  /** An IANA media type: `text/csv`, `application/json`, `application/geo+json`, `application/ld+json`. */
  mediaType: string;
  titleKey: string;
  /** For a CSV file: the schema of its columns, published next to the catalogue. */
  tableSchema?: TableSchema;
}

/** A dataset a module publishes. */
export interface DatasetDescription {
  /** `<module>.<dataset>` (`offers.current`), stable: it is part of the dataset's identifier. */
  id: string;
  titleKey: string;
  descriptionKey: string;
  /** Keys of single keywords. */
  keywordKeys: readonly string[];
  themes: readonly DataTheme[];
  accrualPeriodicity: AccrualPeriodicity;
  /** A public page about the dataset (a path of this installation). */
  landingPage?: string;
  distributions: readonly DistributionDescription[];
  /** The licence of every distribution: the module's configured open-data licence, CC BY 4.0 when absent. */
  licence?: OpenDataLicence;
  /** The first and last days the published data covers (YYYY-MM-DD), read when the catalogue is built; null when empty. */
  temporal?(): Promise<{ start: string; end: string } | null>;
}
