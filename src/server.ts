import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { buildApp } from './app.ts';
import { buildServiceApp, standaloneServices, UnknownServiceError } from './service-app.ts';
import { closePlatform, createPlatform } from './platform/create.ts';
import { seedDemo } from './platform/demo.ts';
import { scheduleMaintenance, type MaintenanceSchedule } from './platform/maintenance.ts';
import type { Platform } from './platform/platform.ts';
import type { ModuleWorker } from './platform/module.ts';
import { modules } from './modules/index.ts';

/** How long in-flight requests may take to finish after SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;
/** The longest the demo's first start waits for the jobs its data queued before printing how to sign in. */
const DEMO_JOBS_WAIT_MS = 60_000;

/**
 * Opens the database, migrates, seeds the demo when asked, listens, starts the job worker,
 * and shuts everything down gracefully on SIGTERM or SIGINT.
 */
export async function startServer(config: Config, options: { isDemo: boolean; only?: string; write?: (line: string) => void }): Promise<void> {
  const startedAt = performance.now();
  const only = options.only;
  // Fail before touching the database when the service named does not exist.
  if (only !== undefined && !standaloneServices(modules).includes(only)) throw new UnknownServiceError(only, standaloneServices(modules));
  const platform = await createPlatform(config, modules);
  const write = options.write ?? outputOf(platform.logger);
  const demo = options.isDemo && only === undefined ? await seedDemo(platform, modules) : undefined;
  const app = only === undefined ? await buildApp(platform, modules) : await buildServiceApp(platform, modules, only);
  await app.listen({ host: config.host, port: config.port });
  const readyMs = Math.round(performance.now() - startedAt);
  // A process serving one service near its users leaves the job worker to the main processes.
  const isWorking = config.isWorkerEnabled && only === undefined;
  const maintenance = isWorking ? scheduleMaintenance(platform) : undefined;
  if (isWorking) {
    // The demo's data queues jobs (e-mails, classification, statistics); run them now, so that their
    // log lines come before, not after, the accounts printed below.
    if (demo?.isFirstLoad) await drainJobs(platform, maintenance, DEMO_JOBS_WAIT_MS);
    platform.jobs.start();
  }
  const workers = isWorking ? await startWorkers(platform, options.isDemo) : [];
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '127.0.0.1' || config.host === '::1' ? 'localhost' : config.host;
  const servedAt = `http://${shownHost}:${port}`;
  write(
    `Kinga is serving ${only === undefined ? config.jurisdiction.name : `only the ${only} service of ${config.jurisdiction.name}`} at ${servedAt} (ready in ${readyMs} ms).`,
  );
  if (demo) {
    // Without PUBLIC_URL and with PORT=0 the configured address names port 0; the real one is known now.
    const publicUrl = new URL(config.publicUrl).port === '0' ? servedAt : config.publicUrl;
    const lines = demo.lines(publicUrl);
    // Last, after a blank line: what a person starting the demo needs to read.
    if (lines.length > 0) write(['', ...lines].join('\n'));
  }

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
      .then(() => Promise.all(workers.map((worker) => worker.stop())))
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

/** Starts the modules' long-running work; a module whose work cannot start stops the start, after what already started is stopped. */
async function startWorkers(platform: Platform, isDemo: boolean): Promise<ModuleWorker[]> {
  const started: ModuleWorker[] = [];
  try {
    for (const module of modules) if (module.workers) started.push(await module.workers(platform, { isDemo }));
  } catch (error) {
    await Promise.all(started.map((worker) => worker.stop()));
    throw error;
  }
  return started;
}

/** Runs the jobs due now until none is left or `waitMs` passed, after the maintenance schedule's first requests. */
async function drainJobs(platform: Platform, maintenance: MaintenanceSchedule | undefined, waitMs: number): Promise<void> {
  await maintenance?.firstAsked;
  const deadline = Date.now() + waitMs;
  let ran = 1;
  while (ran > 0 && Date.now() < deadline) ran = await platform.jobs.runDue();
}

/**
 * Writes lines for the person running Kinga through the logger's own stream, so they come out in
 * order with the log lines written before them (pino writes to standard output asynchronously).
 */
function outputOf(logger: Logger): (line: string) => void {
  const stream: unknown = Reflect.get(logger, pino.symbols.streamSym);
  if (stream !== null && typeof stream === 'object' && 'write' in stream && typeof stream.write === 'function') {
    const { write } = stream;
    return (line) => void write.call(stream, `${line}\n`);
  }
  return (line) => void process.stdout.write(`${line}\n`);
}
