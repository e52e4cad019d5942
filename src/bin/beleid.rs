//! Entry point of the council report (`/rapportage…`): starts [`meedoen::start_policy`], so
//! neither the workspace nor the administration pages carry it. Built by Trunk for wasm32 from
//! `beleid.html`.

#[cfg(target_arch = "wasm32")]
fn main() {
    meedoen::start_policy();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("De rapportage is een browser-app: bouw haar met `trunk build` (zie README.md).");
}
