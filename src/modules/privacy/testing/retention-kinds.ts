import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KingaModule } from '../../../platform/module.ts';
import type { RecordKind, RetentionRule } from '../../../platform/privacy/record-kinds.ts';

/** A record of a test kind: kept in memory, closed at an instant, anonymised once due. */
export interface TestCase {
  id: string;
  closedAt: string;
  isAnonymised: boolean;
}

/** A kind of record kept in memory for tests of the schedule, as a module would declare it. */
export function testCaseKind(records: TestCase[], overrides: Partial<RecordKind> = {}): RecordKind {
  return {
    name: 'testing.cases',
    labelKey: 'privacy.retention.testing.casesLabel',
    purposeKey: 'privacy.retention.testing.casesPurpose',
    categories: ['contact', 'content'],
    subjects: ['consumers'],
    recipients: ['operators', 'regulatorStaff'],
    triggers: ['closed'],
    actions: ['anonymise', 'delete'],
    defaultRule: { period: 'P5Y', trigger: 'closed', action: 'anonymise', legalBasis: 'publicTask', reference: 'Consumer Protection Act, s. 12' },
    retention: {
      async run({ cutoff, dryRun, heldIds }) {
        const due = records.filter((r) => !r.isAnonymised && r.closedAt < cutoff && !heldIds.has(r.id));
        if (!dryRun) for (const record of due) record.isAnonymised = true;
        return due.length;
      },
    },
    ...overrides,
  };
}

/** A module that declares nothing but the given kinds. */
export function kindsModule(kinds: readonly RecordKind[]): KingaModule {
  return { name: 'testing', recordKinds: () => kinds };
}

/** The demo profile with the privacy module's retention block replaced, written to a temporary file. */
export function profileWithRetention(retention: { schedule?: Record<string, RetentionRule | Record<string, unknown>>; [key: string]: unknown }): string {
  const profile = JSON.parse(readFileSync(new URL('../../../../jurisdictions/demo.json', import.meta.url), 'utf8')) as {
    modules: Record<string, Record<string, unknown> | undefined>;
  };
  profile.modules = { ...profile.modules, privacy: { ...profile.modules['privacy'], retention: { schedule: {}, ...retention } } };
  const file = join(mkdtempSync(join(tmpdir(), 'kinga-privacy-profile-')), 'profile.json');
  writeFileSync(file, JSON.stringify(profile));
  return file;
}
