//! kubeplay's kubectl: the command language, verbs and printers.

pub mod jsonpath;
