import { Type } from '@sinclair/typebox';
import { isDatabaseReachable } from '../db/index.ts';
import type { App } from '../module.ts';
import type { Platform } from '../platform.ts';

const Health = Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]) }, { $id: 'Health' });

/** `/healthz` (the process answers), `/readyz` (the database answers) and the OpenAPI document. */
export function registerOperationalRoutes(app: App, platform: Platform): void {
  registerHealthRoutes(app, platform);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

/** `/healthz` and `/readyz` alone, as every Kinga process answers them. */
export function registerHealthRoutes(app: App, platform: Platform): void {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'The process is up.', response: { 200: Health } } }, async () => ({ status: 'ok' as const }));
  app.get(
    '/readyz',
    { schema: { tags: ['operations'], summary: 'The database answers; send traffic here.', response: { 200: Health, 503: Health } } },
    async (_request, reply) => {
      const isReady = await isDatabaseReachable(platform.db);
      return reply.status(isReady ? 200 : 503).send({ status: isReady ? 'ok' : 'unavailable' });
    },
  );
}
