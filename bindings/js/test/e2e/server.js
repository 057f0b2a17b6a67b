'use strict';
// A tiny localhost server for the end-to-end test: serves the test page and bridge.js, and
// collects what the page posts (POST /events/<mode>: one JSON text per request, in order;
// POST /done/<mode>: the page's final report).
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const JS_ROOT = path.resolve(__dirname, '..', '..');
const PAGE_DIR = path.join(JS_ROOT, 'test', 'page');
const FILES = {
  '/bridge.js': path.join(JS_ROOT, 'bridge.js'),
  '/page/index.html': path.join(PAGE_DIR, 'index.html'),
  '/page/page.js': path.join(PAGE_DIR, 'page.js'),
  '/page/fixtures.js': path.join(PAGE_DIR, 'fixtures.js'),
  '/page/widget-standin.js': path.join(PAGE_DIR, 'widget-standin.js')
};
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
const MAX_BODY = 4 * 1024 * 1024;

function startServer() {
  const events = new Map(); // mode -> [{text, bytes}]
  const reports = new Map(); // mode -> report
  const waiters = new Map(); // mode -> resolve
  const problems = []; // requests the page should never make

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const m = /^\/(events|done)\/([a-z0-9]+)$/.exec(url.pathname);
    if (req.method === 'POST' && m) {
      const chunks = [];
      let size = 0;
      req.on('data', (c) => {
        size += c.length;
        if (size <= MAX_BODY) chunks.push(c);
      });
      req.on('end', () => {
        if (size > MAX_BODY) {
          problems.push(`${m[1]}/${m[2]}: body of ${size} bytes`);
          res.writeHead(413).end();
          return;
        }
        const body = Buffer.concat(chunks);
        let text;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(body);
        } catch (e) {
          problems.push(`${m[1]}/${m[2]}: body is not valid UTF-8`);
          res.writeHead(400).end();
          return;
        }
        const mode = m[2];
        if (m[1] === 'events') {
          if (!events.has(mode)) events.set(mode, []);
          events.get(mode).push({ text, bytes: body.length });
        } else {
          try {
            reports.set(mode, JSON.parse(text));
          } catch (e) {
            problems.push(`done/${mode}: report is not JSON`);
          }
          const w = waiters.get(mode);
          if (w) w();
        }
        res.writeHead(204).end();
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/') {
      res.writeHead(302, { location: '/page/index.html' }).end();
      return;
    }
    if (req.method === 'GET' && url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = FILES[url.pathname];
    if (req.method === 'GET' && file) {
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)], 'cache-control': 'no-store' });
      res.end(fs.readFileSync(file));
      return;
    }
    problems.push(`${req.method} ${url.pathname}`);
    res.writeHead(404).end();
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        events: (mode) => events.get(mode) || [],
        report: (mode) => reports.get(mode),
        problems,
        waitForDone(mode, timeoutMs) {
          if (reports.has(mode)) return Promise.resolve(reports.get(mode));
          return new Promise((res, rej) => {
            const timer = setTimeout(() => rej(new Error(`page (via=${mode}) did not report done within ${timeoutMs} ms`)), timeoutMs);
            waiters.set(mode, () => { clearTimeout(timer); res(reports.get(mode)); });
          });
        },
        close: () => new Promise((res) => { server.closeAllConnections(); server.close(() => res()); })
      });
    });
  });
}

module.exports = { startServer };
