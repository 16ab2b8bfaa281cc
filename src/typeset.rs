//! Typesetting: the Typst world of a project, a session (an edition loaded with its world:
//! typeset a model, export a PDF), the page-balancing pass, what the layouts leave in the
//! document for Rust to read, what is drawn on its pages (pages.rs), and the theme, read once into a typed struct; the PDF toolkit the printer's file and its
//! checks share (pdf.rs), and how a colour looks on screen and in print (appearance.rs).

pub mod appearance;
pub mod balance;
pub mod introspect;
pub mod pages;
pub mod pdf;
pub mod session;
pub mod theme;
pub mod world;
