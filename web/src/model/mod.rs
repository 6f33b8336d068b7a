//! The playground's state and everything the components show, computed without any browser API.

pub mod completion;
pub mod fmt;
pub mod highlight;
pub mod playground;
pub mod share;
pub mod view;
