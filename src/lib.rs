//! opsdeck: a terminal operations console for AWS deployments.
//! See docs/ARCHITECTURE.md for the shape: input → Action → update → Effect →
//! AWS task → Action → draw.

pub mod action;
pub mod app;
pub mod audit;
pub mod aws;
pub mod cli;
pub mod config;
pub mod effect;
pub mod exec;
pub mod keymap;
pub mod logging;
pub mod model;
pub mod runner;
pub mod sanitize;
pub mod sanitize_log;
pub mod state;
pub mod theme;
pub mod tui;
pub mod ui;
pub mod update;
