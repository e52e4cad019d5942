//! Entry point of the administration pages (`/beheer/…` but Klant in Beeld): starts
//! [`meedoen::start_admin`], so the workspace does not carry them. Built by Trunk for wasm32
//! from `beheer.html`.

#[cfg(target_arch = "wasm32")]
fn main() {
    meedoen::start_admin();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("De beheerpagina's zijn een browser-app: bouw ze met `trunk build` (zie README.md).");
}
