//! Entry point of the browser build: mounts the app on the page's body.

fn main() {}
