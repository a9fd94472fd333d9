import { cloneElement, isValidElement, toChildArray, type ComponentChildren, type JSX, type VNode } from 'preact';
import { useId } from 'preact/hooks';
import type { FieldProblem } from '../http/errors.ts';
import type { PageContext } from './context.ts';

/** Values and problems of a submitted form, kept to re-render it with status 422. */
export interface FormState {
  values: Record<string, string>;
  problems: FieldProblem[];
}

/** An empty form. */
export const EMPTY_FORM: FormState = { values: {}, problems: [] };

/**
 * The `lang` (and on right-to-left pages `dir`) of a message that fell back to English because the
 * page's language lacks it, so a screen reader pronounces it as English (WCAG 3.1.2).
 */
export function fallbackAttributes(ctx: Pick<PageContext, 'language' | 'direction' | 'catalogs'>, key: string): { lang?: string; dir?: 'ltr' } {
  if (ctx.language === 'en' || ctx.catalogs.messages.get(ctx.language)?.[key] !== undefined) return {};
  if (ctx.catalogs.messages.get('en')?.[key] === undefined) return {};
  return ctx.direction === 'rtl' ? { lang: 'en', dir: 'ltr' } : { lang: 'en' };
}

const fieldId = (name: string) => `field-${name}`;
const errorId = (name: string) => `${fieldId(name)}-error`;
const hintId = (name: string) => `${fieldId(name)}-hint`;

/**
 * A box of problems at the top of a page that takes focus on load, with no script, so the next
 * Tab reaches its first link. As GOV.UK's error summary does, the focus lands on the box and the
 * alert is a child of it: an element that is both focused and an alert races two announcements.
 */
export function ProblemBox({ title, children }: { title: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="error-summary" tabIndex={-1} autoFocus>
      <div role="alert">
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}

/**
 * The summary at the top of a form that failed: a focusable alert listing each problem as a
 * link to its field, so keyboard and screen-reader users reach every error.
 */
export function ErrorSummary({ ctx, form }: { ctx: PageContext; form: FormState }) {
  if (form.problems.length === 0) return null;
  return (
    <ProblemBox title={ctx.t('form.errorSummaryTitle', { count: form.problems.length })}>
      <ul>
        {form.problems.map((p) => (
          <li key={p.field}>
            <a href={`#${fieldId(p.field)}`}>{p.message}</a>
          </li>
        ))}
      </ul>
    </ProblemBox>
  );
}

/** Props of {@link TextField}. */
export interface TextFieldProps {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'number' | 'date' | 'search' | 'url';
  autocomplete?: string;
  inputMode?: 'numeric' | 'text' | 'tel' | 'email' | 'decimal';
  isRequired?: boolean;
  /** Passwords and one-time codes are never sent back to the browser. */
  isValueKept?: boolean;
  /** `ltr` for a code that reads left to right on right-to-left pages too, such as `2026-Q3`. */
  dir?: 'ltr';
}

/** A labelled input with its hint and inline error, wired with aria-describedby and aria-invalid. */
export function TextField(props: TextFieldProps) {
  const { form, name, type = 'text', isValueKept = type !== 'password' } = props;
  return (
    <LabelledInput
      {...props}
      input={{
        type,
        value: isValueKept ? (form.values[name] ?? '') : '',
        autoComplete: props.autocomplete,
        inputMode: props.inputMode,
        dir: props.dir,
      }}
    />
  );
}

/** A labelled input of one name, its hint and inline error: the attributes of its kind, then its state. */
function LabelledInput(props: {
  form: FormState;
  name: string;
  label: string;
  hint?: string | undefined;
  isRequired?: boolean | undefined;
  input: JSX.InputHTMLAttributes<HTMLInputElement>;
}) {
  const { form, name, hint } = props;
  const problem = form.problems.find((p) => p.field === name);
  return (
    <LabelledField name={name} label={props.label} hint={hint} problem={problem}>
      <input id={fieldId(name)} name={name} {...props.input} {...controlState(name, hint, problem, props.isRequired ?? false)} />
    </LabelledField>
  );
}

/** A POST form that carries the anti-forgery token. */
export function Form({
  ctx,
  action,
  children,
  label,
  enctype,
}: {
  ctx: PageContext;
  action: string;
  children?: ComponentChildren;
  label?: string;
  enctype?: 'multipart/form-data';
}) {
  return (
    <form method="post" action={action} novalidate aria-label={label} enctype={enctype}>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {children}
    </form>
  );
}

/** A GET form whose answer is a page in the same language: a search, a filter, a date to show. */
export function QueryForm({ ctx, action, label, children }: { ctx: PageContext; action: string; label: string; children?: ComponentChildren }) {
  return (
    <form method="get" action={action} novalidate aria-label={label}>
      <input type="hidden" name="lang" value={ctx.language} />
      {children}
    </form>
  );
}

/** The main action of a form. */
export function SubmitButton({ children }: { children?: ComponentChildren }) {
  return (
    <button type="submit" class="button">
      {children}
    </button>
  );
}

/** The ids of a field's hint and error, joined for `aria-describedby`, or undefined when it has neither. */
function describedByOf(name: string, hint: string | undefined, problem: FieldProblem | undefined): string | undefined {
  return [hint ? hintId(name) : '', problem ? errorId(name) : ''].filter(Boolean).join(' ') || undefined;
}

/** The state of a control as assistive technology reads it: required, invalid, and described by its hint and error. */
function controlState(name: string, hint: string | undefined, problem: FieldProblem | undefined, isRequired: boolean) {
  return {
    required: isRequired,
    'aria-required': isRequired ? ('true' as const) : undefined,
    'aria-invalid': problem ? ('true' as const) : undefined,
    'aria-describedby': describedByOf(name, hint, problem),
  };
}

/** The frame of a single control: its label, then its hint and error, then the control itself. */
function LabelledField(props: { name: string; label: string; hint?: string | undefined; problem: FieldProblem | undefined; children: ComponentChildren }) {
  const { name, hint, problem } = props;
  return (
    <div class={problem ? 'field field-error' : 'field'}>
      <label for={fieldId(name)}>{props.label}</label>
      <HintAndError name={name} hint={hint} problem={problem} />
      {props.children}
    </div>
  );
}

/** A field's hint and inline error, in the order screen readers expect: hint first. */
function HintAndError({ name, hint, problem }: { name: string; hint?: string | undefined; problem?: FieldProblem | undefined }) {
  return (
    <>
      {hint ? (
        <p class="hint" id={hintId(name)}>
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p class="error-message" id={errorId(name)}>
          {problem.message}
        </p>
      ) : null}
    </>
  );
}

/** A link back to the previous step, above the page's content, as a person without JavaScript needs it. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <p class="back-link-row">
      <a class="back-link" href={href}>
        {label}
      </a>
    </p>
  );
}

/** A sentence saying what the last action did (saved, sent, imported), read out by screen readers, or nothing without one. */
export function StatusNotice({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div class="notice" role="status">
      <p>{message}</p>
    </div>
  );
}

/** Props of {@link TextArea}. */
export interface TextAreaProps {
  form: FormState;
  name: string;
  label: string;
  /** Also the place to say how many characters are allowed, so the limit is read before typing. */
  hint?: string;
  rows?: number;
  maxLength?: number;
  isRequired?: boolean;
}

/** A labelled multi-line text box with its hint and inline error. */
export function TextArea(props: TextAreaProps) {
  const { form, name, label, hint, rows = 6, isRequired = false } = props;
  const problem = form.problems.find((p) => p.field === name);
  return (
    <LabelledField name={name} label={label} hint={hint} problem={problem}>
      <textarea id={fieldId(name)} name={name} rows={rows} maxLength={props.maxLength} {...controlState(name, hint, problem, isRequired)}>
        {form.values[name] ?? ''}
      </textarea>
    </LabelledField>
  );
}

/** Props of {@link SelectField}. */
export interface SelectFieldProps {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  options: readonly { value: string; label: string }[];
  /** The first, empty choice ("Choose…"); without it the first option is preselected. */
  placeholder?: string;
  isRequired?: boolean;
}

/** A labelled drop-down list with its hint and inline error. */
export function SelectField(props: SelectFieldProps) {
  const { form, name, label, hint, options, isRequired = false } = props;
  const problem = form.problems.find((p) => p.field === name);
  const current = form.values[name] ?? '';
  return (
    <LabelledField name={name} label={label} hint={hint} problem={problem}>
      <select id={fieldId(name)} name={name} {...controlState(name, hint, problem, isRequired)}>
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

/** One choice of a radio or checkbox group. */
export interface Choice {
  value: string;
  label: string;
  hint?: string;
  /** Text a screen reader needs that sighted people read from the layout, such as its language. */
  lang?: string;
}

/** Props of {@link RadioGroup} and {@link CheckboxGroup}. */
export interface ChoiceGroupProps {
  form: FormState;
  name: string;
  /** The question; a legend, read before each choice. */
  legend: string;
  /** When the question is the page's only one, its legend reads as large as a heading but stays a legend. */
  isLegendLarge?: boolean;
  hint?: string;
  choices: readonly Choice[];
  isRequired?: boolean;
}

function ChoiceGroup(props: ChoiceGroupProps & { type: 'radio' | 'checkbox'; checked: readonly string[] }) {
  const { form, name, legend, hint, choices, type, checked } = props;
  const problem = form.problems.find((p) => p.field === name);
  // The first choice carries the field's id, so the error summary's link lands on it.
  const idOf = (index: number) => (index === 0 ? fieldId(name) : `${fieldId(name)}-${index + 1}`);
  return (
    <div class={problem ? 'field field-error' : 'field'}>
      <fieldset aria-describedby={describedByOf(name, hint, problem)}>
        <legend class={props.isLegendLarge ? 'legend-large' : undefined}>{legend}</legend>
        <HintAndError name={name} hint={hint} problem={problem} />
        <div class="choices">
          {choices.map((choice, index) => {
            const choiceHint = choice.hint ? `${idOf(index)}-hint` : undefined;
            return (
              <div class="choice" key={choice.value}>
                <input
                  id={idOf(index)}
                  name={name}
                  type={type}
                  value={choice.value}
                  checked={checked.includes(choice.value)}
                  aria-describedby={choiceHint}
                  required={type === 'radio' && props.isRequired ? true : undefined}
                />
                <label for={idOf(index)} lang={choice.lang}>
                  {choice.label}
                </label>
                {choice.hint ? (
                  <p class="hint" id={choiceHint}>
                    {choice.hint}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** A question answered by exactly one of a few choices: a fieldset, its legend, and radio buttons. */
export function RadioGroup(props: ChoiceGroupProps) {
  const current = props.form.values[props.name];
  return <ChoiceGroup {...props} type="radio" checked={current === undefined ? [] : [current]} />;
}

/** A question answered by any number of choices; `checked` holds the values ticked. */
export function CheckboxGroup(props: ChoiceGroupProps & { checked: readonly string[] }) {
  return <ChoiceGroup {...props} type="checkbox" />;
}

/** A single checkbox, such as a consent, with its hint and inline error. */
export function Checkbox({ form, name, label, hint, value = 'yes' }: { form: FormState; name: string; label: string; hint?: string; value?: string }) {
  const problem = form.problems.find((p) => p.field === name);
  return (
    <div class={problem ? 'field field-error' : 'field'}>
      <HintAndError name={name} hint={hint} problem={problem} />
      <div class="choice">
        <input
          id={fieldId(name)}
          name={name}
          type="checkbox"
          value={value}
          checked={form.values[name] === value}
          aria-describedby={describedByOf(name, hint, problem)}
        />
        <label for={fieldId(name)}>{label}</label>
      </div>
    </div>
  );
}

/** Props of {@link DateInput}. */
export interface DateInputProps {
  form: FormState;
  /** The problem's field; the inputs are `<name>Day`, `<name>Month` and `<name>Year`. */
  name: string;
  legend: string;
  hint?: string;
  labels: { day: string; month: string; year: string };
}

/**
 * A date as three numeric boxes (day, month, year) in a fieldset: easier to type than a date
 * picker, the same in every browser, and usable without JavaScript.
 */
export function DateInput({ form, name, legend, hint, labels }: DateInputProps) {
  const problem = form.problems.find((p) => p.field === name);
  const parts = [
    { part: 'Day', label: labels.day, id: fieldId(name), size: 'date-part-2' },
    { part: 'Month', label: labels.month, id: `${fieldId(name)}-month`, size: 'date-part-2' },
    { part: 'Year', label: labels.year, id: `${fieldId(name)}-year`, size: 'date-part-4' },
  ];
  return (
    <div class={problem ? 'field field-error' : 'field'}>
      <fieldset aria-describedby={describedByOf(name, hint, problem)}>
        <legend>{legend}</legend>
        <HintAndError name={name} hint={hint} problem={problem} />
        {/* Day, month and year read left to right in every language, as numbers do. */}
        <div class="date-input" dir="ltr">
          {parts.map((p) => (
            <div class="date-part" key={p.part}>
              <label for={p.id}>{p.label}</label>
              <input
                id={p.id}
                class={p.size}
                name={`${name}${p.part}`}
                type="text"
                inputMode="numeric"
                value={form.values[`${name}${p.part}`] ?? ''}
                aria-invalid={problem ? 'true' : undefined}
              />
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** A labelled file input; the form around it needs `enctype="multipart/form-data"`. */
export function FileField(props: { form: FormState; name: string; label: string; hint?: string; accept?: string }) {
  return <LabelledInput {...props} input={{ type: 'file', accept: props.accept }} />;
}

/** The box for a one-time code sent by e-mail or shown by an authenticator app: digits, offered by autofill, never sent back to the browser. */
export function CodeField({ form, label, hint }: { form: FormState; label: string; hint?: string }) {
  return <TextField form={form} name="code" label={label} hint={hint} autocomplete="one-time-code" inputMode="numeric" isRequired isValueKept={false} />;
}

/** The person's own e-mail address, offered by autofill: where a code, a reference or a notice is sent. */
export function EmailAddressField({ form, label, hint }: { form: FormState; label: string; hint: string }) {
  return <TextField form={form} name="email" type="email" autocomplete="email" label={label} hint={hint} isRequired />;
}

/** The person's own phone number, offered by autofill. */
export function PhoneNumberField({
  form,
  name,
  label,
  hint,
  isRequired,
}: {
  form: FormState;
  name: string;
  label: string;
  hint: string;
  isRequired?: boolean;
}) {
  return <TextField form={form} name={name} type="tel" autocomplete="tel" label={label} hint={hint} isRequired={isRequired} />;
}

/** A reference the person copies from an e-mail or a letter (a complaint reference, a request id): asked for, never offered by autofill. */
export function ReferenceField({ form, name, label, hint }: { form: FormState; name: string; label: string; hint: string }) {
  return <TextField form={form} name={name} autocomplete="off" label={label} hint={hint} isRequired />;
}

/** A form of one button that reads as a link, for an action beside other content (sign out, revoke a token). */
export function LinkButtonForm({
  ctx,
  action,
  label,
  children,
}: {
  ctx: Pick<PageContext, 'csrfToken'>;
  action: string;
  label?: string;
  children?: ComponentChildren;
}) {
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <button type="submit" class="link-button" aria-label={label}>
        {children}
      </button>
    </form>
  );
}

/** A secondary action of a form, such as "Save and come back later", sent as `name=value`. */
export function SecondaryButton({ name, value, children }: { name: string; value: string; children?: ComponentChildren }) {
  return (
    <button type="submit" class="button button-secondary" name={name} value={value}>
      {children}
    </button>
  );
}

/** Props of {@link TableRegion}. */
export interface TableRegionProps {
  /** The one `<table>` to show; its `<caption>` names the region. */
  children: VNode<{ children?: ComponentChildren }>;
  /** The region's name, only for a table without a caption. */
  label?: string;
}

/**
 * The frame of every data table: a table wider than the screen scrolls inside it instead of
 * pushing the page sideways (WCAG 1.4.10 Reflow), and keyboard users can focus the frame to scroll
 * it (WCAG 2.1.1). The frame is a region named by the table's caption, which gets an id if it has none.
 */
export function TableRegion({ children, label }: TableRegionProps) {
  const generatedId = useId();
  const table = children;
  let captionId: string | undefined;
  const parts = toChildArray(table.props.children).map((child) => {
    if (captionId !== undefined || !isValidElement(child) || child.type !== 'caption') return child;
    const own = (child.props as { id?: unknown }).id;
    captionId = typeof own === 'string' ? own : `table-caption-${generatedId}`;
    return typeof own === 'string' ? child : cloneElement(child, { id: captionId });
  });
  if (captionId === undefined && !label) throw new Error('A data table needs a caption or a label to name its scrolling region.');
  return (
    <div class="table-region" role="region" tabIndex={0} aria-labelledby={captionId} aria-label={captionId === undefined ? label : undefined}>
      {cloneElement(table, {}, ...parts)}
    </div>
  );
}

/** Props of {@link Pager}. */
export interface PagerProps {
  /** The page shown, from 1; a page past the last one keeps a link back to the last. */
  page: number;
  /** How many pages the list has. */
  pages: number;
  /** The address of another page of the same list. */
  hrefOf: (page: number) => string;
  /** The words of the list's module: the navigation's name, the two links and where the page stands. */
  labels: { nav: string; previous: string; next: string; pageOf: string };
}

/** Links to the previous and next pages of a list and where the page stands, or nothing for a list of one page. */
export function Pager({ page, pages, hrefOf, labels }: PagerProps) {
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav class="pager" aria-label={labels.nav}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={hrefOf(Math.min(page - 1, Math.max(pages, 1)))} rel="prev">
              {labels.previous}
            </a>
          </li>
        ) : null}
        {page <= pages ? <li aria-current="page">{labels.pageOf}</li> : null}
        {page < pages ? (
          <li>
            <a href={hrefOf(page + 1)} rel="next">
              {labels.next}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
