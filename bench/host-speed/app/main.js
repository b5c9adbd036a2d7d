// The host app: a keyed 1,000-row table in the shape of js-framework-benchmark's React entry,
// written with createElement so it builds with no JSX transform. The buttons carry that
// benchmark's ids; ../react-ops.js clicks them and times each operation.
import { createElement as h, memo, useReducer } from 'react';
import { createRoot } from 'react-dom/client';

const ADJECTIVES = ['pretty', 'large', 'big', 'small', 'tall', 'short', 'long', 'handsome', 'plain',
  'quaint', 'clean', 'elegant', 'easy', 'angry', 'crazy', 'helpful', 'mushy', 'odd', 'unsightly'];
const COLOURS = ['red', 'yellow', 'blue', 'green', 'pink', 'brown', 'purple', 'white', 'black', 'orange'];
const NOUNS = ['table', 'chair', 'house', 'desk', 'car', 'pony', 'cookie', 'sandwich', 'burger', 'pizza'];

// Seeded, so every variant renders the same labels and does the same work.
let seed = 1;
const pick = (words) => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return words[seed % words.length];
};
let nextId = 1;
const rows = (count) => Array.from({ length: count }, () =>
  ({ id: nextId++, label: `${pick(ADJECTIVES)} ${pick(COLOURS)} ${pick(NOUNS)}` }));

function reducer(state, action) {
  switch (action.type) {
    case 'run': return { data: rows(1000), selected: 0 };
    case 'update': return { ...state, data: state.data.map((row, i) => (i % 10 ? row : { ...row, label: `${row.label} !!!` })) };
    case 'swap': {
      if (state.data.length < 999) return state;
      const data = state.data.slice();
      [data[1], data[998]] = [data[998], data[1]];
      return { ...state, data };
    }
    case 'select': return { ...state, selected: action.id };
    case 'remove': return { ...state, data: state.data.filter((row) => row.id !== action.id) };
    case 'clear': return { data: [], selected: 0 };
    default: throw new Error(`unknown action ${action.type}`);
  }
}

const Row = memo(({ row, selected, dispatch }) => h('tr', { className: selected ? 'danger' : '' },
  h('td', { className: 'id' }, row.id),
  h('td', { className: 'label' }, h('a', { onClick: () => dispatch({ type: 'select', id: row.id }) }, row.label)),
  h('td', null, h('a', { className: 'remove', onClick: () => dispatch({ type: 'remove', id: row.id }) }, '×')),
  h('td', { className: 'spacer' })));

const button = (id, text, onClick) => h('button', { id, type: 'button', onClick }, text);

function App() {
  const [{ data, selected }, dispatch] = useReducer(reducer, { data: [], selected: 0 });
  return h('div', null,
    h('div', { className: 'buttons' },
      button('run', 'Create 1,000 rows', () => dispatch({ type: 'run' })),
      button('update', 'Update every 10th row', () => dispatch({ type: 'update' })),
      button('swaprows', 'Swap rows', () => dispatch({ type: 'swap' })),
      button('clear', 'Clear', () => dispatch({ type: 'clear' }))),
    h('table', null, h('tbody', null,
      data.map((row) => h(Row, { key: row.id, row, selected: row.id === selected, dispatch })))));
}

createRoot(document.getElementById('host')).render(h(App));
