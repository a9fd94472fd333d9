import { Type } from '@sinclair/typebox';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { createContentServiceFor } from '../content/content.wiring.ts';
import { GUIDE_TOPICS, type GuideTopic } from '../learn.settings.ts';
import { GUIDE_PATHS } from './guides.paths.ts';
import { GuideListPage, GuidePage, LearnHubPage } from './guides.views.tsx';

const SLUG = Type.String({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' });
const isTopic = (value: string): value is GuideTopic => (GUIDE_TOPICS as readonly string[]).includes(value);

/** Registers the learning hub and the public rights guides: the list, each guide and its easy-read version, and the address of each topic's guide. */
export function registerGuideRoutes(app: App, platform: Platform): void {
  const content = createContentServiceFor(platform);
  const topics = platform.settings.learn.guides.topics;
  const siteUrl = platform.config.publicUrl;

  app.get(GUIDE_PATHS.hub, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const guides = await content.listPublished({ kind: 'guide', language: ctx.language });
    return sendPage(reply, <LearnHubPage ctx={ctx} guides={guides} topics={topics} />);
  });

  app.get(GUIDE_PATHS.list, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const guides = await content.listPublished({ kind: 'guide', language: ctx.language });
    return sendPage(reply, <GuideListPage ctx={ctx} guides={guides} topics={topics} />);
  });

  // Other modules link a topic, not a slug, so that an editor may rename a guide without breaking them.
  app.get('/learn/guides/topic/:topic', { schema: { params: Type.Object({ topic: Type.String({ maxLength: 40 }) }) } }, async (request, reply) => {
    const { topic } = request.params;
    if (!isTopic(topic) || !topics.includes(topic)) throw new NotFound();
    const ctx = app.pageContext(request, reply);
    const [guide] = await content.listPublished({ kind: 'guide', language: ctx.language, topic });
    // The whole query goes along (the language chosen in the address, most of all).
    const at = request.url.indexOf('?');
    const query = at === -1 ? '' : request.url.slice(at);
    return reply.redirect(guide ? `${GUIDE_PATHS.guide(guide.item.slug)}${query}` : `${GUIDE_PATHS.list}${query}`, 303);
  });

  for (const variant of ['standard', 'easy'] as const) {
    const path = variant === 'easy' ? '/learn/guides/:slug/easy' : '/learn/guides/:slug';
    app.get(path, { schema: { params: Type.Object({ slug: SLUG }) } }, async (request, reply) => {
      const ctx = app.pageContext(request, reply);
      const text = await content.readPublished({ kind: 'guide', slug: request.params.slug, language: ctx.language, variant });
      if (!text || text.variant !== variant) throw new NotFound();
      return sendPage(reply, <GuidePage ctx={ctx} text={text} siteUrl={siteUrl} topics={topics} />);
    });
  }
}
