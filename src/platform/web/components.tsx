import type { ComponentChildren } from 'preact';
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
 * The summary at the top of a form that failed: a focusable alert listing each problem as a
 * link to its field, so keyboard and screen-reader users reach every error.
 */
export function ErrorSummary({ ctx, form }: { ctx: PageContext; form: FormState }) {
  if (form.problems.length === 0) return null;
  // `autofocus` moves focus here when the page loads, with no script, so the next Tab reaches the first error link.
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autoFocus>
      <h2 id="error-summary-title">{ctx.t('form.errorSummaryTitle', { count: form.problems.length })}</h2>
      <ul>
        {form.problems.map((p) => (
          <li key={p.field}>
            <a href={`#${fieldId(p.field)}`}>{p.message}</a>
          </li>
        ))}
      </ul>
    </div>
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
}

/** A labelled input with its hint and inline error, wired with aria-describedby and aria-invalid. */
export function TextField(props: TextFieldProps) {
  const { form, name, label, hint, type = 'text', isRequired = false, isValueKept = type !== 'password' } = props;
  const problem = form.problems.find((p) => p.field === name);
  const describedBy = [hint ? hintId(name) : '', problem ? errorId(name) : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={problem ? 'field field-error' : 'field'}>
      <label for={fieldId(name)}>{label}</label>
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
      <input
        id={fieldId(name)}
        name={name}
        type={type}
        value={isValueKept ? (form.values[name] ?? '') : ''}
        autoComplete={props.autocomplete}
        inputMode={props.inputMode}
        required={isRequired}
        aria-required={isRequired ? 'true' : undefined}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

/** A POST form that carries the anti-forgery token. */
export function Form({ ctx, action, children, label }: { ctx: PageContext; action: string; children?: ComponentChildren; label?: string }) {
  return (
    <form method="post" action={action} novalidate aria-label={label}>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
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
