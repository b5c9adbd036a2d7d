//! The widget's allocator (`lol_alloc`'s free list, chosen for size: docs/building.md's build settings)
//! under the allocation patterns of a long-lived page, in the browser (`wasm-pack test`).
#![cfg(target_arch = "wasm32")]

// Linked for its `#[global_allocator]` (a crate nothing names is not linked at all).
extern crate kaiten_consent;

use std::alloc::{alloc, dealloc, Layout};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A small deterministic generator (xorshift), so a failure replays.
struct Rng(u32);

impl Rng {
    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0
    }
}

/// Interleaved allocations of random sizes and alignments and frees in random order: every
/// block keeps its own bytes (no two live blocks overlap), and memory stops growing once the
/// live set is steady (freed blocks are reused and coalesced).
#[wasm_bindgen_test]
fn blocks_never_overlap_and_freed_memory_is_reused() {
    let mut rng = Rng(0x9e37_79b9);
    let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
    let pages = || core::arch::wasm32::memory_size(0);
    let mut pages_after_warm_up = 0;
    for round in 0..40_000u32 {
        if live.len() < 300 && rng.next() % 3 != 0 {
            let size = 1 + (rng.next() % 2048) as usize;
            let align = 1 << (rng.next() % 6);
            let layout = Layout::from_size_align(size, align).unwrap();
            // SAFETY: the layout has a non-zero size.
            let ptr = unsafe { alloc(layout) };
            assert!(!ptr.is_null(), "allocation {round} failed");
            assert_eq!(ptr as usize % align, 0, "alignment");
            let fill = (round % 251) as u8;
            // SAFETY: ptr is a fresh block of layout.size() bytes.
            unsafe { ptr.write_bytes(fill, layout.size()) };
            live.push((ptr, layout, fill));
        } else if !live.is_empty() {
            let (ptr, layout, fill) = live.swap_remove(rng.next() as usize % live.len());
            // SAFETY: ptr is live with this layout; it is read, then freed once.
            let bytes = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
            assert!(bytes.iter().all(|&b| b == fill), "a block was overwritten");
            unsafe { dealloc(ptr, layout) };
        }
        if round == 10_000 {
            pages_after_warm_up = pages();
        }
    }
    for (ptr, layout, fill) in live {
        // SAFETY: as above.
        let bytes = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
        assert!(bytes.iter().all(|&b| b == fill), "a block was overwritten");
        unsafe { dealloc(ptr, layout) };
    }
    assert!(
        pages() <= pages_after_warm_up + 2,
        "memory kept growing with a steady live set: {pages_after_warm_up} -> {} pages",
        pages()
    );
}

/// Strings and vectors growing by reallocation keep their contents.
#[wasm_bindgen_test]
fn growing_strings_keep_their_contents() {
    let mut texts: Vec<String> = (0..50).map(|i| i.to_string()).collect();
    for round in 0..200 {
        for (i, text) in texts.iter_mut().enumerate() {
            text.push(char::from(b'a' + ((i + round) % 26) as u8));
        }
    }
    for (i, text) in texts.iter().enumerate() {
        assert!(text.starts_with(&i.to_string()));
        let tail: String = (0..200)
            .map(|round| char::from(b'a' + ((i + round) % 26) as u8))
            .collect();
        assert!(text.ends_with(&tail), "text {i}");
    }
}
