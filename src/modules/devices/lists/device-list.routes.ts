import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { App } from '../../../platform/module.ts';
import { actorOf, requireToken, tokenOf } from '../../../platform/auth/index.ts';
import type { DeviceListService } from './device-list.service.ts';

const TAG = 'devices';

/** The token permission of the operators' list downloads. */
export const LISTS_PERMISSION = 'devices:lists';

const ListQuery = Type.Object({ delta: Type.Optional(Type.Boolean({ description: 'The changes since the previous generation instead of the full list.' })) });
const OperatorParams = Type.Object({ operatorId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }) });
const ManifestReply = Type.Object({
  runId: Type.String(),
  listDate: Type.String({ format: 'date' }),
  generatedAt: Type.String(),
  previousRunId: Type.Union([Type.String(), Type.Null()]),
  files: Type.Array(Type.Object({ name: Type.String(), url: Type.String(), rows: Type.Integer() })),
});

/** Registers the operators' list downloads: the manifest, the national block list and each operator's own lists. */
export function registerDeviceListRoutes(app: App, deps: { lists: DeviceListService }): void {
  const { lists } = deps;
  // Lists for the operators' EIRs: the national block list for every list token, the rest for its own operator only.
  const sendList = async (request: FastifyRequest, reply: FastifyReply, kind: 'block' | 'notification' | 'exception', operatorId: string, isDelta: boolean) => {
    const token = tokenOf(request);
    const { run, file } = await lists.openForOperator(actorOf(request), token.operatorId, { kind, operatorId, isDelta });
    const lines = lists.linesOf(run, file);
    const body = Readable.from(
      (async function* () {
        for await (const line of lines) yield `${line}\n`;
      })(),
    );
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.name}"`)
      .header('cache-control', 'no-store')
      .header('x-kinga-list-run', run.runId)
      .send(body);
  };
  const guard = requireToken(LISTS_PERMISSION);
  const listSchema = (summary: string) => ({ tags: [TAG], summary, security: [{ bearerToken: [] }], querystring: ListQuery });

  app.get(
    '/api/v1/devices/lists',
    {
      preHandler: guard,
      schema: {
        tags: [TAG],
        summary: `The newest list generation and the files this token may download (permission ${LISTS_PERMISSION}).`,
        security: [{ bearerToken: [] }],
        response: { 200: ManifestReply },
      },
    },
    async (request) => {
      const token = tokenOf(request);
      const run = await lists.latestRun();
      if (!run) return { runId: '', listDate: '1970-01-01', generatedAt: '', previousRunId: null, files: [] };
      const files = lists.filesOf(run, token.operatorId ?? '').map((f) => ({
        name: f.name,
        url:
          f.kind === 'block'
            ? `/api/v1/devices/lists/blocklist${f.isDelta ? '?delta=true' : ''}`
            : `/api/v1/devices/lists/operators/${f.operatorId}/${f.kind === 'notification' ? 'notifications' : 'exceptions'}${f.isDelta ? '?delta=true' : ''}`,
        rows: f.isDelta ? 0 : (run.counts.find((c) => c.kind === f.kind && c.operatorId === f.operatorId)?.rows ?? 0),
      }));
      return { runId: run.runId, listDate: run.listDate, generatedAt: run.generatedAt, previousRunId: run.previousRunId, files };
    },
  );
  app.get(
    '/api/v1/devices/lists/blocklist',
    {
      preHandler: guard,
      schema: listSchema(
        'The national block list as CSV (imei,block_date,reasons), or with delta=true the changes since the previous generation (change_type, change_reason).',
      ),
    },
    (request, reply) => sendList(request, reply, 'block', '', request.query.delta === true),
  );
  app.get(
    '/api/v1/devices/lists/operators/:operatorId/notifications',
    {
      preHandler: guard,
      schema: {
        ...listSchema(
          "The operator's notification list as CSV (imei,imsi,msisdn,block_date,reasons): its subscribers whose device will be blocked. Only the operator's own token.",
        ),
        params: OperatorParams,
      },
    },
    (request, reply) => sendList(request, reply, 'notification', request.params.operatorId, request.query.delta === true),
  );
  app.get(
    '/api/v1/devices/lists/operators/:operatorId/exceptions',
    {
      preHandler: guard,
      schema: {
        ...listSchema(
          "The operator's exception list as CSV (imei,imsi,msisdn, as DIRBS's): the pairing list's IMEI and SIM pairs its EIR lets through although the IMEI is blocked. Only the operator's own token.",
        ),
        params: OperatorParams,
      },
    },
    (request, reply) => sendList(request, reply, 'exception', request.params.operatorId, request.query.delta === true),
  );
}
