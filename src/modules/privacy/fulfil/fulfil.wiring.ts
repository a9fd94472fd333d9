import { createOperatorDirectory } from '../../../platform/operators/index.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createErasureNoticeRepository } from './erasure-notices.repository.ts';
import type { Fulfilment } from './fulfilment.ts';
import { createFulfilmentService } from './fulfilment.service.ts';
import { heldIdsFor } from '../retention/retention.wiring.ts';
import './erasure-notices.tables.ts';

/** Options of {@link createFulfilment}. */
export interface FulfilmentOptions {
  /** The ids of a kind's records under a legal hold; by default the retention capability's holds. */
  heldIdsFor?(kind: string): Promise<ReadonlySet<string>>;
}

/** Builds the fulfilment of access and erasure requests from the platform. */
export function createFulfilment(platform: Platform, options: FulfilmentOptions = {}): Fulfilment {
  const { jurisdiction } = platform.config;
  const settings = platform.settings.privacy;
  return createFulfilmentService({
    kinds: platform.recordKinds,
    // The schema checked each trigger, action and basis against the lists the types name.
    schedule: settings.retention.schedule,
    heldIdsFor: options.heldIdsFor ?? ((kind) => heldIdsFor(platform, kind)),
    repository: createErasureNoticeRepository(platform.db.kysely),
    operators: createOperatorDirectory(platform.db.kysely),
    catalogs: platform.catalogs,
    audit: platform.audit,
    jobs: platform.jobs,
    keyring: platform.keyring,
    clock: platform.clock,
    ids: platform.ids,
    logger: platform.logger,
    authority: jurisdiction.authority.name,
    timeZone: jurisdiction.timeZone,
    operatorLanguage: jurisdiction.defaultLanguage,
    archiveLimitBytes: settings.fulfil.archiveLimitMegabytes * 1024 * 1024,
  });
}
