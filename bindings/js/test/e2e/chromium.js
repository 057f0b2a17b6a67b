'use strict';
// Headless Chromium (Debian's package) driven over the Chrome DevTools protocol through
// --remote-debugging-pipe: file descriptors 3 (we write) and 4 (Chromium writes), messages
// separated by NUL bytes. No WebSocket client and no npm package needed.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

function chromiumFlags(userDataDir) {
  return [
    '--headless',
    '--no-sandbox', // required when running as root (CI and these machines run as root)
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage', // containers often have a tiny /dev/shm
    '--no-proxy-server', // talk to 127.0.0.1 directly even if a proxy is configured
    `--user-data-dir=${userDataDir}`,
    '--remote-debugging-pipe',
    'about:blank'
  ];
}

async function launchChromium(options = {}) {
  const executable = options.executablePath || process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!fs.existsSync(executable)) throw new Error(`${executable} not found: apt-get install -y chromium`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swe-bridge-chromium-'));
  const proc = spawn(executable, chromiumFlags(userDataDir), {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    detached: true // own process group, so close() can end Chromium's helpers too
  });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr = (stderr + d.toString()).slice(-20000); });
  const toBrowser = proc.stdio[3];
  const fromBrowser = proc.stdio[4];

  let nextId = 1;
  const pending = new Map();
  const listeners = [];
  let buffer = Buffer.alloc(0);
  let exited = null;

  const exitPromise = new Promise((resolve) => proc.once('exit', (code, signal) => {
    exited = { code, signal };
    for (const { reject } of pending.values()) reject(new Error(`Chromium exited (${code ?? signal}): ${stderr.slice(-2000)}`));
    pending.clear();
    resolve(exited);
  }));
  proc.once('error', (e) => { exited = { error: e }; });

  fromBrowser.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    let end;
    while ((end = buffer.indexOf(0)) !== -1) {
      const msg = JSON.parse(buffer.subarray(0, end).toString('utf8'));
      buffer = buffer.subarray(end + 1);
      if (msg.id !== undefined && pending.has(msg.id)) {
        const { resolve, reject, method } = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
        else resolve(msg.result);
      } else if (msg.method) {
        for (const l of listeners) l(msg.method, msg.params || {}, msg.sessionId);
      }
    }
  });
  fromBrowser.on('error', () => {});
  toBrowser.on('error', () => {});

  function send(method, params = {}, sessionId) {
    if (exited) return Promise.reject(new Error(`Chromium is gone: ${stderr.slice(-2000)}`));
    const id = nextId++;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, method });
      toBrowser.write(JSON.stringify(msg) + '\0');
    });
  }

  const timeoutMs = options.startTimeoutMs || 30000;
  let startTimer;
  let version;
  try {
    version = await Promise.race([
      send('Browser.getVersion'),
      new Promise((_, reject) => {
        startTimer = setTimeout(() => reject(new Error(`Chromium did not answer within ${timeoutMs} ms: ${stderr.slice(-2000)}`)), timeoutMs);
      })
    ]);
  } catch (e) {
    try { process.kill(-proc.pid, 'SIGKILL'); } catch (e2) { /* gone */ }
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  } finally {
    clearTimeout(startTimer);
  }

  async function newPage() {
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
    const page = {
      sessionId,
      console: [],
      exceptions: [],
      logEntries: [],
      send: (method, params) => send(method, params, sessionId)
    };
    listeners.push((method, params, sid) => {
      if (sid !== sessionId) return;
      if (method === 'Runtime.consoleAPICalled') {
        page.console.push(`${params.type}: ${(params.args || []).map((a) => a.value ?? a.description).join(' ')}`);
      } else if (method === 'Runtime.exceptionThrown') {
        const d = params.exceptionDetails || {};
        page.exceptions.push((d.exception && d.exception.description) || d.text);
      } else if (method === 'Log.entryAdded') {
        page.logEntries.push(`${params.entry.level}: ${params.entry.text} ${params.entry.url || ''}`);
      }
    });
    await page.send('Runtime.enable');
    await page.send('Log.enable');
    await page.send('Page.enable');
    page.goto = (url) => page.send('Page.navigate', { url });
    page.screenshot = async (file) => {
      const { data } = await page.send('Page.captureScreenshot', { format: 'png' });
      fs.writeFileSync(file, Buffer.from(data, 'base64'));
    };
    return page;
  }

  async function close() {
    if (!exited) {
      let t;
      try {
        await Promise.race([send('Browser.close'), exitPromise, new Promise((r) => { t = setTimeout(r, 3000); })]);
      } catch (e) { /* going anyway */ }
      clearTimeout(t);
    }
    if (!exited) {
      try { process.kill(-proc.pid, 'SIGTERM'); } catch (e) { /* already gone */ }
      const killer = setTimeout(() => { try { process.kill(-proc.pid, 'SIGKILL'); } catch (e) { /* gone */ } }, 5000);
      await exitPromise;
      clearTimeout(killer);
    }
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }

  return { version, newPage, close, stderr: () => stderr, flags: chromiumFlags(userDataDir) };
}

module.exports = { launchChromium, chromiumFlags, DEFAULT_CHROMIUM };
