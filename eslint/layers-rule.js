// One local ESLint rule, generated from layers.config.js: it resolves every import of a
// file under src/ to a path or a package and checks it against the file's layer.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { layeredRoot, layers } from '../layers.config.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtins = new Set(builtinModules.filter((m) => !m.startsWith('_')));

/** The layer a repo-relative path (posix) belongs to, or undefined for an unknown one. */
export function layerOf(relPath) {
  let best;
  for (const layer of layers) {
    for (const p of layer.paths) {
      const hit = relPath === p || relPath.startsWith(`${p}/`) || withoutExt(relPath) === withoutExt(p);
      if (hit && (!best || p.length > best.len)) best = { layer, len: p.length };
    }
  }
  return best?.layer;
}

function withoutExt(p) {
  return p.replace(/\.(d\.ts|tsx?|jsx?|mjs|cjs)$/, '');
}

function toRel(abs) {
  return path.relative(repoRoot, abs).split(path.sep).join('/');
}

function isLayered(rel) {
  return rel === layeredRoot || rel.startsWith(`${layeredRoot}/`);
}

/** The package an import names: `node:fs` → node:fs, `react-dom/client` → react-dom, `@a/b/c` → @a/b. */
function packageName(spec) {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function packageProblem(layer, spec) {
  const name = packageName(spec);
  const allowed = layer.packages;
  if (name.startsWith('node:') || builtins.has(name)) {
    return allowed.node ? undefined : `Node built-in '${spec}' is not allowed in the ${layer.name} layer.`;
  }
  if (name === 'electron') return allowed.electron ? undefined : `Only the shell layer talks to Electron; ${layer.name} may not import '${spec}'.`;
  if (name === 'react' || name === 'react-dom') {
    return allowed.react ? undefined : `React belongs in the renderer and console-ui layers; ${layer.name} may not import '${spec}'.`;
  }
  if (!allowed.only.includes(name)) {
    const list = allowed.only.length ? `only ${allowed.only.join(', ')}` : 'no other npm package';
    return `The ${layer.name} layer may import ${list}; not '${spec}' (add it to the layer's packages.only in layers.config.js).`;
  }
  return undefined;
}

function pathProblem(layer, fromFile, spec) {
  const target = toRel(path.resolve(path.dirname(fromFile), spec));
  if (!isLayered(target)) return `'${spec}' leaves ${layeredRoot}/: a layered file imports only layers and packages.`;
  const to = layerOf(target);
  if (!to) return `'${spec}' resolves to ${target}, which no layer in layers.config.js claims.`;
  if (to === layer || layer.mayImport.includes(to.name)) return undefined;
  const may = layer.mayImport.length ? layer.mayImport.join(', ') : 'no other layer';
  return `The ${layer.name} layer may import ${may}; '${spec}' is in the ${to.name} layer (layers.config.js).`;
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layers declared in layers.config.js.' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const rel = toRel(file);
    if (!isLayered(rel)) return {};
    const layer = layerOf(rel);
    if (!layer) {
      return { Program: (node) => context.report({ node, message: `${rel} is in no layer: add its folder to layers.config.js.` }) };
    }
    const checkSpec = (node, spec) => {
      if (typeof spec !== 'string') return;
      const problem = spec.startsWith('.') || spec.startsWith('/') ? pathProblem(layer, file, spec) : packageProblem(layer, spec);
      if (problem) context.report({ node, message: problem });
    };
    const check = (node) => node.source && checkSpec(node.source, node.source.value);
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
      // `import('../x').T` in a type position is an edge too
      TSImportType: (node) => checkSpec(node, node.argument?.literal?.value),
    };
  },
};

export const layersPlugin = { rules: { imports: layersRule } };
