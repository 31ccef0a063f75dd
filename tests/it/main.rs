//! Vellum's integration tests: one crate, one binary, many modules.
//!
//! Every test gets its own database cloned from a migrated template on a
//! real PostgreSQL (an embedded cluster started once per run, or the server
//! in `DATABASE_URL`), and the app served in-process on an ephemeral port.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod fixtures;
mod harness;

mod admin_web;
mod api_keys;
mod audit_log;
mod auth;
mod available_actions;
mod bad_input;
mod batching;
mod cli;
mod content;
mod content_list;
mod content_types;
mod cookies;
mod database;
mod dos;
mod email_outbox;
mod enumeration;
mod error_codes;
mod first_run;
mod forged_cursors;
mod fuzz;
mod graphql_http;
mod hardening_conn;
mod hardening_orphan;
mod http_cache;
mod introspection;
mod limits;
mod live;
mod lockout;
mod markdown_fields;
mod media;
mod media_direct;
mod media_folders;
mod media_images;
mod media_scan;
mod media_usage;
mod notification_email;
mod notifications;
mod nul_bytes;
mod password_reset;
mod permissions;
mod persisted_queries;
mod probes;
mod public_answers;
mod rate_limits;
mod sanitize;
mod schema_sdl;
mod search;
mod seed_demo;
mod seo;
mod taxonomy;
mod two_factor;
mod unique_races;
mod users;
mod variables;
mod visibility;
mod websocket;
mod ws_protocol;
