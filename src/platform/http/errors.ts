/** One wrong field of a request or an uploaded file. */
export interface FieldProblem {
  /** The field's name or JSON pointer, such as `email` or `/rows/3/price`. */
  field: string;
  /** The line of an uploaded file, counting the header as line 1. */
  line?: number;
  /** What is wrong, in words a person can act on. */
  message: string;
}

/**
 * An error that reaches a user: a stable code (`COMPLAINT_NOT_FOUND`), an HTTP status, a
 * message key for pages and a detail for the API. Everything else is a 500 that shows no internals.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messageKey: string,
    detail: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

/** The thing asked for does not exist, or the caller may not know that it does. */
export class NotFound extends AppError {
  constructor(code = 'NOT_FOUND', detail = 'Nothing was found at this address.') {
    super(code, 404, 'error.notFound', detail);
  }
}

/** The caller is not signed in, or its credentials were refused. */
export class Unauthorized extends AppError {
  constructor(code = 'UNAUTHORIZED', detail = 'Sign in or present a valid token.') {
    super(code, 401, 'error.unauthorized', detail);
  }
}

/** The caller is known but may not do this. */
export class Forbidden extends AppError {
  constructor(code = 'FORBIDDEN', detail = 'You may not do this.') {
    super(code, 403, 'error.forbidden', detail);
  }
}

/** The request conflicts with the current state. */
export class Conflict extends AppError {
  constructor(code = 'CONFLICT', detail = 'This conflicts with the current state.') {
    super(code, 409, 'error.conflict', detail);
  }
}

/** The request is well-formed but some fields are wrong. */
export class Invalid extends AppError {
  constructor(problems: FieldProblem[], code = 'INVALID', detail = 'Some fields are not valid.') {
    super(code, 422, 'error.invalid', detail, problems);
  }
}

/** Too many requests; the caller should wait. */
export class RateLimited extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    code = 'RATE_LIMITED',
    detail = 'Too many requests. Wait and try again.',
  ) {
    super(code, 429, 'error.rateLimited', detail);
  }
}
