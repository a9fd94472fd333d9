import { Temporal } from 'temporal-polyfill';

/** The rights a person may exercise, as the GDPR's articles 15 to 21 name them. */
export const REQUEST_TYPES = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'] as const;
/** A right a request exercises. */
export type RequestType = (typeof REQUEST_TYPES)[number];

/** How a request reached the regulator. */
export const REQUEST_CHANNELS = ['web', 'paper', 'phone', 'inPerson', 'email'] as const;
/** A channel of receipt. */
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/** The channels staff enter a request from (the web form files its own). */
export const STAFF_CHANNELS = ['paper', 'phone', 'inPerson', 'email'] as const satisfies readonly RequestChannel[];

/**
 * A request's lifecycle: awaiting identity → received → in progress → (extended) → answered,
 * refused or withdrawn. Only the three last are closed.
 */
export const REQUEST_STATES = ['awaitingIdentity', 'received', 'inProgress', 'extended', 'answered', 'refused', 'withdrawn'] as const;
/** Where a request stands. */
export type RequestState = (typeof REQUEST_STATES)[number];

/** Why a request may be refused (GDPR Art. 12(5) and 23), each explained to the person in words. */
export const REFUSAL_CODES = ['identityNotProved', 'manifestlyUnfounded', 'excessive', 'legalExemption', 'noData'] as const;
/** A reason for refusing a request. */
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** How a person is sent codes and notices. */
export type NotifyBy = 'email' | 'sms';

/** The actions staff may take on a request, each allowed only from some states. */
export type RequestAction =
  'identityProved' | 'pause' | 'resume' | 'extend' | 'markInProgress' | 'runAccess' | 'runErasure' | 'recordAnswer' | 'refuse' | 'withdraw';

const WORKING: readonly RequestState[] = ['received', 'inProgress', 'extended'];

/** Whether `action` may be taken on a request of `type` in `state` (the clock's extension rule aside). */
export function isActionAllowed(action: RequestAction, state: RequestState, type: RequestType): boolean {
  switch (action) {
    case 'identityProved':
      return state === 'awaitingIdentity';
    case 'pause':
      return WORKING.includes(state);
    case 'resume':
      return state === 'awaitingIdentity';
    case 'extend':
      return state === 'received' || state === 'inProgress';
    case 'markInProgress':
      return state === 'received';
    case 'runAccess':
      return WORKING.includes(state) && (type === 'access' || type === 'portability');
    case 'runErasure':
      return WORKING.includes(state) && type === 'erasure';
    case 'recordAnswer':
      return WORKING.includes(state) && (type === 'rectification' || type === 'restriction' || type === 'objection');
    case 'refuse':
    case 'withdraw':
      return state === 'awaitingIdentity' || WORKING.includes(state);
  }
}

/** Whether a request in `state` still waits for an answer. */
export function isOpenState(state: RequestState): boolean {
  return state === 'awaitingIdentity' || WORKING.includes(state);
}

/** Whole days from one local date to another (0 when the same day). */
export function daysBetween(from: string, to: string): number {
  return Math.max(0, Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' }).days);
}

/** A local date moved by whole days. */
export function shiftDate(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** A local date (YYYY-MM-DD) as an instant at noon UTC, which every time zone's formatter shows as that same day. */
export function noonOf(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}
