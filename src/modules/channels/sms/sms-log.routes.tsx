import type { App } from '../../../platform/module.ts';
import { requireUser } from '../../../platform/auth/index.ts';
import { sendPage } from '../../../platform/web/render.ts';
import type { SmsLogService } from './sms-log.service.ts';
import { SmsLogPage } from './sms-log.views.tsx';
import { SMS_LOG_PATH } from './sms-log.paths.ts';
import { SMS_LOG_ROLES } from './sms.policy.ts';

/** Registers the staff page of texts sent and their delivery. */
export function registerSmsLogRoutes(app: App, deps: { log: SmsLogService }): void {
  app.get(SMS_LOG_PATH, { preHandler: requireUser(...SMS_LOG_ROLES) }, async (request, reply) =>
    sendPage(reply, <SmsLogPage ctx={app.pageContext(request, reply)} log={await deps.log.read()} />),
  );
}
