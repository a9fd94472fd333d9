import { Layout } from '../../../platform/web/layout.tsx';
import { BackLink, QueryForm, SelectField, SubmitButton, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { AssociationMap } from './association-map.tsx';
import type { AssociationProfile } from './association-profile.ts';
import type { Association } from './associations.service.ts';
import type { RegionSource } from './associations.wiring.ts';
import { ASSOCIATIONS_HSDS_JSON_PATH, ASSOCIATIONS_PATH, associationPath, hsdsCsvPath } from './associations.paths.ts';
import { HSDS_TABLES } from './association-hsds.ts';
import { languageNameIn } from '../shared/language-names.ts';
import { textDirection } from '../../../platform/i18n/index.ts';

/** A region with its boundary, as the map and the filter read it. */
export type DirectoryRegion = Awaited<ReturnType<RegionSource['regions']>>[number];

/** Items joined as the page's language writes a list (`Intl.ListFormat`: commas, the Arabic comma, 、 in Chinese). */
export function listIn(pageLanguage: string, items: readonly string[]): string {
  return new Intl.ListFormat([pageLanguage], { style: 'long', type: 'unit' }).format(items);
}

/** The description in the reader's language, or in the first language written with that language's code so the page marks it. */
export function descriptionFor(profile: AssociationProfile, language: string): { text: string; lang: string; isFallback: boolean } {
  const own = profile.descriptions[language];
  if (own) return { text: own, lang: language, isFallback: false };
  const [lang, text] = Object.entries(profile.descriptions).find(([, t]) => Boolean(t)) ?? ['en', ''];
  return { text: text ?? '', lang, isFallback: true };
}

/** Contact lines of an entry: address, telephone, e-mail and website, each labelled. */
function Contact({ ctx, profile }: { ctx: PageContext; profile: AssociationProfile }) {
  const { t } = ctx;
  return (
    <dl class="summary-list summary-list-plain">
      {profile.address ? (
        <div>
          <dt>{t('learn.associations.field.address')}</dt>
          <dd>{profile.address}</dd>
        </div>
      ) : null}
      {profile.phone ? (
        <div>
          <dt>{t('learn.associations.field.phone')}</dt>
          <dd>
            <a href={`tel:${profile.phone.replace(/[^+0-9]/g, '')}`} dir="ltr">
              {profile.phone}
            </a>
          </dd>
        </div>
      ) : null}
      {profile.email ? (
        <div>
          <dt>{t('learn.associations.field.email')}</dt>
          <dd>
            <a href={`mailto:${profile.email}`} dir="ltr">
              {profile.email}
            </a>
          </dd>
        </div>
      ) : null}
      {profile.website ? (
        <div>
          <dt>{t('learn.associations.field.website')}</dt>
          <dd>
            <a href={profile.website} rel="noopener noreferrer" dir="ltr">
              {profile.website}
            </a>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Props of {@link AssociationsPage}. */
export interface AssociationsPageProps {
  ctx: PageContext;
  associations: readonly Association[];
  regions: readonly DirectoryRegion[];
  services: readonly string[];
  languages: readonly string[];
  form: FormState;
}

/** `/learn/associations`: the filter, the map and the list (the map's equivalent in words), and the export links. */
export function AssociationsPage({ ctx, associations, regions, services, languages, form }: AssociationsPageProps) {
  const { t } = ctx;
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  const markers = associations
    .map((a, i) => ({ number: i + 1, name: a.profile.name, latitude: a.profile.latitude, longitude: a.profile.longitude }))
    .filter((m): m is { number: number; name: string; latitude: number; longitude: number } => m.latitude !== null && m.longitude !== null);
  const served = new Set(associations.flatMap((a) => a.profile.regions));
  return (
    <Layout ctx={ctx} title={t('learn.associations.title')}>
      <p class="lead">{t('learn.associations.intro')}</p>
      <QueryForm ctx={ctx} action={ASSOCIATIONS_PATH} label={t('learn.associations.filter.label')}>
        <SelectField
          form={form}
          name="region"
          label={t('learn.associations.filter.region')}
          options={[{ value: '', label: t('learn.associations.filter.any') }, ...regions.map((r) => ({ value: r.code, label: r.name }))]}
        />
        <SelectField
          form={form}
          name="service"
          label={t('learn.associations.filter.service')}
          options={[
            { value: '', label: t('learn.associations.filter.any') },
            ...services.map((s) => ({ value: s, label: t(`learn.associations.service.${s}`) })),
          ]}
        />
        <SelectField
          form={form}
          name="language"
          label={t('learn.associations.filter.language')}
          options={[{ value: '', label: t('learn.associations.filter.any') }, ...languages.map((l) => ({ value: l, label: languageNameIn(ctx.language, l) }))]}
        />
        <SubmitButton>{t('learn.associations.filter.submit')}</SubmitButton>
      </QueryForm>
      <h2>{t('learn.associations.found', { count: associations.length })}</h2>
      {associations.length === 0 ? (
        <p>{t('learn.associations.none')}</p>
      ) : (
        <>
          <AssociationMap
            regions={regions}
            served={served}
            markers={markers}
            title={t('learn.associations.map.title')}
            description={t('learn.associations.map.description', { count: markers.length })}
            listId="association-list"
          />
          <ol id="association-list" class="association-list">
            {associations.map((a) => {
              const description = descriptionFor(a.profile, ctx.language);
              return (
                <li key={a.id}>
                  <h3>
                    <a href={associationPath(a.id)}>{a.profile.name}</a>
                  </h3>
                  {description.text ? (
                    <p lang={description.isFallback ? description.lang : undefined} dir={description.isFallback ? textDirection(description.lang) : undefined}>
                      {description.text}
                    </p>
                  ) : null}
                  <p>
                    {t('learn.associations.field.regions')}:{' '}
                    {listIn(
                      ctx.language,
                      a.profile.regions.map((r) => regionName.get(r) ?? r),
                    )}
                  </p>
                  <p>
                    {t('learn.associations.field.services')}:{' '}
                    {listIn(
                      ctx.language,
                      a.profile.services.map((s) => t(`learn.associations.service.${s}`)),
                    )}
                  </p>
                  {a.profile.address ? (
                    <p>
                      {t('learn.associations.field.address')}: {a.profile.address}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </>
      )}
      <h2>{t('learn.associations.export.title')}</h2>
      <p>{t('learn.associations.export.intro')}</p>
      <ul>
        <li>
          <a href={ASSOCIATIONS_HSDS_JSON_PATH}>{t('learn.associations.export.json')}</a>
        </li>
        {HSDS_TABLES.map((table) => (
          <li key={table}>
            <a href={hsdsCsvPath(table)}>{t('learn.associations.export.csv', { table })}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** `/learn/associations/<id>`: one entry in full. */
export function AssociationPage({ ctx, association, regions }: { ctx: PageContext; association: Association; regions: readonly DirectoryRegion[] }) {
  const { t } = ctx;
  const { profile } = association;
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  const description = descriptionFor(profile, ctx.language);
  return (
    <Layout ctx={ctx} title={profile.name}>
      <BackLink href={ASSOCIATIONS_PATH} label={t('learn.associations.back')} />
      {description.isFallback && description.text ? (
        <p class="notice">{t('learn.associations.fallbackNotice', { language: languageNameIn(ctx.language, description.lang) })}</p>
      ) : null}
      {description.text ? (
        <p class="lead" lang={description.isFallback ? description.lang : undefined} dir={description.isFallback ? textDirection(description.lang) : undefined}>
          {description.text}
        </p>
      ) : null}
      <h2>{t('learn.associations.contactTitle')}</h2>
      <Contact ctx={ctx} profile={profile} />
      <h2>{t('learn.associations.field.services')}</h2>
      <ul>
        {profile.services.map((s) => (
          <li key={s}>{t(`learn.associations.service.${s}`)}</li>
        ))}
      </ul>
      <dl class="summary-list summary-list-plain">
        <div>
          <dt>{t('learn.associations.field.regions')}</dt>
          <dd>
            {listIn(
              ctx.language,
              profile.regions.map((r) => regionName.get(r) ?? r),
            )}
          </dd>
        </div>
        <div>
          <dt>{t('learn.associations.field.languages')}</dt>
          <dd>
            {listIn(
              ctx.language,
              profile.languages.map((l) => languageNameIn(ctx.language, l)),
            )}
          </dd>
        </div>
        <div>
          <dt>{t('learn.associations.field.rights')}</dt>
          <dd>
            {profile.rights
              ? t('learn.associations.rights.recognised', {
                  authority: ctx.jurisdiction.authority.shortName,
                  date: ctx.format.date(`${profile.rights.decidedOn}T12:00:00Z`),
                  reference: profile.rights.reference,
                })
              : t('learn.associations.rights.none')}
          </dd>
        </div>
      </dl>
      {profile.latitude !== null && profile.longitude !== null ? (
        <AssociationMap
          regions={regions}
          served={new Set(profile.regions)}
          markers={[{ number: 1, name: profile.name, latitude: profile.latitude, longitude: profile.longitude }]}
          title={t('learn.associations.map.oneTitle', { name: profile.name })}
          description={t('learn.associations.map.oneDescription', { address: profile.address || profile.name })}
        />
      ) : null}
      <p>{t('learn.associations.updated', { date: ctx.format.date(association.updatedAt) })}</p>
    </Layout>
  );
}
