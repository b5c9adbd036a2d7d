// Drives the React app (app/main.js) as js-framework-benchmark does: each operation is timed
// from just before the click that starts it to the first task after the next frame, so React's
// render, the DOM insertions (through the guard's wrappers, when there is one), style, layout
// and paint are inside. Each is checked against the rows it must leave, so a variant that
// renders wrongly fails instead of being fast.
window.hostSpeed = window.hostSpeed || {};
(function () {
  var rows = function () { return document.querySelectorAll('#host tbody tr'); };
  var id = function (tr) { return tr.cells[0].textContent; };
  function afterFrame() {
    return new Promise(function (resolve) {
      requestAnimationFrame(function () {
        var channel = new MessageChannel();
        channel.port1.onmessage = function () { resolve(); };
        channel.port2.postMessage(null);
      });
    });
  }
  function click(selector) {
    var el = document.querySelector(selector);
    if (!el) throw new Error('react workload: nothing matches ' + selector);
    el.click();
  }
  function expectRows(n) {
    var got = rows().length;
    return got === n ? null : 'expected ' + n + ' rows, found ' + got;
  }
  // from: how many rows the operation starts from. In this order each leaves the next what it
  // needs but remove (999 rows), so only clear is set up (an untimed #run) in a repetition.
  // act: the timed click; check(before): an error, or null when the rows are as they must be.
  var OPS = {
    create: { from: 0, act: '#run', check: function () { return expectRows(1000); } },
    replace: { from: 1000, act: '#run', check: function (before) {
      return expectRows(1000) || (id(rows()[0]) === before[0] ? 'rows were not replaced' : null);
    } },
    update: { from: 1000, act: '#update', check: function () {
      var r = rows();
      return expectRows(1000) || (/ !!!$/.test(r[990].cells[1].textContent) && !/!!!/.test(r[1].cells[1].textContent)
        ? null : 'every 10th row was not updated');
    } },
    swap: { from: 1000, act: '#swaprows', check: function (before) {
      var r = rows();
      return expectRows(1000) || (id(r[1]) === before[998] && id(r[998]) === before[1] ? null : 'rows 2 and 999 were not swapped');
    } },
    select: { from: 1000, act: '#host tbody tr:nth-child(2) td.label a', check: function (before) {
      var selected = document.querySelectorAll('#host tbody tr.danger');
      return expectRows(1000) || (selected.length === 1 && id(selected[0]) === before[1] ? null : 'row 2 was not selected');
    } },
    remove: { from: 1000, act: '#host tbody tr:nth-child(4) a.remove', check: function (before) {
      return expectRows(999) || (id(rows()[3]) === before[4] ? null : 'row 4 was not removed');
    } },
    clear: { from: 1000, act: '#clear', check: function () { return expectRows(0); } },
  };
  window.hostSpeed.reactOperations = Object.keys(OPS);
  // ms of each operation, `reps` times each, in the order given: `frame` to the task after the
  // next frame, as the user sees it (a whole number of frames at 60 Hz, however short the work);
  // `work` to style and layout done, the same work without the wait for a frame, which a tax
  // smaller than a frame's slack still shows in.
  window.hostSpeed.react = async function (names, reps) {
    var out = {};
    names.forEach(function (name) { out[name] = { frame: [], work: [] }; });
    for (var rep = 0; rep < reps; rep++) {
      for (var i = 0; i < names.length; i++) {
        var op = OPS[names[i]];
        if (rows().length !== op.from) {
          click(op.from ? '#run' : '#clear');
          await afterFrame();
        }
        var before = Array.prototype.map.call(rows(), id);
        // Start just after a frame, so the wait for the next one does not depend on how long
        // the work before took: short operations would otherwise measure the frame's phase.
        await afterFrame();
        var start = performance.now();
        click(op.act);
        // React renders what a click scheduled in a microtask queued during the click: before this one.
        await null;
        var rendered = rows().length;
        void document.body.offsetHeight;
        out[names[i]].work.push(performance.now() - start);
        await afterFrame();
        out[names[i]].frame.push(performance.now() - start);
        var error = rows().length === rendered ? op.check(before) : 'rendered after the work was timed';
        if (error) throw new Error('react workload, ' + names[i] + ': ' + error);
      }
    }
    return out;
  };
})();
