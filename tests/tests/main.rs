//! Every end-to-end suite, compiled into one test binary: each file beside this one is
//! a module here. One binary links the whole server once, where one binary per file
//! linked it 43 times; nextest still runs each test in a process of its own, so a
//! suite's test is named `file::test` (`cargo nextest run -p e2e chat::`).

mod articles;
mod assets;
mod away_mail;
mod bug_reports;
mod chat;
mod chat_desk;
mod chat_files;
mod chat_locale;
mod cluster;
mod console_refusals;
mod corpus;
mod deploy_guide;
mod durability;
mod error_contract;
mod failover;
mod file_migration;
mod file_scan;
mod file_storage;
mod help_activity;
mod http;
mod identity;
mod limits;
mod locale;
mod login_limits;
mod mail_fidelity;
mod mail_files;
mod mail_locale;
mod outbox;
mod relay;
mod relevance;
mod reports;
mod saved_replies;
mod search;
mod sessions;
mod smtp;
mod store;
mod support_access;
mod team;
mod ticket_mail;
mod ticket_process;
mod ticket_schema;
mod tickets;
mod tickets_store;
