import type { PageContext } from '../../../platform/web/context.ts';
import { listText } from './page-text.ts';

/**
 * The notice naming the licensed operators a result leaves out (no offer, no roaming rate), said
 * by the message `messageKey` with their `count` and `names`; nothing when none is left out.
 */
export function MissingOperators({ ctx, operators, messageKey }: { ctx: PageContext; operators: readonly { name: string }[]; messageKey: string }) {
  if (operators.length === 0) return null;
  return (
    <p class="notice" role="status">
      {ctx.t(messageKey, {
        count: operators.length,
        names: listText(
          ctx.language,
          operators.map((o) => o.name),
        ),
      })}
    </p>
  );
}
