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
  var E = Element.prototype, N = Node.prototype, S = HTMLScriptElement.prototype;
  var setAttr = E.setAttribute;
  var srcProp = Object.getOwnPropertyDescriptor(S, 'src');
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

  function isScript(n) { return n && n.nodeType === 1 && n.localName === 'script' && n.namespaceURI === 'http://www.w3.org/1999/xhtml'; }
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
  // Every script in the nodes about to be inserted (fragments and subtrees included).
  var MARKED = '[data-processor],[data-kc-held]';
  function sweep(nodes) {
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      if (!n || !n.querySelectorAll) continue;
      var list = isScript(n) ? [n] : n.querySelectorAll('script');
      for (var j = 0; j < list.length; j++) check(list[j], scriptUrl(list[j]));
      if (pass && ((n.matches && n.matches(MARKED)) || n.querySelector(MARKED))) schedule();
    }
  }
  function wrap(proto, name, pick) {
    var original = proto[name];
    if (!original) return;
    proto[name] = function () {
      sweep(pick ? [arguments[0]] : arguments);
      return original.apply(this, arguments);
    };
  }
  wrap(N, 'appendChild', 1); wrap(N, 'insertBefore', 1); wrap(N, 'replaceChild', 1);
  ['append', 'prepend', 'before', 'after', 'replaceWith', 'replaceChildren'].forEach(function (m) {
    wrap(E, m); wrap(DocumentFragment.prototype, m); wrap(Document.prototype, m);
  });
  var adjacent = E.insertAdjacentElement;
  E.insertAdjacentElement = function (where, el) { sweep([el]); return adjacent.call(this, where, el); };
  Object.defineProperty(S, 'src', {
    configurable: true, enumerable: true, get: srcProp.get,
    set: function (v) { check(this, abs(v)); srcProp.set.call(this, v); }
  });
  function isSrc(el, name) { return isScript(el) && String(name).toLowerCase() === 'src'; }
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
    if (pass) for (i = 0; i < records.length; i++) sweep(records[i].addedNodes);
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
