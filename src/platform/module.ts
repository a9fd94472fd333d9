import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Migrations } from './db/index.ts';
import type { NavItem } from './web/context.ts';
import type { Platform } from './platform.ts';
import type { Role } from './auth/principal.ts';

/** The Fastify instance routes are written against: TypeBox schemas give the types. */
export type App = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

/** A staff page of a module, as the dashboard lists it. */
export interface ModuleStaffLink {
  href: string;
  labelKey: string;
  descriptionKey: string;
  roles: readonly Role[];
}

/**
 * What a business module gives the platform: its migrations, its navigation links, its
 * routes, its background job handlers and its demo data. `src/modules/index.ts` lists them.
 */
export interface KingaModule {
  name: string;
  migrations?: Migrations;
  /**
   * Checks the module's settings in the jurisdiction profile (`modules.<name>`, possibly absent)
   * and returns every problem as "/modules/<name>/<field>: what is wrong"; start-up stops on any.
   */
  checkSettings?(settings: Readonly<Record<string, unknown>> | undefined): string[];
  nav?: NavItem[];
  /** Links on the staff dashboard, each shown to the roles that may open it. */
  staffLinks?: ModuleStaffLink[];
  /** Registers routes; runs inside an encapsulated Fastify plugin. */
  routes?(app: App, platform: Platform): Promise<void> | void;
  /** Registers job handlers on the platform's queue. */
  jobs?(platform: Platform): void;
  /** An absolute folder of static files (style sheets, scripts) served at `/assets/<name>/`. */
  assetsDir?: string;
  /** Inserts the module's demo data once; must be idempotent by checking what exists. */
  seedDemo?(platform: Platform): Promise<void>;
  /**
   * Services a process may run alone, near its users (`kinga serve --only <name>`), by name:
   * each registers its routes on an app that serves nothing else but the health checks.
   */
  services?: Readonly<Record<string, (app: App, platform: Platform) => Promise<void> | void>>;
}
