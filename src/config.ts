import { resolve } from 'node:path';
import { loadJurisdiction, JurisdictionError, type Jurisdiction } from './platform/jurisdiction.ts';

/** Where the data lives: an embedded SQLite file or a PostgreSQL server. */
export type DatabaseConfig = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

/** The whole configuration of a Kinga process, parsed once at start and frozen. */
export interface Config {
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  database: DatabaseConfig;
  jurisdictionFile: string;
  jurisdiction: Jurisdiction;
  /** A fixed "now" for the whole process (`KINGA_CLOCK`), or undefined for the system clock. */
  clock: Date | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** JSON lines for log systems, or readable lines for a person at a terminal (`LOG_FORMAT`, by default chosen by whether stdout is one). */
  logFormat: 'json' | 'pretty';
  /** Field-encryption keys: a file path, or inline keys from the environment. */
  keys: { file: string; inline: string | undefined };
  smtp: { url: string | undefined; from: string };
  session: { idleMinutes: number; maxHours: number; isCookieSecure: boolean };
  login: { maxAttempts: number; maxAttemptsPerAddress: number; lockMinutes: number };
  /** One-time codes and confirmation links sent to an e-mail address someone typed: per address, and per client address. */
  codeSends: { perAddress: number; perNetworkAddress: number; windowMinutes: number };
  rateLimit: { writesPerMinute: number };
  isWorkerEnabled: boolean;
  /** Days finished background jobs are kept before the daily clean-up deletes them. */
  trustProxy: boolean;
  /**
   * Secrets a profile names by their environment variable (a USSD gateway's), from every variable
   * whose name ends in `_SECRET`: modules read them here, never from the environment.
   */
  secrets: Readonly<Record<string, string>>;
  /**
   * The addresses of SMS centres (`smpp://system_id:password@host:port`), from every variable named
   * `SMPP_URL` or `SMPP_URL_<ROUTE>`: the profile's routes name theirs, and hold no password.
   */
  smppUrls: Readonly<Record<string, string>>;
}

/** Every problem found in the environment and the profile, reported together. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Kinga cannot start, the configuration is wrong:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Parses the environment (documented in `.env.example`) and the jurisdiction profile it names.
 * All problems are collected and thrown together in a {@link ConfigError}. `isTerminal` says
 * whether standard output is a terminal, which chooses the log format unless `LOG_FORMAT` does.
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd(), isTerminal: boolean = process.stdout.isTTY === true): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}: "${raw}" must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name}: "${raw}" must be true or false`);
    return fallback;
  };

  const host = env['HOST'] || '127.0.0.1';
  const port = int('PORT', 3000, 0, 65535);
  const dataDir = resolve(cwd, env['KINGA_DATA_DIR'] || 'data');

  let database: DatabaseConfig = { dialect: 'sqlite', file: resolve(dataDir, 'kinga.db') };
  const url = env['DATABASE_URL'];
  if (url) {
    if (/^postgres(ql)?:\/\//.test(url)) database = { dialect: 'postgres', url };
    else if (url.startsWith('sqlite:'))
      database = { dialect: 'sqlite', file: url === 'sqlite::memory:' ? ':memory:' : resolve(cwd, url.slice('sqlite:'.length)) };
    else problems.push('DATABASE_URL: must start with postgres:// or sqlite:');
  }

  let clock: Date | undefined;
  const rawClock = env['KINGA_CLOCK'];
  if (rawClock) {
    const parsed = new Date(rawClock);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(rawClock) || Number.isNaN(parsed.getTime())) {
      problems.push(`KINGA_CLOCK: "${rawClock}" must be an ISO 8601 instant with a zone, such as 2026-12-23T10:00:00Z`);
    } else clock = parsed;
  }

  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
  const rawLevel = env['LOG_LEVEL'] || 'info';
  const logLevel = levels.find((l) => l === rawLevel);
  if (!logLevel) problems.push(`LOG_LEVEL: "${rawLevel}" must be one of ${levels.join(', ')}`);
  const rawFormat = env['LOG_FORMAT'] || (isTerminal ? 'pretty' : 'json');
  const logFormat = (['json', 'pretty'] as const).find((f) => f === rawFormat);
  if (!logFormat) problems.push(`LOG_FORMAT: "${rawFormat}" must be json or pretty`);

  const smtpUrl = env['SMTP_URL'] || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push('SMTP_URL: must start with smtp:// or smtps://');

  const publicUrl = (env['PUBLIC_URL'] || `http://localhost:${port}`).replace(/\/$/, '');
  if (!/^https?:\/\//.test(publicUrl)) problems.push('PUBLIC_URL: must start with http:// or https://');

  const jurisdictionFile = resolve(cwd, env['KINGA_JURISDICTION'] || 'jurisdictions/demo.json');
  let jurisdiction: Jurisdiction | undefined;
  try {
    jurisdiction = loadJurisdiction(jurisdictionFile);
  } catch (error) {
    if (!(error instanceof JurisdictionError)) throw error;
    problems.push(...error.problems.map((p) => `KINGA_JURISDICTION ${jurisdictionFile} ${p}`));
  }

  const config = {
    host,
    port,
    publicUrl,
    dataDir,
    database,
    jurisdictionFile,
    clock,
    logLevel: logLevel ?? 'info',
    logFormat: logFormat ?? 'json',
    keys: { file: resolve(cwd, env['KINGA_KEY_FILE'] || resolve(dataDir, 'keys.json')), inline: env['KINGA_DATA_KEYS'] || undefined },
    smtp: { url: smtpUrl, from: env['MAIL_FROM'] || 'Kinga <no-reply@localhost>' },
    session: {
      idleMinutes: int('SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
      maxHours: int('SESSION_MAX_HOURS', 12, 1, 24 * 30),
      isCookieSecure: bool('COOKIE_SECURE', true),
    },
    login: {
      maxAttempts: int('LOGIN_MAX_ATTEMPTS', 5, 1, 100),
      maxAttemptsPerAddress: int('LOGIN_MAX_ATTEMPTS_PER_ADDRESS', 50, 1, 100_000),
      lockMinutes: int('LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    },
    codeSends: {
      perAddress: int('CODE_SENDS_PER_ADDRESS', 5, 1, 1000),
      perNetworkAddress: int('CODE_SENDS_PER_NETWORK_ADDRESS', 20, 1, 100_000),
      windowMinutes: int('CODE_SEND_WINDOW_MINUTES', 60, 1, 7 * 24 * 60),
    },
    rateLimit: { writesPerMinute: int('RATE_LIMIT_WRITES_PER_MINUTE', 60, 1, 1_000_000) },
    isWorkerEnabled: bool('KINGA_WORKER', true),
    trustProxy: bool('TRUST_PROXY', false),
    smppUrls: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => /^SMPP_URL(_[A-Z0-9_]+)?$/.test(e[0]) && Boolean(e[1]))),
    secrets: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => /^[A-Z][A-Z0-9_]*_SECRET$/.test(e[0]) && Boolean(e[1]))),
  };
  if (problems.length > 0 || !jurisdiction) throw new ConfigError(problems);
  return deepFreezeConfig({ ...config, jurisdiction });
}

function deepFreezeConfig<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (inner && typeof inner === 'object' && !(inner instanceof Date)) deepFreezeConfig(inner as object);
  return Object.freeze(value);
}
