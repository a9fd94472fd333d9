import type { DemoAccountInput } from './account-admin.service.ts';

/**
 * The TOTP secret of every demo account. Demonstration only: it is printed and published, so an
 * installation that is not a demo never creates these accounts.
 */
export const DEMO_TOTP_SECRET = 'KINGADEMOKINGADEMOKINGADEMOKINGA';

/** One account per role, with published passwords (demonstration only). */
export const DEMO_ACCOUNTS: readonly DemoAccountInput[] = [
  {
    email: 'admin@demo.kinga.example',
    displayName: 'Demo Administrator',
    role: 'admin',
    operatorId: null,
    organisation: null,
    password: 'demo-admin-password',
    totpSecret: DEMO_TOTP_SECRET,
  },
  {
    email: 'officer@demo.kinga.example',
    displayName: 'Demo Officer',
    role: 'officer',
    operatorId: null,
    organisation: null,
    password: 'demo-officer-password',
    totpSecret: DEMO_TOTP_SECRET,
  },
  {
    email: 'operator@demo.kinga.example',
    displayName: 'Demo Operator Agent',
    role: 'operator_agent',
    operatorId: 'OP-DEMO-1',
    organisation: null,
    password: 'demo-operator-password',
    totpSecret: DEMO_TOTP_SECRET,
  },
  {
    email: 'association@demo.kinga.example',
    displayName: 'Demo Association Representative',
    role: 'association_rep',
    operatorId: null,
    organisation: 'Demo Consumers Union',
    password: 'demo-association-password',
    totpSecret: DEMO_TOTP_SECRET,
  },
  {
    email: 'editor@demo.kinga.example',
    displayName: 'Demo Content Editor',
    role: 'editor',
    operatorId: null,
    organisation: null,
    password: 'demo-editor-password',
    totpSecret: DEMO_TOTP_SECRET,
  },
];

const ROLE_NAMES: Record<DemoAccountInput['role'], string> = {
  admin: 'Regulator administrator',
  officer: 'Regulator officer',
  operator_agent: 'Operator agent (OP-DEMO-1)',
  association_rep: 'Consumer association (Demo Consumers Union)',
  editor: 'Content editor (guides, courses, events)',
};

/** The lines the demo prints: where to sign in, each account's e-mail and password, and the code secret. */
export function demoSignInLines(publicUrl: string): string[] {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => ROLE_NAMES[a.role].length));
  const emailWidth = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  return [
    `Demo staff accounts (demonstration only; sign in at ${publicUrl}/staff/sign-in):`,
    ...DEMO_ACCOUNTS.map((a) => `  ${ROLE_NAMES[a.role].padEnd(width)}  ${a.email.padEnd(emailWidth)}  password: ${a.password}`),
    `  Every demo account uses the TOTP secret ${DEMO_TOTP_SECRET}: add it to an authenticator app,`,
    `  or run \`oathtool --totp -b ${DEMO_TOTP_SECRET}\` to print the current 6-digit code.`,
  ];
}
