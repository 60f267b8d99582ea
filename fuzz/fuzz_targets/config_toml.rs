//! The config file (TOML) through the whole layering, and the AIME table.
#![no_main]

use backendai_core::config::{resolve, resolve_aime, ConfigFile, Overrides};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(contents) = std::str::from_utf8(data) else {
        return;
    };
    let file = ConfigFile {
        path: "fuzz.toml",
        contents,
    };
    if let Err(e) = resolve(Some(file), |_| None, &Overrides::default()) {
        assert!(!e.to_string().contains('\n'), "{e}");
    }
    let _ = resolve_aime(Some(file), |_| None);
});
