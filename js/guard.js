/*! kaiten-consent guard: load first in <head>, synchronously:
 * <script src="/kaiten-consent/kaiten-consent-guard.js" data-hosts="www.googletagmanager.com widget.intercom.io cdn.wootric.com"></script>
 * It holds every <script> pointing at a processor's host (neither fetched nor run), sets Google
 * Consent Mode v2 defaults and queues API calls until the wasm widget connects, then asks it. */
(function (w, d) {
  'use strict';
  if (w.__kaitenConsentGuard) return;
  var me = d.currentScript;
  var hosts = ((me && me.getAttribute('data-hosts')) || '').toLowerCase().split(/\s+/).filter(Boolean);
  var q = [];
  var byHost = function (url) { return hosts.indexOf(new URL(url).hostname) >= 0; }, hold = byHost;
  var pass = null;
  var E = Element.prototype, N = Node.prototype, F = DocumentFragment.prototype, S = HTMLScriptElement.prototype;
  var setAttr = E.setAttribute;
  var srcProp = Object.getOwnPropertyDescriptor(S, 'src');
  // The DOM's own getters and methods, called on each node: an app inserts nodes of many kinds,
  // and a property read such as n.localName slows down several times once its call site has seen
  // a few of them, while one getter called on any node stays fast. Taken before any page script
  // runs, so a page that redefines them does not change what the guard reads.
  function get(proto, name) { return Object.getOwnPropertyDescriptor(proto, name).get; }
  var typeOf = get(N, 'nodeType'), connected = get(N, 'isConnected'), nameOf = get(E, 'localName'),
    spaceOf = get(E, 'namespaceURI'), childOf = get(E, 'firstElementChild'), fragChildOf = get(F, 'firstElementChild'),
    has = E.hasAttribute, one = E.querySelector, all = E.querySelectorAll, fragOne = F.querySelector, fragAll = F.querySelectorAll;
  // Where the page enforces Trusted Types, every string reaching a script URL sink (src,
  // setAttribute, Attr values, workers) passes a default policy. Ours passes it on unless it is to
  // be held: then it becomes an invalid URL (so nothing is fetched, nothing runs and the CSP has
  // nothing to report) that carries the original for revival (src/loader.rs held_original). The
  // patches below stay: they keep scripts in fragments and parsed HTML held, which no policy sees.
  // trustedTypes is read only when asked for: reading it makes the browser build its interface
  // objects, memory a page without Trusted Types would keep for nothing.
  var HELD = 'https://[kc-held]/#', T;
  try {
    me && me.hasAttribute('data-trusted-types') && (T = w.trustedTypes) && !T.defaultPolicy && T.createPolicy('default', { createScriptURL: function (u) {
      var a = abs(u);
      return a && hold(a) ? HELD + encodeURIComponent(a) : u;
    } });
  } catch (e) {}

  // Google Consent Mode v2: everything denied until the widget says otherwise.
  w.dataLayer = w.dataLayer || [];
  w.gtag = w.gtag || function () { w.dataLayer.push(arguments); };
  w.gtag('consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });

  // Whether element el (of this document or another) is an HTML script.
  function isScript(el) { return nameOf.call(el) === 'script' && spaceOf.call(el) === 'http://www.w3.org/1999/xhtml'; }
  // null for the invalid URL the Trusted Types policy above gives a held script: check leaves it be.
  function abs(v) { try { return new URL(v, d.baseURI).href; } catch (e) { return null; } }
  function scriptUrl(s) { var v = s.getAttribute('src'); return v == null ? null : abs(v); }
  // Neutralise s if its src is held now; give it back its type if it was held and no longer is.
  function check(s, url) {
    if (url == null) return;
    var held = s.hasAttribute('data-kc-held');
    if (hold(url)) {
      if (!held) {
        if (s.hasAttribute('type')) setAttr.call(s, 'data-kc-type', s.getAttribute('type'));
        setAttr.call(s, 'type', 'text/plain');
        setAttr.call(s, 'data-kc-held', '');
      }
    } else if (held) {
      var t = s.getAttribute('data-kc-type');
      s.removeAttribute('data-kc-held');
      s.removeAttribute('data-kc-type');
      if (t == null) s.removeAttribute('type'); else setAttr.call(s, 'type', t);
    }
  }
  var later = false;
  function schedule() {
    if (pass && !later) { later = true; queueMicrotask(function () { later = false; pass(); }); }
  }
  // What an inserted node can bring that matters: scripts, and once the widget is connected also
  // inert tags for its pass. A busy app inserts rows, cells and text nodes by the thousand, so for
  // them this is a few getter calls and no allocation: only a node with element children is
  // searched, and only one that holds a script is listed. Such a node already in the document is
  // being moved (unless the parser just put it there): what it holds was looked at when it came.
  var MARKED = '[data-processor],[data-kc-held]';
  function sweep(n, parsed) {
    var type, el, deep, found, list, i;
    try { type = typeOf.call(n); } catch (e) { return; } // not a node: append('text')
    if (type === 1) {
      el = true;
      deep = childOf.call(n) != null;
      if (isScript(n)) check(n, scriptUrl(n));
    } else if (type === 11) deep = fragChildOf.call(n) != null;
    else return;
    deep = deep && (parsed || !connected.call(n));
    found = deep && (el ? one : fragOne).call(n, 'script') != null;
    if (found) for (list = (el ? all : fragAll).call(n, 'script'), i = 0; i < list.length; i++) check(list[i], scriptUrl(list[i]));
    if (pass && (el && (has.call(n, 'data-processor') || has.call(n, 'data-kc-held'))
      || deep && (el ? one : fragOne).call(n, found ? MARKED : '[data-processor]') != null)) schedule();
  }
  // Each method keeps its own arguments object (never passed on, so never allocated).
  function wrap(proto, name, variadic) {
    var original = proto[name];
    if (!original) return;
    proto[name] = variadic ? function () {
      for (var i = 0; i < arguments.length; i++) sweep(arguments[i]);
      return original.apply(this, arguments);
    } : function (n) {
      sweep(n);
      return original.apply(this, arguments);
    };
  }
  wrap(N, 'appendChild'); wrap(N, 'insertBefore'); wrap(N, 'replaceChild');
  ['append', 'prepend', 'before', 'after', 'replaceWith', 'replaceChildren'].forEach(function (m) {
    wrap(E, m, 1); wrap(DocumentFragment.prototype, m, 1); wrap(Document.prototype, m, 1);
  });
  var adjacent = E.insertAdjacentElement;
  E.insertAdjacentElement = function (where, el) { sweep(el); return adjacent.apply(this, arguments); };
  Object.defineProperty(S, 'src', {
    configurable: true, enumerable: true, get: srcProp.get,
    set: function (v) { check(this, abs(v)); srcProp.set.call(this, v); }
  });
  // The attribute name first: a page sets class, aria-* and data-* on every kind of element far
  // more often than anything on a script.
  function isSrc(el, name) { return (name === 'src' || String(name).length === 3 && String(name).toLowerCase() === 'src') && isScript(el); }
  E.setAttribute = function (name, v) {
    if (isSrc(this, name)) check(this, abs(v));
    return setAttr.apply(this, arguments);
  };
  var setNS = E.setAttributeNS;
  E.setAttributeNS = function (ns, name, v) {
    if (ns == null && isSrc(this, name)) check(this, abs(v));
    return setNS.apply(this, arguments);
  };
  // Parser-inserted scripts: the parser runs a microtask checkpoint before preparing a script,
  // so this observer neutralises it first. Parsing ends at DOMContentLoaded, and with it the
  // observer (a busy single-page app would otherwise pay for it on every render). Until the
  // widget connects only scripts matter, so it reads the live list of them and never touches
  // the other parsed nodes (each node given to JS keeps a wrapper, memory the page then holds);
  // once connected, inert tags parsed later also need the widget's pass. The parser appends, so
  // only scripts after the last one seen are new, unless that one moved (a script before it was
  // removed or inserted): then all are looked at again.
  var scripts = d.getElementsByTagName('script'), seen = 0, last = null;
  var parsing = new MutationObserver(function (records) {
    var i;
    if (pass) for (i = 0; i < records.length; i++) for (var j = 0, a = records[i].addedNodes; j < a.length; j++) sweep(a[j], true);
    else {
      if (scripts[seen - 1] !== last) seen = 0;
      for (i = seen; i < scripts.length; i++) check(scripts[i], scriptUrl(scripts[i]));
      seen = scripts.length; last = scripts[seen - 1];
    }
  });
  parsing.observe(d.documentElement, { childList: true, subtree: true });
  d.addEventListener('DOMContentLoaded', function () { parsing.disconnect(); });

  // The API until the widget starts: calls are queued and replayed by KaitenConsent.start.
  function queued(name) { return function (a) { q.push([name, a]); }; }
  w.kaitenConsent = w.kaitenConsent || {
    acceptAll: queued('acceptAll'), rejectAll: queued('rejectAll'), set: queued('set'), withdraw: queued('withdraw'),
    whenGranted: function (id) { return new Promise(function (r) { q.push(['whenGranted', id, r]); }); }
  };

  w.__kaitenConsentGuard = {
    hosts: hosts,
    q: q,
    // The widget connects: `decide(url)` says whether a script URL is held now; `revive()`
    // runs the widget's pass over held and inert elements. Its destroy() connects nulls: every
    // script of data-hosts is held again.
    connect: function (decide, revive) {
      hold = decide || byHost; pass = revive;
    }
  };
})(window, document);
