// The first load of each app: what a browser downloads before the first page works (the files
// its page names: its script, its wasm and its style sheet), raw, gzip (level 9) and brotli (quality 11),
// against its budget. Sizes are deterministic, so this is a check, not a benchmark: it exits 1
// when a bundle grows over its ceiling, or when a page names a digest (`integrity`) that its
// file does not have.
//
//   node tests/bundle-size.mjs [dist]
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { createHash } from 'node:crypto';

const dist = process.argv[2] ?? 'dist';
// target: the budget of issue 15; ceiling: the most this build may weigh (it fails above it).
// The staff ceiling went from 760 to 830 KB with issue 17 (start pages per role, administration,
// My account, paged caseload: 736 -> 820 KB). Leaving the administration pages out was measured
// to save only 17.5 KB: the weight is the view layer's code per page, not one page. Issue 16's
// import and export pages added 23 KB; the rule tables compiled at build time (-15.6 KB) and the
// performance page as an app of its own (-31.4 KB) took the staff app to 800.5 KB, and the
// ceiling down to 810 KB. Referrals, partners and the SRG delivery would have taken it to 850 KB;
// the administration pages as an app of their own (users, audit log, settings, import,
// partners, SRG: 392 KB, loaded by team leads and administrators only) took it to 763.7 KB,
// and the ceiling down to 770 KB. The income department's signals page went to the
// administration app (409 KB, ceiling 420 KB); the workspace keeps the new role's start and
// the team lead's count of open signals (767.8 KB). Klant in Beeld (the progress chart and
// table, the assessor batches, the residents to fill, one resident's indicators) went to the
// administration app too: 409 -> 483 KB, ceiling 490 KB; the workspace keeps a link from the
// file and the assessor's start (768.5 KB). The form without Leptos' router (its own
// addresses, src/form/nav.rs): 294.0 -> 244.8 KB, ceiling 300 -> 250 KB. The council report
// and the scenarios as an app of their own (beleid.html, /rapportage and /scenarios: 504 KB,
// ceiling 510 KB) took the workspace from 769.2 to 613.8 KB, its ceiling to 620 KB. Style
// sheets without the component rules no element can match (-5.6 KB staff, -4.2 KB form), and
// in the form no float formatting, no standard sort and no code to read a Submission back:
// form 244.8 -> 215.8 KB (ceiling 220), workspace 608.1 (612), beheer 480.9 (485), beleid
// 499.0 (503). The sign-in page as an app of its own (aanmelden.html, /inloggen: no router, no
// copy of the caseload): 137.8 KB, ceiling 150 KB, so no staff member downloads the workspace
// to sign in; with the welcome page it also answers / without a session: 145.6 KB. Dates in
// figures without chrono's format machinery: workspace 609.8 -> 604.8 KB, ceiling 612 -> 607;
// the report's and the scenarios' dates likewise: beleid 501.6 -> 494.5 KB, ceiling 503 -> 498.
// The domain crate built for size like the rest (it was at opt-level 3, which under fat LTO
// bought no measured speed): workspace 605.1 -> 589.8 KB (ceiling 592), beheer 483.6 -> 473.4
// (476), beleid 495.7 -> 476.3 (479), form 216.1 -> 213.0 (216). Typed numbers read without
// Rust's float parser and its tables (`meedoen_domain::number`): form 213.3 -> 199.3 KB
// (ceiling 202), workspace 589.3 -> 575.8 (579), beleid 476.3 -> 462.5 (466). The form's kept
// answers read by its page while the app downloads (formulier-bewaard.js, 70 ms sooner on the
// slow profile): 199.3 -> 200.7 KB; the workspace's first feed asked for by its page likewise
// (werkplek-voorhalen.js, 0.2-0.4 s sooner): 575.8 -> 576.7 KB. One sort for every list, no
// float formatter, api::answer instead of LocalResource and show_if instead of <Show> (code each
// use linked a copy of): workspace 576.9 -> 538.2 KB (ceiling 541), beheer 474.4 -> 462.0 (465),
// beleid 463.4 -> 450.4 (453), form 200.7 -> 199.3 (201). Letters lowered without the standard
// library's Unicode case table (meedoen_domain::text::lowercase_char): workspace 539.5 -> 532.7
// (534), beheer 462.2 -> 452.0 (453), beleid 451.1 -> 442.8 (444). Dates read without chrono's
// parser (meedoen_domain::day): workspace 532.7 -> 525.9 (527), beheer 452.0 -> 445.2 (446),
// beleid 442.8 -> 436.6 (438). Leptos' FlatRoutes instead of its nested Routes (the staff apps'
// routes are flat): workspace 525.9 -> 511.7 (513), beheer 445.2 -> 431.8 (433), beleid 436.6 ->
// 422.5 (424). The staff apps' own addresses instead of Leptos' router (src/nav.rs, as the form
// had): workspace 511.2 -> 472.1 KB (ceiling 474), beheer 431.8 -> 397.9 (399), beleid 422.5 ->
// 390.3 (392); the form's frozen submission kept as JSON text: 199.9 -> 198.9 (200). The first
// letter of an explanation raised without the standard library's upper-case table
// (meedoen_domain::text::uppercase_char): workspace 472.1 -> 463.5 KB (ceiling 465). An error
// answer read for its message and fields only, a conflict's parts where the workspace needs them
// (api::ApiFailure::conflict): form 198.9 -> 194.5 KB (ceiling 196), sign-in 146.7 -> 142.3
// (144), while the staff apps read the answer in two parts: workspace 463.5 -> 464.5 (466),
// beheer 397.9 -> 399.0 (401), beleid 390.3 -> 391.0 (392). Split further, as issue 15 allows,
// so each staff app but the workspace is within its budget: the administration without Klant in
// Beeld 399.0 -> 332.7 KB (ceiling 334) and Klant in Beeld on its own 286.1 (288); the report
// without the scenarios 391.0 -> 270.1 (272) and the scenarios on their own 336.5 (338). The
// sign-in app telling the installing worker to stop for a role without a copy of case files:
// sign-in 142.3 -> 142.7 KB, workspace 464.5 -> 465.0 (the code is in every staff app's session).
// Release builds minified (Trunk's `minify = "on_release"` for the style sheet, the page and its
// inline scripts; tools/minify-glue.mjs for wasm-bindgen's module): the style sheets 1.8-2.2 KB
// and the modules 2.1-2.2 KB gzip smaller, form 194.6 -> 190.6 (ceiling 192), sign-in 142.4 ->
// 138.5 (140), workspace 465.0 -> 460.6 (462), beheer 332.8 -> 328.5 (330), inbeeld 286.3 ->
// 282.0 (284), beleid 270.3 -> 266.0 (268), scenarios 336.3 -> 332.0 (334). The rules of
// style/main.css kept only where the app's sources name their classes (tools/css.mjs): form
// 190.6 -> 188.5 (ceiling 190), sign-in 138.5 -> 136.2 (138); the staff apps use every page.
const BUNDLES = [
  { name: 'formulier (inwoner)', page: 'formulier/index.html', targetKb: 150, ceilingKb: 190 },
  { name: 'aanmelden (inlogpagina, alle medewerkers)', page: 'aanmelden/index.html', targetKb: 350, ceilingKb: 138 },
  { name: 'werkplek (medewerkers)', page: 'index.html', targetKb: 350, ceilingKb: 462 },
  { name: 'beheer (teamleider, beheerder, Inkomen)', page: 'beheer/index.html', targetKb: 350, ceilingKb: 330 },
  { name: 'inbeeld (Klant in Beeld: teamleider, beoordelaar, beleid)', page: 'inbeeld/index.html', targetKb: 350, ceilingKb: 284 },
  { name: 'beleid (rapportage: teamleider, beleid)', page: 'beleid/index.html', targetKb: 350, ceilingKb: 268 },
  { name: 'scenarios (scenario\'s: teamleider, beleid)', page: 'scenarios/index.html', targetKb: 350, ceilingKb: 334 },
];

function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 22 },
    }).length,
  };
}
const kb = (n) => (n / 1024).toFixed(1);

let failed = false;
for (const b of BUNDLES) {
  const page = join(dist, b.page);
  if (!existsSync(page)) {
    console.log(`${b.name}: ${page} ontbreekt (niet gebouwd)`);
    failed = true;
    continue;
  }
  const html = readFileSync(page, 'utf8');
  // The page is minified: an attribute's value may stand without quotes (`href=/x.css`).
  const assets = [...new Set([...html.matchAll(/(?:href=|src=|module_or_path: )["']?(\/[^"'\s>]+\.(?:js|wasm|css))(?=["'\s>])/g)].map((m) => m[1]))];
  const total = { raw: 0, gzip: 0, brotli: 0 };
  const lines = [];
  for (const a of assets.sort()) {
    const s = sizes(readFileSync(join(dist, a)));
    for (const k of Object.keys(total)) total[k] += s[k];
    lines.push(`    ${a.padEnd(52)} ${kb(s.raw).padStart(8)} KB ruw ${kb(s.gzip).padStart(7)} KB gzip ${kb(s.brotli).padStart(7)} KB brotli`);
  }
  // Each file the page names with a digest must have that digest, or the browser refuses it (the
  // build minifies wasm-bindgen's module after Trunk wrote its digest: tools/minify-glue.mjs).
  for (const [tag] of html.matchAll(/<(?:link|script)\b[^>]*>/g)) {
    const value = (name) => tag.match(new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`))?.slice(1).find((v) => v != null);
    const integrity = value('integrity');
    const file = value('href') ?? value('src');
    if (!integrity || !file?.startsWith('/')) continue;
    const [algorithm] = integrity.split('-');
    const actual = `${algorithm}-${createHash(algorithm).update(readFileSync(join(dist, file))).digest('base64')}`;
    if (actual !== integrity) {
      console.log(`${b.name}: ${b.page} noemt voor ${file} de digest ${integrity}, het bestand heeft ${actual}: de browser weigert het`);
      failed = true;
    }
  }
  const gz = total.gzip / 1024;
  const verdict = gz > b.ceilingKb ? `BOVEN HET PLAFOND van ${b.ceilingKb} KB`
    : gz <= b.targetKb ? `binnen het budget van ${b.targetKb} KB`
      : `nog boven het doel van ${b.targetKb} KB (plafond ${b.ceilingKb} KB)`;
  console.log(`bundel ${b.name}: ${kb(total.raw)} KB ruw, ${kb(total.gzip)} KB gzip, ${kb(total.brotli)} KB brotli: ${verdict}`);
  for (const l of lines) console.log(l);
  if (gz > b.ceilingKb) failed = true;
}
process.exit(failed ? 1 : 0);
