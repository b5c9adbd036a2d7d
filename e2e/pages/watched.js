// Insertion vectors whose script starts out somewhere other than a plain createElement: each
// inserts one untagged `<script src="<third party>/<id>.js?via=<vector>">`, and the guard must hold
// every one of them (it looks at insertions while something it watched is out of the document).
(function () {
  'use strict';
  var TP = document.documentElement.dataset.thirdParty;
  function url(id, via) { return TP + '/' + id + '.js?via=' + via; }
  function script(id, via) { var s = document.createElement('script'); s.src = url(id, via); return s; }
  window.vectors = {
    // Built in a detached tree, which then comes in whole.
    detachedTree: function (id) {
      var row = document.createElement('div');
      row.appendChild(document.createElement('span')).appendChild(script(id, 'detachedTree'));
      document.body.appendChild(row);
    },
    // Its src given through an Attr (no setter sees it) while detached, then inserted.
    attrNode: function (id) {
      var s = document.createElement('script');
      var src = document.createAttribute('src');
      src.value = url(id, 'attrNode');
      s.setAttributeNode(src);
      document.body.appendChild(s);
    },
    createElementNS: function (id) {
      var s = document.createElementNS('http://www.w3.org/1999/xhtml', 'html:script');
      s.setAttribute('src', url(id, 'createElementNS'));
      document.body.appendChild(s);
    },
    // A copy of a script made before it had a src, given one afterwards.
    cloneNode: function (id) {
      var copy = document.createElement('script').cloneNode(true);
      copy.src = url(id, 'cloneNode');
      document.body.append(copy);
    },
    templateClone: function () {
      document.body.appendChild(document.importNode(document.getElementById('cloned').content, true));
    },
    templateContent: function () {
      document.body.appendChild(document.getElementById('moved').content);
    },
    // Made by a frame's document (another window's prototypes), inserted into this one.
    frameDocument: function (id) {
      var frame = document.createElement('iframe');
      document.body.appendChild(frame);
      var s = frame.contentDocument.createElement('script');
      s.src = url(id, 'frameDocument');
      document.body.appendChild(s);
    },
  };
  window.vectorNames = Object.keys(window.vectors);
})();
