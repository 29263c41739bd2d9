// Loads Ink for a full screen, so that a CI variable in the user's shell cannot turn it into a last-frame printer.

/** Ink's render function, imported with CI hidden (Ink reads it once, at import). */
export async function loadInkRender() {
  const saved = process.env.CI;
  if (saved !== undefined) process.env.CI = 'false';
  try {
    // The build loads yoga-layout's WebAssembly without top-level await (scripts/build.mjs): it must be ready first.
    await ((await import('yoga-layout')) as unknown as { ready?: Promise<void> }).ready;
    return (await import('ink')).render;
  } finally {
    if (saved !== undefined) process.env.CI = saved;
  }
}
