//! API groups, one module per function group: `client.sessions()`, `client.vfolders()`,
//! `client.admin()`, ...
pub mod admin;
pub mod container_registry;
pub mod deployment;
pub mod dotfile;
pub mod export;
pub mod image;
pub mod logs;
pub mod model;
pub mod network;
pub mod notification;
pub mod service;
pub mod session;
pub mod session_template;
pub mod v26;
pub mod vfolder;
