//! Transport: URL building, signing, sending with fail-over, version negotiation.
