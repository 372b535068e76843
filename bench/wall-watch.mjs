// Watches /wall of a running dvc-watch in headless Chromium at 1920×1080 for some minutes (issue 20: the wall
// must not stall, freeze or grow), over the DevTools protocol (Node 20+ with --experimental-websocket, or 22+).
//   node --experimental-websocket bench/wall-watch.mjs http://127.0.0.1:8301 [normal-minutes=4] [out.json] [server-pid]
// Phases: (1) live for normal-minutes, a sample every 15 s: heap after a forced GC, DOM nodes, listeners, layout and
// style-recalc counts, task time, one animation frame's delay (a frozen page misses frames), the live/stale state;
// (2) the event stream blocked (as a proxy would) and the page reloaded: the wall must fall back to polling, say so,
// and show every portal; unblocked, it must return to the stream; (3) with the server's pid, the server frozen (SIGSTOP): the
// stream falls silent, the wall must notice the stall, poll, say the data is stale after 3 minutes, and recover. Prints one line per sample and a
// verdict; the samples go to out.json.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = process.argv[2] || 'http://127.0.0.1:8301';
const normalMin = Number(process.argv[3] || 4);
const out = process.argv[4] || 'target/wall-watch.json';
const pausePid = Number(process.argv[5] || 0);   // the server's pid: phase 3 freezes it (SIGSTOP) for minutes
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const profile = mkdtempSync(join(tmpdir(), 'wall-watch-'));
const chrome = spawn('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--remote-debugging-port=0', '--user-data-dir=' + profile, '--window-size=1920,1080', 'about:blank'],
{ stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TZ: 'UTC' } });
const wsUrl = await new Promise((resolve, reject) => {
  let buf = '';
  chrome.stderr.on('data', (d) => { buf += d; const m = buf.match(/DevTools listening on (ws:\/\/\S+)/); if (m) resolve(m[1]); });
  chrome.on('exit', () => reject(new Error('chromium exited: ' + buf)));
});
const port = new URL(wsUrl).port;
const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
const ws = new WebSocket(targets.find((t) => t.type === 'page').webSocketDebuggerUrl);
await new Promise((r) => ws.addEventListener('open', r));
let seq = 0;
const waiting = new Map();
ws.addEventListener('message', (e) => {
  const msg = JSON.parse(e.data);
  if (msg.id && waiting.has(msg.id)) { waiting.get(msg.id)(msg); waiting.delete(msg.id); }
});
function cdp(method, params = {}) {
  const id = ++seq;
  ws.send(JSON.stringify({ id, method, params }));
  return new Promise((resolve, reject) => waiting.set(id, (m) => (m.error ? reject(new Error(method + ': ' + m.error.message)) : resolve(m.result))));
}
async function evaluate(expr) {
  const r = await cdp('Runtime.evaluate', { expression: expr, awaitPromise: true, returnByValue: true });
  return r.result.value;
}

const STATE = `(async () => {
  const frame = await new Promise((r) => { const t = performance.now(); requestAnimationFrame(() => r(performance.now() - t)); });
  const s = document.getElementById('stale');
  return { live: document.getElementById('live').className, banner: s.hidden ? '' : s.textContent,
    dimmed: document.body.classList.contains('stale'), tiles: document.querySelectorAll('#tiles li').length,
    fresh: document.getElementById('fresh').textContent, clock: document.getElementById('clock').textContent,
    scroll: document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth,
    frameMs: Math.round(frame) };
})()`;

const samples = [];
const t0 = Date.now();
async function sample(phase) {
  await cdp('HeapProfiler.collectGarbage');
  const m = Object.fromEntries((await cdp('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
  const st = await evaluate(STATE);
  const s = { phase, s: Math.round((Date.now() - t0) / 1000), heapMB: +(m.JSHeapUsedSize / 1048576).toFixed(2),
    nodes: m.Nodes, listeners: m.JSEventListeners, layouts: m.LayoutCount, recalcs: m.RecalcStyleCount,
    taskS: +m.TaskDuration.toFixed(2), ...st };
  samples.push(s);
  console.log(JSON.stringify(s));
  return s;
}
async function until(phase, what, test, maxMs) {
  const end = Date.now() + maxMs;
  while (Date.now() < end) {
    const s = await sample(phase);
    if (test(s)) { return s; }
    await sleep(5000);
  }
  throw new Error(phase + ': ' + what + ' not seen in ' + maxMs / 1000 + ' s');
}

const verdict = [];
try {
  await cdp('Performance.enable');
  await cdp('Network.enable');
  await cdp('Emulation.setDeviceMetricsOverride', { width: 1920, height: 1080, deviceScaleFactor: 1, mobile: false });
  await cdp('Page.navigate', { url: base + '/wall' });
  await until('start', 'every tile and the live stream', (s) => s.tiles > 0 && s.live.includes('on'), 60000);
  for (let i = 0; i < normalMin * 4; i++) { await sleep(15000); await sample('live'); }
  const live = samples.filter((s) => s.phase === 'live');
  const half = Math.floor(live.length / 2);
  const avg = (a, k) => a.reduce((x, s) => x + s[k], 0) / Math.max(1, a.length);
  verdict.push(`live ${normalMin} min: heap ${live[0].heapMB} → ${live.at(-1).heapMB} MB (first half avg ${avg(live.slice(0, half), 'heapMB').toFixed(2)},`
    + ` second ${avg(live.slice(half), 'heapMB').toFixed(2)}), nodes ${live[0].nodes} → ${live.at(-1).nodes},`
    + ` listeners ${live[0].listeners} → ${live.at(-1).listeners}, layouts +${live.at(-1).layouts - live[0].layouts},`
    + ` worst frame ${Math.max(...live.map((s) => s.frameMs))} ms, always live: ${live.every((s) => s.live.includes('on'))},`
    + ` never scrolls: ${live.every((s) => !s.scroll)}`);

  await cdp('Network.setBlockedURLs', { urls: ['*/api/v1/events*'] });
  await cdp('Page.reload', { ignoreCache: true });
  const polled = await until('blocked', 'the polling banner with every tile', (s) => s.tiles > 0 && s.banner !== '' && s.live.includes('off'), 90000);
  verdict.push(`stream blocked: polling after ${polled.s - samples.find((s) => s.phase === 'blocked').s} s, banner "${polled.banner}"`);
  await cdp('Network.setBlockedURLs', { urls: [] });
  const back = await until('unblocked', 'the stream again', (s) => s.live.includes('on') && s.banner === '', 120000);
  verdict.push(`unblocked: live again, banner gone (${back.s - polled.s} s)`);

  // The server frozen (SIGSTOP, when its pid is given): the open stream falls silent without closing, as behind a
  // proxy that holds it. The wall must notice the stall (65 s), fall back to polling, then say the data is stale
  // (3 minutes), and recover once the server runs again. (Chromium's offline emulation leaves an open stream alone.)
  if (pausePid) {
    process.kill(pausePid, 'SIGSTOP');
    const frozenAt = Date.now();
    try {
      const off = await until('frozen', 'the stall noticed', (s) => s.live.includes('off'), 120000);
      verdict.push(`server frozen: stall noticed after ${Math.round((Date.now() - frozenAt) / 1000)} s (live off, banner "${off.banner}")`);
      const stale = await until('frozen', 'the stale banner and dimmed data', (s) => s.dimmed && s.banner.length > 0, 300000);
      verdict.push(`server frozen: stale after ${Math.round((Date.now() - frozenAt) / 1000)} s, banner "${stale.banner}", "${stale.fresh}"`);
    } finally {
      process.kill(pausePid, 'SIGCONT');
    }
    const contAt = Date.now();
    await until('resumed', 'fresh data again', (s) => !s.dimmed && s.banner === '' && s.live.includes('on'), 180000);
    verdict.push(`server resumed: fresh and live again after ${Math.round((Date.now() - contAt) / 1000)} s`);
  } else {
    verdict.push('no pid given: the frozen-server phase was skipped');
  }
} catch (e) {
  verdict.push('FAILED: ' + e.message);
  process.exitCode = 1;
} finally {
  writeFileSync(out, JSON.stringify({ base, samples, verdict }, null, 1));
  console.log(verdict.join('\n'));
  ws.close();
  chrome.kill();
  await sleep(500);
  rmSync(profile, { recursive: true, force: true });
}
