'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { Bridge } = require('./helpers');

const CH = 'spacesWidgetEvents';
const tick = () => new Promise((r) => setTimeout(r, 0));

// Fake globals, one per platform; each records what reached "native" code.
function fakes() {
  const got = [];
  const rec = (kind) => (text) => { got.push({ kind, text }); };
  return {
    got,
    webkit: () => ({ webkit: { messageHandlers: { [CH]: { postMessage: rec('webkit') } } } }),
    android: () => ({ [CH]: { postMessage: rec('android') } }),
    webview2: () => ({ chrome: { webview: { postMessage: rec('webview2') } } }),
    qt: (opts = {}) => {
      const g = { qt: { webChannelTransport: { send() {} } }, readyCallbacks: [] };
      g.QWebChannel = function (transport, ready) {
        assert.strictEqual(transport, g.qt.webChannelTransport);
        if (opts.throws) throw new Error('bad transport');
        const objects = opts.noObject ? {} : { [CH]: { postMessage: rec('qt') } };
        g.readyCallbacks.push(() => ready({ objects }));
      };
      g.connect = () => g.readyCallbacks.forEach((f) => f());
      return g;
    },
    cef: (fail) => ({
      cefQuery(q) {
        got.push({ kind: 'cef', text: q.request });
        assert.strictEqual(q.persistent, false);
        setTimeout(() => (fail ? q.onFailure(-1, 'no handler') : q.onSuccess('')), 0);
        return 1;
      }
    })
  };
}

function bridgeOn(win, extra = {}) {
  const errors = [];
  const bridge = Bridge.create(Object.assign({ window: win, onError: (e) => errors.push(e) }, extra));
  return { bridge, errors };
}

test('detectChannel finds each platform', () => {
  const f = fakes();
  assert.strictEqual(Bridge.detectChannel(f.webkit(), CH), 'webkit');
  assert.strictEqual(Bridge.detectChannel(f.android(), CH), 'android');
  assert.strictEqual(Bridge.detectChannel(f.webview2(), CH), 'webview2');
  assert.strictEqual(Bridge.detectChannel(f.qt(), CH), 'qt');
  assert.strictEqual(Bridge.detectChannel(f.cef(), CH), 'cef');
  assert.strictEqual(Bridge.detectChannel({}, CH), null);
  assert.strictEqual(Bridge.detectChannel({ chrome: { runtime: {} } }, CH), null, 'plain Chrome is not WebView2');
  assert.strictEqual(Bridge.detectChannel({ qt: { webChannelTransport: {} } }, CH), null, 'Qt without qwebchannel.js');
  assert.strictEqual(Bridge.detectChannel({ webkit: { messageHandlers: {} } }, CH), null, 'WKWebView without our handler');
});

test('detection order: webkit, android, webview2, qt, cef', () => {
  const f = fakes();
  const all = Object.assign({}, f.cef(), f.qt(), f.webview2(), f.android(), f.webkit());
  const order = ['webkit', 'android', 'webview2', 'qt', 'cef'];
  const win = Object.assign({}, all);
  for (const kind of order) {
    assert.strictEqual(Bridge.detectChannel(win, CH), kind);
    if (kind === 'webkit') delete win.webkit;
    if (kind === 'android') delete win[CH];
    if (kind === 'webview2') delete win.chrome;
    if (kind === 'qt') delete win.qt;
  }
});

test('channel name is configurable; a frame named like the channel is not Android', () => {
  const win = { myBridge: { postMessage() {} } };
  assert.strictEqual(Bridge.detectChannel(win, 'myBridge'), 'android');
  assert.strictEqual(Bridge.detectChannel(win, CH), null);
  const frame = { postMessage() {} };
  frame.window = frame;
  assert.strictEqual(Bridge.detectChannel({ [CH]: frame }, CH), null);
  const f = fakes();
  const w = { webkit: { messageHandlers: { other: { postMessage: (t) => f.got.push(t) } } } };
  const { bridge } = bridgeOn(w, { channel: 'other' });
  bridge.onEvent('a:b', { x: 1 });
  assert.strictEqual(f.got.length, 1);
  assert.strictEqual(bridge.stats().transport, 'webkit');
});

for (const kind of ['webkit', 'android', 'webview2']) {
  test(`posts the JSON text through ${kind}`, () => {
    const f = fakes();
    const { bridge, errors } = bridgeOn(f[kind]());
    bridge.onEvent('messages:created', { id: 'M', text: 'caf\u00e9' });
    assert.deepStrictEqual(errors, []);
    assert.strictEqual(f.got.length, 1);
    assert.strictEqual(f.got[0].kind, kind);
    assert.strictEqual(typeof f.got[0].text, 'string');
    assert.deepStrictEqual(JSON.parse(f.got[0].text), { name: 'messages:created', detail: { resource: 'messages', event: 'created', data: { id: 'M', text: 'caf\u00e9' } } });
    const s = bridge.stats();
    assert.strictEqual(s.transport, kind);
    assert.strictEqual(s.posted, 1);
    assert.strictEqual(s.bytes, Buffer.byteLength(f.got[0].text));
  });
}

test('Qt WebChannel: events queue until the channel is ready, then go out in order', async () => {
  const f = fakes();
  const win = f.qt();
  const { bridge, errors } = bridgeOn(win);
  bridge.onEvent('a:one', { n: 1 });
  bridge.onEvent('a:two', { n: 2 });
  assert.strictEqual(f.got.length, 0);
  assert.strictEqual(bridge.stats().queued, 2);
  assert.strictEqual(bridge.stats().posted, 0);
  win.connect();
  bridge.onEvent('a:three', { n: 3 });
  assert.deepStrictEqual(f.got.map((g) => JSON.parse(g.text).name), ['a:one', 'a:two', 'a:three']);
  assert.strictEqual(bridge.stats().queued, 0);
  assert.strictEqual(bridge.stats().posted, 3);
  assert.deepStrictEqual(errors, []);
});

test('Qt WebChannel: a missing object or a failing constructor is reported, not thrown', () => {
  const f = fakes();
  const win = f.qt({ noObject: true });
  const a = bridgeOn(win);
  a.bridge.onEvent('a:one', {});
  win.connect();
  a.bridge.onEvent('a:two', {});
  assert.deepStrictEqual(a.errors.map((e) => [e.code, e.eventName]), [['E_CHANNEL', 'a:one'], ['E_CHANNEL', 'a:two']]);
  assert.strictEqual(a.bridge.stats().dropped, 2);

  const b = bridgeOn(f.qt({ throws: true }));
  b.bridge.onEvent('a:one', {});
  assert.deepStrictEqual(b.errors.map((e) => e.code), ['E_CHANNEL']);
});

test('Qt WebChannel: the queue is bounded', () => {
  const f = fakes();
  const { bridge, errors } = bridgeOn(f.qt(), { queueLimit: 2 });
  for (let i = 0; i < 3; i++) bridge.onEvent('a:b', { i });
  assert.deepStrictEqual(errors.map((e) => e.code), ['E_QUEUE_FULL']);
  assert.strictEqual(bridge.stats().queued, 2);
});

test('CEF: cefQuery({request}) carries the text; onFailure is reported', async () => {
  const f = fakes();
  const ok = bridgeOn(f.cef(false));
  ok.bridge.onEvent('a:b', { x: '\u65e5' });
  await tick();
  assert.deepStrictEqual(JSON.parse(f.got[0].text).detail.data, { x: '\u65e5' });
  assert.deepStrictEqual(ok.errors, []);

  const bad = bridgeOn(f.cef(true));
  bad.bridge.onEvent('a:b', {});
  await new Promise((r) => setTimeout(r, 5));
  assert.deepStrictEqual(bad.errors.map((e) => [e.code, e.posted]), [['E_CHANNEL', true]]);

  const custom = fakes();
  const named = bridgeOn({ myQuery: custom.cef().cefQuery }, { cefFunction: 'myQuery' });
  named.bridge.onEvent('a:b', {});
  assert.strictEqual(custom.got.length, 1);
});

test('host callback: used instead of detection; a rejected promise is reported', async () => {
  const f = fakes();
  const seen = [];
  const { bridge, errors } = bridgeOn(f.webkit(), { post: (t) => { seen.push(t); return Promise.reject(new Error('offline')); } });
  bridge.onEvent('a:b', {});
  assert.strictEqual(seen.length, 1);
  assert.strictEqual(f.got.length, 0, 'webkit not used when post is given');
  await tick();
  assert.deepStrictEqual(errors.map((e) => [e.code, e.eventName, e.posted]), [['E_CHANNEL', 'a:b', true]]);
});

test('transport option forces a channel', () => {
  const f = fakes();
  const win = Object.assign({}, f.webkit(), f.cef());
  const { bridge } = bridgeOn(win, { transport: 'cef' });
  bridge.onEvent('a:b', {});
  assert.deepStrictEqual(f.got.map((g) => g.kind), ['cef']);
});

test('no channel: every event is reported (E_NO_CHANNEL) and dropped; a channel that appears later is used', () => {
  const win = {};
  const { bridge, errors } = bridgeOn(win);
  bridge.onEvent('a:one', {});
  bridge.onEvent('a:two', {});
  assert.deepStrictEqual(errors.map((e) => [e.code, e.eventName, e.posted]), [['E_NO_CHANNEL', 'a:one', false], ['E_NO_CHANNEL', 'a:two', false]]);
  assert.strictEqual(bridge.stats().dropped, 2);
  const got = [];
  win.chrome = { webview: { postMessage: (t) => got.push(t) } };
  bridge.onEvent('a:three', {});
  assert.strictEqual(got.length, 1);
  assert.strictEqual(bridge.stats().transport, 'webview2');
});
