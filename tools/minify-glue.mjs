// Build step: minify wasm-bindgen's JavaScript glue (Trunk post_build hook).
//
//   node tools/minify-glue.mjs <staging dir>
//
// Trunk minifies the page, its inline scripts and its style sheet (`minify = "on_release"`), but
// not the module wasm-bindgen writes beside the wasm: 50-61 KB of readable JavaScript per app
// (8.4-9.7 KB gzip), 23-28 KB once minified (6.3-7.5 KB gzip). This minifies that module in
// the staging folder and puts the new digest in the page's `integrity` attribute for it, which
// Trunk computed from the unminified file (a browser refuses a file whose digest differs). The
// file keeps its name: the name's hash stands for the source it was minified from, and the same
// source always gives the same bytes. A page without that attribute, or a module that does not
// parse, stops the build instead of shipping something the browser would refuse.
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { minify } from 'terser';

const dir = process.argv[2];
if (!dir || !existsSync(join(dir, 'index.html'))) {
  console.error('gebruik: node tools/minify-glue.mjs <map met index.html>');
  process.exit(2);
}

const digest = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');

// The glue is the script Trunk names like its wasm (`name-hash.js` beside `name-hash_bg.wasm`).
const files = readdirSync(dir).sort();
const glue = files.filter((f) => f.endsWith('.js') && files.includes(f.replace(/\.js$/, '_bg.wasm')));
if (glue.length !== 1) {
  console.error(`minify-glue: verwacht één wasm-bindgen-module in ${dir}, gevonden: ${glue.join(', ') || 'geen'}`);
  process.exit(1);
}
const [name] = glue;

const page = join(dir, 'index.html');
const html = readFileSync(page, 'utf8');
const path = join(dir, name);
const source = readFileSync(path);
const before = digest(source);
if (!html.includes(before)) {
  console.error(`minify-glue: ${page} noemt de digest van ${name} niet (${before})`);
  process.exit(1);
}
// A module: top-level names may be shortened; what it exports and the property names the wasm
// imports by keep their names (terser leaves properties alone unless told otherwise).
const out = await minify(source.toString('utf8'), {
  module: true,
  ecma: 2020,
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false },
});
if (!out.code) {
  console.error(`minify-glue: ${name} gaf geen uitvoer`);
  process.exit(1);
}
writeFileSync(path, out.code);
writeFileSync(page, html.replaceAll(before, digest(Buffer.from(out.code))));
console.log(`minify-glue: ${name} ${source.length} -> ${Buffer.byteLength(out.code)} bytes`);
