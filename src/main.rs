//! Entry point of the browser app: mounts [`meedoen::App`]. Built by Trunk for wasm32.

#[cfg(target_arch = "wasm32")]
fn main() {
    meedoen::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Meedoen is a browser app: build it with `trunk build` (see README.md).");
}
