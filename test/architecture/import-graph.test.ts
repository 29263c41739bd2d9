// The house rules, checked on the real tree: imports only go down the layers, and no import cycle exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../../src');

/** Each top folder of src/ and its layer; a file may import from a lower layer or from its own folder only. */
export const LAYERS: Record<string, number> = {
  model: 0,
  config: 1,
  sources: 2,
  terminal: 2,
  demo: 2,
  runtime: 3,
  ui: 4,
  app: 5,
  cli: 6,
};

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(n) && !n.endsWith('.d.ts') ? [p] : [];
  });

/** Relative imports of one file (static, dynamic and re-exports), resolved to files under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^'?]+)(?:\?[a-z]+)?'/g)].map((m) => m[1]);
  return specs.map((s) => {
    const base = resolve(dirname(file), s);
    const candidates = [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base];
    return candidates.find((c) => {
      try {
        return statSync(c).isFile();
      } catch {
        return false;
      }
    }) ?? base;
  });
}

const top = (file: string) => relative(SRC, file).split('/')[0];
const files = walk(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** Every import that goes to a higher layer or sideways to another folder of the same layer. */
export function layerViolations(): string[] {
  const out: string[] = [];
  for (const [file, deps] of graph) {
    const from = top(file);
    for (const dep of deps) {
      const to = top(dep);
      if (from === to || !(to in LAYERS)) continue;
      if (!(LAYERS[to] < LAYERS[from])) out.push(`${relative(SRC, file)} -> ${relative(SRC, dep)}`);
    }
  }
  return out;
}

/** Every import cycle, each as the list of files around it. */
export function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const d of graph.get(f) ?? []) {
      if (!graph.has(d)) continue;
      if (state.get(d) === 'open') found.push(stack.slice(stack.indexOf(d)).map((x) => relative(SRC, x)));
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return found;
}

describe('the import graph of src/', () => {
  it('finds the files and their imports (the walk itself works)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get(join(SRC, 'cli/main.ts'))!.length).toBeGreaterThan(3);
  });

  it('has no import from a lower layer to a higher one (model < config < sources, terminal, demo < runtime < ui < app < cli)', () => {
    expect(layerViolations()).toEqual([]);
  });

  it('has no cycle', () => {
    expect(cycles()).toEqual([]);
  });

  it('keeps React, Ink and runtimes out of cli/', () => {
    const offenders = files
      .filter((f) => top(f) === 'cli')
      .filter((f) => /from '(react|ink)'|new ConsoleRuntime\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('keeps model/ free of I/O, React and the clock', () => {
    const offenders = files
      .filter((f) => top(f) === 'model')
      .filter((f) => /from '(react|ink|undici|node:fs|node:child_process|node:net|node:http)'|Date\.now\(\)/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});
