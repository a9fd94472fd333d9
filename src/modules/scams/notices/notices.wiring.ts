import { createOperatorDirectory } from '../../../platform/operators/index.ts';
import { createEd25519Signer } from '../../../platform/crypto/signing.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createScamList, type ScamList } from '../block-list/scam-list.service.ts';
import { createScamListRepository } from '../block-list/scam-list.repository.ts';
import type { IdentifierStates } from '../reputation/identifier-states.service.ts';
import { createScamNoticeRepository } from './scam-notices.repository.ts';
import { createScamNotices, type ScamNotices } from './scam-notices.service.ts';

/** The purpose the list's signing key is derived for from the keyring: the same key after every restart, published at `/api/v1/scams/list/key`. */
export const LIST_SIGNING_PURPOSE = 'scams-list-signing';

/** The notices service over `platform`: callable without HTTP (the demo data, the staff dashboard). */
export function scamNoticesOf(platform: Platform): ScamNotices {
  return createScamNotices({
    db: platform.db.kysely,
    repositoryIn: createScamNoticeRepository,
    audit: platform.audit,
    clock: platform.clock,
    ids: platform.ids,
    keyring: platform.keyring,
    deadlineDays: platform.settings.scams.notices.deadlineDays,
    // The channels module's routes say which operator carries a number; a platform without it finds none.
    routes: (platform.settings as Partial<typeof platform.settings>).channels?.sms.routes ?? [],
    hashNumber: (e164) => platform.sms.hashNumber(e164),
    register: async (executor) => (await createOperatorDirectory(executor).list()).map((o) => o.id),
  });
}

/** The signed list service over `platform`. */
export function scamListOf(platform: Platform): ScamList {
  return createScamList({
    db: platform.db.kysely,
    repositoryIn: createScamListRepository,
    keyring: platform.keyring,
    signer: createEd25519Signer(platform.keyring.derive(LIST_SIGNING_PURPOSE)),
  });
}

/** Registers the notices' and the list's listeners on the identifier moves, so both write in the move's transaction. */
export function listenForNoticesAndList(platform: Platform, states: IdentifierStates): void {
  const notices = scamNoticesOf(platform);
  const list = scamListOf(platform);
  states.onMove((tx, moved) => notices.onMoved(tx, moved));
  states.onMove((tx, moved) => list.onMoved(tx, moved));
}
