import Fastify, { LogController } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { NotFound } from './platform/http/errors.ts';
import { createProblemLanguage, sendProblem, toAppError } from './platform/http/problem.ts';
import { registerHealthRoutes } from './platform/http/operational.ts';
import { createMetrics } from './platform/http/metrics.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
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
 * Errors are problem+json, since nothing here answers a person's browser with a page; requests
 * are logged and counted (`/metrics`) as in the full application.
 */
export async function buildServiceApp(platform: Platform, modules: readonly KingaModule[], service: string): Promise<App> {
  const owner = modules.find((m) => m.services?.[service] !== undefined);
  const register = owner?.services?.[service];
  if (!register) throw new UnknownServiceError(service, standaloneServices(modules));
  const app = Fastify({
    loggerInstance: platform.logger,
    trustProxy: platform.config.trustProxy,
    genReqId: () => platform.ids(),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  // Nothing here is a page: no script, style or frame may load from these answers.
  registerSecurityHeaders(app, {
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: platform.config.publicUrl.startsWith('https://'),
  });
  const problemLanguage = createProblemLanguage(platform.catalogs, platform.config.jurisdiction.languages);
  app.setErrorHandler((error, request, reply) => {
    const problem = toAppError(error as Error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(problem, request, reply, problemLanguage);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(new NotFound(), request, reply, problemLanguage));
  createMetrics(app, platform);
  registerHealthRoutes(app, platform);
  await app.register(async (scoped) => register(scoped as App, platform));
  return app;
}
