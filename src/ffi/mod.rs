//! The C ABI: every `swe_*` export, and nothing but C concerns.
//!
//! Rules every export keeps: it returns a `swe_status` when it can fail, catches panics
//! (`SWE_ERROR_INTERNAL`), checks every pointer and every integer that stands for an enum,
//! writes its outputs only on success, and reports details through an optional trailing
//! `swe_error **error_out`. The header `include/spaces_widget_events.h` is generated from these
//! modules by cbindgen.

#![allow(non_camel_case_types)]
// Exports take raw pointers from C; marking them `unsafe` would change nothing for C callers.
// Each dereference is checked in `boundary` and justified where it happens.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

#[cfg(feature = "alloc-counter")]
mod alloc_counter;
pub mod batch;
mod boundary;
pub mod emitter;
pub mod error;
pub mod event;
pub mod id;
pub mod options;
pub mod status;
pub mod stream;
pub mod strings;
pub mod version;
pub mod views;
