import { sql, type Kysely } from 'kysely';

/**
 * A measurement's cells come from its position as measured, at every published resolution (H3's
 * `latLngToCell` on the point), and only the cells are kept: `h3_cells` holds the cells of the
 * published resolutions coarser than `h3_cell`, and `place_source` says how the place was found:
 * `position` (cells of the position as measured), `district` (a district the person chose: its
 * centroid, no cell) or `rounded`.
 *
 * Rows stored before this release kept a position rounded to 0.01 degree and the cell of that
 * rounded position; the position as measured was never stored, so their cells cannot be computed
 * again. They are marked `rounded` (`district` when a district was chosen), keep what they have,
 * and count in cells only where the profile says so (`statistics.countRoundedPositionsInCells`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('quality_measurements').addColumn('h3_cells', 'text').execute();
  await db.schema.alterTable('quality_measurements').addColumn('place_source', 'text').execute();
  await sql`update quality_measurements set place_source = 'district' where district_code is not null`.execute(db);
  await sql`update quality_measurements set place_source = 'rounded' where district_code is null and (h3_cell is not null or lat is not null)`.execute(db);
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
