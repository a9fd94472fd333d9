import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Computes once the headers Helmet would set for these options. Helmet builds its middleware
 * from the options, and the Fastify plugin rebuilds it on every request; the headers never
 * change, so they are worked out at start and copied onto every reply.
 */
export function securityHeaders(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  // Helmet's default X-Frame-Options is SAMEORIGIN, which contradicts the `frame-ancestors 'none'`
  // every Kinga policy sets; DENY says the same as the policy to browsers that read only the older header.
  if (headers['x-frame-options'] !== undefined) headers['x-frame-options'] = 'DENY';
  return Object.freeze(headers);
}

/** Sets the security headers on every response of the application, errors and 404s included. */
export function registerSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
