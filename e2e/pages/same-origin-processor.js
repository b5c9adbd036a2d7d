// A first-party stand-in for a processor script, for pages whose CSP allows only 'self': it
// counts its runs in window.__ran_<id> and window.__via_log, like the third-party stand-ins.
(function () {
  var match = document.currentScript && /[?&]id=([a-z-]+)/.exec(document.currentScript.src);
  var id = match ? match[1] : 'unknown';
  window['__ran_' + id] = (window['__ran_' + id] || 0) + 1;
  (window.__via_log = window.__via_log || []).push(id + ':same-origin');
})();
