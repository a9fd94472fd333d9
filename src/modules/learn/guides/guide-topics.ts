import type { GuideTopic } from '../learn.settings.ts';

/** A page of Kinga where a reader of a guide acts on what they read. */
export interface TopicAction {
  href: string;
  /** A message of the guides' catalogue. */
  labelKey: string;
}

/**
 * Where each topic's guide sends its reader back into Kinga: the pages of the modules that serve
 * that right (compare offers, file a complaint, check a phone, test a connection, report a scam).
 * These are Kinga's own addresses, the same in every jurisdiction, so they are code, not profile.
 */
export const TOPIC_ACTIONS: Readonly<Record<GuideTopic, readonly TopicAction[]>> = {
  billing: [
    { href: '/offers/compare', labelKey: 'learn.guides.action.compareOffers' },
    { href: '/complaints/new', labelKey: 'learn.guides.action.complain' },
  ],
  contracts: [
    { href: '/offers/compare', labelKey: 'learn.guides.action.compareOffers' },
    { href: '/complaints/new', labelKey: 'learn.guides.action.complain' },
  ],
  quality: [
    { href: '/speedtest', labelKey: 'learn.guides.action.speedTest' },
    { href: '/quality', labelKey: 'learn.guides.action.quality' },
  ],
  roaming: [{ href: '/offers/roaming', labelKey: 'learn.guides.action.roaming' }],
  complaints: [
    { href: '/complaints/new', labelKey: 'learn.guides.action.complain' },
    { href: '/complaints/follow', labelKey: 'learn.guides.action.follow' },
  ],
  privacy: [{ href: '/complaints/new', labelKey: 'learn.guides.action.complain' }],
  scams: [
    { href: '/scams/report', labelKey: 'learn.guides.action.reportScam' },
    { href: '/scams/check', labelKey: 'learn.guides.action.checkNumber' },
  ],
  stolenPhones: [
    { href: '/devices/check', labelKey: 'learn.guides.action.checkPhone' },
    { href: '/devices/report', labelKey: 'learn.guides.action.reportStolen' },
  ],
};
