// Reads `twiggy top -f csv` on standard input and prints the N crates with the most bytes
// (wasm-bindgen's description sections and the name section are left out: they do not ship).
import { readFileSync } from 'node:fs';

const n = Number(process.argv[2] ?? 10);
const lines = readFileSync(0, 'utf8').trim().split('\n').slice(1);
const bytes = new Map();
let total = 0;
for (const line of lines) {
  const m = line.match(/^"?(.*?)"?,(\d+),/);
  if (!m) continue;
  const [, name, size] = m;
  if (/function names|wasm_bindgen_unstable|__wbindgen_describe|wasm_bindgen::describe/.test(name)) continue;
  const clean = name.replace(/^[<&]+|^(impl|dyn) /g, '').replace(/^(\w+) as /, '');
  const crate = clean.match(/^([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/)?.[1] ?? (clean.startsWith('data segment') ? '(gegevens)' : '(overig)');
  bytes.set(crate, (bytes.get(crate) ?? 0) + Number(size));
  total += Number(size);
}
for (const [crate, size] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, n)) {
  console.log(`${(size / 1024).toFixed(1).padStart(8)} KB ${(100 * size / total).toFixed(1).padStart(5)} %  ${crate}`);
}
