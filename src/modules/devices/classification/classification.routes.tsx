import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { actorOf, requireToken, requireUser, staffOf, tokenOf } from '../../../platform/auth/index.ts';
import { EMPTY_FORM } from '../../../platform/web/components.tsx';
import { sendPage } from '../../../platform/web/render.ts';
import { presentReportIssues } from '../imei-check/imei-check.presenter.ts';
import { ActionBody, CodeBody, PageQuery, ReportIdParams } from '../imei-check/imei-check.schemas.ts';
import { STAFF_REPORT_ROLES } from '../devices.policy.ts';
import type { DeviceListService } from '../lists/device-list.service.ts';
import type { DeviceStatsService } from '../statistics/device-stats.service.ts';
import type { RecoveryService } from '../recovery/recovery.service.ts';
import type { Condition } from './classification-rules.ts';
import type { ClassificationService } from './classification.service.ts';
import { CLASSIFICATION_PATHS, ClassificationOverviewPage, RecoverCodePage, RecoverDonePage, RecoverStartPage, StatisticsPage } from './classification.views.tsx';

const TAG = 'devices';

/** The token permission of the operators' list downloads. */
export const LISTS_PERMISSION = 'devices:lists';

const COOKIE = 'kinga_device_recovery';

const MonthStats = Type.Object({
  month: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$' }),
  checked: Type.Integer({ description: 'IMEI checks made on the public page and the API.' }),
  reported: Type.Integer({ description: 'Lost or stolen reports verified by an officer, by the month they were filed.' }),
  blocked: Type.Integer({ description: 'Devices whose block date fell in the month.' }),
  traced: Type.Integer({ description: 'Reported or blocked devices seen on a network with a new SIM.' }),
  recovered: Type.Integer({ description: 'Reports closed because the phone was found again.' }),
});
const StatsReply = Type.Object({ months: Type.Array(MonthStats) });

const ListQuery = Type.Object({ delta: Type.Optional(Type.Boolean({ description: 'The changes since the previous generation instead of the full list.' })) });
const OperatorParams = Type.Object({ operatorId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }) });
const ManifestReply = Type.Object({
  runId: Type.String(),
  listDate: Type.String({ format: 'date' }),
  generatedAt: Type.String(),
  previousRunId: Type.Union([Type.String(), Type.Null()]),
  files: Type.Array(Type.Object({ name: Type.String(), url: Type.String(), rows: Type.Integer() })),
});
const RecoverBody = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })), requestId: Type.Optional(Type.String({ maxLength: 40 })) });
const AlertParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }) });

/** Registers the statistics, the operators' list downloads, the recovery pages and the staff recovery actions. */
export function registerClassificationRoutes(
  app: App,
  platform: Platform,
  deps: { lists: DeviceListService; stats: DeviceStatsService; recovery: RecoveryService; classification: ClassificationService; conditions: readonly Condition[] },
): void {
  const { lists, stats, recovery } = deps;
  // Checks counted in memory are written before the server stops.
  app.addHook('onClose', async () => stats.flush());

  app.get(CLASSIFICATION_PATHS.statistics, { schema: { querystring: PageQuery } }, async (request, reply) =>
    sendPage(reply, <StatisticsPage ctx={app.pageContext(request, reply)} months={await stats.monthly()} />),
  );

  app.get(
    '/api/v1/devices/statistics',
    { schema: { tags: [TAG], summary: 'Monthly counts of the equipment register for the last 12 months: checks, reports, blocks, traces, recoveries. Counts only.', response: { 200: StatsReply } } },
    async () => ({ months: await stats.monthly() }),
  );

  // Lists for the operators' EIRs: the national block list for every list token, the rest for its own operator only.
  const sendList = async (request: FastifyRequest, reply: FastifyReply, kind: 'block' | 'notification' | 'exception', operatorId: string, isDelta: boolean) => {
    const token = tokenOf(request);
    const { run, file } = await lists.openForOperator(actorOf(request), token.operatorId, { kind, operatorId, isDelta });
    const lines = lists.linesOf(run, file);
    const body = Readable.from((async function* () {
      for await (const line of lines) yield `${line}\n`;
    })());
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.name}"`)
      .header('cache-control', 'no-store')
      .header('x-kinga-list-run', run.runId)
      .send(body);
  };
  const guard = requireToken(LISTS_PERMISSION);
  const listSchema = (summary: string) => ({ tags: [TAG], summary, security: [{ bearerToken: [] }], querystring: ListQuery });

  app.get('/api/v1/devices/lists', { preHandler: guard, schema: { tags: [TAG], summary: `The newest list generation and the files this token may download (permission ${LISTS_PERMISSION}).`, security: [{ bearerToken: [] }], response: { 200: ManifestReply } } }, async (request) => {
    const token = tokenOf(request);
    const run = await lists.latestRun();
    if (!run) return { runId: '', listDate: '1970-01-01', generatedAt: '', previousRunId: null, files: [] };
    const files = lists.filesOf(run, token.operatorId ?? '').map((f) => ({
      name: f.name,
      url: f.kind === 'block' ? `/api/v1/devices/lists/blocklist${f.isDelta ? '?delta=true' : ''}` : `/api/v1/devices/lists/operators/${f.operatorId}/${f.kind === 'notification' ? 'notifications' : 'exceptions'}${f.isDelta ? '?delta=true' : ''}`,
      rows: f.isDelta ? 0 : (run.counts.find((c) => c.kind === f.kind && c.operatorId === f.operatorId)?.rows ?? 0),
    }));
    return { runId: run.runId, listDate: run.listDate, generatedAt: run.generatedAt, previousRunId: run.previousRunId, files };
  });
  app.get('/api/v1/devices/lists/blocklist', { preHandler: guard, schema: listSchema('The national block list as CSV (imei,block_date,reasons), or with delta=true the changes since the previous generation (change_type, change_reason).') }, (request, reply) =>
    sendList(request, reply, 'block', '', request.query.delta === true),
  );
  app.get(
    '/api/v1/devices/lists/operators/:operatorId/notifications',
    { preHandler: guard, schema: { ...listSchema("The operator's notification list as CSV (imei,imsi,msisdn,block_date,reasons): its subscribers whose device will be blocked. Only the operator's own token."), params: OperatorParams } },
    (request, reply) => sendList(request, reply, 'notification', request.params.operatorId, request.query.delta === true),
  );
  app.get(
    '/api/v1/devices/lists/operators/:operatorId/exceptions',
    { preHandler: guard, schema: { ...listSchema("The operator's exception list as CSV (imei,imsi,msisdn, as DIRBS's): the pairing list's IMEI and SIM pairs its EIR lets through although the IMEI is blocked. Only the operator's own token."), params: OperatorParams } },
    (request, reply) => sendList(request, reply, 'exception', request.params.operatorId, request.query.delta === true),
  );

  // Recovery by the reporter: the request id, then the code sent to the report's address.
  const cookieOptions = { path: CLASSIFICATION_PATHS.recover, httpOnly: true, sameSite: 'lax' as const, secure: platform.config.session.isCookieSecure };
  const cookieOf = (request: FastifyRequest) => {
    const [requestId, token] = (request.cookies[COOKIE] ?? '').split('.');
    return requestId && token ? { requestId, token } : undefined;
  };

  app.get(CLASSIFICATION_PATHS.recover, { schema: { querystring: PageQuery } }, async (request, reply) => sendPage(reply, <RecoverStartPage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} />));

  app.post(CLASSIFICATION_PATHS.recover, { schema: { body: RecoverBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const requestId = request.body.requestId ?? '';
    const outcome = await recovery.startRecovery({ requestId, t: ctx.t, networkAddress: request.ip });
    if (!outcome.ok) return sendPage(reply, <RecoverStartPage ctx={ctx} form={{ values: { requestId }, problems: presentReportIssues(outcome.issues, ctx.t) }} />, 422);
    reply.setCookie(COOKIE, `${outcome.value.requestId}.${outcome.value.sessionToken}`, cookieOptions);
    return reply.redirect(CLASSIFICATION_PATHS.recoverCode, 303);
  });

  app.get(CLASSIFICATION_PATHS.recoverCode, { schema: { querystring: PageQuery } }, async (request, reply) => {
    if (!cookieOf(request)) return reply.redirect(CLASSIFICATION_PATHS.recover, 303);
    return sendPage(reply, <RecoverCodePage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} />);
  });

  app.post(CLASSIFICATION_PATHS.recoverCode, { schema: { body: CodeBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const session = cookieOf(request);
    if (!session) return reply.redirect(CLASSIFICATION_PATHS.recover, 303);
    const outcome = await recovery.confirmRecovery({ sessionToken: session.token, requestId: session.requestId, code: request.body.code ?? '', t: ctx.t });
    if (outcome.ok) {
      reply.clearCookie(COOKIE, cookieOptions);
      return sendPage(reply, <RecoverDonePage ctx={ctx} requestId={outcome.value.requestId} />);
    }
    if ('isSessionMissing' in outcome) return reply.redirect(CLASSIFICATION_PATHS.recover, 303);
    return sendPage(reply, <RecoverCodePage ctx={ctx} form={{ values: {}, problems: presentReportIssues(outcome.issues, ctx.t) }} />, 422);
  });

  const staff = { preHandler: requireUser(...STAFF_REPORT_ROLES) };
  app.get(CLASSIFICATION_PATHS.staffOverview, { ...staff, schema: { querystring: PageQuery } }, async (request, reply) => {
    const [lastRun, listRun] = await Promise.all([deps.classification.latestRun(), lists.latestRun()]);
    return sendPage(reply, <ClassificationOverviewPage ctx={app.pageContext(request, reply)} conditions={deps.conditions} lastRun={lastRun} listRun={listRun} />);
  });
  app.post(`${CLASSIFICATION_PATHS.staffReports}/:id/recover`, { ...staff, schema: { params: ReportIdParams, body: ActionBody } }, async (request, reply) => {
    await recovery.markRecovered({ type: 'user', id: staffOf(request).userId }, request.params.id, app.pageContext(request, reply).t);
    return reply.redirect(`${CLASSIFICATION_PATHS.staffReports}/${request.params.id}`, 303);
  });
  app.post(`${CLASSIFICATION_PATHS.staffAlerts}/:id/acknowledge`, { ...staff, schema: { params: AlertParams, body: ActionBody } }, async (request, reply) => {
    await recovery.acknowledgeAlert({ type: 'user', id: staffOf(request).userId }, request.params.id);
    return reply.redirect(CLASSIFICATION_PATHS.staffReports, 303);
  });
}
