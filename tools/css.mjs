// Build step: one style sheet per app with only what that app uses (Trunk pre_build hook).
//
//   node tools/css.mjs <out.css> <source file or folder>...
//
// The NL Design System's component library is 400 KB and its token file 190 KB; an app uses a
// dozen components. This reads the app's sources (Rust, HTML and the pages' inline scripts) for
// `utrecht-*` classes, takes the CSS of exactly those component packages (each class maps to the
// package whose name is the longest prefix of it), adds the rules of the app's own style sheets
// (the .css sources) whose classes the sources name, and keeps only the design tokens those
// rules read, following tokens that refer to other tokens. Deterministic:
// the same sources give the same bytes, so the file hash changes only when the CSS does.
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length === 0) {
  console.error('gebruik: node tools/css.mjs <uit.css> <bron>...');
  process.exit(2);
}
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const modules = join(root, 'node_modules', '@utrecht');

function files(path) {
  if (statSync(path).isDirectory()) return readdirSync(path).sort().flatMap((f) => files(join(path, f)));
  return [path];
}
const sources = inputs.flatMap((p) => files(join(root, p)));
const code = sources.filter((f) => /\.(rs|html|js)$/.test(f)).map((f) => readFileSync(f, 'utf8')).join('\n');
const ownSheets = sources.filter((f) => f.endsWith('.css')).map((f) => readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, ''));

// Class → package: "utrecht-form-field-error-message" → form-field-error-message-css.
const packages = new Set();
for (const [, cls] of code.matchAll(/utrecht-([a-z0-9-]+)/g)) {
  const base = cls.split(/__|--/)[0];
  const parts = base.split('-');
  for (let n = parts.length; n > 0; n--) {
    const name = parts.slice(0, n).join('-');
    if (existsSync(join(modules, `${name}-css`, 'dist', 'index.css'))) {
      packages.add(name);
      break;
    }
  }
}
// Within those packages, only the rules an app can match: a rule whose every selector needs a
// class the sources never name (a variant such as `utrecht-button--subtle`, a forced state such
// as `utrecht-button--hover`) is left out. Classes inside `:not(…)` do not count as needed.
const named = new Set([...code.matchAll(/utrecht-[a-zA-Z0-9_-]+/g)].map((m) => m[0]));
/** The classes matching `pattern` (its group 1) that `selector` needs: those inside `:not(…)` do
 * not count. */
const needed = (selector, pattern) =>
  [...selector.replace(/:not\((?:[^()]|\([^()]*\))*\)/g, '').matchAll(pattern)].map((m) => m[1]);
const matchable = (selector) => needed(selector, /\.(utrecht-[a-zA-Z0-9_-]+)/g).every((c) => named.has(c));
// The app's own sheet (style/main.css) holds every app's rules; each app keeps those whose classes
// its sources name, the same way. A class its sources build (`format!("kib-{code}")`) counts as
// named for every class that starts with the part before the `{`. `tests/e2e` checks on every
// page it visits that each class an element carries and main.css styles is in the page's sheet.
const words = new Set(code.match(/[A-Za-z_][A-Za-z0-9_-]*/g) ?? []);
const built = [...new Set([...code.matchAll(/([A-Za-z][A-Za-z0-9_-]*[-_])\{/g)].map((m) => m[1]))];
const ownNamed = (cls) => words.has(cls) || built.some((prefix) => cls.startsWith(prefix));
const ownMatchable = (selector) => needed(selector, /\.(-?[A-Za-z_][A-Za-z0-9_-]*)/g).every(ownNamed);
let pruned = 0;
/** Keep the rules of `css` (blocks at its top level; @-blocks recursively) that can match. */
function prune(css, canMatch = matchable) {
  let outText = '';
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) { outText += css.slice(i); break; }
    let depth = 1;
    let j = open + 1;
    for (; j < css.length && depth > 0; j++) {
      if (css[j] === '{') depth++;
      else if (css[j] === '}') depth--;
    }
    const prelude = css.slice(i, open);
    const body = css.slice(open + 1, j - 1);
    const head = prelude.trim();
    if (head.startsWith('@')) {
      const inner = /^@(media|supports|layer|container)\b/.test(head) ? prune(body, canMatch) : body;
      if (inner.trim() !== '') outText += `${prelude}{${inner}}`;
    } else if (head.split(',').some(canMatch)) {
      outText += `${prelude}{${body}}`;
    } else {
      pruned++;
    }
    i = j;
  }
  return outText;
}
const components = [...packages].sort().map((p) =>
  prune(readFileSync(join(modules, `${p}-css`, 'dist', 'index.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')));
const componentsPruned = pruned;
const own = ownSheets.map((sheet) => prune(sheet, ownMatchable));
const ownPruned = pruned - componentsPruned;

// Keep the token declarations that are read, following var() chains inside the tokens.
const tokens = readFileSync(join(modules, 'design-tokens', 'dist', 'index.css'), 'utf8');
const decl = /^\s*(--[a-zA-Z0-9_-]+)\s*:(.*)$/;
const valueOf = new Map();
for (const line of tokens.split('\n')) {
  const m = line.match(decl);
  if (m) valueOf.set(m[1], (valueOf.get(m[1]) ?? '') + m[2]);
}
const used = new Set();
const queue = [...[...components, ...own].join('\n').matchAll(/var\(\s*(--[a-zA-Z0-9_-]+)/g)].map((m) => m[1]);
while (queue.length) {
  const name = queue.pop();
  if (used.has(name)) continue;
  used.add(name);
  for (const m of (valueOf.get(name) ?? '').matchAll(/var\(\s*(--[a-zA-Z0-9_-]+)/g)) queue.push(m[1]);
}
// Drop unread declarations, comments, then rules left empty.
let kept = tokens
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .split('\n')
  .filter((line) => { const m = line.match(decl); return !m || used.has(m[1]); })
  .filter((line) => line.trim() !== '')
  .join('\n');
for (let before = ''; before !== kept;) {
  before = kept;
  kept = kept.replace(/[^{};]*\{\s*\}/g, '');
}

const css = [
  `/* Gegenereerd door tools/css.mjs: ${packages.size} componenten (${[...packages].sort().join(', ')}), ${componentsPruned} regels zonder gebruikte klasse weggelaten, ${ownPruned} eigen regels weggelaten, ${used.size} gelezen tokens. */`,
  kept.trim(),
  ...components.map((c) => c.trim()),
  ...own,
].join('\n') + '\n';
mkdirSync(dirname(join(root, out)), { recursive: true });
const target = join(root, out);
if (!existsSync(target) || readFileSync(target, 'utf8') !== css) writeFileSync(target, css);
console.log(`${out}: ${packages.size} componenten, ${componentsPruned} + ${ownPruned} eigen regels weggelaten, ${used.size} tokens, ${css.length} bytes`);
