import type { Insertable } from 'kysely';
import type { Actor, AuditLog } from '../../platform/audit/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { Conflict, Invalid } from '../../platform/http/errors.ts';
import type { IdGenerator } from '../../platform/ids.ts';
import { InvalidFile } from '../../platform/upload-limits.ts';
import { parseKpiFile, type KpiRecord } from './quality-kpi-file.ts';
import { computeKpiResults, isMonth, lastCompleteMonth, monthsBefore, type KpiResult } from './quality-kpi.ts';
import type { KpiRepository } from './quality-kpi.repository.ts';
import type { KpiDefinition } from './quality-kpi.settings.ts';
import type { QualityKpiValuesTable } from './quality-kpi.tables.ts';
import { otherOperatorRows } from './quality.policy.ts';
import type { QualityUploadSettings } from './quality-upload.settings.ts';

/** A KPI file to import, the operator it is for and who sends it. */
export interface KpiImportRequest {
  text: string;
  format: 'csv' | 'json';
  operatorId: string;
  /** Whether the sender is the operator itself (its token) rather than the regulator. */
  isSentByOperator: boolean;
  actor: Actor;
  channel: 'cli' | 'api' | 'demo';
}

/** What an import stored: one report per month of the file. */
export interface KpiImportReport {
  operatorId: string;
  rows: number;
  months: { month: string; reportId: string; version: number; rows: number; replacedVersion: number | null }[];
}

/** The filters of the results, as a person or a machine sends them; every one may be missing. */
export interface KpiResultsInput {
  operator?: string | undefined;
  kpi?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** KPI results over a period, with what a page needs to name things. */
export interface KpiResultsReport {
  fromMonth: string;
  toMonth: string;
  operatorId: string | null;
  kpiId: string | null;
  results: KpiResult[];
}

/** A named thing a page offers to choose: an operator or a region. */
export interface NamedChoice {
  id: string;
  name: string;
}

/** The network KPI service: imports of operators' counts and results against targets. */
export interface KpiService {
  readonly kpis: readonly KpiDefinition[];
  /**
   * Imports a KPI file (docs/formats/network-kpis.md) all or nothing; each month of the file
   * replaces the operator's current report of that month, which is kept as an older version.
   * A {@link Conflict} when another upload of one of its months is stored at the same time.
   */
  importKpis(request: KpiImportRequest): Promise<KpiImportReport>;
  /** Results against targets; an {@link Invalid} error names each wrong filter (operator, kpi, from, to). */
  results(input: KpiResultsInput): Promise<KpiResultsReport>;
  listOperators(): Promise<NamedChoice[]>;
  listRegions(): Promise<NamedChoice[]>;
  /** The latest month that is over, YYYY-MM. */
  latestMonth(): string;
}

/** What the service needs. */
export interface KpiServiceDeps {
  repository: KpiRepository;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  kpis: readonly KpiDefinition[];
  /** The bounds of a KPI file: its rows, and the problems a refusal lists. */
  uploads: Pick<QualityUploadSettings, 'maxKpiRows' | 'maxProblems'>;
  listOperators(): Promise<NamedChoice[]>;
  /** The regions KPI rows may name: the regions in force, or the profile's districts when none is loaded. */
  listRegions(): Promise<NamedChoice[]>;
}

/** The months shown when no period is chosen. */
export const DEFAULT_KPI_MONTHS = 6;
/** The longest period one query may cover. */
export const MAX_KPI_MONTHS = 36;

/** Builds the KPI service. */
export function createKpiService(deps: KpiServiceDeps): KpiService {
  const { repository, clock, ids, kpis } = deps;
  const latestMonth = () => lastCompleteMonth(clock.now());

  return {
    kpis,
    latestMonth,
    listOperators: () => deps.listOperators(),
    listRegions: () => deps.listRegions(),

    async importKpis(request) {
      const operators = await deps.listOperators();
      if (!operators.some((o) => o.id === request.operatorId)) {
        throw new Invalid([{ field: 'operator', message: `No licensed operator has the licence id "${request.operatorId}".` }], 'KPI_OPERATOR_UNKNOWN', 'The operator of this upload is unknown; nothing was imported.');
      }
      const regions = await deps.listRegions();
      const parsed = await parseKpiFile(request.text, request.format, {
        operatorId: request.operatorId,
        isSentByOperator: request.isSentByOperator,
        operatorIds: new Set(operators.map((o) => o.id)),
        regionCodes: new Set(regions.map((r) => r.id)),
        kpis,
        latestMonth: latestMonth(),
        maxRows: deps.uploads.maxKpiRows,
        maxProblems: deps.uploads.maxProblems,
      });
      if (!parsed.forbidden.isEmpty) throw otherOperatorRows('KPI_OTHER_OPERATOR', request.operatorId, parsed.forbidden.listed, parsed.forbidden.total);
      if (!parsed.problems.isEmpty) throw InvalidFile.of(parsed.problems, 'KPI_FILE_INVALID', 'The KPI file');
      const byMonth = new Map<string, KpiRecord[]>();
      for (const record of parsed.records) {
        const month = byMonth.get(record.month);
        if (month) month.push(record);
        else byMonth.set(record.month, [record]);
      }
      const now = clock.now().toISOString();
      const importId = ids();
      const months = await repository.inTransaction(async (tx, trx) => {
        const stored: KpiImportReport['months'] = [];
        for (const [month, records] of [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b))) {
          const latest = await tx.findLatestReport(request.operatorId, month);
          const replaced = await tx.replaceCurrent(request.operatorId, month, now);
          const reportId = ids();
          const version = (latest?.version ?? 0) + 1;
          const isStored = await tx.insertReport({ id: reportId, operator_id: request.operatorId, month, version, is_current: true, rows: records.length, channel: request.channel, uploaded_at: now, replaced_at: null });
          // Another upload of the same month took this version between the read above and this write.
          if (!isStored) throw new Conflict('KPI_MONTH_CHANGED', `Another upload of ${request.operatorId}'s ${month} was stored meanwhile; nothing of this file was imported. Send it again to replace that upload.`);
          const values: Insertable<QualityKpiValuesTable>[] = records.map((r) => ({ report_id: reportId, region_code: r.region, technology: r.technology, kpi_id: r.kpiId, numerator: r.numerator, denominator: r.denominator }));
          await tx.insertValues(values);
          stored.push({ month, reportId, version, rows: records.length, replacedVersion: replaced > 0 && latest ? latest.version : null });
        }
        await deps.audit.record(trx, {
          actor: request.actor,
          action: 'quality.kpis.imported',
          entityType: 'kpi_import',
          entityId: importId,
          details: { channel: request.channel, operatorId: request.operatorId, rows: parsed.records.length, months: stored.map((m) => `${m.month} v${m.version}`).join(', ') },
        });
        return stored;
      });
      return { operatorId: request.operatorId, rows: parsed.records.length, months };
    },

    async results(input) {
      const problems: { field: string; message: string }[] = [];
      const operator = input.operator?.trim() ?? '';
      const kpi = input.kpi?.trim() ?? '';
      const latest = latestMonth();
      const to = input.to?.trim() || latest;
      const isToValid = isMonth(to);
      // The default first month counts back from the last one, so it exists only when that one is a month.
      const from = input.from?.trim() || (isToValid ? monthsBefore(to, DEFAULT_KPI_MONTHS - 1) : '');
      const isFromValid = isMonth(from);
      if (operator !== '' && !(await deps.listOperators()).some((o) => o.id === operator)) problems.push({ field: 'operator', message: `No licensed operator has the licence id "${operator}".` });
      if (kpi !== '' && !kpis.some((k) => k.id === kpi)) problems.push({ field: 'kpi', message: `Unknown KPI "${kpi}"; the KPIs are ${kpis.map((k) => k.id).join(', ')}.` });
      if (!isFromValid && from !== '') problems.push({ field: 'from', message: `"${from}" must be a month written YYYY-MM.` });
      if (!isToValid) problems.push({ field: 'to', message: `"${to}" must be a month written YYYY-MM.` });
      if (isFromValid && isToValid) {
        if (from > to) problems.push({ field: 'from', message: `The period starts (${from}) after it ends (${to}).` });
        else if (monthsBefore(to, MAX_KPI_MONTHS - 1) > from) problems.push({ field: 'from', message: `A period covers at most ${MAX_KPI_MONTHS} months.` });
      }
      if (problems.length > 0) throw new Invalid(problems, 'KPI_QUERY_INVALID', 'Some filters of the KPI results are not valid.');
      const counts = await repository.listCurrentCounts({ fromMonth: from, toMonth: to, ...(operator !== '' ? { operatorId: operator } : {}), ...(kpi !== '' ? { kpiId: kpi } : {}) });
      return { fromMonth: from, toMonth: to, operatorId: operator || null, kpiId: kpi || null, results: computeKpiResults(counts, kpis) };
    },
  };
}
