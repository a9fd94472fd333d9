// Not the i18n index: the command line's help must load neither the catalogues nor the profile's validator.
import type { Translate } from '../i18n/catalog.ts';
import { englishMessagesOf, type EnglishMessageValues } from '../i18n/english-messages.ts';

/** One wrong field of a request or an uploaded file. */
export interface FieldProblem {
  /** The field's name or JSON pointer, such as `email` or `/rows/3/price`. */
  field: string;
  /** The line of an uploaded file, counting the header as line 1. */
  line?: number;
  /** What is wrong, in words a person can act on: English, unless a module worded it in a reader's language. */
  message: string;
}

/**
 * A problem worded from a catalogue message (a line of an uploaded file, of an operator dump):
 * `message` is its English text, and the key and values let an answer say it in the reader's
 * language.
 */
export interface KeyedProblem extends FieldProblem {
  key: string;
  values: EnglishMessageValues;
}

/** Whether a problem carries the catalogue message it was worded from. */
export function isKeyedProblem(problem: FieldProblem): problem is KeyedProblem {
  return 'key' in problem && typeof problem.key === 'string' && 'values' in problem && typeof problem.values === 'object' && problem.values !== null;
}

/** A message of the catalogues: its key and the values it interpolates. */
export interface CatalogMessage {
  key: string;
  values?: EnglishMessageValues;
  /** Its English text, given by a module whose catalogue holds the key; looked up in the platform catalogue otherwise. */
  english?: string;
}

// The platform catalogue's English text is the one source of the English detail of a keyed error
// (logs, the command line, an API answer to a request that asks for no language).
const english = englishMessagesOf('');

/** A detail worded from a key of the platform catalogue (`locales/<lang>.json`). */
export function platformMessage(key: string, values?: EnglishMessageValues): CatalogMessage {
  return values === undefined ? { key } : { key, values };
}

/**
 * An error that reaches a user: a stable code (`COMPLAINT_NOT_FOUND`), an HTTP status, a
 * message key for pages (`<messageKey>.title`, `<messageKey>.body`) and a detail for the API.
 * The detail is English words, or a {@link CatalogMessage} that the API says in the language the
 * request asks for (`message` then holds its English text). Everything else is a 500 that shows
 * no internals.
 */
export class AppError extends Error {
  /** The catalogue message the detail was worded from; undefined when the detail is words only. */
  readonly detailMessage: CatalogMessage | undefined;

  constructor(
    readonly code: string,
    readonly status: number,
    readonly messageKey: string,
    detail: string | CatalogMessage,
    readonly problems: FieldProblem[] = [],
  ) {
    super(typeof detail === 'string' ? detail : (detail.english ?? english(detail.key, detail.values)));
    this.name = 'AppError';
    this.detailMessage = typeof detail === 'string' ? undefined : detail;
  }

  /** The detail in the language of `t`: from its key when it has one, else as it was worded. */
  detailIn(t: Translate): string {
    return this.detailMessage === undefined ? this.message : t(this.detailMessage.key, this.detailMessage.values);
  }

  /**
   * The problems in the language of `t`, each from its key when it carries one (and keeping it, so
   * that the answer knows it was said in that language), else as it was worded. An error whose
   * problems are said some other way (a value that is itself a message) overrides it.
   */
  problemsIn(t: Translate): FieldProblem[] {
    return this.problems.map((p) => (isKeyedProblem(p) ? { ...p, message: t(p.key, p.values) } : p));
  }
}

/**
 * The base of an error of one HTTP status whose page and default detail are a platform message
 * (`<messageKey>.title`, `<messageKey>.body`, `<messageKey>.detail`): a caller may give a more
 * precise code and detail.
 */
function statusError(defaultCode: string, status: number, messageKey: string) {
  return class extends AppError {
    constructor(code = defaultCode, detail: string | CatalogMessage = platformMessage(`${messageKey}.detail`)) {
      super(code, status, messageKey, detail);
    }
  };
}

/** The thing asked for does not exist, or the caller may not know that it does. */
export class NotFound extends statusError('NOT_FOUND', 404, 'error.notFound') {}

/** The caller is not signed in, or its credentials were refused. */
export class Unauthorized extends statusError('UNAUTHORIZED', 401, 'error.unauthorized') {}

/** The caller is known but may not do this. */
export class Forbidden extends statusError('FORBIDDEN', 403, 'error.forbidden') {}

/** The request conflicts with the current state. */
export class Conflict extends statusError('CONFLICT', 409, 'error.conflict') {}

/** The request is well-formed but some fields are wrong. */
export class Invalid extends AppError {
  constructor(problems: FieldProblem[], code = 'INVALID', detail: string | CatalogMessage = platformMessage('error.invalid.detail')) {
    super(code, 422, 'error.invalid', detail, problems);
  }
}

/** Too many requests; the caller should wait. */
export class RateLimited extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    code = 'RATE_LIMITED',
    detail: string | CatalogMessage = platformMessage('error.rateLimited.detail'),
  ) {
    super(code, 429, 'error.rateLimited', detail);
  }
}

const FORM_FAULTS = {
  FORM_INCOMPLETE: { messageKey: 'error.formIncomplete', detailKey: 'error.formIncomplete.detail' },
  FORM_MALFORMED: { messageKey: 'error.formMalformed', detailKey: 'error.formMalformed.detail' },
  FORM_TOO_MANY_PARTS: { messageKey: 'error.formMalformed', detailKey: 'error.formTooManyParts.detail' },
} as const;

/** What is wrong with a form's body that could not be read. */
export type FormFaultCode = keyof typeof FORM_FAULTS;

/** Whether a code names a {@link FormFault}. */
export function isFormFaultCode(code: unknown): code is FormFaultCode {
  return typeof code === 'string' && Object.hasOwn(FORM_FAULTS, code);
}

/**
 * A form (`multipart/form-data`) whose body could not be read: it ended before its closing
 * boundary (an upload cut short), it is not a form at all, or it has more parts than the page's.
 * 400, with a page and a detail that say which, so that the person knows to send it again.
 */
export class FormFault extends AppError {
  constructor(code: FormFaultCode) {
    super(code, 400, FORM_FAULTS[code].messageKey, platformMessage(FORM_FAULTS[code].detailKey));
  }
}
