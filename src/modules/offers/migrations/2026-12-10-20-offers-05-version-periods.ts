import { sql, type Kysely } from 'kysely';

/** A stored version with its period, as the repair reads it. */
interface VersionPeriod {
  id: string;
  key: string;
  effective_from: string;
  effective_to: string | null;
  published_at: string | Date;
}

/** The UTC day an instant was stored on: earlier releases showed a version from that day on. */
function dayOf(instant: string | Date): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/**
 * The periods that end the overlaps of one entry's versions (oldest first): what a new import now
 * writes. Earlier releases kept every version open-ended and showed, for a day, the newest version
 * in effect that was already published, so a version starts no earlier than the day it was
 * published (nor than the version before it) and closes the last version that applied. A version
 * whose period ends up empty never applied: it closes nothing. Only changed periods are returned.
 */
export function repairedPeriods(versions: readonly VersionPeriod[]): { id: string; effective_from: string; effective_to: string | null }[] {
  const periods = versions.map((v) => ({ id: v.id, effective_from: v.effective_from, effective_to: v.effective_to }));
  let applying: (typeof periods)[number] | undefined;
  let earliest = '';
  versions.forEach((version, index) => {
    const period = periods[index];
    if (!period) return;
    if (index > 0) {
      const published = dayOf(version.published_at);
      period.effective_from = [period.effective_from, published, earliest].reduce((a, b) => (a > b ? a : b));
      if (period.effective_to !== null && period.effective_to < period.effective_from) period.effective_to = period.effective_from;
    }
    earliest = period.effective_from;
    if (period.effective_to !== null && period.effective_to <= period.effective_from) return;
    if (applying && (applying.effective_to === null || applying.effective_to > period.effective_from)) applying.effective_to = period.effective_from;
    applying = period;
  });
  return periods.filter((p, index) => p.effective_from !== versions[index]?.effective_from || p.effective_to !== versions[index]?.effective_to);
}

async function repair(db: Kysely<unknown>, table: 'offer_versions' | 'roaming_rate_versions', key: ReturnType<typeof sql<string>>): Promise<void> {
  const { rows } =
    await sql<VersionPeriod>`select id, ${key} as key, effective_from, effective_to, published_at from ${sql.table(table)} order by ${key}, version`.execute(
      db,
    );
  let start = 0;
  while (start < rows.length) {
    let end = start + 1;
    while (end < rows.length && rows[end]?.key === rows[start]?.key) end += 1;
    for (const period of repairedPeriods(rows.slice(start, end))) {
      await sql`update ${sql.table(table)} set effective_from = ${period.effective_from}, effective_to = ${period.effective_to} where id = ${period.id}`.execute(
        db,
      );
    }
    start = end;
  }
}

/**
 * Versions of an offer or a roaming rate no longer overlap: a new version closes the one it
 * replaces. This repairs the versions earlier releases left open-ended side by side.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await repair(db, 'offer_versions', sql<string>`plan_id`);
  await repair(db, 'roaming_rate_versions', sql<string>`plan_id || ' ' || destination`);
}

/** Forward-only. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
