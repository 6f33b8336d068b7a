//! kubeplay's kubectl: the command language, verbs and printers.

pub mod describe;
pub mod format;
pub mod gosort;
pub mod schema;
#[rustfmt::skip]
mod schema_data;
pub mod table;
