// Not the i18n index: the command line's help must load neither the catalogues nor the profile's validator.
import { englishMessagesOf } from '../i18n/english-messages.ts';
import { listValue, type SaidValue } from '../i18n/said-values.ts';
import type { KeyedProblem } from './errors.ts';

/** One error of the schema validator (Ajv), as Fastify hands it over. */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
}

const english = englishMessagesOf('');

/** Types the messages name, each with a key of its own: `error.request.type.<type>`. */
const TYPES: ReadonlySet<string> = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']);

/** Formats the messages name, by their JSON Schema name; any other is said as `error.request.format.other`. */
const FORMATS: Readonly<Record<string, string>> = { date: 'date', 'date-time': 'dateTime', time: 'time', email: 'email', uri: 'uri', uuid: 'uuid' };

/** Keywords whose message says the schema's `limit`, by the parameter Ajv gives it in. */
const LIMITS: Readonly<Record<string, string>> = {
  minimum: 'limit',
  maximum: 'limit',
  exclusiveMinimum: 'limit',
  exclusiveMaximum: 'limit',
  minLength: 'limit',
  maxLength: 'limit',
  minItems: 'limit',
  maxItems: 'limit',
  multipleOf: 'multipleOf',
};

/** Keywords whose message names the field alone. */
const PLAIN: ReadonlySet<string> = new Set(['required', 'additionalProperties', 'uniqueItems']);

/** What one validator error says: its message key and the values it names. */
function messageOf(error: SchemaError, field: string): { key: string; values: Record<string, string | number | SaidValue> } {
  const { keyword, params } = error;
  if (PLAIN.has(keyword)) return { key: `error.request.${keyword}`, values: { field } };
  if (keyword === 'type') {
    // A nullable field is said by its other type: "must be text" rather than "must be text or null".
    const types = String(params['type'] ?? '').split(',');
    const type = types.find((t) => t !== 'null') ?? types[0] ?? '';
    return TYPES.has(type) ? { key: `error.request.type.${type}`, values: { field } } : { key: 'error.request.other', values: { field } };
  }
  if (keyword === 'format') {
    const format = String(params['format'] ?? '');
    const own = FORMATS[format];
    return own ? { key: `error.request.format.${own}`, values: { field } } : { key: 'error.request.format.other', values: { field, format } };
  }
  if (keyword === 'pattern') return { key: 'error.request.pattern', values: { field, pattern: String(params['pattern'] ?? '') } };
  const limitName = LIMITS[keyword];
  if (limitName !== undefined && typeof params[limitName] === 'number') return { key: `error.request.${keyword}`, values: { field, limit: params[limitName] } };
  if (keyword === 'enum' && Array.isArray(params['allowedValues']))
    return { key: 'error.request.oneOf', values: { field, values: listValue(params['allowedValues'].map(String), 'or') } };
  if (keyword === 'const') return { key: 'error.request.const', values: { field, value: String(params['allowedValue']) } };
  return { key: 'error.request.other', values: { field } };
}

/**
 * The problems of a request refused by a route's schema, one per wrong field, in the order the
 * validator found them: each names the field (`querystring/page`, `body/consumer/email`) and says
 * what is wrong from a message key per schema keyword, so that the answer is worded in the
 * reader's language. The branches of a union (`anyOf`, `oneOf`) make one problem, not one each:
 * "must be one of due, filed or stage" when every branch is a constant.
 */
export function requestProblems(errors: readonly SchemaError[], context: string): KeyedProblem[] {
  const branchesOf = new Map<SchemaError, SchemaError[]>();
  const inBranch = new Set<SchemaError>();
  for (const union of errors) {
    if (union.keyword !== 'anyOf' && union.keyword !== 'oneOf') continue;
    const branches = errors.filter((e) => e !== union && e.schemaPath.startsWith(`${union.schemaPath}/`));
    branchesOf.set(union, branches);
    for (const branch of branches) inBranch.add(branch);
  }
  const problems: KeyedProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (inBranch.has(error)) continue;
    const named =
      error.keyword === 'required'
        ? String(error.params['missingProperty'] ?? '')
        : error.keyword === 'additionalProperties'
          ? String(error.params['additionalProperty'] ?? '')
          : '';
    const path = `${error.instancePath}${named ? `/${named}` : ''}`;
    const field = path.replace(/^\//, '') || context;
    const branches = branchesOf.get(error);
    let message: ReturnType<typeof messageOf>;
    if (branches === undefined) message = messageOf(error, field);
    else if (branches.length > 0 && branches.every((b) => b.keyword === 'const' && b.instancePath === error.instancePath)) {
      message = {
        key: 'error.request.oneOf',
        values: {
          field,
          values: listValue(
            branches.map((b) => String(b.params['allowedValue'])),
            'or',
          ),
        },
      };
    } else message = { key: 'error.request.anyOf', values: { field } };
    const problemField = `${context}${path || ''}`;
    const once = `${problemField}\u0000${message.key}`;
    if (seen.has(once)) continue;
    seen.add(once);
    problems.push({ field: problemField, message: english(message.key, message.values), key: message.key, values: message.values });
  }
  return problems;
}
