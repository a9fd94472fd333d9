import { Layout } from '../../../platform/web/layout.tsx';
import {
  BackLink,
  CheckboxGroup,
  ErrorSummary,
  Form,
  RadioGroup,
  SecondaryButton,
  SelectField,
  SubmitButton,
  TableRegion,
  TextArea,
  TextField,
  type FormState,
  StatusNotice,
} from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { DESCRIPTION_LANGUAGES } from './association-profile.ts';
import type { Association, Proposal, RepAccount } from './associations.service.ts';
import { ASSOCIATION_STATES } from './associations.service.ts';
import {
  MY_ASSOCIATION_PATH,
  STAFF_NEW_ASSOCIATION_PATH,
  associationPath,
  proposalPath,
  staffAssociationPath,
  STAFF_ASSOCIATIONS_PATH,
} from './associations.paths.ts';
import type { DirectoryRegion } from './associations.views.tsx';
import { languageNameIn } from '../shared/language-names.ts';

/** The lists a form has ticked, kept apart from its text values. */
export interface TickedLists {
  regions: readonly string[];
  languages: readonly string[];
  services: readonly string[];
}

/** What the entry form offers. */
export interface FormChoices {
  regions: readonly DirectoryRegion[];
  languages: readonly string[];
  services: readonly string[];
}

/** The entry's fields: name, descriptions, areas, languages, services, contact, location; recognition and state for staff only. */
function AssociationFields({
  ctx,
  form,
  ticked,
  choices,
  isStaff,
}: {
  ctx: PageContext;
  form: FormState;
  ticked: TickedLists;
  choices: FormChoices;
  isStaff: boolean;
}) {
  const { t } = ctx;
  return (
    <>
      <TextField form={form} name="name" label={t('learn.associations.field.name')} isRequired />
      {DESCRIPTION_LANGUAGES.map((language) => (
        <TextArea
          key={language}
          form={form}
          name={`description_${language}`}
          label={t('learn.associations.field.description', { language: languageNameIn(ctx.language, language) })}
        />
      ))}
      <CheckboxGroup
        form={form}
        name="regions"
        legend={t('learn.associations.field.regions')}
        choices={choices.regions.map((r) => ({ value: r.code, label: r.name }))}
        checked={ticked.regions}
      />
      <CheckboxGroup
        form={form}
        name="languages"
        legend={t('learn.associations.field.languages')}
        choices={choices.languages.map((l) => ({ value: l, label: languageNameIn(ctx.language, l) }))}
        checked={ticked.languages}
      />
      <CheckboxGroup
        form={form}
        name="services"
        legend={t('learn.associations.field.services')}
        choices={choices.services.map((s) => ({ value: s, label: t(`learn.associations.service.${s}`) }))}
        checked={ticked.services}
      />
      <TextField form={form} name="address" label={t('learn.associations.field.address')} />
      <TextField form={form} name="phone" type="tel" label={t('learn.associations.field.phone')} dir="ltr" />
      <TextField form={form} name="email" type="email" label={t('learn.associations.field.email')} dir="ltr" />
      <TextField form={form} name="website" type="url" label={t('learn.associations.field.website')} hint={t('learn.associations.hint.website')} dir="ltr" />
      <TextField
        form={form}
        name="latitude"
        label={t('learn.associations.field.latitude')}
        hint={t('learn.associations.hint.coordinate')}
        inputMode="decimal"
        dir="ltr"
      />
      <TextField
        form={form}
        name="longitude"
        label={t('learn.associations.field.longitude')}
        hint={t('learn.associations.hint.coordinate')}
        inputMode="decimal"
        dir="ltr"
      />
      {isStaff ? (
        <>
          <TextField
            form={form}
            name="rightsDecidedOn"
            type="date"
            label={t('learn.associations.field.rightsDecidedOn')}
            hint={t('learn.associations.hint.rights')}
            dir="ltr"
          />
          <TextField form={form} name="rightsReference" label={t('learn.associations.field.rightsReference')} dir="ltr" />
          <RadioGroup
            form={form}
            name="state"
            legend={t('learn.associations.field.state')}
            choices={ASSOCIATION_STATES.map((s) => ({ value: s, label: t(`learn.associations.state.${s}`) }))}
          />
        </>
      ) : null}
    </>
  );
}

/** `/staff/learn/associations`: every entry with its state, and the proposals waiting for a decision. */
export function StaffAssociationsPage({
  ctx,
  associations,
  pending,
}: {
  ctx: PageContext;
  associations: readonly Association[];
  pending: readonly Proposal[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('learn.associations.staff.title')}>
      <p>
        <a href={STAFF_NEW_ASSOCIATION_PATH}>{t('learn.associations.staff.new')}</a>
      </p>
      <h2>{t('learn.associations.staff.pending', { count: pending.length })}</h2>
      <ProposalList ctx={ctx} proposals={pending} />
      <h2>{t('learn.associations.staff.entries')}</h2>
      <TableRegion>
        <table>
          <caption>{t('learn.associations.staff.entries')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('learn.associations.field.name')}</th>
              <th scope="col">{t('learn.associations.field.state')}</th>
              <th scope="col">{t('learn.associations.staff.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {associations.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <a href={staffAssociationPath(a.id)}>{a.profile.name}</a>
                </th>
                <td>{t(`learn.associations.state.${a.state}`)}</td>
                <td>{ctx.format.dateTime(a.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </Layout>
  );
}

function ProposalList({ ctx, proposals }: { ctx: PageContext; proposals: readonly Proposal[] }) {
  if (proposals.length === 0) return <p>{ctx.t('learn.associations.staff.noPending')}</p>;
  return (
    <ul>
      {proposals.map((p) => (
        <li key={p.id}>
          <a href={proposalPath(p.id)}>
            {ctx.t('learn.associations.staff.proposalLink', { name: p.associationName, date: ctx.format.dateTime(p.proposedAt) })}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Props of {@link StaffAssociationPage}. */
export interface StaffAssociationPageProps {
  ctx: PageContext;
  /** Undefined for a new entry. */
  association?: Association;
  form: FormState;
  ticked: TickedLists;
  choices: FormChoices;
  reps: readonly RepAccount[];
  pending: readonly Proposal[];
}

/** Staff's page of one entry: the form, its representatives (link, unlink) and its pending proposals. */
export function StaffAssociationPage({ ctx, association, form, ticked, choices, reps, pending }: StaffAssociationPageProps) {
  const { t } = ctx;
  const title = association ? t('learn.associations.staff.editTitle', { name: association.profile.name }) : t('learn.associations.staff.new');
  const linked = association ? reps.filter((r) => r.associationId === association.id) : [];
  const linkable = association ? reps.filter((r) => r.associationId !== association.id && r.isActive) : [];
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={STAFF_ASSOCIATIONS_PATH} label={t('learn.associations.staff.back')} />
      {association && association.state === 'published' ? (
        <p>
          <a href={associationPath(association.id)}>{t('learn.associations.staff.publicPage')}</a>
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={association ? staffAssociationPath(association.id) : STAFF_NEW_ASSOCIATION_PATH} label={title}>
        {association ? <input type="hidden" name="version" value={String(association.version)} /> : null}
        <AssociationFields ctx={ctx} form={form} ticked={ticked} choices={choices} isStaff />
        <SubmitButton>{t('learn.associations.staff.save')}</SubmitButton>
      </Form>
      {association ? (
        <>
          <h2>{t('learn.associations.staff.reps')}</h2>
          {linked.length === 0 ? (
            <p>{t('learn.associations.staff.noReps')}</p>
          ) : (
            <ul>
              {linked.map((r) => (
                <li key={r.userId}>
                  {r.displayName}
                  {r.organisation ? ` (${r.organisation})` : ''}
                  <Form ctx={ctx} action={`${staffAssociationPath(association.id)}/reps`} label={t('learn.associations.staff.unlink', { name: r.displayName })}>
                    <input type="hidden" name="userId" value={r.userId} />
                    <SecondaryButton name="action" value="unlink">
                      {t('learn.associations.staff.unlink', { name: r.displayName })}
                    </SecondaryButton>
                  </Form>
                </li>
              ))}
            </ul>
          )}
          {linkable.length > 0 ? (
            <Form ctx={ctx} action={`${staffAssociationPath(association.id)}/reps`} label={t('learn.associations.staff.link')}>
              <SelectField
                form={{ values: {}, problems: [] }}
                name="userId"
                label={t('learn.associations.staff.linkAccount')}
                options={linkable.map((r) => ({ value: r.userId, label: r.organisation ? `${r.displayName} (${r.organisation})` : r.displayName }))}
              />
              <input type="hidden" name="action" value="link" />
              <SubmitButton>{t('learn.associations.staff.link')}</SubmitButton>
            </Form>
          ) : null}
          <h2>{t('learn.associations.staff.pending', { count: pending.length })}</h2>
          <ProposalList ctx={ctx} proposals={pending} />
        </>
      ) : null}
    </Layout>
  );
}

/** A proposal's differences, field by field, and the approve and reject buttons while it is pending. */
export function ProposalPage({ ctx, proposal }: { ctx: PageContext; proposal: Proposal }) {
  const { t } = ctx;
  const title = t('learn.associations.proposal.title', { name: proposal.associationName });
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={staffAssociationPath(proposal.associationId)} label={t('learn.associations.staff.back')} />
      <p>{t('learn.associations.proposal.sent', { date: ctx.format.dateTime(proposal.proposedAt) })}</p>
      <p>{t(`learn.associations.proposal.state.${proposal.state}`)}</p>
      <TableRegion>
        <table>
          <caption>{t('learn.associations.proposal.differences')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('learn.associations.proposal.field')}</th>
              <th scope="col">{t('learn.associations.proposal.before')}</th>
              <th scope="col">{t('learn.associations.proposal.after')}</th>
            </tr>
          </thead>
          <tbody>
            {proposal.differences.map((d) => (
              <tr key={d.field}>
                <th scope="row">{fieldLabel(ctx, d.field)}</th>
                <td>
                  <del dir={directionOfValue(d.field)}>{d.before}</del>
                </td>
                <td>
                  <ins dir={directionOfValue(d.field)}>{d.after}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {proposal.state === 'pending' ? (
        <Form ctx={ctx} action={proposalPath(proposal.id)} label={title}>
          <SecondaryButton name="decision" value="approve">
            {t('learn.associations.proposal.approve')}
          </SecondaryButton>{' '}
          <SecondaryButton name="decision" value="reject">
            {t('learn.associations.proposal.reject')}
          </SecondaryButton>
        </Form>
      ) : null}
    </Layout>
  );
}

/** Fields whose values are numbers, addresses or codes, read left to right on every page; texts take the direction of their own script. */
const LEFT_TO_RIGHT_VALUES: ReadonlySet<string> = new Set([
  'phone',
  'email',
  'website',
  'latitude',
  'longitude',
  'rightsDecidedOn',
  'rightsReference',
  'regions',
  'languages',
  'services',
]);

function directionOfValue(field: string): 'ltr' | 'auto' {
  return LEFT_TO_RIGHT_VALUES.has(field) ? 'ltr' : 'auto';
}

/** The label of a field of the form, for the differences table. */
function fieldLabel(ctx: PageContext, field: string): string {
  if (field.startsWith('description_'))
    return ctx.t('learn.associations.field.description', { language: languageNameIn(ctx.language, field.slice('description_'.length)) });
  return ctx.t(`learn.associations.field.${field}`);
}

/** A representative's page: their entry, the form proposing changes, and what waits for staff. */
export function MyAssociationPage({
  ctx,
  association,
  form,
  ticked,
  choices,
  pending,
  isSent,
}: {
  ctx: PageContext;
  association: Association | undefined;
  form: FormState;
  ticked: TickedLists;
  choices: FormChoices;
  pending: readonly Proposal[];
  isSent: boolean;
}) {
  const { t } = ctx;
  if (!association)
    return (
      <Layout ctx={ctx} title={t('learn.associations.mine.title')}>
        <p>{t('learn.associations.mine.notLinked')}</p>
      </Layout>
    );
  return (
    <Layout ctx={ctx} title={t('learn.associations.mine.title')}>
      <StatusNotice message={isSent ? t('learn.associations.mine.sent') : null} />
      <p>{t('learn.associations.mine.intro', { name: association.profile.name })}</p>
      {pending.length > 0 ? <p>{t('learn.associations.mine.pending', { count: pending.length })}</p> : null}
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={MY_ASSOCIATION_PATH} label={t('learn.associations.mine.title')}>
        <AssociationFields ctx={ctx} form={form} ticked={ticked} choices={choices} isStaff={false} />
        <SubmitButton>{t('learn.associations.mine.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}
