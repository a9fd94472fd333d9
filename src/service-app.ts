import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { NotFound } from './platform/http/errors.ts';
import { problemType, toAppError } from './platform/http/problem.ts';
import { isDatabaseReachable } from './platform/db/index.ts';
import type { App, KingaModule } from './platform/module.ts';
import type { Platform } from './platform/platform.ts';

/** A service named by `--only` that no module offers. */
export class UnknownServiceError extends Error {
  constructor(
    readonly service: string,
    readonly known: readonly string[],
  ) {
    super(`No module offers the service "${service}"; the services are: ${known.join(', ') || 'none'}.`);
    this.name = 'UnknownServiceError';
  }
}

/** The names of the services the modules can run alone. */
export function standaloneServices(modules: readonly KingaModule[]): string[] {
  return modules.flatMap((m) => Object.keys(m.services ?? {})).sort();
}

/**
 * Builds an application that serves one module service alone and the health checks, for a
 * process placed near its users (`kinga serve --only speedtest`): no pages, no sessions, no API.
 * Errors are problem+json, since nothing here answers a person's browser with a page.
 */
export async function buildServiceApp(platform: Platform, modules: readonly KingaModule[], service: string): Promise<App> {
  const owner = modules.find((m) => m.services?.[service] !== undefined);
  const register = owner?.services?.[service];
  if (!register) throw new UnknownServiceError(service, standaloneServices(modules));
  const app = Fastify({
    loggerInstance: platform.logger,
    trustProxy: platform.config.trustProxy,
    genReqId: () => platform.ids(),
    disableRequestLogging: true,
    bodyLimit: 64 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'content-security-policy': "default-src 'none'; frame-ancestors 'none'" });
    done();
  });
  const sendProblem = (status: number, code: string, detail: string, id: string) => ({ type: problemType(code), title: code, status, detail, instance: id });
  app.setErrorHandler((error, request, reply) => {
    const problem = toAppError(error as Error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(sendProblem(problem.status, problem.code, problem.message, request.id)));
  });
  app.setNotFoundHandler((request, reply) => {
    const missing = new NotFound();
    return reply.status(404).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(sendProblem(404, missing.code, missing.message, request.id)));
  });
  // The same answers as the full application's health checks; the OpenAPI document is not served here.
  app.get('/healthz', async () => ({ status: 'ok' as const }));
  app.get('/readyz', async (_request, reply) => {
    const isReady = await isDatabaseReachable(platform.db);
    return reply.status(isReady ? 200 : 503).send({ status: isReady ? 'ok' : 'unavailable' });
  });
  await app.register(async (scoped) => register(scoped as App, platform));
  return app;
}
