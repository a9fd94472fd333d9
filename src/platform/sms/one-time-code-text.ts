/**
 * The text of a one-time code sent by SMS: the message, then on a line of its own at the end the
 * origin-bound form `@host #123456` (the WICG "origin-bound one-time codes" format), which lets a
 * phone's browser offer the code only on Kinga's own site, so a look-alike site cannot get it filled in.
 */
export function oneTimeCodeSmsText(message: string, publicUrl: string, code: string): string {
  return `${message.trimEnd()}\n\n@${new URL(publicUrl).hostname} #${code}`;
}
