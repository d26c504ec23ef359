// The layer rule of docs/ARCHITECTURE.md, checked on every import in src/: ui, cli → state → io → engine → gpu → physics.
// A file imports only files of its own layer or of layers to its right (type-only imports included: they couple the code
// just the same), and no files import each other in a circle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '..', 'src');
/** Rank of each layer: a file may import ranks ≥ its own; ui and cli share the top rank but do not import each other. */
const LAYERS: Record<string, number> = { ui: 0, cli: 0, state: 1, io: 2, engine: 3, gpu: 4, physics: 5 };

/**
 * Known cycles that another change removes, each named by its files; nothing else may be added here.
 * - src/gpu/quench.ts ↔ src/gpu/quenchLoop.ts: issue 9 ("the quench.ts ↔ quenchLoop.ts cycle must go"), being split by
 *   the architecture work on src/gpu (helper h4-arch); remove this entry when that lands.
 */
const ALLOWED_CYCLES: readonly (readonly string[])[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module specifier of a file: import/export … from '…', import '…', and import('…'); comments removed first. */
export function importSpecifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const specs: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of code.matchAll(re)) specs.push(m[1]);
  return specs;
}

const files = sourceFiles(SRC);
const rel = (p: string) => relative(SRC, p).split('\\').join('/');
const layerOf = (relPath: string) => relPath.split('/')[0];

/** A stylesheet, shader or other non-code file (Vite imports them; they import nothing). */
const isAsset = (spec: string) => /\.(?!tsx?$|jsx?$|mjs$)[A-Za-z0-9]+$/.test(spec.split('?')[0]);

/** The file graph: each file's relative imports resolved to files in src/ (bare package imports are left out). */
const graph = new Map<string, string[]>();
for (const file of files) {
  const deps = importSpecifiers(readFileSync(file, 'utf8'))
    .filter((s) => s.startsWith('.') && !isAsset(s))
    .map((s) => {
      const target = resolve(dirname(file), s);
      const found = [target, `${target}.ts`, `${target}.tsx`, join(target, 'index.ts')].find((p) => files.includes(p));
      if (!found) throw new Error(`${rel(file)} imports ${s}, which is not a source file in src/`);
      return rel(found);
    });
  graph.set(rel(file), deps);
}

/** Strongly connected components with more than one file (or a file importing itself): Tarjan's algorithm. */
function cycles(g: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>(), stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter); low.set(v, counter); counter++;
    stack.push(v); onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); scc.push(w); } while (w !== v);
      if (scc.length > 1 || (g.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('architecture: imports point down', () => {
  it('the import parser sees every form of import, and only real ones', () => {
    const text = [
      `import { a } from './a.ts';`, `import type { B } from "../b.ts";`, `export { c } from './c.ts';`, `export * from './d.ts';`,
      `import './e.ts';`, `const f = await import('./f.ts');`, `import {\n  g,\n  h,\n} from './gh.ts';`,
      `// import { no } from './comment.ts';`, `/* import { no } from './block.ts'; */`, `const s = 'from "./string.ts"';`,
    ].join('\n');
    expect(importSpecifiers(text).sort()).toEqual(['../b.ts', './a.ts', './c.ts', './d.ts', './e.ts', './f.ts', './gh.ts']);
  });

  it('every file of src/ lies in a known layer', () => {
    const unknown = [...graph.keys()].filter((f) => !(layerOf(f) in LAYERS));
    expect(unknown).toEqual([]);
    expect(graph.size).toBeGreaterThan(100);
  });

  it('a layer imports only its own layer and the layers to its right', () => {
    const violations: string[] = [];
    for (const [file, deps] of graph) {
      const from = layerOf(file);
      for (const dep of deps) {
        const to = layerOf(dep);
        const upward = LAYERS[to] < LAYERS[from];
        const sideways = from !== to && LAYERS[to] === LAYERS[from];
        if (upward || sideways) violations.push(`${file} → ${dep}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('no files import each other in a circle (except the one allowed, owned elsewhere)', () => {
    const key = (c: readonly string[]) => [...c].sort().join(' ↔ ');
    const allowed = new Set(ALLOWED_CYCLES.map(key));
    const found = cycles(graph).map(key);
    expect(found.filter((c) => !allowed.has(c))).toEqual([]);
  });
});
