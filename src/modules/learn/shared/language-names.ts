/** The name of a language in the page's language (`fr` on an English page: "French"), or its code when unknown or malformed. */
export function languageNameIn(pageLanguage: string, code: string): string {
  try {
    return new Intl.DisplayNames([pageLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
