// Loads Ink for a full screen, so that a CI variable in the user's shell cannot turn it into a last-frame printer.

/** Ink's render function, imported with CI hidden (Ink reads it once, at import). */
export async function loadInkRender() {
  const saved = process.env.CI;
  if (saved !== undefined) process.env.CI = 'false';
  try {
    return (await import('ink')).render;
  } finally {
    if (saved !== undefined) process.env.CI = saved;
  }
}
