//! Entry point of the sign-in page (`/inloggen`): mounts [`meedoen::SignInApp`], so signing in
//! does not wait for the workspace. Built by Trunk for wasm32 from `aanmelden.html`.

#[cfg(target_arch = "wasm32")]
fn main() {
    meedoen::start_sign_in();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("De inlogpagina is een browser-app: bouw haar met `trunk build` (zie README.md).");
}
