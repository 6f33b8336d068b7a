//! kubeplay's kubectl: the command language, verbs and printers.

pub mod args;
pub mod cmd;
pub mod custom_columns;
pub mod describe;
pub mod format;
pub mod gosort;
pub mod jsonpath;
pub mod scenario;
pub mod schema;
#[rustfmt::skip]
mod schema_data;
pub mod session;
pub mod table;
pub mod words;

pub use session::{Output, Session};
