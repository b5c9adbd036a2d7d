// Insertion vectors the guard's prototype patches do not see (an `Attr` carries the src): on a
// page enforcing Trusted Types its default policy holds them. Each sets the src of a connected,
// empty script (which prepares it) to "<third party>/<id>.js?via=<vector>".
(function () {
  'use strict';
  var TP = document.documentElement.dataset.thirdParty;
  function srcAttr(id, via) {
    var attr = document.createAttribute('src');
    attr.value = TP + '/' + id + '.js?via=' + via;
    var s = document.createElement('script');
    document.body.appendChild(s);
    return { script: s, attr: attr };
  }
  window.attrVectors = {
    setAttributeNode: function (id) { var v = srcAttr(id, 'setAttributeNode'); v.script.setAttributeNode(v.attr); },
    setNamedItem: function (id) { var v = srcAttr(id, 'setNamedItem'); v.script.attributes.setNamedItem(v.attr); },
  };
})();
