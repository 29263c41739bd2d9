// Waits for a condition a test cannot be told about (a child process writing a file, lines arriving).

/** Polls `check` every 25 ms until it holds or `ms` pass; resolves with its last answer. */
export async function waitUntil(check: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  return check();
}
