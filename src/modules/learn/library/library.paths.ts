/** The URL paths of the good-practice library, served by its routes and linked by its views. */
export const LIBRARY_PATHS = {
  list: '/learn/library',
  csv: '/learn/library.csv',
  json: '/learn/library.json',
  document: '/learn/library/:id',
  file: '/learn/library/:id/file',
  contribute: '/learn/library/contribute/:token',
  staff: '/staff/learn/library',
  staffNew: '/staff/learn/library/new',
  staffInvite: '/staff/learn/library/invitations',
  staffDocument: '/staff/learn/library/documents/:id',
  staffFile: '/staff/learn/library/documents/:id/file',
  staffMove: '/staff/learn/library/documents/:id/move',
  staffTranslate: '/staff/learn/library/documents/:id/translations',
} as const;

/** A library path with its `:id` filled in. */
export function libraryPath(path: (typeof LIBRARY_PATHS)[keyof typeof LIBRARY_PATHS], id: string): string {
  return path.replace(':id', encodeURIComponent(id));
}

/** The public page of a document. */
export function libraryDocumentPath(id: string): string {
  return libraryPath(LIBRARY_PATHS.document, id);
}

/** The public PDF of a document. */
export function libraryFilePath(id: string): string {
  return libraryPath(LIBRARY_PATHS.file, id);
}
