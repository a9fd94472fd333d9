import { Layout } from '../../../platform/web/layout.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { ComplaintsSettings } from '../complaints.settings.ts';
import { DEADLINE_STAGES, type DeadlineStage, type StageDeadlineSetting } from '../deadlines/deadlines.ts';
import { FILING_STEPS } from './complaint-draft.ts';
import { FILING_PATHS, stepPath } from './filing.paths.ts';
import { FOLLOW_PATHS } from '../follow/follow.paths.ts';
import { SharedWithOperator } from './complaint-consent.views.tsx';
import { STATISTICS_PATH } from '../statistics/statistics.paths.ts';

/**
 * A deadline of the profile in words: "15 working days", "15 working days (7 working days if you
 * need extra support)", and the days for a problem known for more than `lateAwarenessMonths`.
 */
export function deadlineText(ctx: PageContext, setting: StageDeadlineSetting, lateAwarenessMonths: number | null): string {
  const { t } = ctx;
  const days = (n: number) => t(`complaints.web.rights.days.${setting.count}`, { days: n });
  const base = days(setting.days);
  const extra = setting.extraSupportDays !== undefined && setting.extraSupportDays !== setting.days ? days(setting.extraSupportDays) : null;
  const late =
    lateAwarenessMonths !== null && setting.lateAwarenessDays !== undefined && setting.lateAwarenessDays !== setting.days
      ? days(setting.lateAwarenessDays)
      : null;
  if (extra !== null && late !== null) return t('complaints.web.rights.withExtraAndLate', { base, extra, late, months: lateAwarenessMonths });
  if (extra !== null) return t('complaints.web.rights.withExtra', { base, extra });
  if (late !== null) return t('complaints.web.rights.withLate', { base, late, months: lateAwarenessMonths });
  return base;
}

/** Know your rights: how a complaint goes, the deadlines of the profile, when one may escalate, and where to start. */
export function RightsPage({ ctx, settings }: { ctx: PageContext; settings: ComplaintsSettings }) {
  const { t } = ctx;
  const { deadlines } = settings;
  const deadline = (stage: DeadlineStage) => deadlineText(ctx, deadlines[stage], settings.lateAwarenessMonths);
  // Business-day deadlines always end on a business day; only calendar-day ones can be moved.
  const isLastDayMoved = settings.lastDayOnNonBusinessDay === 'next_business_day' && DEADLINE_STAGES.some((stage) => deadlines[stage].count === 'calendar');
  return (
    <Layout ctx={ctx} title={t('complaints.web.rights.title')}>
      <p class="lead">{t('complaints.web.rights.lead', { authority: ctx.jurisdiction.authority.shortName })}</p>
      <ul class="cards">
        <li>
          <a href={FILING_PATHS.start}>{t('complaints.web.rights.startLink')}</a>
          <p>{t('complaints.web.rights.startText')}</p>
        </li>
        <li>
          <a href={FILING_PATHS.resume}>{t('complaints.web.rights.resumeLink')}</a>
          <p>{t('complaints.web.rights.resumeText')}</p>
        </li>
        <li>
          <a href={FOLLOW_PATHS.follow}>{t('complaints.web.rights.followLink')}</a>
          <p>{t('complaints.web.rights.followText')}</p>
        </li>
        <li>
          <a href={STATISTICS_PATH}>{t('complaints.web.statisticsLink')}</a>
          <p>{t('complaints.web.statisticsText')}</p>
        </li>
      </ul>

      <h2>{t('complaints.web.rights.firstTitle')}</h2>
      <p>{t('complaints.web.rights.first')}</p>

      <h2>{t('complaints.web.rights.howTitle')}</h2>
      <ol class="rights">
        {settings.directReferral ? (
          <li>{t('complaints.web.rights.howDirect', { deadline: deadline('referred_to_operator') })}</li>
        ) : (
          <>
            <li>{t('complaints.web.rights.how1', { deadline: deadline('received') })}</li>
            <li>{t('complaints.web.rights.how2', { deadline: deadline('referred_to_operator') })}</li>
          </>
        )}
        <li>{t('complaints.web.rights.how3')}</li>
        <li>{t('complaints.web.rights.how4', { deadline: deadline('investigation') })}</li>
        <li>{t('complaints.web.rights.how5', { deadline: deadline('decision') })}</li>
      </ol>
      {isLastDayMoved ? <p>{t('complaints.web.rights.lastDayMoved')}</p> : null}
      <p>{t('complaints.web.rights.clock')}</p>

      <h2>{t('complaints.web.rights.escalateTitle')}</h2>
      <p>{t('complaints.web.rights.escalateIntro')}</p>
      <ul class="rights">
        <li>{t('complaints.web.rights.escalate1', { weeks: settings.escalationWeeks })}</li>
        <li>{t('complaints.web.rights.escalate2')}</li>
        <li>{t('complaints.web.rights.escalate3')}</li>
      </ul>

      <h2>{t('complaints.web.rights.supportTitle')}</h2>
      <p>{t(settings.extraSupportSkipsReferral ? 'complaints.web.rights.supportSkip' : 'complaints.web.rights.support')}</p>

      <h2>{t('complaints.web.rights.privacyTitle')}</h2>
      <p>{t('complaints.web.rights.privacy')}</p>
      <ul>
        <SharedWithOperator ctx={ctx} isDirectReferral={settings.directReferral} />
      </ul>

      <p>
        <a class="button" href={stepPath(FILING_STEPS[0])}>
          {t('complaints.web.start.button')}
        </a>
      </p>
    </Layout>
  );
}
