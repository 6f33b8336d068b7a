//! kubeplay's kubectl: the command language, verbs and printers.

pub mod args;
pub mod cli;
pub mod cmd;
pub mod custom_columns;
pub mod describe;
pub mod diagnostics;
pub mod flags;
pub mod format;
pub mod generate;
pub mod gojson;
pub mod gosort;
pub mod jsonpath;
pub mod local;
pub mod mutate;
pub mod patch;
pub mod scenario;
pub mod schema;
pub mod sha256;
#[rustfmt::skip]
mod schema_data;
pub mod session;
pub mod table;
pub mod typed;
pub mod validate;
pub mod words;

pub use session::{Output, Session};
