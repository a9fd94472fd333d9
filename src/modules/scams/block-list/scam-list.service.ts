import type { Keyring } from '../../../platform/crypto/index.ts';
import type { Signer } from '../../../platform/crypto/signing.ts';
import type { Executor, Transaction } from '../../../platform/db/index.ts';
import { csvRecord } from '../../../platform/csv-writer.ts';
import { isListed } from '../reputation/identifier-state.ts';
import type { IdentifierMoved } from '../reputation/identifier-states.service.ts';
import type { ScamListRepository } from './scam-list.repository.ts';
import { SEALED } from '../shared/sealed-contexts.ts';

/** One entry of the list or of a delta. */
export interface ListEntry {
  /** In a delta: `add` or `remove`; a full list holds adds only. */
  change: 'add' | 'remove';
  kind: string;
  value: string;
  /** When the identifier was confirmed; null for a removal of an identifier cleared since. */
  confirmedSince: string | null;
}

/** The list at a version, or what changed since an earlier one. */
export interface ListRead {
  version: number;
  publishedAt: string | null;
  /** Set on a delta: the version it starts after. */
  since: number | null;
  entries: ListEntry[];
}

/** The list as sent: the exact bytes, their type and their signature header. */
export interface SignedList {
  body: string;
  contentType: string;
  signature: string;
  version: number;
}

/** The columns of the list's CSV file, in order. */
export const LIST_CSV_COLUMNS = ['change', 'kind', 'value', 'confirmed_since'] as const;

/** The signed, versioned list of confirmed identifiers that operators and banks fetch. */
export interface ScamList {
  /** The listener on identifier moves: a move into or out of a listed state appends a version, in the move's transaction. */
  onMoved(tx: Transaction, moved: IdentifierMoved): Promise<void>;
  /** The whole list at the current version, or (with `since`) the changes after that version. */
  read(since?: number): Promise<ListRead>;
  /** The list rendered as JSON or CSV and signed over its exact bytes. */
  signed(format: 'json' | 'csv', since?: number): Promise<SignedList>;
  /** The public key that verifies the signatures, as a JWK. */
  publicKey(): Signer['publicJwk'];
}

/** Builds the service. */
export function createScamList(deps: { db: Executor; repositoryIn(executor: Executor): ScamListRepository; keyring: Keyring; signer: Signer }): ScamList {
  const repository = deps.repositoryIn(deps.db);

  async function read(since?: number): Promise<ListRead> {
    const current = await repository.currentVersion();
    const version = current?.version ?? 0;
    const after = since === undefined ? 0 : Math.min(since, version);
    // The last change of each identifier in the range is what the range did to it.
    const last = new Map<string, Awaited<ReturnType<ScamListRepository['changesBetween']>>[number]>();
    for (const row of await repository.changesBetween(after, version)) {
      last.delete(row.identifier_id);
      last.set(row.identifier_id, row);
    }
    const entries: ListEntry[] = [];
    for (const row of last.values()) {
      if (since === undefined && row.change !== 'add') continue;
      entries.push({
        change: row.change === 'add' ? 'add' : 'remove',
        kind: row.kind,
        value: deps.keyring.decrypt(row.value_enc, SEALED.identifierValue),
        confirmedSince: row.confirmed_at,
      });
    }
    return { version, publishedAt: current?.published_at ?? null, since: since === undefined ? null : after, entries };
  }

  return {
    async onMoved(tx, moved) {
      const was = isListed(moved.from);
      const is = isListed(moved.to);
      if (was === is) return;
      await deps.repositoryIn(tx).appendChange({ identifierId: moved.identifier.id, change: is ? 'add' : 'remove', at: moved.at });
    },
    read,
    async signed(format, since) {
      const list = await read(since);
      const body =
        format === 'json'
          ? JSON.stringify(list)
          : csvRecord(LIST_CSV_COLUMNS) + list.entries.map((e) => csvRecord([e.change, e.kind, e.value, e.confirmedSince])).join('');
      return {
        body,
        contentType: format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
        signature: deps.signer.header(body),
        version: list.version,
      };
    },
    publicKey: () => deps.signer.publicJwk,
  };
}
