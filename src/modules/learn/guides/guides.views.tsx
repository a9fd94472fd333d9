import { Layout } from '../../../platform/web/layout.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { ContentArticlePage, titleLanguageOf } from '../content/content-article.views.tsx';
import type { PublishedText } from '../content/content.service.ts';
import type { GuideTopic } from '../learn.settings.ts';
import { GUIDE_PATHS } from './guides.paths.ts';
import { TOPIC_ACTIONS } from './guide-topics.ts';
import { LearnSearchForm } from '../search/learn-search.views.tsx';

/** The sections of the learning hub other than the guides, each a page of the learn module. */
const HUB_SECTIONS = [
  { href: '/learn/courses', key: 'courses' },
  { href: '/learn/workshops', key: 'workshops' },
  { href: '/learn/library', key: 'library' },
  { href: '/learn/associations', key: 'associations' },
] as const;

/** The topic a published guide is filed under, if it is one of the profile's. */
function topicOf(text: PublishedText, topics: readonly GuideTopic[]): GuideTopic | undefined {
  return topics.find((t) => t === text.item.topic);
}

/** One guide in a list: its title (in its own language when it is not the reader's), its summary, and the easy-read link. */
function GuideEntry({ ctx, text }: { ctx: PageContext; text: PublishedText }) {
  const { t } = ctx;
  const lang = text.isFallback ? titleLanguageOf(text) : undefined;
  return (
    <li>
      <a href={GUIDE_PATHS.guide(text.item.slug)} lang={lang?.lang} dir={lang?.dir}>
        {text.title}
      </a>
      {text.isFallback ? <span class="hint"> ({t('learn.guides.notInYourLanguage')})</span> : null}
      {text.summary === '' ? null : (
        <p class="hint" lang={lang?.lang} dir={lang?.dir}>
          {text.summary}
        </p>
      )}
      {text.variants.includes('easy') ? (
        <p>
          <a href={GUIDE_PATHS.easy(text.item.slug)}>{t('learn.guides.easyVersion', { title: text.title })}</a>
        </p>
      ) : null}
    </li>
  );
}

/** `/learn`: what the regulator offers to learn and take part, with the rights guides by topic. */
export function LearnHubPage({ ctx, guides, topics }: { ctx: PageContext; guides: readonly PublishedText[]; topics: readonly GuideTopic[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('learn.hub.title')}>
      <p class="lead">{t('learn.hub.intro')}</p>
      <LearnSearchForm ctx={ctx} isCompact />
      <section aria-labelledby="hub-guides">
        <h2 id="hub-guides">{t('learn.hub.guides.title')}</h2>
        <p>{t('learn.hub.guides.body')}</p>
        <ul class="link-list">
          {topics.map((topic) => {
            const guide = guides.find((g) => topicOf(g, topics) === topic);
            return guide ? (
              <li>
                <a href={GUIDE_PATHS.guide(guide.item.slug)}>{t(`learn.topic.${topic}`)}</a>
              </li>
            ) : null;
          })}
        </ul>
        <p>
          <a href={GUIDE_PATHS.list}>{t('learn.hub.guides.all')}</a>
        </p>
      </section>
      {HUB_SECTIONS.map((section) => (
        <section aria-labelledby={`hub-${section.key}`}>
          <h2 id={`hub-${section.key}`}>{t(`learn.hub.${section.key}.title`)}</h2>
          <p>{t(`learn.hub.${section.key}.body`)}</p>
          <p>
            <a href={section.href}>{t(`learn.hub.${section.key}.link`)}</a>
          </p>
        </section>
      ))}
    </Layout>
  );
}

/** `/learn/guides`: every published guide, grouped by the profile's topics in its order. */
export function GuideListPage({ ctx, guides, topics }: { ctx: PageContext; guides: readonly PublishedText[]; topics: readonly GuideTopic[] }) {
  const { t } = ctx;
  const others = guides.filter((g) => topicOf(g, topics) === undefined);
  return (
    <Layout ctx={ctx} title={t('learn.guides.title')}>
      <p class="lead">{t('learn.guides.intro')}</p>
      <LearnSearchForm ctx={ctx} isCompact />
      {guides.length === 0 ? <p>{t('learn.guides.none')}</p> : null}
      {topics.map((topic) => {
        const inTopic = guides.filter((g) => topicOf(g, topics) === topic);
        return inTopic.length === 0 ? null : (
          <section aria-labelledby={`topic-${topic}`}>
            <h2 id={`topic-${topic}`}>{t(`learn.topic.${topic}`)}</h2>
            <ul class="link-list">
              {inTopic.map((text) => (
                <GuideEntry ctx={ctx} text={text} />
              ))}
            </ul>
          </section>
        );
      })}
      {others.length === 0 ? null : (
        <section aria-labelledby="topic-other">
          <h2 id="topic-other">{t('learn.guides.otherTopics')}</h2>
          <ul class="link-list">
            {others.map((text) => (
              <GuideEntry ctx={ctx} text={text} />
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

/** One guide (or its easy-read version), then what the reader can do about it in Kinga. */
export function GuidePage({ ctx, text, siteUrl, topics }: { ctx: PageContext; text: PublishedText; siteUrl: string; topics: readonly GuideTopic[] }) {
  const { t } = ctx;
  const topic = topicOf(text, topics);
  const actions = topic ? TOPIC_ACTIONS[topic] : [];
  const slug = text.item.slug;
  return (
    <ContentArticlePage
      ctx={ctx}
      text={text}
      siteUrl={siteUrl}
      variantHref={(variant) => (variant === 'easy' ? GUIDE_PATHS.easy(slug) : GUIDE_PATHS.guide(slug))}
    >
      {actions.length === 0 ? null : (
        <section aria-labelledby="guide-actions">
          <h2 id="guide-actions">{t('learn.guides.actionsTitle')}</h2>
          <ul class="link-list">
            {actions.map((action) => (
              <li>
                <a href={action.href}>{t(action.labelKey)}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <a href={GUIDE_PATHS.list}>{t('learn.guides.backToList')}</a>
      </p>
    </ContentArticlePage>
  );
}
