//! Any bytes as an entry file: decoding, splitting, YAML and field checks must
//! return an entry or diagnostics, never panic or hang.
#![no_main]

use insight::model::config::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let config = Config::default();
    if let Ok(text) = insight::read::files::decode(bytes.to_vec()) {
        let _ = insight::model::entry::parse("fuzz.md", &text, &config);
        let _ =
            insight::check::check_entry("fuzz.md", &text, &config, jiff::civil::date(2026, 11, 22));
        let _ = insight::edit::rename::rename("fuzz.md", &text, "mobile", "handheld", &config);
    }
});
