import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import Fastify, { LogController } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { AppError, NotFound, RateLimited, platformMessage, type KeyedProblem } from './platform/http/errors.ts';
import { englishMessagesOf } from './platform/i18n/english-messages.ts';
import { createProblemLanguage, isMachinePath, sendError, toAppError } from './platform/http/problem.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { registerCachePolicy } from './platform/http/cache-policy.ts';
import { registerOperationalRoutes } from './platform/http/operational.ts';
import { registerJurisdictionRoutes } from './platform/http/jurisdiction.routes.ts';
import { createMetrics } from './platform/http/metrics.ts';
import { createPageContextFactory, type PageContextFactory } from './platform/web/page-context.ts';
import { registerPlatformPages } from './platform/web/pages.tsx';
import { registerAuth } from './platform/auth/index.ts';
import type { NavItem } from './platform/web/context.ts';
import type { App, KingaModule } from './platform/module.ts';
import type { Platform } from './platform/platform.ts';

const ASSETS_DIR = fileURLToPath(new URL('./platform/web/assets/', import.meta.url));
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Navigation links of the platform itself; modules add theirs between these. */
const PLATFORM_NAV_START: NavItem[] = [{ href: '/', labelKey: 'nav.home' }];

/**
 * Builds the whole application from the platform services and the modules. It never listens:
 * `server.ts` does, and tests call `app.inject()`.
 */
export async function buildApp(platform: Platform, modules: readonly KingaModule[]): Promise<App> {
  const { config, keyring } = platform;
  const app = Fastify({
    loggerInstance: platform.logger,
    trustProxy: config.trustProxy,
    genReqId: () => platform.ids(),
    // One line per request, written when it ends (below), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  app.decorateRequest('principal', null);
  const nav: NavItem[] = [...PLATFORM_NAV_START, ...modules.flatMap((m) => m.nav ?? [])];
  const footerLinks = modules.flatMap((m) => m.footerLinks ?? []);
  const pageContext = createPageContextFactory(platform.catalogs, config.jurisdiction, nav, config.session.isCookieSecure, footerLinks);
  app.decorate('pageContext', pageContext);

  // No address holds a NUL character: refused here, before any route passes it to a database that
  // would fail on it (PostgreSQL refuses NUL in text) and answer 500 for what is bad input. It runs
  // before validation and after the request hooks (the signed-in person, the language), which the
  // error page needs, and names each field holding one, as the validator names a wrong field.
  app.addHook('preValidation', async (request) => {
    if (!/%00/.test(request.url) && !request.url.includes('\0')) return;
    throw nulRefusal(request.query, request.params);
  });

  // Before the rate-limit plugin adds its own onRoute hook: reads are not limited, every write is.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const own = route.config as { rateLimit?: unknown } | undefined;
    if (methods.every((m) => SAFE_METHODS.has(m)) && own?.rateLimit === undefined) {
      // A read route may still ask for its own limit (an IMEI check, a search).
      route.config = { ...own, rateLimit: false };
    }
    if (!isMachinePath(route.url)) route.schema = { ...route.schema, hide: true };
  });

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    strictTransportSecurity: config.publicUrl.startsWith('https://'),
    referrerPolicy: { policy: 'same-origin' },
  });
  registerCachePolicy(app);
  // Many users pay for every byte: every response above 1 KB is compressed. Brotli at quality 4
  // costs about as much CPU as gzip level 6 and saves more.
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(fastifyCookie, { secret: keyring.derive('cookie').toString('base64') });
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'kinga_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: config.session.isCookieSecure, signed: true },
  });
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.rateLimit.writesPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) => new RateLimited(Math.ceil(context.ttl / 1000)),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kinga API',
        version: '1',
        description: `Open data and machine access to ${config.jurisdiction.authority.name}. Errors are application/problem+json (RFC 9457).`,
      },
      components: { securitySchemes: { bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token issued by the regulator.' } } },
    },
  });
  await app.register(fastifyStatic, { root: ASSETS_DIR, prefix: '/assets/', maxAge: '7d', immutable: false, index: false });
  // A module's own files (a print style sheet, a script) live in its folder, served under its name.
  for (const module of modules) {
    if (module.assetsDir === undefined) continue;
    await app.register(fastifyStatic, {
      root: module.assetsDir,
      prefix: `/assets/${module.name}/`,
      decorateReply: false,
      maxAge: '7d',
      immutable: false,
      index: false,
    });
  }

  // Every form post must carry the anti-forgery token; API writes authenticate with bearer tokens
  // only, never with cookies, so they cannot be forged from another site.
  app.addHook('preValidation', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || isMachinePath(request.url)) return done();
    app.csrfProtection(request, reply, done);
  });

  const problemLanguage = createProblemLanguage(platform.catalogs, config.jurisdiction.languages);
  app.setErrorHandler((error, request, reply) => {
    const problem = toAppError(error as Error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendError(problem, request, reply, pageContext, problemLanguage);
  });
  app.setNotFoundHandler((request, reply) => sendError(new NotFound(), request, reply, pageContext, problemLanguage));

  const metrics = createMetrics(app, platform);
  for (const module of modules) module.metrics?.(metrics, platform);
  registerOperationalRoutes(app, platform);
  registerJurisdictionRoutes(app, config.jurisdiction);
  await registerAuth(
    app,
    platform,
    modules.flatMap((m) => m.staffLinks ?? []),
  );
  registerPlatformPages(app, platform);
  for (const module of modules) {
    if (module.routes) {
      const register = module.routes;
      await app.register(async (scoped) => register(scoped as App, platform));
    }
  }
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Builds the context a page renders with (language, translator, shell data). */
    pageContext: PageContextFactory;
  }
}

const englishMessages = englishMessagesOf('');

/** The 400 of an address holding a NUL: one problem per query or path parameter holding one, or the whole query when a name does. */
function nulRefusal(query: unknown, params: unknown): AppError {
  const problems: KeyedProblem[] = [];
  for (const [context, values] of [
    ['querystring', query],
    ['params', params],
  ] as const) {
    if (typeof values !== 'object' || values === null) continue;
    for (const [name, value] of Object.entries(values)) {
      const texts = Array.isArray(value) ? value : [value];
      if (!texts.some((t) => typeof t === 'string' && t.includes('\0'))) continue;
      const said = { field: `${context}/${name}` };
      problems.push({ field: said.field, message: englishMessages('error.request.nul', said), key: 'error.request.nul', values: said });
    }
  }
  if (problems.length === 0) {
    const said = { field: 'querystring' };
    problems.push({ field: said.field, message: englishMessages('error.request.nul', said), key: 'error.request.nul', values: said });
  }
  return new AppError('INVALID_REQUEST', 400, 'error.invalid', platformMessage('error.request.detail', { count: problems.length }), problems);
}
