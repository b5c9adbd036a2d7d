// Renumbers the wasm's functions so that the exported ones come first, in one block right after
// the imports (run by `cargo xtask build` before wasm-opt, which keeps the order), and checks it.
//
// Why: V8 names every exported wasm function String(its index) when it builds
// `instance.exports`. Those strings go through V8's number-to-string cache, which starts with
// 128 slots (slot = n % 128) and is replaced, for the life of the page, by an 8192-entry table
// (64 KiB of retained JS heap) the first time two numbers of 100 or more meet in one slot.
// wasm-bindgen's exports are spread over the module and two of them collided, so instantiating
// the widget grew every page's heap by 63 KiB (issue 8; measured in headless Chromium 156).
// A block of fewer than 128 consecutive indices cannot collide with itself; --check fails the
// build if it ever does (for instance with 128 exports or more).
//
//   node scripts/exports-first.mjs <in.wasm> <out.wasm>
//   node scripts/exports-first.mjs --check <file.wasm>

import fs from 'node:fs';
import process from 'node:process';
import binaryen from 'binaryen';

const SLOTS = 128;
/// V8 takes the strings of 0..99 from a preallocated table: they never enter the cache.
const PREALLOCATED = 100;

const args = process.argv.slice(2);
const check = args[0] === '--check';
const [input, output] = check ? args.slice(1) : args;
if (!input || (!check && !output)) {
  console.error('usage: node scripts/exports-first.mjs <in.wasm> <out.wasm> | --check <file.wasm>');
  process.exit(2);
}

const module = binaryen.readBinary(fs.readFileSync(input));
// Only the features wasm-bindgen's output uses: with Features.All binaryen 132 writes encodings
// (compact imports) that browsers reject.
const F = binaryen.Features;
module.setFeatures(F.MutableGlobals | F.NontrappingFPToInt | F.BulkMemory | F.BulkMemoryOpt
  | F.SignExt | F.ReferenceTypes | F.Multivalue | F.CallIndirectOverlong);

const exported = new Set();
for (let i = 0; i < module.getNumExports(); i++) {
  const e = binaryen.getExportInfo(module.getExportByIndex(i));
  if (e.kind === binaryen.ExternalFunction) exported.add(e.value);
}
const functions = [];
for (let i = 0; i < module.getNumFunctions(); i++) {
  functions.push(binaryen.getFunctionInfo(module.getFunctionByIndex(i)));
}

if (check) {
  const slots = new Map();
  functions.forEach((f, index) => {
    if (!exported.has(f.name) || index < PREALLOCATED) return;
    const slot = index % SLOTS;
    if (slots.has(slot)) {
      console.error(`exports-first: exported functions ${slots.get(slot)} and ${index} share V8's `
        + `number-string cache slot ${slot}; instantiating would retain 64 KiB more JS heap`);
      process.exit(1);
    }
    slots.set(slot, index);
  });
} else {
  // Removing a function and adding it again appends it: defined functions are re-added exported
  // first, the rest in their order. Calls, tables and exports name functions, so they follow.
  const defined = functions.filter((f) => !f.module);
  const order = [...defined.filter((f) => exported.has(f.name)), ...defined.filter((f) => !exported.has(f.name))];
  for (const f of order) {
    const ref = module.getFunction(f.name);
    const locals = [];
    for (let k = 0; k < binaryen._BinaryenFunctionGetNumVars(ref); k++) {
      locals.push(binaryen._BinaryenFunctionGetVar(ref, k));
    }
    module.removeFunction(f.name); // the body stays in the module's arena
    module.addFunction(f.name, f.params, f.results, locals, f.body);
  }
  if (!module.validate()) {
    console.error('exports-first: the renumbered module does not validate');
    process.exit(1);
  }
  fs.writeFileSync(output, module.emitBinary());
}
