import { Layout } from '../../platform/web/layout.tsx';
import type { PageContext } from '../../platform/web/context.ts';
import type { ComplaintsSettings, StageDeadlineSetting } from './complaints.settings.ts';
import { FILING_STEPS } from './complaint-draft.ts';
import { WEB_PATHS, stepPath } from './complaint-filing.views.tsx';
import { SharedWithOperator } from './complaint-consent.views.tsx';
import { STATISTICS_PATH } from './complaint-statistics.views.tsx';

/** A deadline of the profile in words: "15 working days", or "15 working days (7 with extra support)". */
export function deadlineText(ctx: PageContext, setting: StageDeadlineSetting): string {
  const { t } = ctx;
  const base = t(`complaints.web.rights.days.${setting.count}`, { days: setting.days });
  if (setting.extraSupportDays === undefined || setting.extraSupportDays === setting.days) return base;
  return t('complaints.web.rights.withExtra', { base, extra: t(`complaints.web.rights.days.${setting.count}`, { days: setting.extraSupportDays }) });
}

/** Know your rights: how a complaint goes, the deadlines of the profile, when one may escalate, and where to start. */
export function RightsPage({ ctx, settings }: { ctx: PageContext; settings: ComplaintsSettings }) {
  const { t } = ctx;
  const { deadlines } = settings;
  return (
    <Layout ctx={ctx} title={t('complaints.web.rights.title')}>
      <p class="lead">{t('complaints.web.rights.lead', { authority: ctx.jurisdiction.authority.shortName })}</p>
      <ul class="cards">
        <li>
          <a href={WEB_PATHS.start}>{t('complaints.web.rights.startLink')}</a>
          <p>{t('complaints.web.rights.startText')}</p>
        </li>
        <li>
          <a href={WEB_PATHS.resume}>{t('complaints.web.rights.resumeLink')}</a>
          <p>{t('complaints.web.rights.resumeText')}</p>
        </li>
        <li>
          <a href={WEB_PATHS.follow}>{t('complaints.web.rights.followLink')}</a>
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
          <li>{t('complaints.web.rights.howDirect', { deadline: deadlineText(ctx, deadlines.referred_to_operator) })}</li>
        ) : (
          <>
            <li>{t('complaints.web.rights.how1', { deadline: deadlineText(ctx, deadlines.received) })}</li>
            <li>{t('complaints.web.rights.how2', { deadline: deadlineText(ctx, deadlines.referred_to_operator) })}</li>
          </>
        )}
        <li>{t('complaints.web.rights.how3')}</li>
        <li>{t('complaints.web.rights.how4', { deadline: deadlineText(ctx, deadlines.investigation) })}</li>
        <li>{t('complaints.web.rights.how5', { deadline: deadlineText(ctx, deadlines.decision) })}</li>
      </ol>
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
