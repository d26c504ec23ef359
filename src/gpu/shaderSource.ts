// Loads WGSL kernel families from shaders/*.wgsl as text: fs in Node (tsx, vitest), fetch in the browser (Vite serves and bundles the URL).

/** The kernel families in shaders/, one file each. */
export type ShaderName = 'fixedpoint' | 'system' | 'scan' | 'cells' | 'neighbors' | 'forces' | 'motion' | 'pairtable'
  | 'descentcontrol' | 'descent' | 'observables'
  | 'philox' | 'mcbindings' | 'mccells' | 'mcsweep' | 'mcenergy';

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

/** The text of shaders/<name>.wgsl (cached). */
export function loadShader(name: ShaderName): Promise<string> {
  let text = cache.get(name);
  if (!text) {
    text = readShader(name);
    cache.set(name, text);
    text.catch(() => cache.delete(name));
  }
  return text;
}
