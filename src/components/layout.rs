//! Page frame: skip link, header with navigation and language switch, main landmark, footer;
//! and the plain frame of the apps without the staff menu.

use crate::components::shown::show_if;
use crate::i18n::use_i18n;
use crate::nav::use_navigate;
use crate::session::use_session;
use crate::sync::use_sync;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::access::Action;
use meedoen_domain::Lang;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i = use_i18n();
    let session = use_session();
    let sync = use_sync();
    let copy = use_workspace();
    let navigate = use_navigate();
    // The menu marks the page it is on (`aria-current`, bold in the style sheet).
    let nav = crate::nav::use_nav();
    let current = move |href: &'static str| nav.is_current(href).then_some("page");
    let confirm = RwSignal::new(false);
    let sign_out = move |_| {
        // Unsent changes would leave the device with the session: ask first.
        let unsent = sync.pending.get_untracked() + sync.refused.with_untracked(Vec::len);
        if unsent > 0 && !confirm.get_untracked() {
            confirm.set(true);
            crate::browser::after_render(|| crate::browser::focus("uitloggen-bevestigen"));
            return;
        }
        confirm.set(false);
        spawn_local(async move {
            session.sign_out().await;
            navigate("/inloggen", Default::default());
        });
    };
    let signed_in = move || session.user.read().is_some();
    let may = move |a: Action| session.user.read().as_ref().is_some_and(|u| u.may(a));
    view! {
        <SkipLink/>
        <header class="site-header">
            <div class="site-header__inner">
                <a href="/" class="site-header__name">"Meedoen"</a>
                <nav aria-label=move || i.t("Hoofdmenu", "Main menu")>
                    <ul class="site-nav">
                        <li><a href="/" aria-current=move || current("/")>{i.tr("Start", "Home")}</a></li>
                        <li><a href="/regels" aria-current=move || current("/regels")>{i.tr("Regels", "Rules")}</a></li>
                        {show_if(move || session.user.read().as_ref().is_some_and(|u| u.sees_cases()), move || view! {
                            <li><a href="/werk" aria-current=move || current("/werk")>{i.tr("Caseload", "Caseload")}</a></li>
                            <li><a href="/wachtlijst" aria-current=move || current("/wachtlijst")>{i.tr("Wachtlijst", "Waiting list")}</a></li>
                        }.into_any())}
                        {show_if(move || session.user.read().as_ref().is_some_and(|u| u.sees_report()), move || view! {
                            <li><a href="/rapportage" aria-current=move || current("/rapportage") data-testid="nav-rapportage">{i.tr("Rapportage", "Report")}</a></li>
                            <li><a href="/scenarios" aria-current=move || current("/scenarios") data-testid="nav-scenarios">{i.tr("Scenario's", "Scenarios")}</a></li>
                        }.into_any())}
                        {show_if(move || session.user.read().as_ref().is_some_and(|u| u.sees_inbox()), move || view! {
                            <li><a href="/inbox" aria-current=move || current("/inbox")>{i.tr("Inbox", "Inbox")}</a></li>
                        }.into_any())}
                        {show_if(move || may(Action::ManageUsers), move || view! {
                            <li><a href="/beheer/gebruikers" aria-current=move || current("/beheer/gebruikers") data-testid="nav-gebruikers">{i.tr("Gebruikers", "Users")}</a></li>
                        }.into_any())}
                        {show_if(move || may(Action::AuditLog), move || view! {
                            <li><a href="/beheer/audit" aria-current=move || current("/beheer/audit") data-testid="nav-audit">{i.tr("Auditlog", "Audit log")}</a></li>
                        }.into_any())}
                        {show_if(move || may(Action::ReadIndicators) || may(Action::IndicatorProgress), move || view! {
                            <li><a href="/beheer/klant-in-beeld" aria-current=move || current("/beheer/klant-in-beeld") data-testid="nav-klant-in-beeld">{i.tr("Klant in Beeld", "In view")}</a></li>
                        }.into_any())}
                        {show_if(move || may(Action::ImportPopulation), move || view! {
                            <li><a href="/beheer/import" aria-current=move || current("/beheer/import") data-testid="nav-import">{i.tr("Import", "Import")}</a></li>
                        }.into_any())}
                        {show_if(move || may(Action::ManagePartners), move || view! {
                            <li><a href="/beheer/partners" aria-current=move || current("/beheer/partners") data-testid="nav-partners">{i.tr("Partners", "Partners")}</a></li>
                        }.into_any())}
                        {show_if(move || may(Action::MunicipalitySettings), move || view! {
                            <li><a href="/beheer/instellingen" aria-current=move || current("/beheer/instellingen") data-testid="nav-instellingen">{i.tr("Instellingen", "Settings")}</a></li>
                        }.into_any())}
                        {show_if(move || session.known.get() && session.user.read().is_none(), move || view! {
                            <li><a href="/inloggen" aria-current=move || current("/inloggen")>{i.tr("Inloggen", "Sign in")}</a></li>
                        }.into_any())}
                    </ul>
                </nav>
                {show_if(signed_in, move || view! {
                    <div class="user-bar" data-testid="gebruiker">
                        <a href="/account" aria-current=move || current("/account") data-testid="mijn-account" class="user-bar__name">{move || session.user.get().map(|u| format!("{} ({})", u.naam, u.role_label(i.lang.get() == Lang::Nl)))}</a>
                        <span class="sync-state" data-testid="sync-status" role="status">{move || match (sync.pending.get(), sync.last.get()) {
                            (0, _) if !sync.refused.read().is_empty() => i.t("Niets in de wachtrij", "Nothing waiting").to_string(),
                            (0, Some(t)) => format!("{} {t}", i.t("Alles opgeslagen, laatst om", "All saved, last at")),
                            (0, None) => i.t("Alles opgeslagen", "All saved").to_string(),
                            (n, _) => format!("{n} {}", i.t("wijziging(en) wachten op verbinding", "change(s) waiting for a connection")),
                        }}</span>
                        {show_if(move || !sync.refused.read().is_empty(), move || view! {
                            <a href="/wijzigingen" class="sync-state sync-state--refused" data-testid="sync-geweigerd">{move || format!("{} {}", sync.refused.read().len(), i.t("wijziging(en) niet verwerkt", "change(s) not processed"))}</a>
                        }.into_any())}
                        <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="uitloggen" on:click=sign_out>
                            {i.tr("Uitloggen", "Sign out")}
                        </button>
                    </div>
                }.into_any())}
                <LangSwitch/>
            </div>
        </header>
        {show_if(move || confirm.get(), move || view! {
            <div class="idle-warning utrecht-alert utrecht-alert--warning" role="alertdialog" aria-labelledby="uitloggen-vraag" id="uitloggen-bevestigen" tabindex="-1" data-testid="uitloggen-bevestigen">
                <p class="utrecht-paragraph" id="uitloggen-vraag">{move || format!("{} {}", sync.pending.get() + sync.refused.read().len(), i.t(
                    "wijziging(en) zijn nog niet naar de server verstuurd. Als u nu uitlogt, worden ze van dit apparaat gewist. Maak eerst verbinding om ze te versturen.",
                    "change(s) have not been sent to the server yet. If you sign out now, they are removed from this device. Connect first to send them."))}</p>
                <div class="button-row">
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" on:click=move |_| confirm.set(false)>{i.tr("Niet uitloggen", "Do not sign out")}</button>
                    <button type="button" class="utrecht-button utrecht-button--secondary-action" data-testid="toch-uitloggen" on:click=sign_out>{i.tr("Toch uitloggen en wissen", "Sign out and remove them")}</button>
                </div>
            </div>
        }.into_any())}
        // The copy for working without a connection could not be written: say so now, not on
        // the home visit.
        {show_if(move || copy.unkept.get() && session.user.read().as_ref().is_some_and(|u| u.sees_cases()), move || view! {
            <div class="storage-warning utrecht-alert utrecht-alert--warning" role="status" data-testid="kopie-niet-bewaard">
                <p class="utrecht-paragraph">{move || i.t(
                    "Dit apparaat kon de gegevens niet bewaren voor gebruik zonder verbinding: de opslag is vol of geweigerd. Zonder verbinding ziet u dan niet alles. Maak ruimte vrij op dit apparaat en open de pagina opnieuw, of gebruik een ander apparaat voor huisbezoeken.",
                    "This device could not keep the data for use without a connection: its storage is full or refused. Without a connection you would not see everything. Free up space on this device and open the page again, or use another device for home visits.")}</p>
            </div>
        }.into_any())}
        {show_if(move || session.warning.get().is_some(), move || view! {
            <div class="idle-warning utrecht-alert utrecht-alert--warning" role="alert" data-testid="inactief-waarschuwing">
                <p class="utrecht-paragraph">{move || format!("{} {} {}", i.t("U wordt over", "You will be signed out in"), session.warning.get().unwrap_or(0), i.t("minuten uitgelogd omdat u niets doet.", "minutes because of inactivity."))}</p>
                <button type="button" class="utrecht-button utrecht-button--primary-action" on:click=move |_| spawn_local(session.stay())>
                    {i.tr("Ingelogd blijven", "Stay signed in")}
                </button>
            </div>
        }.into_any())}
        <MainContent>{children()}</MainContent>
        <Footer text=STAFF_FOOTER/>
    }
}

/// The frame of an app without the staff menu (the sign-in app, the performance page, the
/// resident's form): skip link, the name leading to `home`, the language switch, the main
/// landmark and a footer saying `footer` (Dutch, English).
#[component]
pub fn PlainFrame(
    home: &'static str,
    footer: (&'static str, &'static str),
    children: Children,
) -> impl IntoView {
    view! {
        <SkipLink/>
        <header class="site-header">
            <div class="site-header__inner">
                <a href=home class="site-header__name">"Meedoen"</a>
                <LangSwitch/>
            </div>
        </header>
        <MainContent>{children()}</MainContent>
        <Footer text=footer/>
    }
}

/// What Meedoen is for, under every staff page.
pub const STAFF_FOOTER: (&str, &str) = (
    "Meedoen ondersteunt consulenten bij de Participatiewet. De regels doen een voorstel; de consulent beslist.",
    "Meedoen supports consultants under the Participation Act. The rules suggest; the consultant decides.",
);

/// The page's footer: one sentence, in the chosen language.
#[component]
fn Footer(text: (&'static str, &'static str)) -> impl IntoView {
    let i = use_i18n();
    view! {
        <footer class="site-footer">
            <p class="utrecht-paragraph">{move || i.t(text.0, text.1)}</p>
        </footer>
    }
}

/// The skip link, first on every page: Enter moves the keyboard focus into the main content.
#[component]
pub fn SkipLink() -> impl IntoView {
    let i = use_i18n();
    view! {
        <a class="skip-link" href="#inhoud" on:click=crate::browser::skip_to_main>{i.tr("Naar de inhoud", "Skip to content")}</a>
    }
}

/// The language switch in the header (the choice is remembered on this device).
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i = use_i18n();
    let switch = move |_| {
        i.lang
            .update(|l| *l = if *l == Lang::Nl { Lang::En } else { Lang::Nl })
    };
    view! {
        <button type="button" class="utrecht-button utrecht-button--secondary-action lang-switch" data-testid="taalkeuze" on:click=switch
            lang=move || if i.lang.get() == Lang::Nl { "en" } else { "nl" }>
            {i.tr("English", "Nederlands")}
        </button>
    }
}

/// The "new version" notice and the main landmark the skip link leads to.
#[component]
pub fn MainContent(children: Children) -> impl IntoView {
    view! {
        <crate::update::UpdateNotice/>
        <main id="inhoud" class="site-main" tabindex="-1">
            {children()}
        </main>
    }
}
