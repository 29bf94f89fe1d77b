// Renders every chart the given markdown files show, in headless Chromium, as GitHub would, and exits 1 if any is
// broken: an SVG image (![..](x.svg) or <img src="x.svg">) that is missing, is not well-formed SVG, or that Chromium
// cannot draw; a ```mermaid block that does not parse or render. Exit 2 when the check itself cannot run.
// usage: node check.mjs FILE.md... (Chromium from $CHROMIUM or /usr/bin/chromium)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const lineOf = (text, index) => text.slice(0, index).split('\n').length;

// What each file shows: its Mermaid blocks, and the SVG files its images link (relative to the file; web links are
// GitHub's to fetch, not ours to check).
const charts = [];
const missing = [];
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n'); // CRLF files have the same charts
  const fence = /```mermaid\n([\s\S]*?)```/g;
  for (let m; (m = fence.exec(text));) {
    charts.push({ file, line: lineOf(text, m.index), kind: 'mermaid', code: m[1] });
  }
  const image = /!\[[^\]]*\]\(\s*<?([^)\s>]+\.svg)>?(?:\s+"[^"]*")?\s*\)|<img\s[^>]*src="([^"]+\.svg)"/gi;
  for (let m; (m = image.exec(text));) {
    const link = m[1] || m[2];
    if (/^[a-z]+:/i.test(link)) continue;
    const target = path.resolve(path.dirname(file), decodeURIComponent(link.split('#')[0]));
    const where = { file, line: lineOf(text, m.index), link };
    if (!fs.existsSync(target) || !fs.statSync(target).isFile()) {
      missing.push(where);
      continue;
    }
    charts.push({ ...where, kind: 'svg', code: fs.readFileSync(target, 'utf8') });
  }
}

let failed = 0;
for (const { file, line, link } of missing) {
  failed++;
  console.log(`FAIL  ${file}:${line}  ${link}: no such file`);
}
if (charts.length === 0) {
  console.log(`no charts found; ${failed} missing`);
  process.exit(failed === 0 ? 0 : 1);
}

const needsMermaid = charts.some(c => c.kind === 'mermaid');
const mermaidJs = path.join(here, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');
if (needsMermaid && !fs.existsSync(mermaidJs)) {
  console.error(`mermaid is not installed: run npm ci in ${here}`);
  process.exit(2);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-check-'));
const page = path.join(work, 'check.html');
fs.writeFileSync(page, `<!doctype html><html><body>
<pre id="out">PENDING</pre>
${needsMermaid ? `<script src="file://${mermaidJs}"></script>` : ''}
<script>
// An SVG must parse as XML with an <svg> root, then load as an image with a size: what GitHub's <img> does with it.
function checkSvg(code) {
  const doc = new DOMParser().parseFromString(code, 'image/svg+xml');
  const error = doc.querySelector('parsererror');
  if (error) return Promise.resolve('not well-formed SVG: ' + error.textContent.split('\\n').join(' ').slice(0, 200));
  if (!doc.documentElement || doc.documentElement.localName !== 'svg') return Promise.resolve('the root element is not <svg>');
  return new Promise(resolve => {
    const img = new Image();
    const url = URL.createObjectURL(new Blob([code], { type: 'image/svg+xml' }));
    img.onload = () => resolve(img.naturalWidth > 0 && img.naturalHeight > 0 ? 'ok' : 'renders with no size');
    img.onerror = () => resolve('Chromium cannot draw it as an image');
    img.src = url;
  });
}
(async () => {
  const charts = ${JSON.stringify(charts.map(c => ({ kind: c.kind, code: c.code })))};
  if (${needsMermaid}) mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  const results = [];
  for (let i = 0; i < charts.length; i++) {
    try {
      if (charts[i].kind === 'svg') {
        results.push(await checkSvg(charts[i].code));
        continue;
      }
      await mermaid.parse(charts[i].code);
      const { svg } = await mermaid.render('block' + i, charts[i].code);
      results.push(svg.includes('<svg') ? 'ok' : 'rendered no svg');
    } catch (e) {
      results.push('error: ' + String(e && e.message ? e.message : e).split('\\n').join(' '));
    }
  }
  // The marker is assembled at run time so that the page's own source (also in the dump) cannot match it.
  document.getElementById('out').textContent = 'CHART' + '_RESULTS=' + JSON.stringify(results) + '=' + 'DONE';
})();
</script></body></html>`);

const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
let dom;
try {
  dom = execFileSync(chromium, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${path.join(work, 'profile')}`, '--allow-file-access-from-files',
    '--virtual-time-budget=30000', '--dump-dom', `file://${page}`,
  ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 120000, maxBuffer: 256 * 1024 * 1024 });
} catch (e) {
  console.error(`chromium did not run: ${e.message.split('\n')[0]}`);
  process.exit(2);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

const match = dom.match(/CHART_RESULTS=(\[[\s\S]*?\])=DONE/);
if (!match) {
  console.error('the page did not finish rendering');
  process.exit(2);
}
const text = match[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const results = JSON.parse(text);
results.forEach((result, i) => {
  const { file, line, kind, link } = charts[i];
  const what = kind === 'svg' ? `${file}:${line}  ${link}` : `${file}:${line}  mermaid`;
  if (result !== 'ok') failed++;
  console.log(`${result === 'ok' ? 'ok   ' : 'FAIL '} ${what}${result === 'ok' ? '' : ': ' + result}`);
});
console.log(`${charts.length + missing.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
