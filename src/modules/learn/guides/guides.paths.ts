import type { GuideTopic } from '../learn.settings.ts';

/** The public paths of the rights guides and of the learning hub, served by the routes and linked by other modules. */
export const GUIDE_PATHS = {
  hub: '/learn',
  list: '/learn/guides',
  guide: (slug: string) => `/learn/guides/${encodeURIComponent(slug)}`,
  easy: (slug: string) => `/learn/guides/${encodeURIComponent(slug)}/easy`,
  /** The guide of a topic, whatever its slug: what a complaint category, an offer or the IMEI check links to. */
  topic: (topic: GuideTopic) => `/learn/guides/topic/${topic}`,
} as const;
