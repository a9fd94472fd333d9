/** The paths of the operator portal's pages. */
export const OPERATOR_PATHS = {
  list: '/staff/operator/complaints',
} as const;

/** The path of one case page in the operator portal. */
export const operatorCasePath = (reference: string) => `${OPERATOR_PATHS.list}/${reference}`;
