import { ProblemList } from '../../../platform/upload-limits.ts';
import { readQualityFileRows, type QualityFileShape, type RawRow as QualityRawRow } from '../imports/quality-file-rows.ts';
import { qualityWordsOf } from '../imports/quality-messages.ts';
import { isMonth } from './quality-kpi.ts';
import { KPI_TECHNOLOGIES, type KpiDefinition, type KpiTechnology } from './quality-kpi.settings.ts';

const { qualityProblem } = qualityWordsOf(new URL('./locales/', import.meta.url));

/** The columns of a network KPI file (docs/formats/network-kpis.md), in their usual order. */
export const KPI_COLUMNS = ['operator', 'month', 'region', 'technology', 'kpi', 'numerator', 'denominator'] as const;

type Column = (typeof KPI_COLUMNS)[number];

/** One row of a KPI file, checked and typed. */
export interface KpiRecord {
  line: number;
  operatorId: string;
  month: string;
  region: string;
  technology: KpiTechnology;
  kpiId: string;
  numerator: number;
  denominator: number;
}

/** What a KPI file is checked against. */
export interface KpiFileContext {
  /** The operator the file is uploaded for: every row must name it. */
  operatorId: string;
  /** Whether the sender is that operator (its token) rather than the regulator: a row of another operator is then forbidden, not a mistake. */
  isSentByOperator: boolean;
  /** Every licensed operator, so a wrong licence id is told apart from another operator's. */
  operatorIds: ReadonlySet<string>;
  regionCodes: ReadonlySet<string>;
  kpis: readonly KpiDefinition[];
  /** The latest month that is over (YYYY-MM): a month still running cannot be reported. */
  latestMonth: string;
  /** The most rows of one file. */
  maxRows: number;
  /** The most problems listed; the others are counted. */
  maxProblems: number;
}

/** Counts above 10^15 are not counts of one operator's month. */
const MAX_COUNT = 1e15;
const COUNT = /^\d{1,16}$/;

type RawRow = QualityRawRow<Column>;

const SHAPE: QualityFileShape<Column> = { columns: KPI_COLUMNS, arrayName: 'kpis', file: 'kpis', requiredColumns: KPI_COLUMNS, acceptsNull: false };

/** A KPI file checked: its records when it has no problem, else its problems (the first ones listed, all counted). */
export interface ParsedKpiFile {
  records: KpiRecord[];
  problems: ProblemList;
  /** Rows of another operator sent with that operator's own token. */
  forbidden: ProblemList;
}

/** Where the problems of a KPI file being read go: the file's own, and rows of another operator sent with that operator's own token. */
export interface KpiFileProblems {
  problems: ProblemList;
  forbidden: ProblemList;
}

/**
 * Reads and checks a KPI file a batch at a time, handing the event loop back between batches, and
 * yields the records of each batch as long as the file has no problem: every problem goes to
 * `found` with its line and field (the first `maxProblems` listed, all counted), and once there is
 * one no record is yielded any more, since an import is all or nothing, but the reading goes on to
 * count the others. Memory holds one batch and the keys seen (to find a row given twice).
 */
export async function* readKpiFile(text: string, format: 'csv' | 'json', context: KpiFileContext, found: KpiFileProblems): AsyncGenerator<KpiRecord[]> {
  const { problems, forbidden } = found;
  const kpis = new Map(context.kpis.map((k) => [k.id, k]));
  const firstLineOf = new Map<string, number>();
  for await (const rows of readQualityFileRows(text, format, SHAPE, context.maxRows, problems)) {
    const records: KpiRecord[] = [];
    for (const row of rows) {
      const record = checkRow(row, context, kpis, problems, forbidden);
      if (!record) continue;
      const key = `${record.month}|${record.region}|${record.technology}|${record.kpiId}`;
      const first = firstLineOf.get(key);
      if (first !== undefined) {
        problems.add(
          qualityProblem(row.fieldOf('kpi'), row.line, 'quality.kpiFile.duplicate', {
            first,
            kpi: record.kpiId,
            region: record.region,
            technology: record.technology,
            month: record.month,
          }),
        );
        continue;
      }
      firstLineOf.set(key, row.line);
      if (problems.isEmpty && forbidden.isEmpty) records.push(record);
    }
    if (records.length > 0 && problems.isEmpty && forbidden.isEmpty) yield records;
  }
}

/**
 * Parses and checks a whole KPI file as {@link readKpiFile} does and keeps its records, only when
 * there is no problem: for small files and tests; an import writes each batch as it comes instead.
 */
export async function parseKpiFile(text: string, format: 'csv' | 'json', context: KpiFileContext): Promise<ParsedKpiFile> {
  const found = { problems: new ProblemList(context.maxProblems), forbidden: new ProblemList(context.maxProblems) };
  const records: KpiRecord[] = [];
  for await (const batch of readKpiFile(text, format, context, found)) records.push(...batch);
  return found.problems.isEmpty && found.forbidden.isEmpty ? { records, ...found } : { records: [], ...found };
}

function checkRow(
  row: RawRow,
  context: KpiFileContext,
  kpis: ReadonlyMap<string, KpiDefinition>,
  problems: ProblemList,
  forbidden: ProblemList,
): KpiRecord | null {
  const before = problems.total;
  const { line, cells, fieldOf } = row;
  const problem = (column: Column, key: string, values: Record<string, string | number> = {}) =>
    problems.add(qualityProblem(fieldOf(column), line, key, values));
  const text = (column: Column) => (cells[column] ?? '').trim();

  const operator = text('operator');
  if (context.isSentByOperator && operator !== context.operatorId) {
    forbidden.add(
      operator === ''
        ? qualityProblem(fieldOf('operator'), line, 'quality.file.noOperatorForToken', { operator: context.operatorId })
        : qualityProblem(fieldOf('operator'), line, 'quality.kpiFile.otherOperator', { operator: context.operatorId, named: operator }),
    );
  } else if (operator === '') problem('operator', 'quality.kpiFile.operatorRequired');
  else if (!context.operatorIds.has(operator)) problem('operator', 'quality.file.operatorUnknown', { operator });
  else if (operator !== context.operatorId) problem('operator', 'quality.kpiFile.otherOperatorsFile', { operator: context.operatorId, named: operator });

  const month = text('month');
  if (!isMonth(month)) problem('month', 'quality.kpiFile.month', { value: month });
  else if (month > context.latestMonth) problem('month', 'quality.kpiFile.monthNotOver', { month, latest: context.latestMonth });

  const region = text('region');
  if (region === '') problem('region', 'quality.kpiFile.regionRequired');
  else if (!context.regionCodes.has(region)) problem('region', 'quality.kpiFile.regionUnknown', { region, regions: [...context.regionCodes].join(', ') });

  const kpiId = text('kpi');
  const definition = kpis.get(kpiId);
  if (!definition) problem('kpi', 'quality.kpiFile.kpiUnknown', { kpi: kpiId, kpis: [...kpis.keys()].join(', ') });

  const technology = text('technology');
  if (!(KPI_TECHNOLOGIES as readonly string[]).includes(technology))
    problem('technology', 'quality.file.technology', { value: technology, technologies: KPI_TECHNOLOGIES.join(', ') });
  else if (definition?.technology && technology !== definition.technology)
    problem('technology', 'quality.kpiFile.technologyOnly', { kpi: kpiId, technology: definition.technology });

  const count = (column: 'numerator' | 'denominator', min: number): number | null => {
    const raw = text(column);
    const value = Number(raw);
    if (!COUNT.test(raw) || value < min || value > MAX_COUNT) {
      problem(column, 'quality.kpiFile.count', { value: raw, min, max: MAX_COUNT });
      return null;
    }
    return value;
  };
  const numerator = count('numerator', 0);
  const denominator = count('denominator', 1);
  if (numerator !== null && denominator !== null && numerator > denominator) problem('numerator', 'quality.kpiFile.numeratorOver', { numerator, denominator });

  if (problems.total > before || !forbidden.isEmpty || numerator === null || denominator === null) return null;
  return { line, operatorId: operator, month, region, technology: technology as KpiTechnology, kpiId, numerator, denominator };
}
