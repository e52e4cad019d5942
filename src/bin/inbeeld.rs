//! Entry point of Klant in Beeld (`/beheer/klant-in-beeld…`): starts
//! [`meedoen::start_in_view`], so neither the workspace nor the administration pages carry it.
//! Built by Trunk for wasm32 from `inbeeld.html`.

#[cfg(target_arch = "wasm32")]
fn main() {
    meedoen::start_in_view();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Klant in Beeld is een browser-app: bouw het met `trunk build` (zie README.md).");
}
