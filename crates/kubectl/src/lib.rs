//! kubeplay's kubectl: the command language, verbs and printers.

pub mod custom_columns;
pub mod jsonpath;
