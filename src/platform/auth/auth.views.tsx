import type { ComponentChildren } from 'preact';
import type { PageContext } from '../web/context.ts';
import { CodeField, ErrorSummary, Form, LinkButtonForm, SubmitButton, TableRegion, TextField, type FormState } from '../web/components.tsx';
import { Layout } from '../web/layout.tsx';
import type { AccountView, TokenView } from './auth.presenter.ts';
import type { StaffLink } from './auth.policy.ts';
import type { TotpEnrolment } from './sign-in.service.ts';
import { MIN_PASSWORD_LENGTH } from './password.ts';
import { ROLES } from './principal.ts';

const fieldId = (name: string) => `field-${name}`;

/** The e-mail and password page; `notice` is a sentence shown above the form (signed out, locked). */
export function SignInPage({ ctx, form, notice }: { ctx: PageContext; form: FormState; notice?: string | undefined }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.signIn.title')}>
      <ErrorSummary ctx={ctx} form={form} />
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p>{t('auth.signIn.intro')}</p>
      <Form ctx={ctx} action="/staff/sign-in" label={t('auth.signIn.title')}>
        <TextField form={form} name="email" type="email" label={t('auth.signIn.email')} autocomplete="username" isRequired />
        <TextField form={form} name="password" type="password" label={t('auth.signIn.password')} autocomplete="current-password" isRequired />
        <SubmitButton>{t('auth.signIn.submit')}</SubmitButton>
      </Form>
      <p class="hint">{t('auth.signIn.help')}</p>
    </Layout>
  );
}

/** The second-factor page of an enrolled account. */
export function CodePage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.code.title')}>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action="/staff/sign-in/code" label={t('auth.code.title')}>
        <CodeField form={form} label={t('auth.code.label')} hint={t('auth.code.hint')} />
        <SubmitButton>{t('auth.code.submit')}</SubmitButton>
      </Form>
      <CancelSignIn ctx={ctx} />
    </Layout>
  );
}

/** The first sign-in page that enrols an authenticator app: the secret as text, then a first code. */
export function SetupCodePage({ ctx, form, enrolment }: { ctx: PageContext; form: FormState; enrolment: TotpEnrolment }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.setup.title')}>
      <ErrorSummary ctx={ctx} form={form} />
      <p>{t('auth.setup.intro')}</p>
      <ol>
        <li>{t('auth.setup.stepApp')}</li>
        <li>
          {t('auth.setup.stepKey')}
          <br />
          <code id="totp-secret" dir="ltr">
            {enrolment.groupedSecret}
          </code>
        </li>
        <li>
          {t('auth.setup.stepUri')}
          <br />
          <code id="totp-uri" dir="ltr">
            {enrolment.uri}
          </code>
        </li>
        <li>{t('auth.setup.stepCode')}</li>
      </ol>
      <Form ctx={ctx} action="/staff/sign-in/setup-code" label={t('auth.setup.title')}>
        <CodeField form={form} label={t('auth.code.label')} hint={t('auth.code.hint')} />
        <SubmitButton>{t('auth.setup.submit')}</SubmitButton>
      </Form>
      <CancelSignIn ctx={ctx} />
    </Layout>
  );
}

function CancelSignIn({ ctx }: { ctx: PageContext }) {
  return (
    <LinkButtonForm ctx={ctx} action="/staff/sign-out">
      {ctx.t('auth.code.cancel')}
    </LinkButtonForm>
  );
}

/** The staff home: who is signed in, with which role, and what they may open. */
export function DashboardPage(props: {
  ctx: PageContext;
  displayName: string;
  roleKey: string;
  operatorId: string | null;
  links: StaffLink[];
  notice?: string | undefined;
}) {
  const { ctx, links } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('staff.dashboard.title')}>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>{t('staff.dashboard.signedInAs', { name: props.displayName, role: t(props.roleKey) })}</p>
      {props.operatorId ? <p>{t('staff.dashboard.operator', { operator: props.operatorId })}</p> : null}
      <h2>{t('staff.dashboard.linksTitle')}</h2>
      <ul class="cards">
        {links.map((link) => (
          <li key={link.href}>
            <a href={link.href}>{t(link.labelKey)}</a>
            <p>{t(link.descriptionKey)}</p>
            {link.figures && link.figures.length > 0 ? (
              <ul class="figures">
                {link.figures.map((figure) => (
                  <li key={figure.text} class={figure.isAlert ? 'alert' : undefined}>
                    {figure.isAlert ? <strong>{t('staff.dashboard.alert')}</strong> : null}
                    {figure.isAlert ? ' ' : null}
                    {figure.text}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** The change-password page; `isRequired` when a temporary password must be replaced first. */
export function PasswordPage({ ctx, form, isRequired }: { ctx: PageContext; form: FormState; isRequired: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('staff.password.title')}>
      <ErrorSummary ctx={ctx} form={form} />
      {isRequired ? (
        <p class="notice" role="status">
          {t('staff.password.required')}
        </p>
      ) : null}
      <Form ctx={ctx} action="/staff/password" label={t('staff.password.title')}>
        <TextField form={form} name="currentPassword" type="password" label={t('staff.password.current')} autocomplete="current-password" isRequired />
        <TextField
          form={form}
          name="newPassword"
          type="password"
          label={t('staff.password.new')}
          hint={t('staff.password.newHint', { min: MIN_PASSWORD_LENGTH })}
          autocomplete="new-password"
          isRequired
        />
        <TextField form={form} name="confirmation" type="password" label={t('staff.password.confirmation')} autocomplete="new-password" isRequired />
        <SubmitButton>{t('staff.password.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** A labelled drop-down wired like {@link TextField}. */
function SelectField(props: {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
  placeholder: string;
  isRequired?: boolean;
}) {
  const { form, name } = props;
  const problem = form.problems.find((p) => p.field === name);
  const describedBy = [props.hint ? `${fieldId(name)}-hint` : '', problem ? `${fieldId(name)}-error` : ''].filter(Boolean).join(' ') || undefined;
  const selected = form.values[name] ?? '';
  return (
    <div class={problem ? 'field field-error' : 'field'}>
      <label for={fieldId(name)}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${fieldId(name)}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {problem ? (
        <p class="error-message" id={`${fieldId(name)}-error`}>
          {problem.message}
        </p>
      ) : null}
      <select
        id={fieldId(name)}
        name={name}
        required={props.isRequired}
        aria-required={props.isRequired ? 'true' : undefined}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={describedBy}
      >
        <option value="" selected={selected === ''}>
          {props.placeholder}
        </option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === selected}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes in a fieldset; the first box carries the id the error summary links to. */
function CheckboxGroup(props: { form: FormState; name: string; legend: string; options: { value: string; label: string }[]; checked: readonly string[] }) {
  const { form, name } = props;
  const problem = form.problems.find((p) => p.field === name);
  return (
    <fieldset class={problem ? 'field field-error' : 'field'} aria-describedby={problem ? `${fieldId(name)}-error` : undefined}>
      <legend>{props.legend}</legend>
      {problem ? (
        <p class="error-message" id={`${fieldId(name)}-error`}>
          {problem.message}
        </p>
      ) : null}
      {props.options.map((o, index) => {
        const id = index === 0 ? fieldId(name) : `${fieldId(name)}-${index}`;
        return (
          <div key={o.value} class="checkbox">
            <input type="checkbox" id={id} name={name} value={o.value} checked={props.checked.includes(o.value)} />
            <label for={id}>
              <code>{o.value}</code> {o.label}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** The list of accounts with the form that creates one (administrators). */
export function UsersPage({ ctx, users, form, currentUserId }: { ctx: PageContext; users: AccountView[]; form: FormState; currentUserId: string }) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('staff.users.title')}>
      <ErrorSummary ctx={ctx} form={form} />
      <TableRegion>
        <table>
          <caption>{t('staff.users.caption', { count: users.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.users.name')}</th>
              <th scope="col">{t('staff.users.email')}</th>
              <th scope="col">{t('staff.users.role')}</th>
              <th scope="col">{t('staff.users.operator')}</th>
              <th scope="col">{t('staff.users.status')}</th>
              <th scope="col">{t('staff.users.lastSignIn')}</th>
              <th scope="col">{t('staff.users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <th scope="row">{user.displayName}</th>
                <td dir="ltr">{user.email ?? '—'}</td>
                <td>
                  {t(user.roleKey)}
                  {user.organisation ? (
                    <>
                      <br />
                      {user.organisation}
                    </>
                  ) : null}
                </td>
                <td>{user.operatorId ?? '—'}</td>
                <td>
                  {user.isActive ? t('staff.users.active') : t('staff.users.disabled')}
                  <br />
                  {user.hasMfa ? t('staff.users.mfaOn') : t('staff.users.mfaPending')}
                </td>
                <td>{user.lastLoginAt ? format.dateTime(user.lastLoginAt) : t('staff.users.never')}</td>
                <td>
                  {user.isActive && user.id !== currentUserId ? (
                    <>
                      <LinkButtonForm ctx={ctx} action={`/staff/users/${user.id}/disable`} label={t('staff.users.disableLabel', { name: user.displayName })}>
                        {t('staff.users.disable')}
                      </LinkButtonForm>
                      <br />
                      <LinkButtonForm ctx={ctx} action={`/staff/users/${user.id}/reset-mfa`} label={t('staff.users.resetMfaLabel', { name: user.displayName })}>
                        {t('staff.users.resetMfa')}
                      </LinkButtonForm>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2 id="create-user">{t('staff.users.createTitle')}</h2>
      <p>{t('staff.users.createIntro')}</p>
      <Form ctx={ctx} action="/staff/users" label={t('staff.users.createTitle')}>
        <TextField form={form} name="email" type="email" label={t('staff.users.email')} autocomplete="off" isRequired />
        <TextField form={form} name="displayName" label={t('staff.users.name')} autocomplete="off" isRequired />
        <SelectField
          form={form}
          name="role"
          label={t('staff.users.role')}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          placeholder={t('staff.users.chooseRole')}
          isRequired
        />
        <TextField form={form} name="operatorId" label={t('staff.users.operator')} hint={t('staff.users.operatorHint')} autocomplete="off" />
        <TextField form={form} name="organisation" label={t('staff.users.organisation')} hint={t('staff.users.organisationHint')} autocomplete="off" />
        <SubmitButton>{t('staff.users.createSubmit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/**
 * A page that shows a secret the platform keeps no copy of (a temporary password, an API token):
 * what was made, the secret, the warning that it is shown this once, and the way back to the list.
 */
function ShownOncePage(props: {
  ctx: PageContext;
  title: string;
  body: string;
  secret: ComponentChildren;
  notice: string;
  after?: ComponentChildren;
  back: { href: string; label: string };
}) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <p>{props.body}</p>
      {props.secret}
      <p class="notice">{props.notice}</p>
      {props.after}
      <p>
        <a href={props.back.href}>{props.back.label}</a>
      </p>
    </Layout>
  );
}

/** The one page that shows a new account's temporary password. */
export function UserCreatedPage({ ctx, user, temporaryPassword }: { ctx: PageContext; user: AccountView; temporaryPassword: string }) {
  const { t } = ctx;
  const secret = (
    <dl>
      <dt>{t('staff.users.email')}</dt>
      <dd dir="ltr">{user.email ?? '—'}</dd>
      <dt>{t('staff.users.temporaryPassword')}</dt>
      <dd>
        <code id="temporary-password" dir="ltr">
          {temporaryPassword}
        </code>
      </dd>
    </dl>
  );
  return (
    <ShownOncePage
      ctx={ctx}
      title={t('staff.users.createdTitle')}
      body={t('staff.users.createdBody', { name: user.displayName, role: t(user.roleKey) })}
      secret={secret}
      notice={t('staff.users.temporaryPasswordNotice')}
      back={{ href: '/staff/users', label: t('staff.users.backToList') }}
    />
  );
}

/** The list of API tokens with the form that issues one. */
export function TokensPage(props: {
  ctx: PageContext;
  tokens: TokenView[];
  form: FormState;
  permissions: readonly string[];
  checked: readonly string[];
  /** Null for administrators, who choose; the operator of an operator agent otherwise. */
  fixedOperatorId: string | null;
}) {
  const { ctx, tokens, form } = props;
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('staff.tokens.title')}>
      <ErrorSummary ctx={ctx} form={form} />
      <p>{t('staff.tokens.intro')}</p>
      {tokens.length === 0 ? (
        <p>{t('staff.tokens.none')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption>{t('staff.tokens.caption', { count: tokens.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.tokens.name')}</th>
                <th scope="col">{t('staff.tokens.operator')}</th>
                <th scope="col">{t('staff.tokens.permissions')}</th>
                <th scope="col">{t('staff.tokens.dates')}</th>
                <th scope="col">{t('staff.tokens.status')}</th>
                <th scope="col">{t('staff.users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">
                    {token.name}
                    <br />
                    <code dir="ltr">{token.hint}</code>
                  </th>
                  <td>{token.operatorId ?? t('staff.tokens.regulator')}</td>
                  <td dir="ltr">
                    <code>{token.permissions.join(' ')}</code>
                  </td>
                  <td>
                    {t('staff.tokens.created', { at: format.dateTime(token.createdAt) })}
                    <br />
                    {token.expiresAt ? t('staff.tokens.expires', { at: format.dateTime(token.expiresAt) }) : t('staff.tokens.noExpiry')}
                    <br />
                    {token.lastUsedAt ? t('staff.tokens.lastUsed', { at: format.dateTime(token.lastUsedAt) }) : t('staff.tokens.neverUsed')}
                  </td>
                  <td>{t(`staff.tokens.status.${token.status}`)}</td>
                  <td>
                    {token.status === 'active' ? (
                      <LinkButtonForm ctx={ctx} action={`/staff/tokens/${token.id}/revoke`} label={t('staff.tokens.revokeLabel', { name: token.name })}>
                        {t('staff.tokens.revoke')}
                      </LinkButtonForm>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <h2 id="create-token">{t('staff.tokens.createTitle')}</h2>
      <Form ctx={ctx} action="/staff/tokens" label={t('staff.tokens.createTitle')}>
        <TextField form={form} name="name" label={t('staff.tokens.name')} hint={t('staff.tokens.nameHint')} autocomplete="off" isRequired />
        {props.fixedOperatorId === null ? (
          <TextField form={form} name="operatorId" label={t('staff.tokens.operator')} hint={t('staff.tokens.operatorHint')} autocomplete="off" />
        ) : (
          <p>{t('staff.tokens.operatorFixed', { operator: props.fixedOperatorId })}</p>
        )}
        <CheckboxGroup
          form={form}
          name="permissions"
          legend={t('staff.tokens.permissions')}
          options={props.permissions.map((p) => ({ value: p, label: t(`staff.permission.${p}`) }))}
          checked={props.checked}
        />
        <TextField
          form={form}
          name="expiresInDays"
          type="number"
          inputMode="numeric"
          label={t('staff.tokens.expiresInDays')}
          hint={t('staff.tokens.expiresInDaysHint')}
          autocomplete="off"
        />
        <SubmitButton>{t('staff.tokens.createSubmit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** The one page that shows a new token in full. */
export function TokenCreatedPage({ ctx, token, plaintext }: { ctx: PageContext; token: TokenView; plaintext: string }) {
  const { t } = ctx;
  const usage = (
    <>
      <p>{t('staff.tokens.usage')}</p>
      <pre dir="ltr">
        <code>{`Authorization: Bearer ${plaintext}`}</code>
      </pre>
    </>
  );
  return (
    <ShownOncePage
      ctx={ctx}
      title={t('staff.tokens.createdTitle')}
      body={t('staff.tokens.createdBody', { name: token.name })}
      secret={
        <p>
          <code id="api-token" dir="ltr">
            {plaintext}
          </code>
        </p>
      }
      notice={t('staff.tokens.createdNotice')}
      after={usage}
      back={{ href: '/staff/tokens', label: t('staff.tokens.backToList') }}
    />
  );
}
