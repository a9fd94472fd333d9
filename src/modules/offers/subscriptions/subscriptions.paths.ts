/** The paths of the subscription pages. */
export const SUBSCRIPTION_PATHS = {
  subscribe: (planId: string) => `/offers/${encodeURIComponent(planId)}/subscribe`,
  confirm: '/offers/subscriptions/confirm',
  /** Where the code texted to a mobile number is typed; the plan id (public) rides in the query, the number never. */
  code: '/offers/subscriptions/code',
  unsubscribe: '/offers/subscriptions/unsubscribe',
} as const;
