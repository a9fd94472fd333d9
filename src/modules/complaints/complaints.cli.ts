import type { Command } from 'commander';
import { readImportFile, withPlatform, type CommandIo } from '../../platform/cli/command-io.ts';
import { CliFailure } from '../../platform/cli/run.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseReference } from './cases/complaint-reference.ts';

/** Registers `kinga complaints ...`. */
export function registerComplaintsCommands(program: Command, io: CommandIo): void {
  const complaints = program.command('complaints').description('Consumer complaints: cases, stages and deadlines.');

  complaints
    .command('show')
    .description(
      'Print a case, or every case of the filing reference the consumer was given, with its stage, deadlines and history; times are local to the jurisdiction, with their offset (each look-up is audited).',
    )
    .argument('<reference>', 'a filing reference (C-…, the one the consumer was given) or a case reference (K-…), such as K-7K3M9Q2PXW4R-8')
    .option('--json', 'print JSON instead of text')
    .action((reference: string, options: { json?: boolean }) =>
      withPlatform(io, async (platform) => {
        const { createComplaintServiceFor } = await import('./complaints.wiring.ts');
        const { zonedInstant } = await import('./cases/zoned-instant.ts');
        const { timeZone } = platform.config.jurisdiction;
        const service = createComplaintServiceFor(platform);
        const filing = await service.staff
          .openFiling({ actor: { type: 'system', id: null }, userId: 'cli', role: 'admin' }, reference)
          .catch((error: unknown) => {
            if (error instanceof AppError && error.status === 404) throw new CliFailure(`There is no complaint with the reference ${reference}.`);
            throw error;
          });
        const local = (iso: string) => zonedInstant(iso, timeZone);
        const shown = filing.cases.map((detail) => ({
          reference: detail.reference,
          filingReference: detail.filingReference,
          operatorId: detail.operatorId,
          operatorName: detail.operatorName,
          service: detail.service,
          category: detail.category,
          stage: detail.stage,
          timeZone,
          filedAt: local(detail.filedAt),
          isUntimely: detail.isUntimely,
          isDeadlock: detail.isDeadlock,
          hasExtraSupport: detail.hasExtraSupport,
          isClockStopped: detail.isClockStopped,
          deadlines: detail.deadlines.map((d) => ({
            stage: d.stage,
            dueAt: local(d.dueAt),
            metAt: d.metAt === null ? null : local(d.metAt),
            isMissed: d.isMissed,
          })),
          history: detail.history.map((h) => ({ from: h.from, to: h.to, reason: h.reason, at: local(h.at) })),
        }));
        if (options.json) {
          // A case reference prints that case; the consumer's filing reference prints the filing with its cases.
          const isCase = filing.cases.length === 1 && filing.reference !== parseReference(reference);
          io.out(`${JSON.stringify(isCase ? shown[0] : { reference: filing.reference, timeZone, cases: shown }, null, 2)}\n`);
          return;
        }
        const readable = (zoned: string) => zoned.replace('T', ' ').replace(/([+-]\d\d:\d\d|Z)$/, ' $1');
        io.out(`Filing ${filing.reference}: ${shown.length === 1 ? '1 case' : `${shown.length} cases`}; times in ${timeZone}\n`);
        for (const c of shown) {
          io.out(`\n${c.reference} against ${c.operatorName} (${c.operatorId}): ${c.stage}, filed ${readable(c.filedAt)}\n`);
          for (const d of c.deadlines) io.out(`  ${d.stage.padEnd(22)} due ${readable(d.dueAt)}${d.metAt ? (d.isMissed ? ' missed' : ' met') : ' open'}\n`);
        }
      }),
    );

  complaints
    .command('sweep')
    .description('Run the deadline sweep now: escalate untimely operators, tell consumers who may escalate.')
    .action(() =>
      withPlatform(io, async (platform) => {
        const { createComplaintServiceFor } = await import('./complaints.wiring.ts');
        const report = await createComplaintServiceFor(platform).sweep();
        io.out(
          `Escalated ${report.escalatedUntimely} untimely cases, told ${report.toldEntitled} consumers they may escalate, marked ${report.regulatorOverdue} regulator deadlines missed.\n`,
        );
      }),
    );

  const subscribers = complaints
    .command('subscribers')
    .description('Subscriber numbers per operator, service and quarter: the denominators of complaint rates.');

  subscribers
    .command('import')
    .description('Import subscriber numbers from a CSV file (operator_id,service,quarter,subscribers); all or nothing, audited.')
    .argument('<file>', 'the CSV file')
    .action((file: string) =>
      withPlatform(io, async (platform) => {
        const { text, format } = readImportFile(file);
        if (format !== 'csv')
          throw new CliFailure(`${file} is not a CSV file; subscriber numbers are imported from CSV (operator_id,service,quarter,subscribers).`);
        const { createSubscriberServiceFor } = await import('./complaints.wiring.ts');
        const imported = await createSubscriberServiceFor(platform).importFile({ type: 'system', id: null }, text);
        io.out(`Imported ${imported.figures} subscriber ${imported.figures === 1 ? 'figure' : 'figures'} for ${imported.quarters.join(', ')}.\n`);
      }),
    );

  subscribers
    .command('list')
    .description('Print the stored subscriber numbers as CSV, of one quarter or all.')
    .option('--quarter <quarter>', 'only this quarter, such as 2026-Q3')
    .action((options: { quarter?: string }) =>
      withPlatform(io, async (platform) => {
        const { createSubscriberServiceFor } = await import('./complaints.wiring.ts');
        const { checkQuarter, quarterMessage, SUBSCRIBER_COLUMNS } = await import('./subscribers/complaint-subscribers.ts');
        const service = createSubscriberServiceFor(platform);
        const quarter = options.quarter?.trim().toUpperCase();
        if (quarter !== undefined && checkQuarter(quarter, '9999-Q4') !== null) throw new CliFailure(quarterMessage('unknown', options.quarter ?? ''));
        const figures = await service.list(quarter);
        const { csvFields } = await import('../../platform/csv-writer.ts');
        io.out(`${csvFields(SUBSCRIBER_COLUMNS)}\n`);
        for (const f of figures) io.out(`${csvFields([f.operatorId, f.service, f.quarter, f.subscribers])}\n`);
        if (figures.length === 0) io.err(quarter ? `No subscriber figures for ${quarter}.\n` : 'No subscriber figures.\n');
      }),
    );
}
