import { Readable } from 'node:stream';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { linesInChunks } from '../../../platform/http/chunked-lines.ts';
import type { App } from '../../../platform/module.ts';
import { ROAMING_COLUMNS } from '../roaming/roaming-file.ts';
import type { RoamingService } from '../roaming/roaming.service.ts';
import { EXPORT_PATHS } from './catalogue.paths.ts';
import {
  HISTORY_EXPORT_COLUMNS,
  csvLine,
  currentCsvLine,
  historyCsvLine,
  offerJson,
  roamingCells,
  roamingCsvLine,
  type ExportedVersion,
} from './offer-export.ts';
import type { OfferExportService } from './offer-export.service.ts';
import { OFFER_COLUMNS } from './offer-file.ts';

const csvResponse = (description: string) => ({
  200: { description, content: { 'text/csv': { schema: Type.String({ description: 'RFC 4180 CSV, UTF-8, CRLF line ends, header row.' }) } } },
});

/** The entries of a JSON export: offers (strings, and the history's version number) or roaming rates (strings). */
const OFFER_ENTRY = Type.Record(Type.String(), Type.Union([Type.String(), Type.Integer()]));
const RATE_ENTRY = Type.Record(Type.String(), Type.String());

/** A JSON export: the licence, when it was made, the day it describes, and its entries under `list`. */
const jsonResponse = (description: string, list: 'offers' | 'rates', entry: TSchema) => ({
  200: {
    description,
    content: {
      'application/json': {
        schema: Type.Object({
          licence: Type.Object({ name: Type.String(), url: Type.String() }),
          generatedAt: Type.String(),
          onDate: Type.String(),
          [list]: Type.Array(entry),
        }),
      },
    },
  },
});

/** Registers the open data exports: offers, and roaming rates when given. */
export function registerOfferExportRoutes(app: App, service: OfferExportService, roaming?: RoamingService): void {
  const { licence } = service;
  // Header values must be ASCII: the URL is sent percent-encoded, and the licence's name (any script) only in JSON documents and pages.
  const licenceLink = `<${new URL(licence.url).href}>; rel="license"`;

  const sendExport = (reply: FastifyReply, name: string, type: 'csv' | 'json', body: AsyncIterable<string> | Iterable<string>) => {
    const filename = `offers-${name}-${service.today()}.${type}`;
    return reply
      .header('content-type', type === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('link', licenceLink)
      .header('cache-control', 'public, max-age=300')
      .send(Readable.from(linesInChunks(body)));
  };

  /** The text of a JSON export, each entry shaped by `toJson` and written as it is read. */
  const jsonDocument = async function* <T>(list: 'offers' | 'rates', onDate: string, entries: AsyncIterable<T> | Iterable<T>, toJson: (entry: T) => object) {
    yield `{"licence":${JSON.stringify(licence)},"generatedAt":${JSON.stringify(service.now())},"onDate":${JSON.stringify(onDate)},"${list}":[`;
    let isFirst = true;
    for await (const entry of entries) {
      yield `${isFirst ? '' : ','}${JSON.stringify(toJson(entry))}`;
      isFirst = false;
    }
    yield ']}';
  };

  const licenceNote = `Open data under ${licence.name} (${licence.url}), stated in the Link header (rel="license")`;

  app.get(
    EXPORT_PATHS.currentCsv,
    {
      schema: {
        tags: ['offers'],
        summary: 'Every offer in effect today as a national offer file (CSV); imports back as it is.',
        description: `${licenceNote}.`,
        response: csvResponse('The national offer file of current offers.'),
      },
    },
    async (_request, reply) => {
      const { records } = await service.currentOffers();
      return sendExport(reply, 'current', 'csv', [csvLine(OFFER_COLUMNS), ...records.map(currentCsvLine)]);
    },
  );

  app.get(
    EXPORT_PATHS.currentJson,
    {
      schema: {
        tags: ['offers'],
        summary: 'Every offer in effect today as a JSON offer file, with the licence.',
        description: `${licenceNote} and in the document.`,
        response: jsonResponse('The JSON offer file of current offers.', 'offers', OFFER_ENTRY),
      },
    },
    async (_request, reply) => {
      const { onDate, records } = await service.currentOffers();
      return sendExport(
        reply,
        'current',
        'json',
        jsonDocument('offers', onDate, records, (record) => offerJson(record)),
      );
    },
  );

  if (roaming) {
    app.get(
      EXPORT_PATHS.roamingCsv,
      {
        schema: {
          tags: ['offers'],
          summary: 'Every roaming rate in effect today as a roaming rate file (CSV); imports back as it is.',
          description: `${licenceNote}. Stale rates are included: they are still published.`,
          response: csvResponse('The roaming rate file of current rates.'),
        },
      },
      async (_request, reply) => {
        const { rates } = await roaming.currentRates();
        return sendExport(reply, 'roaming-current', 'csv', [csvLine(ROAMING_COLUMNS), ...rates.map((r) => roamingCsvLine(r.record))]);
      },
    );

    app.get(
      EXPORT_PATHS.roamingJson,
      {
        schema: {
          tags: ['offers'],
          summary: 'Every roaming rate in effect today as a JSON roaming rate file, with the licence.',
          description: `${licenceNote} and in the document. Stale rates are included: they are still published.`,
          response: jsonResponse('The JSON roaming rate file of current rates.', 'rates', RATE_ENTRY),
        },
      },
      async (_request, reply) => {
        const { onDate, rates } = await roaming.currentRates();
        return sendExport(
          reply,
          'roaming-current',
          'json',
          jsonDocument('rates', onDate, rates, (rate) => roamingCells(rate.record)),
        );
      },
    );
  }

  app.get(
    EXPORT_PATHS.historyCsv,
    {
      schema: {
        tags: ['offers'],
        summary: 'Every version of every offer ever published (CSV): the national columns, then version and published_at.',
        description: `${licenceNote}.`,
        response: csvResponse('The full version history.'),
      },
    },
    async (_request, reply) => {
      const lines = async function* () {
        yield csvLine(HISTORY_EXPORT_COLUMNS);
        for await (const version of service.historyVersions()) yield historyCsvLine(version);
      };
      return sendExport(reply, 'history', 'csv', lines());
    },
  );

  app.get(
    EXPORT_PATHS.historyJson,
    {
      schema: {
        tags: ['offers'],
        summary: 'Every version of every offer ever published (JSON), with version and published_at.',
        description: `${licenceNote} and in the document.`,
        response: jsonResponse('The full version history.', 'offers', OFFER_ENTRY),
      },
    },
    async (_request, reply) => {
      const toJson = (v: ExportedVersion) => offerJson(v.record, { version: v.version, publishedAt: v.publishedAt });
      return sendExport(reply, 'history', 'json', jsonDocument('offers', service.today(), service.historyVersions(), toJson));
    },
  );
}
