import { Layout } from './layout.tsx';
import { sendPage } from './render.ts';
import type { PageContext } from './context.ts';
import type { App } from '../module.ts';
import type { Platform } from '../platform.ts';

/** The platform's public pages: the home page and the readable API reference. */
export function registerPlatformPages(app: App, _platform: Platform): void {
  app.get('/', async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    return sendPage(reply, <HomePage ctx={ctx} />);
  });
  app.get('/api/docs', async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    return sendPage(reply, <ApiDocsPage ctx={ctx} spec={app.swagger() as OpenApiDocument} />);
  });
}

const RIGHTS = ['information', 'choice', 'complaint', 'privacy', 'safety', 'accessibility'] as const;

function HomePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  const services = ctx.nav.filter((item) => item.href !== '/');
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <p class="lead">{t('home.intro', { authority: ctx.jurisdiction.authority.name })}</p>
      <h2>{t('home.servicesTitle')}</h2>
      {services.length > 0 ? (
        <ul class="cards">
          {services.map((item) => (
            <li key={item.href}>
              <a href={item.href}>{t(item.labelKey)}</a>
              <p>{t(`${item.labelKey}Description`)}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('home.servicesNone')}</p>
      )}
      <h2>{t('home.rightsTitle')}</h2>
      <ul class="rights">
        {RIGHTS.map((right) => (
          <li key={right}>
            <strong>{t(`home.right.${right}.title`)}</strong> {t(`home.right.${right}.body`)}
          </li>
        ))}
      </ul>
      <h2>{t('home.helpTitle')}</h2>
      <p>{t('home.helpBody', { phone: ctx.jurisdiction.contacts.phone, email: ctx.jurisdiction.contacts.email })}</p>
      <h2>{t('home.freeTitle')}</h2>
      <p>{t('home.freeBody')}</p>
    </Layout>
  );
}

interface OpenApiOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string }>;
}

/** The parts of an OpenAPI 3.1 document the reference page reads. */
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, OpenApiOperation>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function ApiDocsPage({ ctx, spec }: { ctx: PageContext; spec: OpenApiDocument }) {
  const { t } = ctx;
  const operations = Object.entries(spec.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method]! })),
  );
  const tags = [...new Set(operations.map((o) => o.op.tags?.[0] ?? 'other'))].sort();
  return (
    <Layout ctx={ctx} title={t('apiDocs.title')}>
      <p>{t('apiDocs.intro')}</p>
      <p>
        <a href="/api/openapi.json">{t('apiDocs.download')}</a>
      </p>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`}>
            <span lang="en">{tag}</span>
          </h2>
          {operations
            .filter((o) => (o.op.tags?.[0] ?? 'other') === tag)
            .map(({ path, method, op }) => (
              <article class="operation" key={`${method} ${path}`}>
                <h3 dir="ltr">
                  <code>
                    {method.toUpperCase()} {path}
                  </code>
                </h3>
                {/* Summaries come from the route schemas, in English; dir keeps their punctuation in place on Arabic pages. */}
                {op.summary ? (
                  <p lang="en" dir="ltr">
                    {op.summary}
                  </p>
                ) : null}
                {op.security && op.security.length > 0 ? <p>{t('apiDocs.needsToken')}</p> : null}
                {op.parameters && op.parameters.length > 0 ? (
                  <dl>
                    {op.parameters.map((p) => (
                      <>
                        <dt dir="ltr">
                          <code>{p.name}</code> ({p.in}
                          {p.required ? `, ${t('apiDocs.required')}` : ''})
                        </dt>
                        <dd lang="en" dir="ltr">
                          {p.description ?? ''}
                        </dd>
                      </>
                    ))}
                  </dl>
                ) : null}
                <p>
                  {t('apiDocs.responses')} <span dir="ltr">{Object.keys(op.responses ?? {}).join(', ')}</span>
                </p>
              </article>
            ))}
        </section>
      ))}
    </Layout>
  );
}
