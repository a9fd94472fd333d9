/** The paths of the consumer's follow pages. */
export const FOLLOW_PATHS = {
  follow: '/complaints/follow',
  followCode: '/complaints/follow/code',
  followCase: '/complaints/follow/case',
  followEnd: '/complaints/follow/end',
} as const;

/** The path of one case on the follow pages. */
export function casePath(reference: string, action?: string): string {
  return `${FOLLOW_PATHS.followCase}/${encodeURIComponent(reference)}${action ? `/${action}` : ''}`;
}
