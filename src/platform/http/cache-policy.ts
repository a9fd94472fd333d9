import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's answers carry personal data even to an anonymous visitor (a consumer who proved
     * an address with a code, say): browsers and proxies must never store them.
     */
    isPersonal?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Sends `Cache-Control: no-store` on every answer that may carry personal data, whatever the
 * route set: answers to a signed-in person or an API token (an operator's cases, a staff page),
 * answers of routes marked {@link FastifyContextConfig.isPersonal}, and answers to writes. A
 * shared computer's browser cache or a proxy would otherwise keep them. Public reads keep the
 * caching their route chose.
 */
export function registerCachePolicy(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.principal !== null || request.routeOptions.config.isPersonal === true || !SAFE_METHODS.has(request.method)) {
      reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });
}
