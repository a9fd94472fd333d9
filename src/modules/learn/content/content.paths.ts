/** The URL paths of the staff's content pages, served by their routes and linked by their views. */
export const CONTENT_PATHS = {
  list: '/staff/learn/content',
  create: '/staff/learn/content/new',
  item: '/staff/learn/content/items/:id',
  text: '/staff/learn/content/items/:id/:language/:variant',
  submit: '/staff/learn/content/texts/:id/submit',
  publish: '/staff/learn/content/texts/:id/publish',
  return: '/staff/learn/content/texts/:id/return',
  archive: '/staff/learn/content/texts/:id/archive',
  restore: '/staff/learn/content/texts/:id/restore',
  preview: '/staff/learn/content/preview',
  coverage: '/staff/learn/coverage',
} as const;

/** An item's staff page. */
export function itemPath(id: string): string {
  return CONTENT_PATHS.item.replace(':id', encodeURIComponent(id));
}

/** The editor of an item's text in one language and variant. */
export function textPath(itemId: string, language: string, variant: string): string {
  return CONTENT_PATHS.text
    .replace(':id', encodeURIComponent(itemId))
    .replace(':language', encodeURIComponent(language))
    .replace(':variant', encodeURIComponent(variant));
}

/** A workflow step's path for a text. */
export function stepPath(path: (typeof CONTENT_PATHS)['submit' | 'publish' | 'return' | 'archive' | 'restore'], textId: string): string {
  return path.replace(':id', encodeURIComponent(textId));
}
