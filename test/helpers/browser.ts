import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where Debian installs Chromium; `CHROMIUM_PATH` points elsewhere. Playwright never downloads a browser here. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

/** The WCAG levels every page must meet: 2.0, 2.1 and 2.2, levels A and AA. */
export const AXE_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Flags for a headless Chromium in a container with no network of its own to reach: no sandbox
// (no user namespaces in CI), no GPU, and none of the background calls Chromium makes to Google.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Says why a browser suite cannot run, or undefined when it can. `KINGA_BROWSER=0` skips it;
 * `KINGA_BROWSER=1` (what CI sets) makes a missing Chromium an error rather than a skip.
 */
export function browserSkipReason(suite: string): string | undefined {
  const wanted = process.env['KINGA_BROWSER'];
  if (wanted === '0') return `${suite} skipped: KINGA_BROWSER=0 turns the browser tests off.`;
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `${suite} skipped: no Chromium at ${CHROMIUM_PATH} (install the Debian package "chromium" or set CHROMIUM_PATH).`;
  if (wanted === '1') throw new Error(`${reason.replace(' skipped:', ' cannot run:')} KINGA_BROWSER=1 requires the browser tests.`);
  return reason;
}

/** Launches the system Chromium headless with the flags a container needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

let axeSource: string | undefined;

/** The axe-core script, read once from node_modules. */
export function readAxeSource(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * Injects axe-core into a page whose JavaScript runs and checks it against {@link AXE_TAGS}.
 * The context must be created with `bypassCSP: true`, because the page's own policy rightly
 * forbids the inline script that carries axe.
 */
export async function runAxe(page: Page, tags: readonly string[] = AXE_TAGS): Promise<AxeResults> {
  await page.addScriptTag({ content: readAxeSource() });
  return page.evaluate(async (values) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] });
  }, [...tags]);
}

/** Describes violations for a failing assertion: rule, impact, help, and each element's selector and reason. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replaceAll('\n', '\n      ')}`)
        .join('\n');
      return `  ${v.id} (${v.impact ?? 'no impact'}): ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}
