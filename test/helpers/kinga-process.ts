import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, where `kinga` finds `jurisdictions/demo.json` by default. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The `kinga` entry point. */
export const KINGA_BIN = fileURLToPath(new URL('../../bin/kinga.js', import.meta.url));

/** How a finished `kinga` process ended and what it wrote. */
export interface KingaOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running `kinga` process. */
export interface KingaProcess {
  child: ChildProcess;
  /** Everything written so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves with the first stdout line matching `pattern`, or rejects when the process ends first. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves when the process has ended. */
  exited: Promise<KingaOutcome>;
}

/**
 * The environment of a child `kinga`: only what it needs, so variables set on the developer's
 * machine (DATABASE_URL, PORT, KINGA_*) never leak into a test.
 */
export function kingaEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { KINGA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1', COOKIE_SECURE: 'false' };
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

/** Starts `node bin/kinga.js <args>` from the repository root. */
export function startKinga(args: string[], env: Record<string, string>): KingaProcess {
  const child = spawn(process.execPath, [KINGA_BIN, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const lineWaiters: Array<() => void> = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const notify of lineWaiters) notify();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<KingaOutcome>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr });
      for (const notify of lineWaiters) notify();
    });
  });
  return {
    child,
    output: () => ({ stdout, stderr }),
    exited,
    waitForLine(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`No line matching ${pattern} within ${timeoutMs} ms.\nstdout:\n${stdout}\nstderr:\n${stderr}`)),
          timeoutMs,
        );
        const check = () => {
          const match = stdout.match(pattern);
          if (match) {
            clearTimeout(timer);
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            reject(new Error(`kinga ended (${child.exitCode ?? child.signalCode}) before printing ${pattern}.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
          }
        };
        lineWaiters.push(check);
        check();
      });
    },
  };
}

/** Runs `node bin/kinga.js <args>` to the end, killing it after `timeoutMs`. */
export async function runKinga(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<KingaOutcome> {
  const running = startKinga(args, env);
  const timer = setTimeout(() => running.child.kill('SIGKILL'), timeoutMs);
  try {
    return await running.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Answers whether text holds a stack trace line. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at /m.test(text);
}
