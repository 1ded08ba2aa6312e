//! Help-center articles: import from folders of Markdown and MDX, rendering to safe
//! HTML (stored when an article is saved), and moving articles between folders and the
//! database.

pub mod html;
pub mod import;
pub mod indexing;
pub mod library;
pub mod render;
