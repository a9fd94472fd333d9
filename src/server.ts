import type { Config } from './config.ts';
import { buildApp } from './app.ts';
import { buildServiceApp, standaloneServices, UnknownServiceError } from './service-app.ts';
import { closePlatform, createPlatform } from './platform/create.ts';
import { seedDemo } from './platform/demo.ts';
import { scheduleMaintenance } from './platform/maintenance.ts';
import { modules } from './modules/index.ts';

/** How long in-flight requests may take to finish after SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Opens the database, migrates, seeds the demo when asked, listens, starts the job worker,
 * and shuts everything down gracefully on SIGTERM or SIGINT.
 */
export async function startServer(config: Config, options: { isDemo: boolean; only?: string; write?: (line: string) => void }): Promise<void> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const startedAt = performance.now();
  const only = options.only;
  // Fail before touching the database when the service named does not exist.
  if (only !== undefined && !standaloneServices(modules).includes(only)) throw new UnknownServiceError(only, standaloneServices(modules));
  const platform = await createPlatform(config, modules);
  if (options.isDemo && only === undefined) {
    const created = await seedDemo(platform, modules);
    for (const line of created) write(line);
  }
  const app = only === undefined ? await buildApp(platform, modules) : await buildServiceApp(platform, modules, only);
  await app.listen({ host: config.host, port: config.port });
  // A process serving one service near its users leaves the job worker to the main processes.
  const isWorking = config.isWorkerEnabled && only === undefined;
  const maintenance = isWorking ? scheduleMaintenance(platform) : undefined;
  if (isWorking) platform.jobs.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '127.0.0.1' || config.host === '::1' ? 'localhost' : config.host;
  write(`Kinga is serving ${only === undefined ? config.jurisdiction.name : `only the ${only} service of ${config.jurisdiction.name}`} at http://${shownHost}:${port} (ready in ${Math.round(performance.now() - startedAt)} ms).`);

  let isClosing = false;
  const shutdown = (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    platform.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      platform.logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    maintenance?.stop();
    app
      .close()
      .then(() => closePlatform(platform))
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        platform.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
