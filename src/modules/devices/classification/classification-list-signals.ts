import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import { isDuplicateCondition, type Condition } from './classification-rules.ts';
import type { ClassificationRepository } from './classification.repository.ts';
import { GOLDEN_HASH_PURPOSE } from './classification.service.ts';
import type { ListSignals, ListSignal } from '../imei-check/device-status.ts';
import type { CheckSignalRow } from '../imei-check/imei-check.repository.ts';

/**
 * What the classification state and the reports say about checked IMEIs: blocked once a blocking
 * condition's block date has come (never for a golden IMEI), duplicate under watch while a
 * duplicate condition holds, reported stolen while a verified report is not recovered or the
 * stolen list names it.
 */
export function createClassificationListSignals(deps: {
  repository: Pick<ClassificationRepository, 'currentGolden'>;
  keyring: Keyring;
  clock: Clock;
  conditions: readonly Condition[];
}): ListSignals {
  const byName = new Map(deps.conditions.map((c) => [c.name, c]));
  return {
    async of(rows: readonly CheckSignalRow[]) {
      const signals = new Map<string, ListSignal[]>();
      if (rows.length === 0) return signals;
      const today = deps.clock.now().toISOString().slice(0, 10);
      const add = (key: string, signal: ListSignal) => signals.set(key, [...(signals.get(key) ?? []), signal]);
      for (const r of rows) if (r.kind === 'stolen') add(r.imei_key, { status: 'reportedStolen', since: r.start_date });
      const states = rows.filter((r): r is CheckSignalRow & { condition_name: string } => r.kind === 'state' && r.condition_name !== null);
      const blocked = states.filter((s) => byName.get(s.condition_name)?.isBlocking === true && s.block_date !== null && s.block_date <= today);
      // Golden IMEIs are stored hashed only: asked only when a blocking period is due.
      const hashes = new Map([...new Set(blocked.map((s) => s.imei_key))].map((key) => [deps.keyring.hash(key, GOLDEN_HASH_PURPOSE), key]));
      const golden = new Set(hashes.size === 0 ? [] : (await deps.repository.currentGolden([...hashes.keys()])).map((h) => hashes.get(h)));
      for (const s of blocked) if (!golden.has(s.imei_key)) add(s.imei_key, { status: 'blocked', since: s.block_date });
      for (const s of states) {
        const condition = byName.get(s.condition_name);
        if (condition && isDuplicateCondition(condition)) add(s.imei_key, { status: 'duplicateWatch', since: s.start_date });
      }
      return signals;
    },
  };
}
