//! TEMP shim
use crate::Session;
#[derive(Clone, Debug, PartialEq, Eq)] pub enum Severity { Error, Warning }
#[derive(Clone, Debug, PartialEq, Eq)] pub struct Diagnostic { pub line: u32, pub column: u32, pub end_column: Option<u32>, pub severity: Severity, pub message: String, pub path: String }
pub fn check_file(_session: &Session, _file_name: &str, _text: &str) -> Vec<Diagnostic> { Vec::new() }
