import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { requireToken } from '../../../platform/auth/index.ts';
import { EMPTY_FORM } from '../../../platform/web/components.tsx';
import { sendPage } from '../../../platform/web/render.ts';
import type { ImeiCheckService } from './imei-check.service.ts';
import type { DevicesSettings } from '../devices.settings.ts';
import { presentCheck } from './imei-check.presenter.ts';
import { BulkCheckBody, BulkCheckReply, CheckPageQuery, ImeiCheckResult, ImeiParams } from './imei-check.schemas.ts';
import { CheckPage, verdictText } from './imei-check.views.tsx';
import { CHECK_PATH } from './imei-check.paths.ts';
import { CHECK_PERMISSION } from '../devices.policy.ts';

const TAG = 'devices';

/** Registers the public check page, the check API and the dealers' bulk check. */
export function registerImeiCheckRoutes(app: App, _platform: Platform, deps: { checks: ImeiCheckService; settings: DevicesSettings }): void {
  const { checks, settings } = deps;
  // Reads are free elsewhere; a check is limited per address so that no one walks the IMEI space.
  const rateLimit = { max: settings.checkRateLimitPerMinute, timeWindow: 60_000 };

  app.get(CHECK_PATH, { schema: { querystring: CheckPageQuery }, config: { rateLimit } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const typed = request.query.imei;
    if (typed === undefined) return sendPage(reply, <CheckPage ctx={ctx} form={EMPTY_FORM} result={null} />);
    const result = presentCheck(await checks.checkImei(typed));
    const syntax = result.verdicts.syntax;
    if (syntax.severity === 'error') {
      const message = verdictText(ctx.t, 'syntax', syntax) ?? ctx.t('devices.verdict.syntax.empty');
      return sendPage(reply, <CheckPage ctx={ctx} form={{ values: { imei: typed }, problems: [{ field: 'imei', message }] }} result={null} />, 422);
    }
    return sendPage(reply, <CheckPage ctx={ctx} form={{ values: { imei: typed }, problems: [] }} result={result} />);
  });

  app.get(
    '/api/v1/devices/imei/:imei',
    {
      config: { rateLimit },
      schema: {
        tags: [TAG],
        summary: 'Check one IMEI: the device its TAC names, each verdict, and one status. Never any owner or subscriber data.',
        params: ImeiParams,
        response: { 200: ImeiCheckResult },
      },
    },
    async (request) => presentCheck(await checks.checkImei(request.params.imei)),
  );

  app.post(
    '/api/v1/devices/imei-checks',
    {
      preHandler: requireToken(CHECK_PERMISSION),
      schema: {
        tags: [TAG],
        summary: `Check up to ${settings.bulkCheckMaxImeis} IMEIs in one call (dealers; token permission ${CHECK_PERMISSION}). Results come in the order asked.`,
        security: [{ bearerToken: [] }],
        body: BulkCheckBody,
        response: { 200: BulkCheckReply },
      },
    },
    async (request) => ({ results: (await checks.checkImeis(request.body.imeis)).map(presentCheck) }),
  );
}
