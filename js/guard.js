/*! kaiten-consent guard */
// It holds every <script> pointing at a processor's host (neither fetched nor run), sets Google
// Consent Mode v2 defaults and queues API calls until the wasm widget connects, then asks it:
//   <script src="/kaiten-consent/kaiten-consent-guard.js"
//           data-hosts="www.googletagmanager.com widget.intercom.io cdn.wootric.com"></script>
(function (w, d) {
  'use strict';
  if (w.__kaitenConsentGuard) return;
  var me = d.currentScript;
  var hosts = ((me && me.getAttribute('data-hosts')) || '').toLowerCase().split(/\s+/).filter(Boolean);
  var q = [];
  var byHost = function (url) { return hosts.indexOf(new URL(url).hostname) >= 0; }, hold = byHost;
  var pass = null;
  var E = Element.prototype, N = Node.prototype, D = Document.prototype, S = HTMLScriptElement.prototype;
  var XHTML = 'http://www.w3.org/1999/xhtml';
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
  } catch (e) { /* the page's CSP allows no policy named default: go on without one */ }

  // Google Consent Mode v2: every documented key denied until the widget says otherwise. All of
  // them, not the configured ones: the config is not known yet, and a key no processor grants
  // stays denied anyway.
  w.dataLayer = w.dataLayer || [];
  w.gtag = w.gtag || function () { w.dataLayer.push(arguments); };
  w.gtag('consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', functionality_storage: 'denied', personalization_storage: 'denied' });

  function isScript(n) { return n.localName === 'script' && n.namespaceURI === XHTML; }
  // null for the invalid URL the Trusted Types policy above gives a held script: check leaves it be.
  function abs(v) { try { return new URL(v, d.baseURI).href; } catch (e) { return null; } }
  function scriptUrl(s) { var v = s.getAttribute('src'); return v == null ? null : abs(v); }
  // Neutralise s if its src is held now; give it back its type if it was held and no longer is.
  function check(s, url) {
    if (url == null) return;
    var held = s.hasAttribute('data-kc-held');
    if (hold(url)) {
      if (!held) {
        var t = s.getAttribute('type');
        if (t != null) setAttr.call(s, 'data-kc-type', t);
        setAttr.call(s, 'type', 'text/plain');
        setAttr.call(s, 'data-kc-held', '');
      }
    } else if (held) {
      t = s.getAttribute('data-kc-type');
      s.removeAttribute('data-kc-held');
      s.removeAttribute('data-kc-type');
      if (t == null) s.removeAttribute('type'); else setAttr.call(s, 'type', t);
    }
  }
  var later = false;
  function schedule() {
    if (pass && !later) { later = true; queueMicrotask(function () { later = false; pass(); }); }
  }
  // Every script or inert tag that can still be inserted started out in one of the ways watched
  // below, so inserted nodes are looked at only while one of those may be out of the document: a
  // busy app inserts rows, cells and text by the thousand, and while none is waiting each insertion
  // costs one comparison. Each one waiting is let go once it is in the document (it was looked at
  // as it came in), an emptied fragment, or collected. A frame's document makes nodes this one
  // never sees made, so once the page reaches into a frame every insertion is looked at.
  var waiting = [], next = 0, always = !w.WeakRef, known = always || new WeakSet(), HOLDING = 'script,[data-processor]';
  function wait(n) { if (n && !always && !known.has(n)) { known.add(n); waiting.push(new WeakRef(n)); } }
  function tidy() {
    for (var k = 0; k < 2 && waiting.length; k++) {
      if (next >= waiting.length) next = 0;
      var n = waiting[next].deref();
      if (!n || n.isConnected || n.nodeType === 11 && !n.firstChild) waiting.splice(next, 1); else next++;
    }
  }
  // Whether node n is or holds a script or an inert tag.
  function holding(n) {
    return n != null && (n.matches != null && n.matches(HOLDING) || n.querySelector != null && n.querySelector(HOLDING) != null);
  }
  // Made here: a script, and an iframe or image that may be given data-processor before it is inserted.
  function made(name) {
    var t = String(name);
    return t.length % 3 === 0 && /^(script|iframe|img)$/i.test(t);
  }
  // proto[name], a method or a getter, passed through then(result, first two arguments).
  function after(proto, name, then) {
    var p = Object.getOwnPropertyDescriptor(proto, name), f = p.get || p.value;
    p[p.get ? 'get' : 'value'] = function (x, y) { return then(f.apply(this, arguments), x, y); };
    Object.defineProperty(proto, name, p);
  }
  function kept(n) { if (holding(n)) wait(n); return n; }
  function reach(v) { always = true; return v; }
  after(D, 'createElement', function (el, name) { if (made(name)) wait(el); return el; });
  after(D, 'createElementNS', function (el, ns, name) { if (ns === XHTML && made(String(name).replace(/^.*:/, ''))) wait(el); return el; });
  after(N, 'cloneNode', kept); after(D, 'importNode', kept); after(D, 'adoptNode', kept);
  after(Range.prototype, 'createContextualFragment', kept); after(HTMLTemplateElement.prototype, 'content', kept);
  after(HTMLIFrameElement.prototype, 'contentDocument', reach); after(HTMLIFrameElement.prototype, 'contentWindow', reach);

  // What an inserted node can bring that matters: scripts, and once the widget is connected also
  // inert tags for its pass. Only a node with element children is searched, and only one that
  // holds a script is listed; such a node already in the document is being moved (unless the
  // parser just put it there): what it holds was looked at when it came.
  var MARKED = '[data-processor],[data-kc-held]';
  function sweep(n, parsed) {
    var type = n != null && n.nodeType, el = type === 1, deep, found, list, i;
    if (!el && type !== 11) return; // text, a comment, or not a node: append('text')
    if (el && isScript(n)) check(n, scriptUrl(n));
    deep = n.firstElementChild != null && (parsed || !n.isConnected);
    found = deep && n.querySelector('script') != null;
    if (found) for (list = n.querySelectorAll('script'), i = 0; i < list.length; i++) check(list[i], scriptUrl(list[i]));
    if (pass && (el && n.matches(MARKED) || deep && n.querySelector(found ? MARKED : '[data-processor]') != null)) schedule();
  }
  // The wrapper stays as small as the engine inlines into the host's own code, and passes its
  // arguments object on (so allocates it) only while something is waiting: then inserted() looks.
  // Node's methods insert their first argument only: the second is a node already in place.
  function wrap(proto, name, variadic) {
    var original = proto[name];
    if (original) proto[name] = function () {
      return waiting.length || always ? inserted(original, this, arguments, variadic) : original.apply(this, arguments);
    };
  }
  function inserted(original, to, args, variadic) {
    for (var i = 0; i < (variadic ? args.length : 1); i++) sweep(args[i]);
    var r = original.apply(to, args);
    tidy();
    return r;
  }
  wrap(N, 'appendChild'); wrap(N, 'insertBefore'); wrap(N, 'replaceChild'); wrap(E, 'insertAdjacentElement', 1);
  ['append', 'prepend', 'before', 'after', 'replaceWith', 'replaceChildren'].forEach(function (m) {
    wrap(E, m, 1); wrap(DocumentFragment.prototype, m, 1); wrap(D, m, 1);
  });
  var setSrc = srcProp.set;
  srcProp.set = function (v) { check(this, abs(v)); setSrc.call(this, v); };
  Object.defineProperty(S, 'src', srcProp);
  // The attribute name first: a page sets class, aria-* and data-* on every kind of element far
  // more often than anything on a script.
  function isSrc(el, name) { return (name === 'src' || String(name).length === 3 && /^src$/i.test(name)) && isScript(el); }
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
