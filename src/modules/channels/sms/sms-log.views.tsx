import { Layout } from '../../../platform/web/layout.tsx';
import { TableRegion } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { LoggedSms, RouteDelivery, SmsLog } from './sms-log.service.ts';

const COUNTS = ['delivered', 'failed', 'awaiting', 'queued'] as const;

function DeliveryTable({
  ctx,
  caption,
  rows,
  nameOf,
}: {
  ctx: PageContext;
  caption: string;
  rows: readonly Omit<RouteDelivery, 'route'>[];
  nameOf: (index: number) => string;
}) {
  const { t, format } = ctx;
  return (
    <TableRegion>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('channels.sms.log.name')}</th>
            {COUNTS.map((count) => (
              <th scope="col" key={count}>
                {t(`channels.sms.log.count.${count}`)}
              </th>
            ))}
            <th scope="col">{t('channels.sms.log.rate')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={nameOf(i)}>
              <th scope="row">{nameOf(i)}</th>
              {COUNTS.map((count) => (
                <td key={count}>{format.number(row[count])}</td>
              ))}
              <td>{row.rate === null ? t('channels.sms.log.noRate') : format.number(row.rate, { style: 'percent', maximumFractionDigits: 1 })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** Texts as staff see them: when, to whom (masked), what for, the route, the state and its error, the parts. */
function MessagesTable({ ctx, caption, messages }: { ctx: PageContext; caption: string; messages: readonly LoggedSms[] }) {
  const { t, format } = ctx;
  return (
    <TableRegion>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('channels.sms.log.at')}</th>
            <th scope="col">{t('channels.sms.log.to')}</th>
            <th scope="col">{t('channels.sms.log.purpose')}</th>
            <th scope="col">{t('channels.sms.log.route')}</th>
            <th scope="col">{t('channels.sms.log.state')}</th>
            <th scope="col">{t('channels.sms.log.parts')}</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <tr key={message.id}>
              <td>{format.dateTime(message.createdAt)}</td>
              <td>
                <bdi dir="ltr">{message.to}</bdi>
              </td>
              <td>
                <code>{message.purpose}</code>
              </td>
              <td>{message.route ?? t('channels.sms.log.noRoute')}</td>
              <td>
                {t(`channels.sms.log.stateName.${message.state}`)}
                {message.state === 'failed' && message.error !== null ? ` (${errorText(ctx, message.error)})` : ''}
              </td>
              <td>{format.number(message.parts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** A stored error code in words: the SMS centre's status stays a number, as its documentation lists it. */
function errorText(ctx: PageContext, code: string): string {
  const [kind, status] = code.split(':');
  if (kind === 'smsc-status') return ctx.t('channels.sms.log.error.smscStatus', { status: status ?? '' });
  const keys: Record<string, string> = { 'no-route': 'noRoute', 'link-down': 'linkDown', 'receipt-failed': 'receiptFailed' };
  return ctx.t(`channels.sms.log.error.${keys[kind ?? ''] ?? 'sendFailed'}`);
}

/** The staff page of texts: delivery rates per route and per operator, then the texts that failed and the newest texts, numbers masked. */
export function SmsLogPage({ ctx, log }: { ctx: PageContext; log: SmsLog }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('channels.sms.log.title')}>
      <p class="lead">{t('channels.sms.log.intro', { days: log.windowDays })}</p>
      <h2>{t('channels.sms.log.byRoute')}</h2>
      {log.routes.length === 0 ? (
        <p>{t('channels.sms.log.none')}</p>
      ) : (
        <DeliveryTable
          ctx={ctx}
          caption={t('channels.sms.log.byRoute')}
          rows={log.routes}
          nameOf={(i) => log.routes[i]?.route || t('channels.sms.log.noRoute')}
        />
      )}
      {log.operators.length > 0 && (
        <>
          <h2>{t('channels.sms.log.byOperator')}</h2>
          <DeliveryTable ctx={ctx} caption={t('channels.sms.log.byOperator')} rows={log.operators} nameOf={(i) => log.operators[i]?.operator ?? ''} />
        </>
      )}
      <h2>{t('channels.sms.log.failedTitle')}</h2>
      {log.failed.length === 0 ? (
        <p>{t('channels.sms.log.noFailed')}</p>
      ) : (
        <MessagesTable ctx={ctx} caption={t('channels.sms.log.failedCaption')} messages={log.failed} />
      )}
      <h2>{t('channels.sms.log.newest')}</h2>
      {log.messages.length === 0 ? (
        <p>{t('channels.sms.log.noMessages')}</p>
      ) : (
        <MessagesTable ctx={ctx} caption={t('channels.sms.log.newestCaption')} messages={log.messages} />
      )}
    </Layout>
  );
}
