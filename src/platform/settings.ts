import type { Static, TObject, TSchema } from '@sinclair/typebox';
import { Value, ValuePointer } from '@sinclair/typebox/value';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';

/**
 * The settings of every module, as resolved at start from `modules.<name>` of the jurisdiction
 * profile: each module adds its own member by declaration merging, next to its schema,
 *
 *     declare module '../../platform/settings.ts' {
 *       interface ModuleSettings { devices: DevicesSettings }
 *     }
 *
 * and reads it as `platform.settings.devices`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by each module through declaration merging
export interface ModuleSettings {}

/**
 * A module's settings: one TypeBox schema for the `modules.<module>` block (every field with its
 * `default`, so that an absent block means the documented defaults), the rules a schema cannot say
 * (one field naming another's ids, a sum of shares), and the step that turns the checked block
 * into what services read (a map merged over built-in values, a list turned into a lookup).
 *
 * Schemas may carry two words of their own, read by {@link settingsProblems}: `errorMessage` says
 * in one sentence what a field must be, for every way it can be wrong; `keyErrorMessage`, on a
 * record, what its keys must be. The profile's JSON Schema is generated from the schemas
 * (`npm run profile-schema`), so an editor checks a profile as the start-up does.
 */
export interface SettingsDefinition<S extends TObject = TObject, T = Static<S>> {
  module: string;
  schema: S;
  /** Problems the schema cannot find, on a block it passed; `at('field/sub')` gives the path to name. */
  rules?(value: Static<S>, at: (path: string) => string): string[];
  /** What services read; the checked block with its defaults when absent. */
  resolve?(value: Static<S>): T;
}

/** A module's settings definition, whatever its schema and resolved type. */
export type AnySettingsDefinition = SettingsDefinition<TObject, unknown>;

/** Declares a module's settings; the identity, there to infer the types. */
export function defineSettings<S extends TObject, T = Static<S>>(definition: SettingsDefinition<S, T>): SettingsDefinition<S, T> {
  return definition;
}

/** The outcome of reading a block: its settings, or every problem as "/modules/<module>/<field>: what is wrong". */
export type SettingsResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/**
 * Checks `modules.<module>` of a profile (possibly absent) against the definition and returns the
 * resolved settings, deeply frozen, or every problem, one per field, in the schema's order.
 */
export function readSettings<S extends TObject, T>(definition: SettingsDefinition<S, T>, block: unknown): SettingsResult<T> {
  const at = (path: string) => `/modules/${definition.module}${path === '' ? '' : `/${path}`}`;
  // The profile is frozen; defaults are written into a copy.
  let given: unknown = block === undefined ? {} : structuredClone(block);
  // Value.Default merges an object's default into a list given in its place (and a list's into an
  // object): each such wrong shape is made null first, so it is named, in the schema's order.
  for (const e of Value.Errors(definition.schema, given)) {
    const isWrongShape = (e.type === ValueErrorType.Object || e.type === ValueErrorType.Array) && typeof e.value === 'object' && e.value !== null;
    if (!isWrongShape) continue;
    if (e.path === '') given = null;
    else ValuePointer.Set(given, e.path, null);
  }
  const value: unknown = Value.Default(definition.schema, given);
  const problems = settingsProblems(definition.schema, value).map((p) => `${at(p.path.slice(1))}: ${p.message}`);
  if (problems.length > 0) return { ok: false, problems };
  const checked = value as Static<S>;
  const ruleProblems = definition.rules?.(checked, at) ?? [];
  if (ruleProblems.length > 0) return { ok: false, problems: ruleProblems };
  const resolved = definition.resolve ? definition.resolve(checked) : (checked as unknown as T);
  return { ok: true, value: deepFreeze(resolved) };
}

/** The settings of a block known to be valid (a test's, a demo's); throws listing the problems otherwise. */
export function settingsOf<S extends TObject, T>(definition: SettingsDefinition<S, T>, block: unknown): T {
  const result = readSettings(definition, block);
  if (!result.ok) throw new Error(`Invalid settings:\n${result.problems.join('\n')}`);
  return result.value;
}

/** Only the problems of a block, for checks and tests. */
export function checkSettings(definition: AnySettingsDefinition, block: unknown): string[] {
  const result = readSettings(definition, block);
  return result.ok ? [] : result.problems;
}

/** One wrong field: its JSON pointer within the block and a sentence. */
export interface SettingsProblem {
  path: string;
  message: string;
}

/** The first problem of each wrong field of `value`, in a sentence an administrator reads. */
export function settingsProblems(schema: TSchema, value: unknown): SettingsProblem[] {
  const seen = new Set<string>();
  const problems: SettingsProblem[] = [];
  for (const error of Value.Errors(schema, value)) {
    if ([...seen].some((path) => error.path === path || error.path.startsWith(`${path}/`))) continue;
    seen.add(error.path);
    const form = error.type === ValueErrorType.Union ? formOf(error.schema, error.value) : undefined;
    if (form) problems.push(...settingsProblems(form, error.value).map((p) => ({ path: `${error.path}${p.path}`, message: p.message })));
    else problems.push({ path: error.path, message: messageOf(error) });
  }
  return problems;
}

/**
 * The form of a union a list or an object was meant as, when only one form is a list (or an
 * object): its problems name the wrong part inside, where the union could only say it matched none.
 */
function formOf(union: TSchema, value: unknown): TSchema | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const type = Array.isArray(value) ? 'array' : 'object';
  const forms = ((union as { anyOf?: TSchema[] }).anyOf ?? []).filter((form) => (form as { type?: unknown }).type === type);
  return forms.length === 1 ? forms[0] : undefined;
}

function messageOf(error: ValueError): string {
  const schema = error.schema as TSchema & { errorMessage?: string; keyErrorMessage?: string };
  if (error.type === ValueErrorType.ObjectAdditionalProperties) {
    if (typeof schema.keyErrorMessage === 'string') return schema.keyErrorMessage;
    const known = Object.keys((schema as Partial<TObject>).properties ?? {});
    return known.length > 0 ? `unknown setting (known: ${known.join(', ')})` : 'unknown setting';
  }
  if (error.type === ValueErrorType.ObjectRequiredProperty) return 'is required';
  if (typeof schema.errorMessage === 'string') return schema.errorMessage;
  const bounds = (word: string) => {
    const { minimum, maximum } = schema as { minimum?: number; maximum?: number };
    if (minimum !== undefined && maximum !== undefined) return `must be ${word} from ${minimum} to ${maximum}`;
    if (minimum !== undefined) return `must be ${word} of at least ${minimum}`;
    if (maximum !== undefined) return `must be ${word} of at most ${maximum}`;
    return `must be ${word}`;
  };
  switch (error.type) {
    case ValueErrorType.Integer:
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.IntegerExclusiveMinimum:
    case ValueErrorType.IntegerExclusiveMaximum:
      return bounds('a whole number');
    case ValueErrorType.Number:
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.NumberExclusiveMinimum:
    case ValueErrorType.NumberExclusiveMaximum:
      return bounds('a number');
    case ValueErrorType.Boolean:
      return 'must be true or false';
    case ValueErrorType.String:
      return 'must be a text';
    case ValueErrorType.StringMinLength:
    case ValueErrorType.StringMaxLength: {
      const { minLength, maxLength } = schema as { minLength?: number; maxLength?: number };
      return `must be a text of ${minLength ?? 0} to ${maxLength ?? 'any number of'} characters`;
    }
    case ValueErrorType.StringPattern:
      return `must match ${String((schema as { pattern?: string }).pattern)}`;
    case ValueErrorType.Literal:
      return `must be ${JSON.stringify((schema as { const?: unknown }).const)}`;
    case ValueErrorType.Union: {
      const choices = ((schema as { anyOf?: { const?: unknown }[] }).anyOf ?? []).map((s) => s.const);
      return choices.every((c) => c !== undefined) ? `must be one of ${choices.join(', ')}` : 'is not one of the allowed forms';
    }
    case ValueErrorType.Array:
      return 'must be a list';
    case ValueErrorType.ArrayMinItems:
      return `must be a list of at least ${String((schema as { minItems?: number }).minItems)}`;
    case ValueErrorType.ArrayMaxItems:
      return `must be a list of at most ${String((schema as { maxItems?: number }).maxItems)}`;
    case ValueErrorType.ArrayUniqueItems:
      return 'must not repeat a value';
    case ValueErrorType.Object:
      return 'must be an object';
    default:
      return error.message.charAt(0).toLowerCase() + error.message.slice(1);
  }
}

/**
 * The profile's JSON Schema for `modules`: each module's settings schema under its name, plain
 * JSON (TypeBox's own marks are symbols, which JSON leaves out).
 */
export function modulesJsonSchema(definitions: readonly AnySettingsDefinition[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const definition of definitions) properties[definition.module] = JSON.parse(JSON.stringify(definition.schema), withoutRequiredDefaults) as unknown;
  return {
    type: 'object',
    description: "Settings of each module, generated from the modules' settings schemas (npm run profile-schema).",
    additionalProperties: { type: 'object' },
    properties,
  };
}

/** A JSON reviver: a field with a default may be left out of a profile, since the start fills it in. */
function withoutRequiredDefaults(_key: string, value: unknown): unknown {
  const schema = value as { required?: unknown; properties?: Record<string, { default?: unknown }> } | null;
  if (schema === null || typeof schema !== 'object' || !Array.isArray(schema.required) || schema.properties === undefined) return value;
  const { properties } = schema;
  const required = schema.required.filter((name: string) => properties[name]?.default === undefined);
  if (required.length > 0) schema.required = required;
  else delete schema.required;
  return schema;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
