export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `pred` holds; fails (instead of hanging) after `limitMs`. Not a timing assertion. */
export async function waitFor(what: string, pred: () => boolean | Promise<boolean>, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await pred())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await sleep(50);
  }
}
