import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../../../platform/module.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { linesInChunks } from '../../../platform/http/chunked-lines.ts';
import { qualityWordsOf } from '../imports/quality-messages.ts';
import { OPEN_DATA_PATHS } from './quality-open-data.paths.ts';
import { OPEN_DATA_COLUMNS, openDataCsvLine, openDataFileName, parseOpenDataFileName, type OpenDataRecord } from './quality-open-data.ts';
import type { OpenDataService } from './quality-open-data.service.ts';

const { qualityMessage } = qualityWordsOf(new URL('./locales/', import.meta.url));

const TAG = 'quality';

/** Registers the list of the monthly open data files, with their licence, and the files themselves. */
export function registerOpenDataRoutes(app: App, openData: OpenDataService): void {
  // Header values must be ASCII: the licence's address is sent percent-encoded; its name goes in the JSON document.
  const licenceLink = `<${new URL(openData.licence.url).href}>; rel="license"`;
  const sendFile = (reply: FastifyReply, name: string, format: 'csv' | 'json', lines: AsyncIterable<string>) =>
    reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('link', licenceLink)
      .header('cache-control', 'public, max-age=3600')
      .send(Readable.from(linesInChunks(lines)));

  app.get(
    OPEN_DATA_PATHS.files,
    {
      schema: {
        tags: [TAG],
        summary: 'The monthly open data files of individual valid measurements, with their licence.',
        response: {
          200: Type.Object({
            licence: Type.Object({ name: Type.String(), url: Type.String() }),
            attribution: Type.String(),
            timePrecision: Type.Union([Type.Literal('hour'), Type.Literal('day')]),
            months: Type.Array(Type.Object({ month: Type.String(), measurements: Type.Integer(), csv: Type.String(), json: Type.String() })),
          }),
        },
      },
    },
    async (_request, reply) => {
      reply.header('link', licenceLink);
      const months = await openData.listMonths();
      return {
        licence: openData.licence,
        attribution: openData.attribution,
        timePrecision: openData.timePrecision,
        months: months.map((m) => ({
          ...m,
          csv: `${OPEN_DATA_PATHS.files}/${openDataFileName(m.month, 'csv')}`,
          json: `${OPEN_DATA_PATHS.files}/${openDataFileName(m.month, 'json')}`,
        })),
      };
    },
  );

  app.get(
    `${OPEN_DATA_PATHS.files}/:file`,
    {
      schema: {
        tags: [TAG],
        summary:
          'One month of individual valid measurements (measurements-YYYY-MM.csv or .json), for months that are over: coordinates snapped to the centre of their H3 cell, time truncated, no address, a device pseudonym that changes every month.',
        description: 'Open data under the licence stated in the Link header (rel="license") and, for JSON, in the document.',
        params: Type.Object({ file: Type.String({ maxLength: 40 }) }),
        response: {
          200: {
            description: "The month's measurements.",
            content: {
              'text/csv': { schema: Type.String() },
              'application/json': {
                schema: Type.Object({
                  licence: Type.Object({ name: Type.String(), url: Type.String() }),
                  attribution: Type.String(),
                  month: Type.String(),
                  measurements: Type.Array(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]))),
                }),
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const file = parseOpenDataFileName(request.params.file);
      if (!file) throw new NotFound('OPEN_DATA_FILE_NOT_FOUND', qualityMessage('quality.openData.fileName'));
      const records = await openData.monthRecords(file.month);
      const lines =
        file.format === 'csv'
          ? (async function* () {
              yield openDataCsvLine(OPEN_DATA_COLUMNS);
              for await (const record of records) yield openDataCsvLine(OPEN_DATA_COLUMNS.map((c) => record[c]));
            })()
          : (async function* () {
              yield `{"licence":${JSON.stringify(openData.licence)},"attribution":${JSON.stringify(openData.attribution)},"month":${JSON.stringify(file.month)},"measurements":[`;
              let isFirst = true;
              for await (const record of records) {
                yield `${isFirst ? '' : ','}${JSON.stringify(record satisfies OpenDataRecord)}`;
                isFirst = false;
              }
              yield ']}';
            })();
      return sendFile(reply, openDataFileName(file.month, file.format), file.format, lines);
    },
  );
}
