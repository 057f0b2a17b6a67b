//! The checked-in C header is exactly what cbindgen writes from the sources.
//! `make header` (SWE_BLESS=1) rewrites it.

use std::path::Path;

#[test]
fn checked_in_header_matches_the_sources() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(root.join("cbindgen.toml")).expect("cbindgen.toml");
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(root)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut generated);
    let generated = String::from_utf8(generated).expect("UTF-8 header");
    let path = root.join("include/spaces_widget_events.h");
    if std::env::var_os("SWE_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write the header");
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "include/spaces_widget_events.h is stale: run `make header` and commit the result"
    );
}

#[test]
fn header_version_string_is_the_crate_version() {
    let header = include_str!("../include/spaces_widget_events.h");
    let expected = format!("#define SWE_VERSION_STRING \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(header.contains(&expected), "cbindgen.toml's SWE_VERSION_STRING is stale");
}
