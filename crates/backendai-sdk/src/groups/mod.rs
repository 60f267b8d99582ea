//! API groups, one module per function group: `client.sessions()`, `client.vfolders()`,
//! `client.admin()`, ...
pub mod admin;
pub mod dotfile;
pub mod logs;
pub mod session;
pub mod session_template;
pub mod vfolder;
