import type { PageContext } from '../../../platform/web/context.ts';
import type { GuideTopic } from '../learn.settings.ts';
import { GUIDE_PATHS } from './guides.paths.ts';

/**
 * A link to the guide of a topic, for the pages of other modules (a complaint category, an offer,
 * the IMEI check, the speed test): it names the topic's guide, and its address finds the guide
 * whatever its slug.
 */
export function RelatedGuide({ ctx, topic }: { ctx: PageContext; topic: GuideTopic }) {
  return (
    <p class="related-guide">
      <a href={GUIDE_PATHS.topic(topic)}>{ctx.t(`learn.guides.related.${topic}`)}</a>
    </p>
  );
}
