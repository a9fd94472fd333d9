import type { Kysely } from 'kysely';
import { createTestClock } from '../../../../test/helpers/platform.ts';
import { createAuditLog } from '../../../platform/audit/index.ts';
import { createKeyring, generateKeyMaterial } from '../../../platform/crypto/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { createOperatorDataRepository } from '../operator-dumps/operator-dumps.repository.ts';

/**
 * What the dump import and the list uploads share in a test: the operator data repository over
 * `db`, fresh keys, an audit log, and a clock set to 2026-12-01 09:00 UTC that the test moves.
 */
export function operatorDataDepsFor(db: Kysely<Database>) {
  const clock = createTestClock('2026-12-01T09:00:00Z');
  const ids = () => uuidv7(clock.now().getTime());
  return {
    repository: createOperatorDataRepository(db),
    keyring: createKeyring(generateKeyMaterial()),
    audit: createAuditLog({ clock, ids, keyring: createKeyring(generateKeyMaterial()) }),
    clock,
    ids,
  };
}
