import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import { Conflict, Invalid, type KeyedProblem } from '../../../platform/http/errors.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import { createTimeSlicer } from '../../../platform/event-loop.ts';
import { ProblemList } from '../../../platform/upload-limits.ts';
import { QualityFileRefused, qualityWordsOf } from '../imports/quality-messages.ts';
import type { QualityImportRepository, StagedKpiReport, StagedKpiValue } from '../imports/quality-import.repository.ts';
import { discardQualityImport, ImportAbandoned, QUALITY_STAGE_ROWS } from '../imports/quality-import.service.ts';
import { readKpiFile } from './quality-kpi-file.ts';
import { computeKpiResults, isMonth, lastCompleteMonth, monthsBefore, type KpiResult } from './quality-kpi.ts';
import type { KpiRepository, ReportToPublish } from './quality-kpi.repository.ts';
import type { KpiDefinition } from './quality-kpi.settings.ts';
import { otherOperatorRows } from '../imports/quality-import.policy.ts';
import type { QualityUploadSettings } from '../imports/quality-upload.settings.ts';

const { qualityMessage, qualityProblem } = qualityWordsOf(new URL('./locales/', import.meta.url));

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
   * Counts are written as they are read, in short transactions, under reports that do not exist
   * yet; one short transaction stores the reports at the end, which makes the counts seen.
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
  /** The staging of imports: counts written before their reports exist. */
  imports: QualityImportRepository;
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
        throw new Invalid(
          [qualityProblem('operator', undefined, 'quality.file.operatorUnknown', { operator: request.operatorId })],
          'KPI_OPERATOR_UNKNOWN',
          qualityMessage('quality.kpi.operatorUnknownDetail'),
        );
      }
      const regions = await deps.listRegions();
      const context = {
        operatorId: request.operatorId,
        isSentByOperator: request.isSentByOperator,
        operatorIds: new Set(operators.map((o) => o.id)),
        regionCodes: new Set(regions.map((r) => r.id)),
        kpis,
        latestMonth: latestMonth(),
        maxRows: deps.uploads.maxKpiRows,
        maxProblems: deps.uploads.maxProblems,
      };
      const found = { problems: new ProblemList(deps.uploads.maxProblems), forbidden: new ProblemList(deps.uploads.maxProblems) };
      const importId = ids();
      // The report each month's counts are written under, created when the import is published.
      const months = new Map<string, ReportToPublish>();
      let rows = 0;
      await deps.imports.startImport(importId, 'kpis', request.operatorId, clock.now().toISOString());
      try {
        const slicer = createTimeSlicer();
        let reports: StagedKpiReport[] = [];
        let values: StagedKpiValue[] = [];
        const stage = async () => {
          await deps.imports.stageKpiValues(importId, reports, values, clock.now().toISOString());
          rows += values.length;
          reports = [];
          values = [];
        };
        for await (const records of readKpiFile(request.text, request.format, context, found)) {
          for (const r of records) {
            let report = months.get(r.month);
            if (report === undefined) {
              report = { month: r.month, reportId: ids(), rows: 0 };
              months.set(r.month, report);
              reports.push({ month: r.month, reportId: report.reportId });
            }
            report.rows += 1;
            values.push({
              report_id: report.reportId,
              region_code: r.region,
              technology: r.technology,
              kpi_id: r.kpiId,
              numerator: r.numerator,
              denominator: r.denominator,
            });
            if (values.length >= QUALITY_STAGE_ROWS) await stage();
            await slicer.pause();
          }
        }
        if (!found.forbidden.isEmpty) throw otherOperatorRows('KPI_OTHER_OPERATOR', request.operatorId, found.forbidden.listed, found.forbidden.total);
        if (!found.problems.isEmpty) throw QualityFileRefused.of(found.problems, 'KPI_FILE_INVALID', 'kpis');
        if (values.length > 0 || reports.length > 0) await stage();
        const now = clock.now().toISOString();
        const toPublish = [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
        const stored = await repository.inTransaction(async (tx, trx) => {
          const outcome = await tx.publishReports(request.operatorId, toPublish, { channel: request.channel, uploadedAt: now });
          // Another upload of the same month took this version between the read and the write.
          if ('conflictMonth' in outcome)
            throw new Conflict('KPI_MONTH_CHANGED', qualityMessage('quality.kpi.monthChanged', { operator: request.operatorId, month: outcome.conflictMonth }));
          if (!(await deps.imports.endStagingIn(trx, importId))) throw new ImportAbandoned(importId);
          await deps.audit.record(trx, {
            actor: request.actor,
            action: 'quality.kpis.imported',
            entityType: 'kpi_import',
            entityId: importId,
            details: {
              channel: request.channel,
              operatorId: request.operatorId,
              rows,
              months: outcome.reports.map((m) => `${m.month} v${m.version}`).join(', '),
            },
          });
          return outcome.reports;
        });
        return {
          operatorId: request.operatorId,
          rows,
          months: stored.map((m) => ({ month: m.month, reportId: m.reportId, version: m.version, rows: m.rows, replacedVersion: m.replacedVersion })),
        };
      } catch (error) {
        await discardQualityImport(deps.imports, importId);
        throw error;
      }
    },

    async results(input) {
      const problems: KeyedProblem[] = [];
      const operator = input.operator?.trim() ?? '';
      const kpi = input.kpi?.trim() ?? '';
      const latest = latestMonth();
      const to = input.to?.trim() || latest;
      const isToValid = isMonth(to);
      // The default first month counts back from the last one, so it exists only when that one is a month.
      const from = input.from?.trim() || (isToValid ? monthsBefore(to, DEFAULT_KPI_MONTHS - 1) : '');
      const isFromValid = isMonth(from);
      if (operator !== '' && !(await deps.listOperators()).some((o) => o.id === operator))
        problems.push(qualityProblem('operator', undefined, 'quality.file.operatorUnknown', { operator }));
      if (kpi !== '' && !kpis.some((k) => k.id === kpi))
        problems.push(qualityProblem('kpi', undefined, 'quality.kpiFile.kpiUnknown', { kpi, kpis: kpis.map((k) => k.id).join(', ') }));
      if (!isFromValid && from !== '') problems.push(qualityProblem('from', undefined, 'quality.kpi.query.month', { value: from }));
      if (!isToValid) problems.push(qualityProblem('to', undefined, 'quality.kpi.query.month', { value: to }));
      if (isFromValid && isToValid) {
        if (from > to) problems.push(qualityProblem('from', undefined, 'quality.kpi.query.reversed', { from, to }));
        else if (monthsBefore(to, MAX_KPI_MONTHS - 1) > from)
          problems.push(qualityProblem('from', undefined, 'quality.kpi.query.tooLong', { max: MAX_KPI_MONTHS }));
      }
      if (problems.length > 0) throw new Invalid(problems, 'KPI_QUERY_INVALID', qualityMessage('quality.kpi.query.detail'));
      const counts = await repository.listCurrentCounts({
        fromMonth: from,
        toMonth: to,
        ...(operator !== '' ? { operatorId: operator } : {}),
        ...(kpi !== '' ? { kpiId: kpi } : {}),
      });
      return { fromMonth: from, toMonth: to, operatorId: operator || null, kpiId: kpi || null, results: computeKpiResults(counts, kpis) };
    },
  };
}
