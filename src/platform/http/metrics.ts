import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { App } from '../module.ts';
import type { Platform } from '../platform.ts';

/**
 * A Prometheus registry per application (so several apps in one test process do not clash),
 * with process metrics and a request-duration histogram labelled by route pattern, never by raw URL.
 */
export function createMetrics(app: App, _platform: Platform): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kinga_' });
  const duration = new Histogram({
    name: 'kinga_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    // The route pattern, never the URL or the client address: see createLogger.
    request.log.info({ method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    done();
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
