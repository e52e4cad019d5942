//! Entry point of the council report and the budget scenarios (`/rapportage…`, `/scenarios`):
//! mounts [`meedoen::PolicyApp`], so neither the workspace nor the administration pages carry
//! them. Built by Trunk for wasm32 from `beleid.html`.

#[cfg(target_arch = "wasm32")]
fn main() {
    meedoen::start_policy();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("De rapportage en de scenario's zijn een browser-app: bouw ze met `trunk build` (zie README.md).");
}
