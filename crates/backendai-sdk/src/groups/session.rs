//! Compute sessions (`/session/...`, `/kernel/...` on v4): lifecycle, logs, files, execute, streams.
