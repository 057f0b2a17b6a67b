//! Replays every input the fuzzers found (`tests/regressions/<target>-<name>.<ext>`) through
//! the same checks as the fuzz target named by its prefix (`fuzz/checks.rs`, shared with
//! `fuzz/fuzz_targets/`). Runs on stable Rust in `cargo test`; `scripts/fuzz.sh` finds the
//! inputs. A file whose prefix names no target fails the test, so a typo cannot hide one.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

#[test]
fn every_saved_fuzz_input_passes_its_target_checks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    // Each failure is collected and shown at the end: keep the default hook's report (and its
    // backtrace) out of the way while replaying.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut failures = Vec::new();
    let mut replayed = 0;
    for path in &files {
        let name = path.file_name().and_then(|n| n.to_str()).expect("a UTF-8 file name");
        if name.starts_with('.') || name.ends_with(".md") {
            continue;
        }
        let Some((_, check)) = checks::TARGETS
            .iter()
            .find(|(target, _)| name.strip_prefix(target).is_some_and(|r| r.starts_with('-')))
        else {
            failures.push(format!("{name}: no fuzz target is named by its prefix"));
            continue;
        };
        let input = std::fs::read(path).expect("a readable input");
        replayed += 1;
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| check(&input))) {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "(no message)".to_string());
            failures.push(format!("{name}: {message}"));
        }
    }
    std::panic::set_hook(hook);
    assert!(
        failures.is_empty(),
        "{} of {replayed} saved fuzz inputs fail their checks:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
