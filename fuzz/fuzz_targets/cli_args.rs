//! The parsers of user arguments: ranges, byte sizes, resource/env/mount and app args.
//! Arguments are the input split at 0x01 bytes.
#![no_main]

use backendai_core::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let items: Vec<&str> = text.split('\u{1}').collect();
    for s in &items {
        let _ = parse::parse_range_expr(s);
        let _ = parse::parse_byte_size(s);
        let _ = parse::parse_binary_size(s);
    }
    let _ = parse::parse_resource_args(&items);
    let _ = parse::parse_env_args(&items);
    let _ = parse::parse_mount_args(&items);
    let _ = parse::AppArgs::parse(&items, &items);
});
