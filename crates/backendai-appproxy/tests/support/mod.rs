pub mod connector;
pub mod manager;
