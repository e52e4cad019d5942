//! Entry point of the resident's form: mounts [`meedoen::FormApp`] only. Built by Trunk for
//! wasm32 from `formulier.html`.

#[cfg(target_arch = "wasm32")]
fn main() {
    meedoen::start_form();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Het formulier is een browser-app: bouw het met `trunk build` (zie README.md).");
}
