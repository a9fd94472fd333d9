import type { Keyring } from '../../../platform/crypto/index.ts';
import type { IdentifierKind } from '../scams.settings.ts';
import type { ScamLookupRepository } from './scam-lookup.repository.ts';
import { publicCount, publicStatusOf, readLookupValue, type LookupProblem, type PublicStatus } from './scam-lookup.ts';
import { identifierValueHash } from '../shared/identifier-hash.ts';

/** The answer to "Is this number or link a scam?": never a reporter, never the reports themselves. */
export interface LookupAnswer {
  kind: IdentifierKind;
  /** The value as read: a number in E.164, a short code, a sender id, or a link defanged. */
  shown: string;
  status: PublicStatus;
  /** Confirmed (or under appeal): since it was confirmed; cleared: since it was cleared; otherwise null. */
  since: string | null;
  /** The reports naming it, from the profile's smallest count up; below it, null and `fewerThan` says the count. */
  reports: number | null;
  fewerThan: number | null;
}

/** The public lookup. */
export interface ScamLookupService {
  lookup(typed: string): Promise<{ ok: true; answer: LookupAnswer } | { ok: false; problem: LookupProblem }>;
}

/** Builds the lookup over its repository. */
export function createScamLookupService(deps: {
  repository: ScamLookupRepository;
  keyring: Keyring;
  country: string;
  smallestCount: number;
}): ScamLookupService {
  return {
    async lookup(typed) {
      const read = readLookupValue(typed, deps.country);
      if (!read.ok) return read;
      const { kind, value, shown } = read.value;
      const row = await deps.repository.findByHash(identifierValueHash(deps.keyring, kind, value));
      const status = publicStatusOf(row?.state);
      const since = status === 'confirmed' || status === 'appealed' ? (row?.confirmed_at ?? null) : status === 'cleared' ? (row?.cleared_at ?? null) : null;
      const counted = status === 'noReports' ? { count: 0, fewerThan: null } : publicCount(row?.reports ?? 0, deps.smallestCount);
      return { ok: true, answer: { kind, shown, status, since, reports: counted.count, fewerThan: counted.fewerThan } };
    },
  };
}
