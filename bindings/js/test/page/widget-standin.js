/*
 * A stand-in for the Webex Spaces Widget's browser global (webex.widget(el).spaceWidget()).
 * It delivers events exactly the way the real widget's withBrowserGlobals wrapper does:
 *   1. a DOM CustomEvent on the widget element, type = full event name, detail = envelope;
 *   2. then options.onEvent(name, envelope), where the envelope is built AGAIN (a different
 *      object than the DOM event's detail, sharing the same data object).
 * The envelope keeps only the first two ':'-separated parts of the name.
 */
(function (global) {
  'use strict';

  function formatEventDetails(name, data) {
    var parts = name.split(':');
    var details = { resource: parts[0], event: parts[1], data: data };
    if (data.actorId) details.actorId = data.actorId;
    if (data.action) details.action = data.action;
    return details;
  }

  function StandInWidget(el) {
    this.el = el;
    this.options = {};
  }

  StandInWidget.prototype.spaceWidget = function (options) {
    this.options = options || {};
    this.el.classList.add('webex-widget');
    this.el.textContent = 'Spaces Widget (stand-in) for ' + (this.options.destinationId || 'a space');
    return this;
  };

  // via: 'both' (what the widget does), 'dom' or 'callback'
  StandInWidget.prototype.fire = function (name, data, via) {
    var mode = via || 'both';
    if (mode === 'both' || mode === 'dom') {
      var detail = data.data ? data : formatEventDetails(name, data);
      this.el.dispatchEvent(new CustomEvent(name, { detail: detail }));
    }
    if ((mode === 'both' || mode === 'callback') && typeof this.options.onEvent === 'function') {
      this.options.onEvent(name, formatEventDetails(name, data));
    }
  };

  var store = [];
  global.webex = global.webex || {};
  global.webex.widget = function (el) {
    for (var i = 0; i < store.length; i++) if (store[i].el === el) return store[i];
    var w = new StandInWidget(el);
    store.push(w);
    return w;
  };
  global.ciscospark = global.webex;
}(window));
