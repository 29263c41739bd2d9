// ${NAME} and ${NAME:-fallback} interpolation of environment variables in every string of a document.
import { ProfileError } from './errors.js';

const PATTERN = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Returns a copy of `doc` with environment references replaced; a missing variable is an error naming the field. */
export function interpolateEnv(doc: unknown, env: NodeJS.ProcessEnv, file: string, path = ''): unknown {
  if (typeof doc === 'string') {
    return doc.replace(PATTERN, (_whole, name: string, fallback: string | undefined) => {
      const value = env[name];
      if (value !== undefined && value !== '') return value;
      if (fallback !== undefined) return fallback;
      throw new ProfileError(file, path, `environment variable ${name} is not set`, `export ${name}=... or write \${${name}:-default}`);
    });
  }
  if (Array.isArray(doc)) return doc.map((x, i) => interpolateEnv(x, env, file, `${path}[${i}]`));
  if (doc && typeof doc === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(doc)) out[k] = interpolateEnv(v, env, file, path ? `${path}.${k}` : k);
    return out;
  }
  return doc;
}

/** Deep merge for profile documents: mappings merge key by key, everything else in `over` replaces `base`. */
export function mergeDocs(base: unknown, over: unknown): unknown {
  const isMap = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  if (!isMap(base) || !isMap(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeDocs(base[k], v);
  return out;
}
