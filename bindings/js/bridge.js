/*!
 * spaces-widget-events-bridge
 *
 * Forwards the Webex Spaces Widget's events from the page to native code, one JSON text per
 * event: {"name": "<full event name>", "detail": {resource, event, data, actorId?, action?}}.
 *
 * Plain ES2017, no dependencies, no build step. Load it with a <script> tag (it defines
 * window.SpacesWidgetBridge) or with require() (CommonJS, bundlers).
 *
 * Nothing in here throws into the page: every failure goes to the optional onError hook and is
 * counted in stats().
 */
(function (root, factory) {
  'use strict';
  var api = factory();
  // CommonJS (Node, bundlers) or a plain <script> tag. No anonymous AMD define(): in a page
  // that happens to have RequireJS, that breaks a bridge loaded with a <script> tag.
  var commonJS = typeof module === 'object' && module && typeof module.exports === 'object';
  if (commonJS) module.exports = api;
  // In a page, always define the global (also where a `module` object exists, as in Electron
  // renderers with Node integration); in Node, do not touch the global object.
  if (root && (!commonJS || typeof root.document !== 'undefined')) root.SpacesWidgetBridge = api;
}(typeof globalThis !== 'undefined' ? globalThis
  : typeof self !== 'undefined' ? self
    : typeof window !== 'undefined' ? window
      : this, function () {
  'use strict';

  var VERSION = '0.1.0';
  var DEFAULT_CHANNEL = 'spacesWidgetEvents';
  var DEFAULT_MAX_BYTES = 256 * 1024;
  var DEFAULT_MAX_DEPTH = 64;
  var DEFAULT_DEDUPE_WINDOW_MS = 1000;
  var DEFAULT_QUEUE_LIMIT = 1000;
  // Truncation never shortens a string below this many UTF-16 code units, so Webex ids
  // (about 80 to 150 characters) and timestamps always survive intact.
  var MIN_TRUNCATED_LENGTH = 256;
  var TRUNCATION_MARK = '\u2026';

  // Every event name the widget family is known to dispatch (DOMAIN.md section 2), plus the
  // older spellings. attach() listens for these with addEventListener; any other name
  // (three-part names such as calls:memberships:notified, names from newer widgets) is caught
  // by wrapping the element's dispatchEvent (see attach()).
  var KNOWN_EVENTS = [
    'messages:created',
    'rooms:unread', 'rooms:read', 'rooms:selected',
    'calls:created', 'calls:connected', 'calls:disconnected',
    'memberships:created', 'memberships:deleted',
    'memberships:connected', 'memberships:declined', 'memberships:disconnected',
    'notification:created', 'notification:clicked',
    'notifications:created', 'notifications:clicked',
    'mention:clicked', 'activity:changed',
    'add:clicked', 'profile:clicked', 'user_signout:clicked',
    'spaces:read', 'spaces:unread',
    'messages:read', 'messages:unread', 'calls:ringing'
  ];

  var TRANSPORTS = ['webkit', 'android', 'webview2', 'qt', 'cef', 'callback'];
  var CALL_SUMMARY_FIELDS = ['id', 'status', 'state', 'direction', 'locusUrl', 'correlationId'];

  var SKIP = {}; // marker: "leave this value out"
  var hasOwn = Object.prototype.hasOwnProperty;

  function noop() {}

  function defaultGlobal() {
    if (typeof window !== 'undefined') return window;
    if (typeof globalThis !== 'undefined') return globalThis;
    if (typeof self !== 'undefined') return self;
    return {};
  }

  function isObject(v) {
    return v !== null && (typeof v === 'object' || typeof v === 'function');
  }

  function makeError(code, message, extra) {
    var err = new Error(message);
    err.code = code;
    if (extra) {
      for (var k in extra) {
        if (hasOwn.call(extra, k) && extra[k] !== undefined) err[k] = extra[k];
      }
    }
    return err;
  }

  // ---------------------------------------------------------------------------------------
  // Strings

  var SURROGATE = /[\uD800-\uDFFF]/;

  // Lone UTF-16 surrogates cannot be encoded as UTF-8: JSON.stringify writes them as \udXXX
  // escapes, which strict JSON readers (serde_json among them) reject. Replace them with U+FFFD.
  function wellFormed(s) {
    if (!SURROGATE.test(s)) return s;
    var out = [];
    var start = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0xD800 || c > 0xDFFF) continue;
      if (c <= 0xDBFF && i + 1 < s.length) {
        var d = s.charCodeAt(i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) { i++; continue; }
      }
      out.push(s.slice(start, i), '\uFFFD');
      start = i + 1;
    }
    out.push(s.slice(start));
    return out.join('');
  }

  // Byte length of a string once encoded as UTF-8 (lone surrogates count as U+FFFD).
  function utf8Length(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length &&
               s.charCodeAt(i + 1) >= 0xDC00 && s.charCodeAt(i + 1) <= 0xDFFF) { n += 4; i++; }
      else n += 3;
    }
    return n;
  }

  function truncateString(s, limit) {
    if (s.length <= limit) return s;
    var cut = limit;
    var c = s.charCodeAt(cut - 1);
    if (c >= 0xD800 && c <= 0xDBFF) cut -= 1; // do not split a surrogate pair
    return s.slice(0, cut) + TRUNCATION_MARK;
  }

  // ---------------------------------------------------------------------------------------
  // Sanitising: turn whatever the widget hands us into plain JSON-safe data.

  function isHostObject(v) {
    // DOM nodes (Element, Text, Document, ...), windows and frames, DOM events.
    if (typeof v.nodeType === 'number' && typeof v.nodeName === 'string') return true;
    if (v.window === v) return true;
    if (typeof v.preventDefault === 'function' && typeof v.stopPropagation === 'function' &&
        typeof v.type === 'string') return true;
    if (typeof ArrayBuffer !== 'undefined' &&
        (v instanceof ArrayBuffer || (ArrayBuffer.isView && ArrayBuffer.isView(v)))) return true;
    return false;
  }

  function summarizeCall(call) {
    var out = {};
    for (var i = 0; i < CALL_SUMMARY_FIELDS.length; i++) {
      var key = CALL_SUMMARY_FIELDS[i];
      var value;
      try { value = call[key]; } catch (e) { continue; } // getters of live SDK objects may throw
      if (typeof value === 'string') out[key] = wellFormed(value);
    }
    return out;
  }

  function setKey(obj, key, value) {
    if (key === '__proto__') {
      Object.defineProperty(obj, key, { value: value, enumerable: true, writable: true, configurable: true });
    } else {
      obj[key] = value;
    }
  }

  // role: 'detail' for the envelope, 'data' for detail.data; used to find detail.data.call.
  function clean(value, ctx, depth, role, key, skipToJSON) {
    ctx.nodes += 1;
    if (ctx.nodes > ctx.maxNodes) throw makeError('E_TOO_LARGE', 'event has more values than fit in maxBytes');
    switch (typeof value) {
      case 'string': return wellFormed(value);
      case 'number': return isFinite(value) ? value : null;
      case 'boolean': return value;
      case 'bigint': return value.toString();
      case 'undefined': case 'function': case 'symbol': return SKIP;
    }
    if (value === null) return null;
    try {
      if (depth > ctx.maxDepth) { ctx.dropped += 1; return SKIP; }
      if (isHostObject(value)) { ctx.dropped += 1; return SKIP; }
      if (ctx.stack.indexOf(value) !== -1) { ctx.cycles += 1; return SKIP; }
      if (!skipToJSON && typeof value.toJSON === 'function') {
        var replaced = value.toJSON(key);
        if (replaced !== value) return clean(replaced, ctx, depth, role, key, true);
      }
      ctx.stack.push(value);
      try {
        return cleanObject(value, ctx, depth, role);
      } finally {
        ctx.stack.pop();
      }
    } catch (e) {
      if (e && e.code === 'E_TOO_LARGE') throw e;
      // A getter, proxy trap or toJSON that throws: leave the value out.
      ctx.dropped += 1;
      return SKIP;
    }
  }

  function cleanObject(value, ctx, depth, role) {
    var i, out, item;
    if (Array.isArray(value)) {
      out = [];
      for (i = 0; i < value.length; i++) {
        try { item = clean(value[i], ctx, depth + 1, null, String(i), false); } catch (e) {
          if (e && e.code === 'E_TOO_LARGE') throw e;
          item = SKIP;
        }
        out.push(item === SKIP ? null : item); // JSON.stringify keeps array positions with null
      }
      return out;
    }
    if (typeof Map !== 'undefined' && value instanceof Map) {
      var asObject = {};
      value.forEach(function (v, k) {
        var c = clean(v, ctx, depth + 1, null, String(k), false);
        if (c !== SKIP) setKey(asObject, wellFormed(String(k)), c);
      });
      return asObject;
    }
    if (typeof Set !== 'undefined' && value instanceof Set) {
      out = [];
      value.forEach(function (v) {
        var c = clean(v, ctx, depth + 1, null, '', false);
        out.push(c === SKIP ? null : c);
      });
      return out;
    }
    out = {};
    if (value instanceof Error) {
      if (typeof value.name === 'string') out.name = wellFormed(value.name);
      if (typeof value.message === 'string') out.message = wellFormed(value.message);
    }
    var keys = Object.keys(value);
    for (i = 0; i < keys.length; i++) {
      var k = keys[i];
      var v;
      try { v = value[k]; } catch (e) { ctx.dropped += 1; continue; }
      var c;
      if (role === 'data' && k === 'call' && isObject(v)) {
        if (typeof v === 'function') continue;
        c = summarizeCall(v);
        ctx.calls += 1;
      } else {
        c = clean(v, ctx, depth + 1, role === 'detail' && k === 'data' ? 'data' : null, k, false);
      }
      if (c !== SKIP) setKey(out, wellFormed(k), c);
    }
    return out;
  }

  function longestString(value) {
    if (typeof value === 'string') return value.length;
    if (value === null || typeof value !== 'object') return 0;
    var longest = 0;
    var keys = Object.keys(value);
    for (var i = 0; i < keys.length; i++) {
      var n = longestString(value[keys[i]]);
      if (n > longest) longest = n;
    }
    return longest;
  }

  // Second pass over already clean data: shorten strings longer than limit.
  function truncateTree(value, limit, counter) {
    if (typeof value === 'string') {
      if (value.length > limit) { counter.strings += 1; return truncateString(value, limit); }
      return value;
    }
    if (value === null || typeof value !== 'object') return value;
    var i;
    if (Array.isArray(value)) {
      var arr = new Array(value.length);
      for (i = 0; i < value.length; i++) arr[i] = truncateTree(value[i], limit, counter);
      return arr;
    }
    var out = {};
    var keys = Object.keys(value);
    for (i = 0; i < keys.length; i++) setKey(out, keys[i], truncateTree(value[keys[i]], limit, counter));
    return out;
  }

  function looksLikeEnvelope(detail) {
    try {
      return isObject(detail) && typeof detail.resource === 'string' && typeof detail.event === 'string';
    } catch (e) {
      return false;
    }
  }

  // The widget's own envelope rule (formatEventDetails in the widget source): resource and
  // event are the first two ':'-separated parts of the name; actorId and action are lifted.
  function makeEnvelope(name, data) {
    var parts = String(name).split(':');
    var env = { resource: parts[0] };
    if (parts.length > 1) env.event = parts[1];
    env.data = data === undefined || data === null ? {} : data;
    try {
      if (isObject(data) && data.actorId) env.actorId = data.actorId;
      if (isObject(data) && data.action) env.action = data.action;
    } catch (e) { /* a throwing getter: leave them out */ }
    return env;
  }

  /**
   * Serialise one event. Never throws.
   * Returns {ok: true, text, bytes, truncated: <number of strings shortened>, dropped, cycles}
   * or {ok: false, error}.
   */
  function serializeEvent(name, detail, options) {
    var opts = options || {};
    var maxBytes = opts.maxBytes > 0 ? opts.maxBytes : DEFAULT_MAX_BYTES;
    var oversize = opts.oversize === 'drop' ? 'drop' : 'truncate';
    var ctx = {
      nodes: 0,
      // Every JSON value costs at least two bytes (itself and a separator), so an event with
      // more values than this cannot fit whatever we truncate: stop walking early.
      maxNodes: Math.max(1000, Math.floor(maxBytes / 2) + 2),
      maxDepth: opts.maxDepth > 0 ? opts.maxDepth : DEFAULT_MAX_DEPTH,
      stack: [],
      dropped: 0,
      cycles: 0,
      calls: 0
    };
    try {
      var envelope = opts.wrapRawData === false || looksLikeEnvelope(detail) ? detail : makeEnvelope(name, detail);
      var cleanDetail = clean(envelope, ctx, 0, 'detail', 'detail', false);
      var tree = { name: wellFormed(String(name)) };
      if (cleanDetail !== SKIP) tree.detail = cleanDetail;
      var text = JSON.stringify(tree);
      var bytes = utf8Length(text);
      var result = { ok: true, text: text, bytes: bytes, truncated: 0, dropped: ctx.dropped, cycles: ctx.cycles };
      if (bytes <= maxBytes) return result;
      if (oversize === 'drop') {
        return { ok: false, error: makeError('E_TOO_LARGE', 'event is ' + bytes + ' bytes, over maxBytes ' + maxBytes, { bytes: bytes }) };
      }
      // Cap the length of every string at `limit` code units; binary-search the largest cap
      // (within about 1.5%) whose text fits. Strings are never cut below MIN_TRUNCATED_LENGTH.
      var attempt = function (limit) {
        var counter = { strings: 0 };
        var shortened = { name: tree.name };
        if (hasOwn.call(tree, 'detail')) shortened.detail = truncateTree(tree.detail, limit, counter);
        var t = JSON.stringify(shortened);
        return { text: t, bytes: utf8Length(t), strings: counter.strings };
      };
      var best = attempt(MIN_TRUNCATED_LENGTH);
      if (best.strings > 0 && best.bytes <= maxBytes) {
        var lo = MIN_TRUNCATED_LENGTH;
        var hi = longestString(tree.detail); // nothing cut at hi, and that did not fit
        while (hi - lo > Math.max(32, Math.floor(lo / 64))) {
          var mid = Math.floor((lo + hi) / 2);
          var a = attempt(mid);
          if (a.bytes <= maxBytes) { lo = mid; best = a; } else { hi = mid; }
        }
        result.text = best.text;
        result.bytes = best.bytes;
        result.truncated = best.strings;
        return result;
      }
      bytes = best.bytes;
      return { ok: false, error: makeError('E_TOO_LARGE', 'event does not fit in maxBytes ' + maxBytes + ' even with long strings truncated', { bytes: bytes }) };
    } catch (e) {
      if (e && e.code === 'E_TOO_LARGE') return { ok: false, error: e };
      return { ok: false, error: makeError('E_SERIALIZE', 'could not serialise event: ' + (e && e.message), { cause: e }) };
    }
  }

  // ---------------------------------------------------------------------------------------
  // Native channels

  function isWindowLike(v) {
    try { return v.window === v; } catch (e) { return true; }
  }

  /** Which native channel does this global offer? One of TRANSPORTS (not 'callback') or null. */
  function detectChannel(win, channel, cefFunction) {
    var name = channel || DEFAULT_CHANNEL;
    var cef = cefFunction || 'cefQuery';
    if (!win) return null;
    try {
      var h = win.webkit && win.webkit.messageHandlers && win.webkit.messageHandlers[name];
      if (h && typeof h.postMessage === 'function') return 'webkit';
    } catch (e) { /* keep looking */ }
    try {
      var a = win[name];
      // Not a frame: <iframe name="spacesWidgetEvents"> would show up here as a WindowProxy.
      if (isObject(a) && typeof a.postMessage === 'function' && !isWindowLike(a)) return 'android';
    } catch (e) { /* keep looking */ }
    try {
      if (win.chrome && win.chrome.webview && typeof win.chrome.webview.postMessage === 'function') return 'webview2';
    } catch (e) { /* keep looking */ }
    try {
      if (win.qt && win.qt.webChannelTransport && typeof win.QWebChannel === 'function') return 'qt';
    } catch (e) { /* keep looking */ }
    try {
      if (typeof win[cef] === 'function') return 'cef';
    } catch (e) { /* nothing */ }
    return null;
  }

  // Each transport: {kind, send(text, meta), queued()}. send may report asynchronously.
  function makeTransport(kind, env) {
    var win = env.win;
    var channel = env.channel;
    switch (kind) {
      case 'callback':
        return {
          kind: kind,
          send: function (text, meta) {
            var r = env.post(text);
            if (r && typeof r.then === 'function') {
              r.then(null, function (err) {
                env.fail(makeError('E_CHANNEL', 'post callback rejected: ' + (err && err.message ? err.message : err), { cause: err }), meta, true);
              });
            }
          },
          queued: function () { return 0; }
        };
      case 'webkit':
        return {
          kind: kind,
          send: function (text) { win.webkit.messageHandlers[channel].postMessage(text); },
          queued: function () { return 0; }
        };
      case 'android':
        return {
          kind: kind,
          send: function (text) { win[channel].postMessage(text); },
          queued: function () { return 0; }
        };
      case 'webview2':
        return {
          kind: kind,
          send: function (text) { win.chrome.webview.postMessage(text); },
          queued: function () { return 0; }
        };
      case 'cef':
        return {
          kind: kind,
          send: function (text, meta) {
            win[env.cefFunction]({
              request: text,
              persistent: false,
              onSuccess: noop,
              onFailure: function (code, message) {
                env.fail(makeError('E_CHANNEL', 'cefQuery failed (' + code + '): ' + message, { channelCode: code }), meta, true);
              }
            });
          },
          queued: function () { return 0; }
        };
      case 'qt':
        return makeQtTransport(env);
      default:
        return null;
    }
  }

  // Qt WebChannel: the channel object only exists once the asynchronous handshake is done,
  // so events wait in a queue (in order, bounded) until then.
  function makeQtTransport(env) {
    var win = env.win;
    var state = 'init';
    var target = null;
    var queue = [];
    var failure = null;

    function deliver(item) {
      try {
        target.postMessage(item.text);
        env.sent(item.meta);
      } catch (e) {
        env.fail(makeError('E_CHANNEL', 'Qt channel object threw: ' + (e && e.message), { cause: e }), item.meta, false);
      }
    }

    function failAll(err) {
      state = 'failed';
      failure = err;
      var items = queue;
      queue = [];
      for (var i = 0; i < items.length; i++) env.fail(err, items[i].meta, false);
    }

    try {
      new win.QWebChannel(win.qt.webChannelTransport, function (ch) {
        try {
          var obj = ch && ch.objects ? ch.objects[env.channel] : null;
          if (!obj || typeof obj.postMessage !== 'function') {
            failAll(makeError('E_CHANNEL', 'Qt WebChannel has no object "' + env.channel + '" with a postMessage slot'));
            return;
          }
          target = obj;
          state = 'ready';
          var items = queue;
          queue = [];
          for (var i = 0; i < items.length; i++) deliver(items[i]);
        } catch (e) {
          failAll(makeError('E_CHANNEL', 'Qt WebChannel setup failed: ' + (e && e.message), { cause: e }));
        }
      });
    } catch (e) {
      state = 'failed';
      failure = makeError('E_CHANNEL', 'new QWebChannel() threw: ' + (e && e.message), { cause: e });
    }

    return {
      kind: 'qt',
      deferred: true,
      send: function (text, meta) {
        if (state === 'ready') { deliver({ text: text, meta: meta }); return; }
        if (state === 'failed') { env.fail(failure, meta, false); return; }
        if (queue.length >= env.queueLimit) {
          env.fail(makeError('E_QUEUE_FULL', 'Qt WebChannel not ready and ' + env.queueLimit + ' events already queued'), meta, false);
          return;
        }
        queue.push({ text: text, meta: meta });
      },
      queued: function () { return queue.length; }
    };
  }

  // ---------------------------------------------------------------------------------------
  // The bridge

  function defaultAccept(name) {
    // Widget names are "resource:event" (two or more parts); pre-2017 builds used dots.
    return /^[A-Za-z0-9_-]+(:[A-Za-z0-9_-]+)+$/.test(name) || /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(name);
  }

  /**
   * Create a bridge.
   * options:
   *   channel       native channel name (default 'spacesWidgetEvents')
   *   post          function(text): the host's own channel; when given it is used and nothing
   *                 is detected. A returned Promise that rejects is reported to onError.
   *   transport     'auto' (default) or one of 'webkit', 'android', 'webview2', 'qt', 'cef',
   *                 'callback' to skip detection
   *   maxBytes      cap on one event's UTF-8 JSON text (default 262144)
   *   oversize      'truncate' (default: shorten long strings, post, report W_TRUNCATED) or
   *                 'drop' (report E_TOO_LARGE, do not post)
   *   maxDepth      nesting depth kept (default 64); deeper values are left out
   *   dedupeWindowMs  how long a detail is remembered for de-duplication (default 1000; 0: off)
   *   onError       function(error): error.code, error.eventName, error.posted
   *   wrapRawData   wrap a detail that is not an envelope into one (default true)
   *   cefFunction   name of the CEF message router's query function (default 'cefQuery')
   *   queueLimit    events held while a Qt WebChannel connects (default 1000)
   *   window        the global object to look for channels on (default: window)
   *   now           clock for de-duplication (default Date.now); for tests
   */
  function create(options) {
    var opts = isObject(options) ? options : {};
    var onError = typeof opts.onError === 'function' ? opts.onError : null;
    var stats = {
      transport: null,
      received: 0,
      posted: 0,
      duplicates: 0,
      truncated: 0,
      dropped: 0,
      errors: 0,
      bytes: 0,
      lastError: null
    };

    function report(err) {
      stats.errors += 1;
      stats.lastError = err && err.code ? err.code + ': ' + err.message : String(err);
      if (!onError) return;
      try { onError(err); } catch (e) { /* the hook itself must not break the page either */ }
    }

    function option(name, valid, fallback) {
      if (opts[name] === undefined) return fallback;
      if (valid(opts[name])) return opts[name];
      report(makeError('E_OPTION', 'invalid option ' + name + '; using the default', { option: name }));
      return fallback;
    }

    var channel = option('channel', function (v) { return typeof v === 'string' && v.length > 0; }, DEFAULT_CHANNEL);
    var post = option('post', function (v) { return typeof v === 'function'; }, null);
    var transportOpt = option('transport', function (v) { return v === 'auto' || TRANSPORTS.indexOf(v) !== -1; }, 'auto');
    var maxBytes = option('maxBytes', function (v) { return typeof v === 'number' && v >= 64 && isFinite(v); }, DEFAULT_MAX_BYTES);
    var oversize = option('oversize', function (v) { return v === 'truncate' || v === 'drop'; }, 'truncate');
    var maxDepth = option('maxDepth', function (v) { return typeof v === 'number' && v >= 1; }, DEFAULT_MAX_DEPTH);
    var dedupeWindowMs = option('dedupeWindowMs', function (v) { return typeof v === 'number' && v >= 0; }, DEFAULT_DEDUPE_WINDOW_MS);
    var wrapRawData = option('wrapRawData', function (v) { return typeof v === 'boolean'; }, true);
    var cefFunction = option('cefFunction', function (v) { return typeof v === 'string' && v.length > 0; }, 'cefQuery');
    var queueLimit = option('queueLimit', function (v) { return typeof v === 'number' && v >= 0; }, DEFAULT_QUEUE_LIMIT);
    var win = option('window', isObject, null) || defaultGlobal();
    var now = option('now', function (v) { return typeof v === 'function'; }, function () { return Date.now(); });
    if (transportOpt === 'callback' && !post) {
      report(makeError('E_OPTION', 'transport "callback" needs a post function; detecting a channel instead', { option: 'transport' }));
      transportOpt = 'auto';
    }

    var transport = null;
    var destroyed = false;
    var seenEvents = typeof WeakSet !== 'undefined' ? new WeakSet() : null;
    var seenObjects = typeof WeakMap !== 'undefined' ? new WeakMap() : null;
    var attachments = [];

    var transportEnv = {
      win: win,
      channel: channel,
      post: post,
      cefFunction: cefFunction,
      queueLimit: queueLimit,
      sent: function (meta) {
        stats.posted += 1;
        stats.bytes += meta.bytes;
      },
      // failed after the fact: postedAlready is true when the text left (stats already count it)
      fail: function (err, meta, postedAlready) {
        if (!postedAlready) stats.dropped += 1;
        // A fresh error per event: one channel failure can be reported for many events.
        report(makeError(err.code, err.message, {
          cause: err.cause,
          channelCode: err.channelCode,
          eventName: meta ? meta.name : undefined,
          posted: !!postedAlready
        }));
      }
    };

    function getTransport() {
      if (transport) return transport;
      var kind = post ? 'callback' : transportOpt !== 'auto' ? transportOpt : detectChannel(win, channel, cefFunction);
      if (!kind) return null;
      try {
        transport = makeTransport(kind, transportEnv);
      } catch (e) {
        report(makeError('E_CHANNEL', 'could not set up the ' + kind + ' channel: ' + (e && e.message), { cause: e }));
        return null;
      }
      stats.transport = kind;
      return transport;
    }

    // De-duplication. The widget hands one event to the page twice: as a DOM CustomEvent on its
    // element and through the onEvent option. The two `detail` objects are NOT the same object
    // (the widget builds the envelope twice) but they share the same `data` object, so an event
    // is keyed by the identity of its detail and of detail.data. An arrival from one source
    // ('dom' or 'callback') is a duplicate when the other source delivered an event with the
    // same name and a shared key within dedupeWindowMs; each earlier delivery absorbs at most
    // one duplicate, so a widget that re-fires the same object later is still forwarded.
    function dedupeKeys(detail) {
      var keys = [];
      if (!isObject(detail)) return keys;
      keys.push(detail);
      try {
        if (isObject(detail.data)) keys.push(detail.data);
      } catch (e) { /* throwing getter: identity of detail alone */ }
      return keys;
    }

    function isDuplicate(name, detail, source) {
      if (!seenObjects || dedupeWindowMs <= 0 || source === 'manual') return false;
      var keys = dedupeKeys(detail);
      if (keys.length === 0) return false;
      var t = now();
      var i, j, recs;
      for (i = 0; i < keys.length; i++) {
        recs = seenObjects.get(keys[i]);
        if (!recs) continue;
        for (j = 0; j < recs.length; j++) {
          var r = recs[j];
          if (!r.used && r.name === name && r.source !== source && t - r.at <= dedupeWindowMs) {
            r.used = true;
            return true;
          }
        }
      }
      var rec = { name: name, source: source, at: t, used: false };
      for (i = 0; i < keys.length; i++) {
        recs = seenObjects.get(keys[i]) || [];
        var kept = [];
        for (j = 0; j < recs.length; j++) {
          if (!recs[j].used && t - recs[j].at <= dedupeWindowMs) kept.push(recs[j]);
        }
        kept.push(rec);
        seenObjects.set(keys[i], kept);
      }
      return false;
    }

    function resolveName(name, detail) {
      if (typeof name === 'string' && name.length > 0) return name;
      if (looksLikeEnvelope(detail)) return detail.resource + ':' + detail.event;
      return null;
    }

    function handle(name, detail, source) {
      if (destroyed) return false;
      stats.received += 1;
      var fullName = resolveName(name, detail);
      if (fullName === null) {
        stats.dropped += 1;
        report(makeError('E_BAD_EVENT', 'event without a usable name', { posted: false }));
        return false;
      }
      if (isDuplicate(fullName, detail, source)) {
        stats.duplicates += 1;
        return false;
      }
      var result = serializeEvent(fullName, detail, {
        maxBytes: maxBytes, oversize: oversize, maxDepth: maxDepth, wrapRawData: wrapRawData
      });
      if (!result.ok) {
        stats.dropped += 1;
        result.error.eventName = fullName;
        result.error.posted = false;
        report(result.error);
        return false;
      }
      var t = getTransport();
      if (!t) {
        stats.dropped += 1;
        report(makeError('E_NO_CHANNEL', 'no native channel found (looked for ' + channel + ' on webkit.messageHandlers, window, chrome.webview, qt.webChannelTransport, ' + cefFunction + ')', { eventName: fullName, posted: false }));
        return false;
      }
      var meta = { name: fullName, bytes: result.bytes };
      try {
        t.send(result.text, meta);
      } catch (e) {
        stats.dropped += 1;
        report(makeError('E_CHANNEL', t.kind + ' channel threw: ' + (e && e.message), { cause: e, eventName: fullName, posted: false }));
        return false;
      }
      if (!t.deferred) transportEnv.sent(meta);
      if (result.truncated > 0) {
        stats.truncated += 1;
        report(makeError('W_TRUNCATED', result.truncated + ' long string(s) truncated to fit maxBytes ' + maxBytes, { eventName: fullName, posted: true }));
      }
      return true;
    }

    function safeHandle(name, detail, source) {
      try {
        return handle(name, detail, source);
      } catch (e) {
        // Should be unreachable; belt and braces so nothing escapes into the widget.
        try { report(makeError('E_INTERNAL', 'bridge failure: ' + (e && e.message), { cause: e })); } catch (e2) { /* ignore */ }
        return false;
      }
    }

    function onEvent(name, detail) {
      safeHandle(name, detail, 'callback');
    }

    function fromDomEvent(ev) {
      try {
        if (!ev || typeof ev !== 'object') return;
        if (seenEvents) {
          if (seenEvents.has(ev)) return; // same Event object seen twice (bubbling, two listeners)
          seenEvents.add(ev);
        }
        safeHandle(ev.type, ev.detail, 'dom');
      } catch (e) {
        report(makeError('E_INTERNAL', 'bridge failure: ' + (e && e.message), { cause: e }));
      }
    }

    /**
     * Listen to the widget's DOM events on element. Returns a function that detaches.
     * attachOptions:
     *   events      names to listen for (default: KNOWN_EVENTS)
     *   extraEvents names to listen for in addition to the defaults
     *   intercept   wrap element.dispatchEvent so that CustomEvents with any other widget-like
     *               name (three-part or unknown names) are forwarded too (default true)
     *   accept      function(name) -> boolean: which intercepted names to forward
     */
    function attach(element, attachOptions) {
      try {
        if (!element || typeof element.addEventListener !== 'function') {
          report(makeError('E_ATTACH', 'attach() needs an element with addEventListener'));
          return noop;
        }
        for (var a = 0; a < attachments.length; a++) {
          if (attachments[a].element === element) return attachments[a].detach;
        }
        var ao = isObject(attachOptions) ? attachOptions : {};
        var names = Array.isArray(ao.events) ? ao.events.slice() : KNOWN_EVENTS.slice();
        if (Array.isArray(ao.extraEvents)) names = names.concat(ao.extraEvents);
        var accept = typeof ao.accept === 'function' ? ao.accept : defaultAccept;
        var listened = {};
        var i;
        for (i = 0; i < names.length; i++) {
          if (typeof names[i] !== 'string' || hasOwn.call(listened, names[i])) continue;
          listened[names[i]] = true;
          element.addEventListener(names[i], fromDomEvent, false);
        }

        var wrapper = null;
        var original = null;
        var hadOwn = false;
        if (ao.intercept !== false && typeof element.dispatchEvent === 'function') {
          original = element.dispatchEvent;
          hadOwn = hasOwn.call(element, 'dispatchEvent');
          wrapper = function dispatchEvent(ev) {
            try {
              if (ev && typeof ev.type === 'string' && !hasOwn.call(listened, ev.type) &&
                  'detail' in ev && accept(ev.type)) {
                fromDomEvent(ev);
              }
            } catch (e) {
              report(makeError('E_INTERNAL', 'bridge failure: ' + (e && e.message), { cause: e }));
            }
            return original.apply(this, arguments);
          };
          try {
            element.dispatchEvent = wrapper;
          } catch (e) {
            wrapper = null;
            report(makeError('E_ATTACH', 'could not wrap dispatchEvent (element frozen?): only known event names are forwarded', { cause: e }));
          }
        }

        var detached = false;
        var detach = function () {
          if (detached) return;
          detached = true;
          try {
            for (var n in listened) {
              if (hasOwn.call(listened, n)) element.removeEventListener(n, fromDomEvent, false);
            }
            if (wrapper && element.dispatchEvent === wrapper) {
              if (hadOwn) element.dispatchEvent = original;
              else delete element.dispatchEvent;
            }
          } catch (e) {
            report(makeError('E_ATTACH', 'detach failed: ' + (e && e.message), { cause: e }));
          }
          for (var j = 0; j < attachments.length; j++) {
            if (attachments[j].element === element) { attachments.splice(j, 1); break; }
          }
        };
        attachments.push({ element: element, detach: detach });
        return detach;
      } catch (e) {
        report(makeError('E_ATTACH', 'attach failed: ' + (e && e.message), { cause: e }));
        return noop;
      }
    }

    /** An onEvent callback for the widget that also calls the page's own handler (if any). */
    function makeOnEvent(next) {
      return function (name, detail) {
        safeHandle(name, detail, 'callback');
        // The page's own handler runs outside the bridge's guard: its errors are its own.
        if (typeof next === 'function') return next.apply(this, arguments);
        return undefined;
      };
    }

    return {
      version: VERSION,
      onEvent: onEvent,
      makeOnEvent: makeOnEvent,
      attach: attach,
      /** Forward an event by hand; never de-duplicated. Returns true when it was posted. */
      send: function (name, detail) { return safeHandle(name, detail, 'manual'); },
      stats: function () {
        var s = {};
        for (var k in stats) {
          if (hasOwn.call(stats, k)) s[k] = stats[k];
        }
        s.queued = transport ? transport.queued() : 0;
        s.channel = channel;
        return s;
      },
      destroy: function () {
        var list = attachments.slice();
        for (var i = 0; i < list.length; i++) list[i].detach();
        destroyed = true;
      }
    };
  }

  return {
    version: VERSION,
    create: create,
    serializeEvent: serializeEvent,
    summarizeCall: summarizeCall,
    detectChannel: detectChannel,
    utf8Length: utf8Length,
    KNOWN_EVENTS: KNOWN_EVENTS.slice(),
    DEFAULT_CHANNEL: DEFAULT_CHANNEL,
    DEFAULT_MAX_BYTES: DEFAULT_MAX_BYTES
  };
}));
