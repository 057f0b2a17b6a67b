/*
 * Test page driver. ?via=<mode> chooses how the bridge reaches "native" code:
 *   callback  the host-installed callback (post: text => fetch(...))          [default]
 *   webkit    a fake window.webkit.messageHandlers.spacesWidgetEvents
 *   android   a fake window.spacesWidgetEvents (@JavascriptInterface object)
 *   webview2  a fake window.chrome.webview
 *   qt        a fake qt.webChannelTransport + QWebChannel with an asynchronous handshake
 *   cef       a fake window.cefQuery
 *   none      no channel at all: nothing may be posted, every event reports E_NO_CHANNEL
 * Every fake channel ends in the same place: POST /events/<mode> with the JSON text as body,
 * one request at a time so that the server sees the events in order. When every event has been
 * fired and delivered, the page POSTs a report to /done/<mode>.
 */
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var mode = params.get('via') || 'callback';
  var CHANNEL = 'spacesWidgetEvents';
  var statusEl = document.getElementById('status');
  var logEl = document.getElementById('log');
  var pageErrors = [];
  window.addEventListener('error', function (e) { pageErrors.push(String(e.message)); });
  window.addEventListener('unhandledrejection', function (e) { pageErrors.push('unhandled rejection: ' + (e.reason && e.reason.message || e.reason)); });

  var chain = Promise.resolve();
  var sent = 0;
  function postToServer(text) {
    sent += 1;
    chain = chain.then(function () {
      return fetch('/events/' + mode, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: text });
    }).then(function (r) { if (!r.ok) throw new Error('server said ' + r.status); });
    return chain;
  }

  var bridgeOptions = { channel: CHANNEL };
  switch (mode) {
    case 'callback':
      bridgeOptions.post = postToServer;
      break;
    case 'webkit':
      window.webkit = { messageHandlers: {} };
      window.webkit.messageHandlers[CHANNEL] = { postMessage: function (text) { postToServer(text); } };
      break;
    case 'android':
      window[CHANNEL] = { postMessage: function (text) { postToServer(text); } };
      break;
    case 'webview2':
      window.chrome = window.chrome || {};
      window.chrome.webview = { postMessage: function (text) { postToServer(text); }, addEventListener: function () {} };
      break;
    case 'qt':
      window.qt = { webChannelTransport: { send: function () {}, onmessage: null } };
      window.QWebChannel = function (transport, ready) {
        var objects = {};
        objects[CHANNEL] = { postMessage: function (text) { postToServer(text); } };
        setTimeout(function () { ready({ objects: objects }); }, 50);
      };
      break;
    case 'cef':
      window.cefQuery = function (q) { postToServer(q.request); setTimeout(function () { q.onSuccess(''); }, 0); return 1; };
      break;
    case 'none':
      break;
    default:
      pageErrors.push('unknown mode ' + mode);
  }

  var errors = [];
  bridgeOptions.onError = function (err) {
    errors.push({ code: err.code, eventName: err.eventName, posted: err.posted, message: err.message });
  };
  var bridge = SpacesWidgetBridge.create(bridgeOptions);

  var el = document.getElementById('widget');
  bridge.attach(el);
  var pageHandlerCalls = 0;
  var widget = webex.widget(el).spaceWidget({
    destinationId: SWE_FIXTURES.ID.room,
    destinationType: 'spaceId',
    onEvent: bridge.makeOnEvent(function () { pageHandlerCalls += 1; })
  });

  var events = SWE_FIXTURES.buildEvents({ window: window, document: document });
  events.forEach(function (e) {
    if (e.before) e.before();
    widget.fire(e.name, e.data, e.via);
  });
  logEl.textContent = events.map(function (e) { return e.name + ' (' + e.via + ')'; }).join('\n');

  function waitForQueue(tries) {
    return new Promise(function (resolve) {
      (function poll(n) {
        if (bridge.stats().queued === 0 || n <= 0) resolve();
        else setTimeout(function () { poll(n - 1); }, 20);
      }(tries));
    });
  }

  waitForQueue(250).then(function () { return chain; }).catch(function (e) {
    pageErrors.push('posting failed: ' + e.message);
  }).then(function () {
    var report = {
      mode: mode,
      fired: events.length,
      sent: sent,
      stats: bridge.stats(),
      errors: errors,
      pageErrors: pageErrors,
      pageHandlerCalls: pageHandlerCalls,
      detected: SpacesWidgetBridge.detectChannel(window, CHANNEL)
    };
    statusEl.textContent = 'done: ' + report.stats.posted + ' posted, ' + report.stats.duplicates + ' duplicates, via ' + report.stats.transport;
    return fetch('/done/' + mode, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report) });
  });
}());
