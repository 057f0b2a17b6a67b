//! Prints what the library makes of each file named on the command line.
//! `cargo run --example inspect -- FILE...` (files ending in `.js` are read as literals).

use spaces_widget_events::{Event, ParseOptions};

fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read(&path).expect("readable file");
        let options =
            if path.ends_with(".js") { ParseOptions::literal() } else { ParseOptions::default() };
        match Event::parse_with(&text, &options) {
            Ok(event) => {
                println!("{path}: {} ({:?})", event.name(), event.kind());
                for w in event.warnings() {
                    println!("  warning {:?} {}: {}", w.code, w.path, w.message);
                }
                println!("  {}", event.to_json());
            }
            Err(e) => {
                let p = e.position().unwrap();
                println!(
                    "{path}: {:?} {}:{} [{}] {}",
                    e.code(),
                    p.line,
                    p.column,
                    e.path(),
                    e.message()
                );
            }
        }
    }
}
