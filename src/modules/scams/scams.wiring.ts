import { servicesOf, type Platform } from '../../platform/platform.ts';
import { createIdentifierStates, type IdentifierStates } from './reputation/identifier-states.service.ts';
import { createScamIdentifierRepository } from './reputation/scam-identifier.repository.ts';
import { listenForNoticesAndList } from './notices/notices.wiring.ts';
import { addReporterNews } from './outcomes/reporter-news.wiring.ts';

/** The services every capability of the module shares, built once per platform so that listeners added to them hear every move. */
export interface ScamsCore {
  states: IdentifierStates;
}

const cores = new WeakMap<Platform, ScamsCore>();

/** The module's shared services over `platform`: the identifier states with every capability's listener on them. */
export function scamsCoreOf(platform: Platform): ScamsCore {
  const known = cores.get(platform);
  if (known) return known;
  const states = createIdentifierStates({ repository: createScamIdentifierRepository(platform.db.kysely), ...servicesOf(platform, 'audit', 'clock', 'ids') });
  listenForNoticesAndList(platform, states);
  addReporterNews(platform, states);
  const core: ScamsCore = { states };
  cores.set(platform, core);
  return core;
}
