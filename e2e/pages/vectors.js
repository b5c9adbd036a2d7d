// Runtime insertion vectors, as page code would use them. Each inserts a plain, untagged
// `<script src="<third party>/<id>.js?via=<vector>">`; the guard must hold every one of them.
(function () {
  'use strict';
  var TP = document.documentElement.dataset.thirdParty;
  function url(id, via) { return TP + '/' + id + '.js?via=' + via; }
  function script(id, via) { var s = document.createElement('script'); s.src = url(id, via); return s; }
  window.vectors = {
    appendChild: function (id) { document.head.appendChild(script(id, 'appendChild')); },
    append: function (id) { document.body.append(script(id, 'append')); },
    insertBefore: function (id) { document.body.insertBefore(script(id, 'insertBefore'), document.body.firstChild); },
    replaceWith: function (id) {
      var old = document.createElement('span');
      document.body.appendChild(old);
      old.replaceWith(script(id, 'replaceWith'));
    },
    setAttribute: function (id) {
      var s = document.createElement('script');
      document.body.appendChild(s); // connected, empty: setting src prepares it
      s.setAttribute('src', url(id, 'setAttribute'));
    },
    setAttributeNS: function (id) {
      var s = document.createElement('script');
      document.body.appendChild(s);
      s.setAttributeNS(null, 'src', url(id, 'setAttributeNS'));
    },
    srcProperty: function (id) {
      var s = document.createElement('script');
      document.body.appendChild(s);
      s.src = url(id, 'srcProperty');
    },
    contextualFragment: function (id) {
      var range = document.createRange();
      range.selectNode(document.body);
      document.body.appendChild(range.createContextualFragment('<div><script src="' + url(id, 'contextualFragment') + '"></' + 'script></div>'));
    },
    insertAdjacentElement: function (id) { document.body.insertAdjacentElement('beforeend', script(id, 'insertAdjacentElement')); },
  };
  window.vectorNames = Object.keys(window.vectors);
})();
