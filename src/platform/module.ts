import type { Registry } from 'prom-client';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Command } from 'commander';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Migrations } from './db/index.ts';
import type { NavItem } from './web/context.ts';
import type { Platform } from './platform.ts';
import type { Role } from './auth/principal.ts';
import type { CommandIo } from './cli/command-io.ts';
import type { AnySettingsDefinition } from './settings.ts';
import type { RecordKind } from './privacy/record-kinds.ts';
import type { DatasetDescription } from './open-data/dataset-description.ts';

/** The Fastify instance routes are written against: TypeBox schemas give the types. */
export type App = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

/** A figure the dashboard shows under a staff link: a message of the module's catalogue with its count. */
export interface StaffFigure {
  /** An ICU message taking `{count}`. */
  messageKey: string;
  count: number;
  /** Work past its deadline: shown as a warning, in words and not by colour alone. */
  isAlert?: boolean;
}

/** A staff page of a module, as the dashboard lists it. */
export interface ModuleStaffLink {
  href: string;
  labelKey: string;
  descriptionKey: string;
  roles: readonly Role[];
  /**
   * The figures the dashboard shows under the link for this member of staff (what waits for them,
   * what is overdue), read when the dashboard is opened; an operator's agent sees its operator's.
   */
  figures?(platform: Platform, staff: { role: Role; operatorId: string | null }): Promise<readonly StaffFigure[]>;
}

/** Long-running work a module started, and how to stop it. */
export interface ModuleWorker {
  stop(): Promise<void>;
}

/** Registers commands on the `kinga` program (or on one of its commands). */
export type ModuleCommands = (program: Command, io: CommandIo) => void;

/**
 * What a business module gives the platform: its migrations, its navigation links, its
 * routes, its background job handlers, its commands and its demo data. `src/modules/index.ts`
 * lists them.
 */
export interface KingaModule {
  name: string;
  migrations?: Migrations;
  /**
   * The module's settings schema (`modules.<name>` of the profile): checked at start, where every
   * problem stops it, and resolved once into `platform.settings.<name>`. Listed again in
   * `src/modules/settings.ts`, from which the profile's JSON Schema is generated.
   */
  settings?: AnySettingsDefinition;
  nav?: NavItem[];
  /** Links in every page's footer, after the authority's name (the public "what we keep and why"). */
  footerLinks?: NavItem[];
  /** Links on the staff dashboard, each shown to the roles that may open it. */
  staffLinks?: ModuleStaffLink[];
  /** Registers routes; runs inside an encapsulated Fastify plugin. */
  routes?(app: App, platform: Platform): Promise<void> | void;
  /** Registers job handlers on the platform's queue. */
  jobs?(platform: Platform): void;
  /**
   * Starts work that lasts as long as the process (binds to operators' SMS centres), in a process
   * that runs the job worker; `kinga serve` stops it before closing the platform.
   */
  workers?(platform: Platform, context: { isDemo: boolean }): Promise<ModuleWorker>;
  /** Adds the module's gauges and counters to the application's `/metrics` registry. */
  metrics?(registry: Registry, platform: Platform): void;
  /** An absolute folder of static files (style sheets, scripts) served at `/assets/<name>/`. */
  assetsDir?: string;
  /**
   * Adds the module's `kinga` commands, which print to and open the platform through `io`. It
   * lives in a `*.cli.ts` file that imports its services inside each action, and is listed again
   * in `src/modules/commands.ts`, which `kinga --help` loads instead of the modules themselves.
   */
  commands?: ModuleCommands;
  /**
   * The kinds of record holding personal data the module keeps, with their default retention
   * rules and how to apply them or find one person's records (`platform/privacy/record-kinds.ts`).
   * Read once at start into `platform.recordKinds`.
   */
  recordKinds?(platform: Platform): readonly RecordKind[];
  /** The datasets the module publishes as open data, for the catalogue; read once at start into `platform.datasets`. */
  datasets?(platform: Platform): readonly DatasetDescription[];
  /** Inserts the module's demo data once; must be idempotent by checking what exists. */
  seedDemo?(platform: Platform): Promise<void>;
  /**
   * Services a process may run alone, near its users (`kinga serve --only <name>`), by name:
   * each registers its routes on an app that serves nothing else but the health checks.
   */
  services?: Readonly<Record<string, (app: App, platform: Platform) => Promise<void> | void>>;
}
