//! Outputs: what is written from a build — the print file finished for the press, the
//! archival edition with its manifest, and the atomic writes that never leave a broken file.

pub mod approval;
pub mod archive;
pub mod compare;
pub mod diff_report;
pub mod files;
pub mod pdf_words;

pub mod print;
pub mod web;
pub mod webfont;
