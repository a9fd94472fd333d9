import { Type } from '@sinclair/typebox';
import type { App } from '../../../platform/module.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { englishMessagesOf } from '../../../platform/i18n/index.ts';
import type { CatalogueService } from './catalogue.service.ts';
import { CATALOGUE_PATHS } from './catalogue.paths.ts';
import { OpenDataPage } from './catalogue.views.tsx';

const TAG = 'opendata';
const english = englishMessagesOf(new URL('./locales/', import.meta.url));

/** True when the request asks for Turtle rather than JSON-LD (`Accept: text/turtle`). */
export function wantsTurtle(accept: string | undefined): boolean {
  const types = (accept ?? '')
    .split(',')
    .map((part) => {
      const [type = '', ...parameters] = part.trim().toLowerCase().split(';');
      const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((t) => t.q > 0);
  const quality = (type: string) => Math.max(0, ...types.filter((t) => t.type === type).map((t) => t.q));
  return quality('text/turtle') > Math.max(quality('application/ld+json'), quality('application/json'));
}

/** Registers the DCAT-AP catalogue, the Table Schemas of its CSV files and the public page that lists the same. */
export function registerCatalogueRoutes(app: App, catalogue: CatalogueService, smallestCount: number): void {
  app.get(
    CATALOGUE_PATHS.jsonLd,
    { schema: { tags: [TAG], summary: 'The DCAT-AP 3.0 catalogue of every dataset published: JSON-LD, or Turtle on Accept: text/turtle.' } },
    async (request, reply) => {
      reply.header('vary', 'Accept').header('cache-control', 'public, max-age=3600');
      if (wantsTurtle(request.headers.accept)) return reply.type('text/turtle; charset=utf-8').send(await catalogue.turtle());
      return reply.type('application/ld+json; charset=utf-8').send(await catalogue.jsonLd());
    },
  );

  app.get(
    CATALOGUE_PATHS.schemas,
    {
      schema: {
        tags: [TAG],
        summary: 'The Frictionless Table Schema of a CSV file of the catalogue (<dataset>-<file>.json).',
        params: Type.Object({ dataset: Type.String({ maxLength: 120 }) }),
      },
    },
    async (request, reply) => {
      const name = request.params.dataset.replace(/\.json$/, '');
      const schema = request.params.dataset.endsWith('.json') ? catalogue.tableSchema(name) : undefined;
      if (!schema) throw new NotFound('TABLE_SCHEMA_NOT_FOUND', { key: 'opendata.schema.notFound', english: english('opendata.schema.notFound') });
      return reply
        .header('cache-control', 'public, max-age=3600')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(schema, null, 2));
    },
  );

  app.get(CATALOGUE_PATHS.page, async (request, reply) =>
    sendPage(reply, <OpenDataPage ctx={app.pageContext(request, reply)} datasets={await catalogue.datasets()} smallestCount={smallestCount} />),
  );
}
