//! Parsers the CLI uses: range expressions, resource/env/mount args, byte sizes.
