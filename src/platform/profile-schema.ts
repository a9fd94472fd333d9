import { modulesJsonSchema, type AnySettingsDefinition } from './settings.ts';

/**
 * The text of the profile's JSON Schema with its `modules` part generated from the modules'
 * settings schemas; the rest of the schema (the profile's own fields) is kept as written.
 */
export function profileSchemaText(current: string, definitions: readonly AnySettingsDefinition[]): string {
  const schema = JSON.parse(current) as { properties: Record<string, unknown> };
  schema.properties['modules'] = modulesJsonSchema(definitions);
  return `${JSON.stringify(schema, null, 2)}\n`;
}
