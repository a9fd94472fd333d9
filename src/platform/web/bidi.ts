import type { Catalogs, MessageValues, Translate } from '../i18n/index.ts';
import type { Language } from '../jurisdiction.ts';

/** FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE of the Unicode bidirectional algorithm (UAX #9). */
const FSI = '\u2068';
const PDI = '\u2069';

// Arguments a message formats or chooses on: wrapping them would break the number or the choice.
const FORMATTED_ARGUMENT = /\{\s*([^\s,{}]+)\s*,\s*(?:select|plural|selectordinal|number|date|time)\b/g;

/**
 * Wraps a translator so that every interpolated string becomes a bidi isolate. Without it a phone
 * number such as "+254 20 000 0000" inside an Arabic sentence shows its groups in reverse order,
 * and a Latin name followed by punctuation pulls the punctuation to the wrong side.
 */
export function isolateInterpolations(t: Translate, catalogs: Catalogs, language: Language): Translate {
  const formattedArgs = new Map<string, ReadonlySet<string>>();
  const argsFormattedBy = (key: string): ReadonlySet<string> => {
    let found = formattedArgs.get(key);
    if (!found) {
      const source = catalogs.messages.get(language)?.[key] ?? catalogs.messages.get('en')?.[key] ?? '';
      found = new Set([...source.matchAll(FORMATTED_ARGUMENT)].map((m) => m[1] ?? ''));
      formattedArgs.set(key, found);
    }
    return found;
  };
  return (key, values) => {
    if (!values) return t(key);
    const skipped = argsFormattedBy(key);
    const isolated: MessageValues = {};
    for (const [name, value] of Object.entries(values)) {
      isolated[name] = typeof value === 'string' && value !== '' && !skipped.has(name) ? `${FSI}${value}${PDI}` : value;
    }
    return t(key, isolated);
  };
}
