import { chooseRoute, type SmsRoute } from '../../../platform/sms/sms-routes.ts';

/** An SMS route of the profile with the operator of the register it belongs to. */
export interface OperatorRoute extends SmsRoute {
  operator?: string | undefined;
}

/** One operator a notice goes to, and why. */
export interface NoticeRecipient {
  operatorId: string;
  role: 'originating' | 'terminating';
}

/**
 * The operators a block notice goes to, as a pure rule: the originating operator of a number, and
 * the terminating operators, those whose subscribers reported it (each reporter's operator by the
 * porting table, else by the longest route prefix). A sender id or a domain has no originating
 * operator and may reach anyone's subscriber, so every operator of the register is terminating.
 * Each operator gets one notice, the originating one when it is both; operators not in the
 * register are left out.
 */
export function noticeRecipients(input: {
  kind: string;
  originatingOperator: string | null;
  reporterNumbers: readonly string[];
  /** The route name of each ported reporter number, by E.164. */
  portedRoutes: ReadonlyMap<string, string>;
  routes: readonly OperatorRoute[];
  register: readonly string[];
}): NoticeRecipient[] {
  const known = new Set(input.register);
  const recipients: NoticeRecipient[] = [];
  const originating = input.kind === 'number' || input.kind === 'shortCode' ? input.originatingOperator : null;
  if (originating !== null && known.has(originating)) recipients.push({ operatorId: originating, role: 'originating' });
  const terminating = new Set<string>();
  if (input.kind === 'senderId' || input.kind === 'domain') for (const id of input.register) terminating.add(id);
  else
    for (const number of input.reporterNumbers) {
      const operator = chooseRoute(number, input.routes, input.portedRoutes.get(number))?.operator;
      if (operator !== undefined && known.has(operator)) terminating.add(operator);
    }
  for (const operatorId of [...terminating].sort()) if (operatorId !== originating) recipients.push({ operatorId, role: 'terminating' });
  return recipients;
}
