/**
 * The one small-cell rule of every published dataset (`modules.opendata.smallestCount`): a count
 * of people or reports below the smallest count is withheld, published empty with its cell marked
 * suppressed, and when one table would hold a single withheld cell the smallest other non-zero cell
 * is withheld too, so that no withheld count can be recovered by subtracting the others from a
 * published total. Zero is published: it describes nobody.
 */

import type { TableSchemaField } from './dataset-description.ts';

/** A published count: `value` null with `isSuppressed` when withheld. */
export interface PublishedCount {
  value: number | null;
  isSuppressed: boolean;
}

/** One count on its own (a count without a table, such as a total or a lookup's figure). */
export function publishedCount(count: number, smallestCount: number): PublishedCount {
  return count > 0 && count < smallestCount ? { value: null, isSuppressed: true } : { value: count, isSuppressed: false };
}

/**
 * The counts of one table that is published with its total (or whose total can be read
 * elsewhere): every count from 1 to `smallestCount - 1` withheld, then, when exactly one is, the
 * smallest other non-zero count as well (complementary suppression).
 */
export function suppressSmallCells(counts: readonly number[], smallestCount: number): PublishedCount[] {
  const cells = counts.map((n) => publishedCount(n, smallestCount));
  if (cells.filter((c) => c.isSuppressed).length === 1) {
    let smallest = -1;
    counts.forEach((n, i) => {
      if (cells[i]?.isSuppressed || n === 0) return;
      if (smallest < 0 || n < (counts[smallest] ?? 0)) smallest = i;
    });
    if (smallest >= 0) cells[smallest] = { value: null, isSuppressed: true };
  }
  return cells;
}

/**
 * How every dataset writes a count the rule may withhold, the same in CSV and JSON: the column
 * itself (empty in CSV, `null` in JSON when withheld) followed by the boolean `<column>_suppressed`
 * (`true` when withheld), so that a withheld cell is never mistaken for one that is empty for
 * another reason (no subscribers, nothing resolved).
 */
export function suppressedColumn<Name extends string>(column: Name): `${Name}_suppressed` {
  return `${column}_suppressed`;
}

/** The columns of a file in order, each column the rule may withhold followed by its `<column>_suppressed`. */
export function withSuppressedColumns<Name extends string, Suppressible extends Name>(
  columns: readonly Name[],
  suppressible: readonly Suppressible[],
): Array<Name | `${Suppressible}_suppressed`> {
  const isSuppressible = (c: Name): c is Suppressible => (suppressible as readonly Name[]).includes(c);
  return columns.flatMap((c): Array<Name | `${Suppressible}_suppressed`> => (isSuppressible(c) ? [c, suppressedColumn(c)] : [c]));
}

/** A published count's two fields, for a JSON record or a CSV line: `{ reports: null, reports_suppressed: true }`. */
export function publishedFields<Name extends string>(
  column: Name,
  cell: PublishedCount,
): { [K in Name]: number | null } & { [K in `${Name}_suppressed`]: boolean } {
  return { [column]: cell.isSuppressed ? null : cell.value, [suppressedColumn(column)]: cell.isSuppressed } as {
    [K in Name]: number | null;
  } & { [K in `${Name}_suppressed`]: boolean };
}

/** A JSON record's value as a CSV cell: booleans as `true`/`false`, which a Table Schema `boolean` reads. */
export function csvValueOf(value: string | number | boolean | null | undefined): string | number | null | undefined {
  return typeof value === 'boolean' ? String(value) : value;
}

/** The values a Table Schema of a file with withheld cells declares missing: only the empty cell. */
export const SMALL_CELL_MISSING_VALUES: readonly string[] = [''];

/**
 * The Table Schema fields of a column the rule may withhold: the column, its description saying
 * it is empty when withheld, then its `<column>_suppressed` boolean.
 */
export function suppressibleFields(field: TableSchemaField): [TableSchemaField, TableSchemaField] {
  return [
    { ...field, description: `${field.description} Empty when withheld by the small-cell rule (see ${suppressedColumn(field.name)}).` },
    {
      name: suppressedColumn(field.name),
      type: 'boolean',
      description: `true when ${field.name} is withheld by the small-cell rule (modules.opendata.smallestCount), false otherwise.`,
    },
  ];
}

/** A file's Table Schema fields in order, each field named in `suppressible` followed by its `<column>_suppressed`. */
export function schemaFields(fields: readonly TableSchemaField[], suppressible: readonly string[]): TableSchemaField[] {
  return fields.flatMap((f) => (suppressible.includes(f.name) ? suppressibleFields(f) : [f]));
}
