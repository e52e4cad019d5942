//! Page frame: skip link, header with navigation and language switch, main landmark, footer.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;
use meedoen_domain::Lang;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i = use_i18n();
    let switch = move |_| {
        i.lang
            .update(|l| *l = if *l == Lang::Nl { Lang::En } else { Lang::Nl })
    };
    view! {
        <a class="skip-link" href="#inhoud">{move || i.t("Naar de inhoud", "Skip to content")}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <A href="/" attr:class="site-header__name">"Meedoen"</A>
                <nav aria-label=move || i.t("Hoofdmenu", "Main menu")>
                    <ul class="site-nav">
                        <li><A href="/">{move || i.t("Start", "Home")}</A></li>
                        <li><A href="/regels">{move || i.t("Regels", "Rules")}</A></li>
                        <li><A href="/prestatie">{move || i.t("Prestatie", "Performance")}</A></li>
                    </ul>
                </nav>
                <button type="button" class="utrecht-button utrecht-button--secondary-action lang-switch" data-testid="taalkeuze" on:click=switch
                    lang=move || if i.lang.get() == Lang::Nl { "en" } else { "nl" }>
                    {move || i.t("English", "Nederlands")}
                </button>
            </div>
        </header>
        <main id="inhoud" class="site-main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p class="utrecht-paragraph">{move || i.t(
                "Meedoen ondersteunt consulenten bij de Participatiewet. De regels doen een voorstel; de consulent beslist.",
                "Meedoen supports consultants under the Participation Act. The rules suggest; the consultant decides.")}</p>
        </footer>
    }
}
