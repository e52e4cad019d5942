//! Entry point of the developers' performance page (`/prestatie`): mounts
//! [`meedoen::PerformanceApp`] only, so neither the staff app nor the form carries the
//! benchmark. Built by Trunk for wasm32 from `prestatie.html`.

#[cfg(target_arch = "wasm32")]
fn main() {
    meedoen::start_performance();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "De prestatiepagina is een browser-app: bouw haar met `trunk build` (zie README.md)."
    );
}
