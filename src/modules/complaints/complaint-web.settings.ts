import { readComplaintsSettings, type ComplaintsSettings } from './complaints.settings.ts';
import type { DraftSettings } from './complaint-draft.service.ts';
import { DEFAULT_FOLLOW_SETTINGS, type FollowSettings } from './complaint-follow.service.ts';

/** What the consumer's web pages read from the profile: the module's settings and the drafts' lifetime. */
export interface ComplaintWebSettings {
  core: ComplaintsSettings;
  draft: DraftSettings;
  follow: FollowSettings;
}

/** Days a draft is kept after its last change when the profile says nothing (`modules.complaints.draftDays`). */
export const DEFAULT_DRAFT_DAYS = 30;
/** The most files one web complaint carries. */
export const MAX_ATTACHMENTS = 5;

/** The web pages' settings from `modules.complaints`, with defaults; the block was checked at start-up. */
export function readComplaintWebSettings(block: Readonly<Record<string, unknown>> | undefined): ComplaintWebSettings {
  const core = readComplaintsSettings(block);
  const days = block?.['draftDays'];
  return {
    core,
    draft: {
      draftDays: Number.isInteger(days) && Number(days) >= 1 ? Number(days) : DEFAULT_DRAFT_DAYS,
      attachments: core.attachments,
      maxAttachments: MAX_ATTACHMENTS,
    },
    follow: DEFAULT_FOLLOW_SETTINGS,
  };
}
