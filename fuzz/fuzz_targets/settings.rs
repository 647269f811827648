//! Any bytes as `insight.yaml`: reading the settings and `check`'s warnings
//! about them must give settings or an error at a line of the file, never
//! panic or hang.
#![no_main]

use insight::model::config::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = insight::read::files::decode(bytes.to_vec()) else {
        return;
    };
    let lines = text.lines().count().max(1) + 1;
    match Config::parse(&text) {
        Ok(config) => {
            assert!((1..=12).contains(&config.fiscal_year_start));
            assert!(!config.kinds.is_empty() && !config.statuses.is_empty());
            for warning in insight::check::config_warnings("insight.yaml", &text, &config) {
                assert!(warning.line >= 1 && warning.line <= lines, "{warning}");
            }
        }
        Err(error) => assert!(error.line >= 1, "{error:?}"),
    }
});
