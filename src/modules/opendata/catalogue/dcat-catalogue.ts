import type { AccrualPeriodicity, DataTheme } from '../../../platform/open-data/dataset-description.ts';
import type { OpenDataLicence } from '../../../platform/open-data-licence.ts';
import { alpha3Of } from '../../../platform/open-data/country-codes.ts';
import { RDF_PREFIXES, RdfGraph } from '../../../platform/open-data/rdf-graph.ts';

/**
 * The open-data catalogue as a DCAT-AP 3.0 graph, from datasets whose texts are already
 * translated: pure, so that the test validating it against the SEMIC shapes reads exactly what
 * `/catalog.jsonld` serves.
 */

const EU = 'http://publications.europa.eu/resource/authority/';
const ATTRIBUTION = 'http://purl.org/adms/licencetype/Attribution';
const AVAILABILITY = 'http://data.europa.eu/r5r/availability';
const STABLE = `${EU}planned-availability/STABLE`;
const { dcat, dct, foaf, vcard, skos, xsd, rdfs } = RDF_PREFIXES;

/** The EU language authority's code of each language Kinga speaks. */
const EU_LANGUAGES: Readonly<Record<string, string>> = { en: 'ENG', fr: 'FRA', ar: 'ARA', es: 'SPA', ru: 'RUS', zh: 'ZHO' };

/** The EU file type of each media type a distribution is published as. */
const EU_FILE_TYPES: Readonly<Record<string, string>> = {
  'text/csv': 'CSV',
  'application/json': 'JSON',
  'application/geo+json': 'GEOJSON',
  'application/ld+json': 'JSON_LD',
};

/** The English names of the EU data themes, which a `skos:Concept` must carry. */
const THEME_LABELS: Readonly<Record<DataTheme, string>> = {
  AGRI: 'Agriculture, fisheries, forestry and food',
  ECON: 'Economy and finance',
  EDUC: 'Education, culture and sport',
  ENER: 'Energy',
  ENVI: 'Environment',
  GOVE: 'Government and public sector',
  HEAL: 'Health',
  INTR: 'International issues',
  JUST: 'Justice, legal system and public safety',
  OP_DATPRO: 'Provisional data',
  REGI: 'Regions and cities',
  SOCI: 'Population and society',
  TECH: 'Science and technology',
  TRAN: 'Transport',
};

/** A text in each language of the catalogue. */
export type Translations = Readonly<Record<string, string>>;

/** A distribution, its texts translated. */
export interface CatalogueDistribution {
  path: string;
  accessPath?: string;
  mediaType: string;
  title: Translations;
  /** What the file holds, in words: the dataset's title and the file's. */
  description: Translations;
  /** The path of the Table Schema of a CSV file. */
  schemaPath?: string;
}

/** A dataset, its texts translated and its period read. */
export interface CatalogueDataset {
  id: string;
  title: Translations;
  description: Translations;
  keywords: readonly Translations[];
  themes: readonly DataTheme[];
  accrualPeriodicity: AccrualPeriodicity;
  landingPage?: string;
  temporal: { start: string; end: string } | null;
  licence: OpenDataLicence;
  distributions: readonly CatalogueDistribution[];
}

/** What the catalogue says of itself and of its publisher. */
export interface CatalogueInput {
  /** The installation's public address, without a trailing slash. */
  baseUrl: string;
  languages: readonly string[];
  title: Translations;
  description: Translations;
  publisher: { name: string; website?: string; email: string; phone: string };
  /** ISO 3166-1 alpha-2 code of the profile's country. */
  country: string;
  licence: OpenDataLicence;
  /** The day the catalogue was first published (YYYY-MM-DD). */
  issued: string;
  /** The day the catalogue was last changed (YYYY-MM-DD). */
  modified: string;
  datasets: readonly CatalogueDataset[];
}

/** The address of a dataset's node, an anchor of the `/open-data` page. */
export function datasetIri(baseUrl: string, id: string): string {
  return `${baseUrl}/open-data#dataset-${id}`;
}

/** The catalogue as an RDF graph. */
export function buildCatalogueGraph(input: CatalogueInput): RdfGraph {
  const g = new RdfGraph();
  const page = `${input.baseUrl}/open-data`;
  const catalogue = `${page}#catalogue`;
  const publisher = `${page}#publisher`;
  const contact = `${page}#contact`;
  const texts = (subject: string, predicate: string, values: Translations) => {
    for (const language of input.languages) {
      const value = values[language];
      if (value) g.add(subject, predicate, { value, language });
    }
  };
  const concept = (iri: string, type: string) => g.type(iri, type);

  g.type(publisher, `${foaf}Agent`).add(publisher, `${foaf}name`, { value: input.publisher.name });
  g.add(publisher, `${dct}type`, { iri: `${EU}corporate-body-classification/NAT_REG_AUTH` });
  concept(`${EU}corporate-body-classification/NAT_REG_AUTH`, `${skos}Concept`);
  g.add(`${EU}corporate-body-classification/NAT_REG_AUTH`, `${skos}prefLabel`, { value: 'National regulatory authority', language: 'en' });
  if (input.publisher.website) g.add(publisher, `${foaf}homepage`, { iri: input.publisher.website });

  g.type(contact, `${vcard}Organization`).type(contact, `${vcard}Kind`);
  g.add(contact, `${vcard}fn`, { value: input.publisher.name });
  g.add(contact, `${vcard}hasEmail`, { iri: `mailto:${input.publisher.email}` });
  g.add(contact, `${vcard}hasTelephone`, { iri: `tel:${input.publisher.phone.replace(/[^0-9+]/g, '')}` });

  const alpha3 = alpha3Of(input.country);
  const country = alpha3 ? `${EU}country/${alpha3}` : undefined;
  if (country) g.type(country, `${dct}Location`);

  const licence = (iri: string) => {
    g.type(iri, `${dct}LicenseDocument`);
    // ADMS names the kind of licence; Creative Commons "by" licences are attribution licences.
    if (/creativecommons\.org\/licenses\/by\//.test(iri)) {
      g.add(iri, `${dct}type`, { iri: ATTRIBUTION });
      g.type(ATTRIBUTION, `${skos}Concept`).add(ATTRIBUTION, `${skos}prefLabel`, { value: 'Attribution', language: 'en' });
    }
  };

  g.type(catalogue, `${dcat}Catalog`);
  texts(catalogue, `${dct}title`, input.title);
  texts(catalogue, `${dct}description`, input.description);
  g.add(catalogue, `${dct}publisher`, { iri: publisher });
  g.add(catalogue, `${foaf}homepage`, { iri: page });
  g.type(page, `${foaf}Document`);
  for (const language of input.languages) {
    const code = EU_LANGUAGES[language];
    if (!code) continue;
    g.add(catalogue, `${dct}language`, { iri: `${EU}language/${code}` });
    g.type(`${EU}language/${code}`, `${dct}LinguisticSystem`);
  }
  g.add(catalogue, `${dct}license`, { iri: input.licence.url });
  licence(input.licence.url);
  g.add(catalogue, `${dct}issued`, { value: input.issued, datatype: `${xsd}date` });
  g.add(catalogue, `${dct}modified`, { value: input.modified, datatype: `${xsd}date` });
  if (country) g.add(catalogue, `${dct}spatial`, { iri: country });
  g.add(catalogue, `${dcat}themeTaxonomy`, { iri: `${EU}data-theme` });
  g.type(`${EU}data-theme`, `${skos}ConceptScheme`).add(`${EU}data-theme`, `${dct}title`, { value: 'Data theme', language: 'en' });

  for (const dataset of input.datasets) {
    const node = datasetIri(input.baseUrl, dataset.id);
    g.add(catalogue, `${dcat}dataset`, { iri: node });
    g.type(node, `${dcat}Dataset`);
    g.add(node, `${dct}identifier`, { value: dataset.id });
    texts(node, `${dct}title`, dataset.title);
    texts(node, `${dct}description`, dataset.description);
    for (const keyword of dataset.keywords) texts(node, `${dcat}keyword`, keyword);
    for (const theme of dataset.themes) {
      const iri = `${EU}data-theme/${theme}`;
      g.add(node, `${dcat}theme`, { iri });
      concept(iri, `${skos}Concept`).add(iri, `${skos}prefLabel`, { value: THEME_LABELS[theme], language: 'en' });
    }
    const frequency = `${EU}frequency/${dataset.accrualPeriodicity}`;
    g.add(node, `${dct}accrualPeriodicity`, { iri: frequency });
    g.type(frequency, `${dct}Frequency`);
    if (dataset.temporal) {
      const period = `${node}-period`;
      g.add(node, `${dct}temporal`, { iri: period });
      g.type(period, `${dct}PeriodOfTime`);
      g.add(period, `${dcat}startDate`, { value: dataset.temporal.start, datatype: `${xsd}date` });
      g.add(period, `${dcat}endDate`, { value: dataset.temporal.end, datatype: `${xsd}date` });
    }
    if (country) g.add(node, `${dct}spatial`, { iri: country });
    g.add(node, `${dct}publisher`, { iri: publisher });
    g.add(node, `${dcat}contactPoint`, { iri: contact });
    const landing = `${input.baseUrl}${dataset.landingPage ?? '/open-data'}`;
    g.add(node, `${dcat}landingPage`, { iri: landing });
    g.type(landing, `${foaf}Document`);

    dataset.distributions.forEach((file, index) => {
      const distribution = `${node}-file-${index + 1}`;
      g.add(node, `${dcat}distribution`, { iri: distribution });
      g.type(distribution, `${dcat}Distribution`);
      texts(distribution, `${dct}title`, file.title);
      texts(distribution, `${dct}description`, file.description);
      g.add(distribution, AVAILABILITY, { iri: STABLE });
      g.type(STABLE, `${skos}Concept`).add(STABLE, `${skos}prefLabel`, { value: 'Stable', language: 'en' });
      // The shapes check the class of every address without inference: each is said to be a resource.
      const access = `${input.baseUrl}${file.accessPath ?? file.path}`;
      g.add(distribution, `${dcat}accessURL`, { iri: access }).type(access, `${rdfs}Resource`);
      if (!file.accessPath) g.add(distribution, `${dcat}downloadURL`, { iri: access }).type(access, `${rdfs}Resource`);
      const mediaType = `https://www.iana.org/assignments/media-types/${file.mediaType}`;
      g.add(distribution, `${dcat}mediaType`, { iri: mediaType });
      g.type(mediaType, `${dct}MediaType`);
      const fileType = EU_FILE_TYPES[file.mediaType];
      if (fileType) {
        g.add(distribution, `${dct}format`, { iri: `${EU}file-type/${fileType}` });
        g.type(`${EU}file-type/${fileType}`, `${dct}MediaTypeOrExtent`);
      }
      g.add(distribution, `${dct}license`, { iri: dataset.licence.url });
      licence(dataset.licence.url);
      if (file.schemaPath) {
        const schema = `${input.baseUrl}${file.schemaPath}`;
        g.add(distribution, `${dct}conformsTo`, { iri: schema });
        g.type(schema, `${dct}Standard`);
      }
    });
  }
  return g;
}
