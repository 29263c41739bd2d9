// Display names for followed files: the base name, lengthened with parent folders only when two files share it.

function suffix(path: string, n: number): string {
  return path.split('/').filter((p) => p !== '').slice(-n).join('/');
}

function depth(path: string): number {
  return path.split('/').filter((p) => p !== '').length;
}

/**
 * Names for `paths` that are unique among themselves and among `taken` (name -> path): the base name,
 * or as many trailing folders as needed to tell them apart. Existing names in `taken` never change.
 */
export function assignSourceNames(paths: readonly string[], taken: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Map(taken);
  for (const path of paths) {
    const others = paths.filter((p) => p !== path);
    let name: string | undefined;
    for (let n = 1; n <= depth(path) && name === undefined; n += 1) {
      const candidate = suffix(path, n);
      const owner = used.get(candidate);
      const clash = others.some((p) => suffix(p, n) === candidate);
      if (!clash && (owner === undefined || owner === path)) name = candidate;
    }
    if (name === undefined && (used.get(path) ?? path) === path) name = path;
    for (let i = 2; name === undefined; i += 1) {
      if (!used.has(`${path}#${i}`)) name = `${path}#${i}`;
    }
    out.set(path, name);
    used.set(name, path);
  }
  return out;
}
