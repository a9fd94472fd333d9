/** The open-data catalogue, its page, and the Table Schemas of its CSV files. */
export const CATALOGUE_PATHS = {
  jsonLd: '/catalog.jsonld',
  page: '/open-data',
  schemas: '/api/v1/open-data/schemas/:dataset',
} as const;

/** The path of the Table Schema of one CSV distribution of a dataset (`offers.current`, file 1). */
export function tableSchemaPath(datasetId: string, fileIndex: number): string {
  return `/api/v1/open-data/schemas/${datasetId}-${fileIndex + 1}.json`;
}
