//! Gives the shared library an ELF SONAME, so that programs linked against it record the
//! compatible version rather than the development symlink. While the version is 0.x each minor
//! version may break compatibility, so the SONAME carries major and minor
//! (`libspaces_widget_events.so.0.1`); from 1.0 on it carries the major version alone.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" || os == "android" {
        let major = env!("CARGO_PKG_VERSION_MAJOR");
        let minor = env!("CARGO_PKG_VERSION_MINOR");
        let version = if major == "0" { format!("0.{minor}") } else { major.to_string() };
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libspaces_widget_events.so.{version}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
