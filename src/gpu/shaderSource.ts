// Loads WGSL kernel families from shaders/*.wgsl as text: fs in Node (tsx, vitest), fetch in the browser (Vite serves and bundles the URL).
// A line `//#include <name>` in a shader is replaced by the text of shaders/<name>.wgsl (once per file, recursively): shared
// WGSL snippets live in one file. Unexpanded, the line is a plain WGSL comment.

/** The kernel families in shaders/, one file each. */
export type ShaderName = 'fixedpoint' | 'system' | 'scan' | 'cells' | 'neighbors' | 'forces' | 'motion' | 'pairtable'
  | 'descentcontrol' | 'descent' | 'observables'
  | 'philox' | 'mcbindings' | 'mccells' | 'mcsweep' | 'mcenergy'
  | 'separation' | 'stencil'
  | 'analysiscells' | 'analysisdefects' | 'analysisd2min' | 'hessianproduct'
  | 'displacement' | 'partner' | 'mkpartner' | 'mkshifts' | 'mkneighbors'
  | 'nonlinearcontraction';

const SHADER_NAMES: readonly ShaderName[] = ['fixedpoint', 'system', 'scan', 'cells', 'neighbors', 'forces', 'motion', 'pairtable',
  'descentcontrol', 'descent', 'observables', 'philox', 'mcbindings', 'mccells', 'mcsweep', 'mcenergy', 'separation', 'stencil',
  'analysiscells', 'analysisdefects', 'analysisd2min', 'hessianproduct', 'displacement', 'partner', 'mkpartner', 'mkshifts', 'mkneighbors',
  'nonlinearcontraction'];

const INCLUDE = /^\/\/#include (\w+)[ \t]*$/gm;

const cache = new Map<ShaderName, Promise<string>>();

/** The URL of shaders/<name>.wgsl next to this module's source tree (Vite rewrites this pattern into asset URLs). */
export function shaderUrl(name: ShaderName): URL {
  return new URL(`../../shaders/${name}.wgsl`, import.meta.url);
}

async function readShader(name: ShaderName): Promise<string> {
  const url = shaderUrl(name);
  if (url.protocol === 'file:') {
    const fsModule = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsModule)) as typeof import('node:fs/promises');
    return fs.readFile(url, 'utf8');
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load shader ${name}.wgsl from ${url.href}: HTTP ${response.status}`);
  return response.text();
}

/** The text with its `//#include <name>` lines replaced by those shaders (each included at most once along a chain). */
async function expandIncludes(name: ShaderName, text: string, chain: readonly ShaderName[]): Promise<string> {
  const names = [...text.matchAll(INCLUDE)].map((m) => m[1]);
  if (names.length === 0) return text;
  const parts = new Map<string, string>();
  for (const included of names) {
    if (!(SHADER_NAMES as readonly string[]).includes(included)) throw new Error(`${name}.wgsl includes unknown shader "${included}"`);
    const next = included as ShaderName;
    if (chain.includes(next)) throw new Error(`${name}.wgsl: circular #include of ${next}.wgsl`);
    parts.set(next, await expandIncludes(next, await readShader(next), [...chain, next]));
  }
  return text.replace(INCLUDE, (_, included: string) => `// ---- shaders/${included}.wgsl ----\n${parts.get(included)}\n// ---- end of ${included}.wgsl ----`);
}

/** The text of shaders/<name>.wgsl with its includes expanded (cached). */
export function loadShader(name: ShaderName): Promise<string> {
  let text = cache.get(name);
  if (!text) {
    text = readShader(name).then((raw) => expandIncludes(name, raw, [name]));
    cache.set(name, text);
    text.catch(() => cache.delete(name));
  }
  return text;
}
