/** The paths of the subscription pages. */
export const SUBSCRIPTION_PATHS = {
  subscribe: (planId: string) => `/offers/${encodeURIComponent(planId)}/subscribe`,
  confirm: '/offers/subscriptions/confirm',
  unsubscribe: '/offers/subscriptions/unsubscribe',
} as const;
