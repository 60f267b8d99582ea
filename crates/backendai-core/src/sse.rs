//! Incremental Server-Sent Events parser (bytes in, events out), as the Python client parses.
