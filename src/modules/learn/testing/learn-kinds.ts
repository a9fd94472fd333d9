import type { Platform } from '../../../platform/platform.ts';
import type { RecordKind, SubjectIdentity } from '../../../platform/privacy/record-kinds.ts';
import { retentionCutoff } from '../../../platform/privacy/retention-schedule.ts';
import { createLibraryServiceFor } from '../library/library.wiring.ts';
import { createWorkshopServiceFor } from '../workshops/workshop.wiring.ts';
import { eventInput } from './workshops-platform.ts';

/** A kind of record of the platform, by name; throws when no module declares it. */
export function kindNamed(platform: Platform, name: string): RecordKind {
  const kind = platform.recordKinds.find((k) => k.name === name);
  if (!kind) throw new Error(`No kind of record ${name}`);
  return kind;
}

/** Runs a kind's default rule as the nightly run would at the platform's current time. */
export function runKindNow(platform: Platform, name: string, options: { dryRun?: boolean; heldIds?: readonly string[] } = {}): Promise<number> {
  const kind = kindNamed(platform, name);
  const now = platform.clock.now();
  return kind.retention.run({
    rule: kind.defaultRule,
    cutoff: retentionCutoff(kind.defaultRule.period, now, platform.config.jurisdiction.timeZone),
    now: now.toISOString(),
    dryRun: options.dryRun ?? false,
    heldIds: new Set(options.heldIds ?? []),
  });
}

/**
 * Seeds a person in every kind of learn that a request can find: a registration to a workshop
 * still to come (by their first e-mail address, or first number) and an invitation to the library
 * (by their first e-mail address). Answers the ids, by kind name.
 */
export async function seedLearnPersonEverywhere(platform: Platform, identity: SubjectIdentity): Promise<Record<string, string[]>> {
  const staff = { userId: 'staff-seed' };
  const workshops = createWorkshopServiceFor(platform);
  const date = new Date(platform.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  const created = await workshops.createEvent(staff, eventInput({ date, capacity: '5' }));
  if (!created.ok) throw new Error('the seeded workshop was refused');
  await workshops.publish(staff, created.id);
  const contact = identity.emails[0] ?? identity.phones[0];
  const seeded: Record<string, string[]> = { 'learn.workshopRegistrations': [], 'learn.libraryInvitations': [] };
  if (contact !== undefined) {
    const registered = await workshops.register(created.id, { name: 'Seeded Person', contact, needs: 'A seat near the door', consent: 'yes' }, 'en');
    if (!registered.ok) throw new Error('the seeded registration was refused');
    seeded['learn.workshopRegistrations'] = (await workshops.personRegistrations(identity)).map((r) => r.id);
  }
  const email = identity.emails[0];
  if (email !== undefined) {
    const library = createLibraryServiceFor(platform);
    const invited = await library.invite({ type: 'system', id: null }, { name: 'Seeded Person', email, language: 'en' });
    if (!invited.ok) throw new Error('the seeded invitation was refused');
    seeded['learn.libraryInvitations'] = (await library.personInvitations(identity)).map((r) => r.id);
  }
  return seeded;
}
