//! `bai`: the Backend.AI command-line client.
fn main() {}
