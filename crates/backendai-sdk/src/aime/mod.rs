//! AIME API server client (job-queue inference API), see spec/aime-protocol.md.
