//! kubeplay's kubectl: the command language, verbs and printers.

pub mod cli;
pub mod flags;
pub mod format;
pub mod generate;
pub mod gojson;
pub mod gosort;
pub mod local;
pub mod mutate;
pub mod patch;
pub mod quantity;
pub mod schema;
pub mod sha256;
pub mod typed;
pub mod validate;
#[rustfmt::skip]
mod schema_data;
