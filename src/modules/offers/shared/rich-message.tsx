import type { ComponentChild } from 'preact';
import { markFallback, stripFallback, type MessageValues } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/web/context.ts';

// Private-use characters stand for the elements while the message is formatted: they never occur
// in a catalogue, and the translator passes them through like any other text.
const SLOT = /\uE000(\d+)\uE001/;
const slot = (index: number) => `\uE000${index}\uE001`;

/** Props of {@link RichMessage}. */
export interface RichMessageProps {
  ctx: Pick<PageContext, 't' | 'language' | 'catalogs'>;
  id: string;
  values?: MessageValues;
  /** Arguments of the message that are page elements (a link, a code), put where the message says. */
  elements: Readonly<Record<string, ComponentChild>>;
}

/**
 * A message whose arguments include page elements, so that each language's message places them and
 * carries its own punctuation around them ("Plan (M1): …", "套餐（M1）：…") instead of the code
 * joining pieces with English punctuation. Text of a message the language lacks stays marked as
 * English on each side of an element.
 */
export function RichMessage({ ctx, id, values = {}, elements }: RichMessageProps) {
  const names = Object.keys(elements);
  const text = ctx.t(id, { ...values, ...Object.fromEntries(names.map((name, index) => [name, slot(index)])) });
  const isFallback = ctx.language !== 'en' && ctx.catalogs.messages.get(ctx.language)?.[id] === undefined;
  const pieces = text.split(SLOT);
  return (
    <>
      {pieces.map((piece, index) => {
        // split() puts each slot's number at the odd places.
        if (index % 2 === 1) return elements[names[Number(piece)] ?? ''] ?? null;
        // A message that fell back is marked as a whole: each piece between elements is marked again.
        return isFallback && piece !== '' ? markFallback(stripFallback(piece), ctx.language) : piece;
      })}
    </>
  );
}

/** Elements as a list of the page's language ("A, B and C"; "A、B和C"), each element kept. */
export function ElementList({ language, items }: { language: string; items: readonly ComponentChild[] }) {
  const parts = new Intl.ListFormat(language, { type: 'conjunction', style: 'long' }).formatToParts(items.map((_, index) => String(index)));
  return <>{parts.map((part) => (part.type === 'element' ? items[Number(part.value)] : part.value))}</>;
}
