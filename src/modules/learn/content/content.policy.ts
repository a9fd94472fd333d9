import type { Role } from '../../../platform/auth/principal.ts';

/** The roles that write and manage content: the regulator's content editors, officers and administrators. */
export const CONTENT_ROLES: readonly Role[] = ['editor', 'officer', 'admin'];

/** Who acts on content: a member of staff with a role, or Kinga itself loading the demo's files. */
export type ContentActor = { type: 'user'; id: string; role: Role } | { type: 'system'; id: null };

/** What can be done to content. */
export type ContentAction = 'create' | 'save' | 'submit' | 'return' | 'publish' | 'archive' | 'restore';

/** Whether the actor may do `action` at all (publishing also asks `mayPublish`). */
export function mayActOnContent(actor: ContentActor, action: ContentAction): boolean {
  void action;
  return actor.type === 'system' || CONTENT_ROLES.includes(actor.role);
}

/**
 * Whether the actor may publish a text whose words `savedBy` last saved: officers and
 * administrators may; an editor only another editor's words (four eyes).
 */
export function mayPublish(actor: ContentActor, savedBy: string): boolean {
  if (actor.type === 'system') return true;
  if (actor.role === 'officer' || actor.role === 'admin') return true;
  return actor.role === 'editor' && actor.id !== savedBy;
}

/** The name an actor is stored under in a text's rows. */
export function actorName(actor: ContentActor): string {
  return actor.type === 'system' ? 'system' : actor.id;
}
