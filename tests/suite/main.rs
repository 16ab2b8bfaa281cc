//! The test suite: one binary, a module per feature. The default edition is built once and
//! shared between the tests that read it (see `common::report`).

mod architecture;
mod assets;
mod charts;
mod ci;
mod common;
mod contract;
mod data_errors;
mod default_edition;
mod diff;
mod editions;
mod fidelity;
mod finished;
mod golden;
mod hostile;
mod import_docx;
mod import_ssb;
mod lint;
mod maps;
mod no_panics;
mod page_flow;
mod parser;
mod preflight;
mod press;
mod print;
mod safety;
mod silent;
mod staff;
mod structure;
mod trust;
mod watch;
mod web;
mod workbooks;
