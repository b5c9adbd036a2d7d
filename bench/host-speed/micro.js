// The DOM micro-workload: the insertions a rendering host app makes, through every method the
// guard wraps most often (appendChild, insertBefore, a fragment), timed in the page.
window.hostSpeed = window.hostSpeed || {};
window.hostSpeed.micro = function (rounds) {
  var host = document.getElementById('host');
  function row(i) {
    var tr = document.createElement('tr');
    for (var c = 0; c < 3; c++) {
      var td = document.createElement('td');
      td.appendChild(document.createTextNode('row ' + i + ' cell ' + c));
      tr.appendChild(td);
    }
    return tr;
  }
  function round() {
    var table = document.createElement('table');
    var body = document.createElement('tbody');
    table.appendChild(body);
    host.appendChild(table);
    for (var i = 0; i < 2000; i++) {
      if (i % 2) body.insertBefore(row(i), body.firstChild); else body.appendChild(row(i));
    }
    var rows = body.rows;
    for (var m = 0; m < 500; m++) body.insertBefore(rows[(m * 7919) % 2000], rows[(m * 104729 + 1) % 2000]);
    var fragment = document.createDocumentFragment();
    for (var k = 0; k < 1000; k++) {
      var li = document.createElement('li');
      li.appendChild(document.createTextNode('item ' + k));
      fragment.appendChild(li);
    }
    var list = document.createElement('ul');
    list.appendChild(fragment);
    host.appendChild(list);
    if (body.rows.length !== 2000 || list.children.length !== 1000) {
      throw new Error('micro-workload built ' + body.rows.length + ' rows and ' + list.children.length + ' items');
    }
    host.textContent = '';
  }
  var start = performance.now();
  for (var r = 0; r < rounds; r++) round();
  return performance.now() - start;
};
