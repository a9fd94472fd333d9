import type { Translate } from '../../../platform/i18n/index.ts';
import type { KeptReason, RetentionRule } from '../../../platform/privacy/record-kinds.ts';

const UNITS = { Y: 'years', M: 'months', D: 'days', H: 'hours' } as const;

/** A rule's period as words ("5 years"), or the period as written when it is not one unit and a count. */
export function periodInWords(t: Translate, period: string): string {
  const match = /^PT?([0-9]+)([YMDH])$/.exec(period);
  if (!match) return period;
  return t(`privacy.fulfil.period.${UNITS[match[2] as keyof typeof UNITS]}`, { count: Number(match[1]) });
}

/** A retention rule in words: how long, from what, then what, on which legal basis and law. */
export function ruleInWords(t: Translate, rule: RetentionRule): string {
  const sentences = [
    t('privacy.fulfil.rule', { period: periodInWords(t, rule.period), trigger: rule.trigger, action: rule.action }),
    t('privacy.fulfil.basis', { basis: rule.legalBasis }),
  ];
  if (rule.reference !== undefined && rule.reference !== '') sentences.push(t('privacy.fulfil.lawReference', { reference: rule.reference }));
  return sentences.join(' ');
}

/**
 * Why a record survived an erasure request, in words for the person; a record kept under a duty to
 * keep or for statistics cites the rule in force when the request was received.
 */
export function keptReasonInWords(t: Translate, reason: KeptReason, rule: RetentionRule | undefined): string {
  if ((reason === 'legalObligation' || reason === 'statistics') && rule !== undefined)
    return t(`privacy.fulfil.kept.${reason}Rule`, { rule: ruleInWords(t, rule) });
  return t(`privacy.fulfil.kept.${reason}`);
}
