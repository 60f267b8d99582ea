//! Virtual folders (`/folders/...`) and storage-proxy transfers.
