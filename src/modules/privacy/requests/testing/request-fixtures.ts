import type { Fulfilment, ErasurePolicy } from '../../fulfil/fulfilment.ts';
import type { SubjectIdentity } from '../../../../platform/privacy/record-kinds.ts';

/**
 * A small implementation of the `Fulfilment` contract for tests of requests: the archive is a
 * zip's first bytes then the identity as JSON, and an erasure keeps one record for an open case
 * until `closeCase()` is called. It records each call, so a test sees the policy passed, and reads
 * the database through `readDatabase` as the real one reads every module's tables.
 */
export function createTestFulfilment(options: { readDatabase?: () => Promise<unknown> } = {}): Fulfilment & {
  calls: { kind: 'access' | 'erase'; identity: SubjectIdentity; reference: string; policy?: ErasurePolicy }[];
  closeCase(): void;
} {
  let isCaseOpen = true;
  const calls: { kind: 'access' | 'erase'; identity: SubjectIdentity; reference: string; policy?: ErasurePolicy }[] = [];
  return {
    calls,
    operatorNotices: () => Promise.resolve([]),
    closeCase() {
      isCaseOpen = false;
    },
    async accessArchive({ identity, reference }) {
      calls.push({ kind: 'access', identity, reference });
      await options.readDatabase?.();
      const body = new TextEncoder().encode(JSON.stringify({ reference, identity }));
      const bytes = new Uint8Array(4 + body.length);
      bytes.set([0x50, 0x4b, 0x03, 0x04]);
      bytes.set(body, 4);
      return { fileName: `personal-data-${reference}.zip`, bytes, places: [{ kind: 'complaints.complaints', records: 2 }] };
    },
    async erase({ identity, reference, policy }) {
      calls.push({ kind: 'erase', identity, reference, policy });
      await options.readDatabase?.();
      return {
        kinds: [
          {
            kind: 'complaints.complaints',
            rule: { period: 'P5Y', trigger: 'closed', action: 'anonymise', legalBasis: 'publicTask' } as const,
            erased: isCaseOpen ? 1 : 2,
            anonymised: 0,
            kept: isCaseOpen ? [{ id: 'c-2', reason: 'openCase' as const }] : [],
          },
          {
            kind: 'complaints.statistics',
            rule: { period: 'P10Y', trigger: 'created', action: 'anonymise', legalBasis: 'legalObligation' } as const,
            erased: 0,
            anonymised: 0,
            kept: [{ id: 's-1', reason: 'statistics' as const }],
          },
        ],
        operatorIds: ['OP-1'],
        isFinal: !isCaseOpen,
      };
    },
  };
}
