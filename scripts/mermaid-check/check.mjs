// Renders every ```mermaid block of the given markdown files with the mermaid package in headless Chromium,
// as GitHub would, and exits 1 if any block fails to parse or render.
// usage: node check.mjs FILE.md... (Chromium from $CHROMIUM or /usr/bin/chromium)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const blocks = [];
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n'); // CRLF files have the same charts
  const fence = /```mermaid\n([\s\S]*?)```/g;
  for (let m; (m = fence.exec(text));) {
    blocks.push({ file, line: text.slice(0, m.index).split('\n').length, code: m[1] });
  }
}
if (blocks.length === 0) {
  console.log('no mermaid blocks found');
  process.exit(0);
}

const mermaidJs = path.join(here, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');
if (!fs.existsSync(mermaidJs)) {
  console.error(`mermaid is not installed: run npm ci in ${here}`);
  process.exit(2);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mermaid-check-'));
const page = path.join(work, 'check.html');
fs.writeFileSync(page, `<!doctype html><html><body>
<pre id="out">PENDING</pre>
<script src="file://${mermaidJs}"></script>
<script>
(async () => {
  const blocks = ${JSON.stringify(blocks.map(b => b.code))};
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  const results = [];
  for (let i = 0; i < blocks.length; i++) {
    try {
      await mermaid.parse(blocks[i]);
      const { svg } = await mermaid.render('block' + i, blocks[i]);
      results.push(svg.includes('<svg') ? 'ok' : 'rendered no svg');
    } catch (e) {
      results.push('error: ' + String(e && e.message ? e.message : e).split('\\n').join(' '));
    }
  }
  // The marker is assembled at run time so that the page's own source (also in the dump) cannot match it.
  document.getElementById('out').textContent = 'MERMAID' + '_RESULTS=' + JSON.stringify(results) + '=' + 'DONE';
})();
</script></body></html>`);

const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const dom = execFileSync(chromium, [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  `--user-data-dir=${path.join(work, 'profile')}`, '--allow-file-access-from-files',
  '--virtual-time-budget=30000', '--dump-dom', `file://${page}`,
], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 120000 });
fs.rmSync(work, { recursive: true, force: true });

const match = dom.match(/MERMAID_RESULTS=(\[[\s\S]*?\])=DONE/);
if (!match) {
  console.error('the page did not finish rendering');
  process.exit(2);
}
const text = match[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const results = JSON.parse(text);
let failed = 0;
results.forEach((result, i) => {
  const { file, line } = blocks[i];
  if (result !== 'ok') failed++;
  console.log(`${result === 'ok' ? 'ok   ' : 'FAIL '} ${file}:${line}${result === 'ok' ? '' : '  ' + result}`);
});
console.log(`${blocks.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
