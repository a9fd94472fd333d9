import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { Invalid, type KeyedProblem } from '../../../platform/http/errors.ts';
import { englishMessagesOf } from '../../../platform/i18n/index.ts';
import { EMPTY_FORM } from '../../../platform/web/components.tsx';
import { sendPage } from '../../../platform/web/render.ts';
import { createScamLookupRepository } from './scam-lookup.repository.ts';
import { createScamLookupService, type ScamLookupService } from './scam-lookup.service.ts';
import { LookupFormBody, LookupPageQuery, LookupQuery, LookupReply } from './scam-lookup.schemas.ts';
import { LookupPage } from './scam-lookup.views.tsx';
import { LOOKUP_PATHS } from './scam-lookup.paths.ts';

const TAG = 'scams';
const english = englishMessagesOf(new URL('./locales/', import.meta.url));

/** The lookup over a platform, for the routes, the demo and the bench. */
export function createScamLookupServiceFor(platform: Platform): ScamLookupService {
  return createScamLookupService({
    repository: createScamLookupRepository(platform.db.kysely),
    keyring: platform.keyring,
    country: platform.config.jurisdiction.country,
    smallestCount: platform.settings.opendata.smallestCount,
  });
}

/** Registers the public lookup: the page (a form posted, no script) and the API, both limited per client address. */
export function registerLookupRoutes(app: App, platform: Platform): void {
  const lookups = createScamLookupServiceFor(platform);
  // Reads are free elsewhere; a lookup is limited so that no one walks the numbering plan for the list.
  const rateLimit = { max: platform.settings.scams.public.lookupPerMinute, timeWindow: 60_000 };

  app.get(LOOKUP_PATHS.page, { schema: { querystring: LookupPageQuery }, config: { rateLimit } }, async (request, reply) =>
    sendPage(reply, <LookupPage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} answer={null} />),
  );

  app.post(LOOKUP_PATHS.page, { schema: { body: LookupFormBody }, config: { rateLimit } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const typed = request.body.value ?? '';
    const outcome = await lookups.lookup(typed);
    if (!outcome.ok) {
      const form = { values: { value: typed.slice(0, 200) }, problems: [{ field: 'value', message: ctx.t(`scams.lookup.error.${outcome.problem}`) }] };
      return sendPage(reply, <LookupPage ctx={ctx} form={form} answer={null} />, 422);
    }
    return sendPage(reply, <LookupPage ctx={ctx} form={{ values: { value: typed }, problems: [] }} answer={outcome.answer} />);
  });

  app.get(
    LOOKUP_PATHS.api,
    {
      config: { rateLimit },
      schema: {
        tags: [TAG],
        summary:
          'Is this number, short code, sender name or link a scam? One status (no reports, reported, confirmed, under appeal, cleared) and the count of reports, small counts shown as fewer than a threshold. Never a reporter.',
        querystring: LookupQuery,
        response: { 200: LookupReply },
      },
    },
    async (request) => {
      const outcome = await lookups.lookup(request.query.value);
      if (!outcome.ok) {
        const key = `scams.lookup.error.${outcome.problem}`;
        const problem: KeyedProblem = { field: 'value', message: english(key), key, values: {} };
        throw new Invalid([problem], 'SCAM_VALUE_UNREADABLE', { key, english: english(key) });
      }
      const { answer } = outcome;
      return { kind: answer.kind, value: answer.shown, status: answer.status, since: answer.since, reports: answer.reports, fewerThan: answer.fewerThan };
    },
  );
}
