//! Versions: of the library, and of its ABI.

use std::os::raw::c_char;

/// Major version of the header; compare with what `swe_version()` reports at run time.
pub const SWE_VERSION_MAJOR: u32 = 0;
/// Minor version of the header.
pub const SWE_VERSION_MINOR: u32 = 1;
/// Patch version of the header.
pub const SWE_VERSION_PATCH: u32 = 0;
/// The ABI version this header describes. It changes only when a shipped function's
/// signature or a shipped struct's layout changes, which the library avoids by adding new
/// functions instead.
pub const SWE_ABI_VERSION: u32 = 1;

/// The library's version, e.g. `"0.1.0"`: a static NUL-terminated string. Any thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The ABI version the library implements; bindings refuse a library whose ABI version they
/// do not know. Any thread.
#[unsafe(no_mangle)]
pub extern "C" fn swe_abi_version() -> u32 {
    SWE_ABI_VERSION
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_version_macros_match_the_crate_version() {
        let crate_version = format!("{SWE_VERSION_MAJOR}.{SWE_VERSION_MINOR}.{SWE_VERSION_PATCH}");
        assert_eq!(crate_version, env!("CARGO_PKG_VERSION"));
    }
}
