//! A test build's allocation counter: every allocation the library makes through the global
//! allocator is counted while live, so the C tests can check that each test leaves none behind.
//! Only in builds with the `alloc-counter` feature; the function is not in the public header.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            LIVE.fetch_add(1, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            LIVE.fetch_add(1, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(1, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The number of the library's heap allocations now live (test builds only), once this thread
/// has freed what it keeps for its next parse and emit (caches, not something a test left
/// behind).
///
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub extern "C" fn swe_test_live_allocations() -> isize {
    crate::parse::release_spare();
    crate::dispatch::release_json_buffer();
    LIVE.load(Ordering::Relaxed)
}
