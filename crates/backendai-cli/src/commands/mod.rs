//! Command implementations. The layout mirrors the SDK: `commands/<group>/...` beside
//! `backendai_sdk::groups::<group>::...` (e.g. `admin/user.rs` beside
//! `groups::admin::user`); each file owns its clap arguments, its printed fields and its
//! handlers. A group's `mod.rs` only routes. Files import shared helpers ([`args`],
//! [`show`]) and never their group's router, so the imports between command files form no
//! circle (`tests/layout.rs` checks this).
//!
//! Local commands without an SDK group: `config`, `completion`, `proxy`.

pub mod admin;
pub mod aime;
pub mod args;
pub mod auth;
pub mod completion;
pub mod config;
pub mod deployment;
pub mod dotfile;
pub mod fair_share;
pub mod image;
pub mod input;
pub mod logs;
pub mod model;
pub mod network;
pub mod notification;
pub mod proxy;
pub mod resource_usage;
pub mod scheduling_history;
pub mod service;
pub mod session;
pub mod session_template;
pub mod show;
pub mod v26;
pub mod vfolder;
