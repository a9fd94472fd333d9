/** Waits until `condition` holds, checking every 20 ms; throws naming `what` after `seconds`. */
export async function until(condition: () => Promise<boolean> | boolean, what: string, seconds = 20): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
