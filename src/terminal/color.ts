// Whether the terminal gets colour: the user's flag and environment, then whether it is a terminal at all.

/** True when colour may be used: --no-color (`flag` false), NO_COLOR (any value) and TERM=dumb turn it off. */
export function colorEnabled(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY || (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0');
}
