import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { csvRecord } from '../../../platform/csv-writer.ts';
import { csvValueOf } from '../../../platform/open-data/small-cells.ts';
import { readOpenDataLicence } from '../../../platform/open-data-licence.ts';
import { createScamOpenDataRepository } from './scam-open-data.repository.ts';
import { createScamOpenDataService, type ScamOpenDataService } from './scam-open-data.service.ts';
import { CONFIRMED_COLUMNS, openDataFileName, parseOpenDataFileName, REPORT_COLUMNS } from './scam-open-data.ts';
import { SCAM_OPEN_DATA_PATH } from './scam-open-data.paths.ts';

const TAG = 'scams';

/** The open data service over a platform. */
export function createScamOpenDataServiceFor(platform: Platform): ScamOpenDataService {
  return createScamOpenDataService({
    repository: createScamOpenDataRepository(platform.db.kysely),
    clock: platform.clock,
    keyring: platform.keyring,
    licence: readOpenDataLicence(platform.settings.scams.public.openData),
    attribution: platform.config.jurisdiction.authority.name,
    smallestCount: platform.settings.opendata.smallestCount,
  });
}

const Licence = Type.Object({ name: Type.String(), url: Type.String() });

/** Registers the list of the weekly open data files, with their licence, and the files in CSV and JSON. */
export function registerScamOpenDataRoutes(app: App, platform: Platform): void {
  const openData = createScamOpenDataServiceFor(platform);
  // Header values must be ASCII: the licence's address is sent percent-encoded; its name goes in the JSON document.
  const licenceLink = `<${new URL(openData.licence.url).href}>; rel="license"`;
  const send = (reply: FastifyReply, name: string, format: 'csv' | 'json', body: string) =>
    reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('link', licenceLink)
      .header('cache-control', 'public, max-age=3600')
      .send(body);
  const files = (kind: 'confirmed' | 'reports', week = '') => ({
    csv: `${SCAM_OPEN_DATA_PATH}/${openDataFileName(kind === 'confirmed' ? { kind, format: 'csv' } : { kind, week, format: 'csv' })}`,
    json: `${SCAM_OPEN_DATA_PATH}/${openDataFileName(kind === 'confirmed' ? { kind, format: 'json' } : { kind, week, format: 'json' })}`,
  });

  app.get(
    SCAM_OPEN_DATA_PATH,
    {
      schema: {
        tags: [TAG],
        summary:
          'The weekly open data of scams: confirmed identifiers, and report counts by week, category and medium with small cells suppressed. Never a reporter, never a text.',
        response: {
          200: Type.Object({
            licence: Licence,
            attribution: Type.String(),
            confirmed: Type.Object({ asOfWeek: Type.String(), csv: Type.String(), json: Type.String() }),
            weeks: Type.Array(Type.Object({ week: Type.String(), csv: Type.String(), json: Type.String() })),
          }),
        },
      },
    },
    async (_request, reply) => {
      reply.header('link', licenceLink);
      return {
        licence: openData.licence,
        attribution: openData.attribution,
        confirmed: { asOfWeek: openData.asOfWeek(), ...files('confirmed') },
        weeks: (await openData.listWeeks()).map((week) => ({ week, ...files('reports', week) })),
      };
    },
  );

  app.get(
    `${SCAM_OPEN_DATA_PATH}/:file`,
    {
      schema: {
        tags: [TAG],
        summary:
          'confirmed-identifiers.csv or .json (kind, value, confirmed since; links defanged), or reports-YYYY-Www.csv or .json (a week over: reports by category and medium, a count below the smallest empty with reports_suppressed true).',
        description: 'Open data under the licence stated in the Link header (rel="license") and, for JSON, in the document.',
        params: Type.Object({ file: Type.String({ maxLength: 60 }) }),
      },
    },
    async (request, reply) => {
      const file = parseOpenDataFileName(request.params.file);
      if (!file) throw new NotFound('SCAM_OPEN_DATA_FILE_NOT_FOUND');
      const name = openDataFileName(file);
      const head = { licence: openData.licence, attribution: openData.attribution };
      if (file.kind === 'confirmed') {
        const records = await openData.confirmed();
        const body =
          file.format === 'csv'
            ? csvRecord(CONFIRMED_COLUMNS) + records.map((r) => csvRecord(CONFIRMED_COLUMNS.map((c) => r[c]))).join('')
            : JSON.stringify({ ...head, asOfWeek: openData.asOfWeek(), identifiers: records });
        return send(reply, name, file.format, body);
      }
      const records = await openData.weekCounts(file.week);
      if (!records) throw new NotFound('SCAM_OPEN_DATA_WEEK_NOT_OVER');
      const body =
        file.format === 'csv'
          ? csvRecord(REPORT_COLUMNS) + records.map((r) => csvRecord(REPORT_COLUMNS.map((c) => csvValueOf(r[c])))).join('')
          : JSON.stringify({ ...head, week: file.week, reports: records });
      return send(reply, name, file.format, body);
    },
  );
}
