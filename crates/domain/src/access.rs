//! Who may do what: the roles and the authorisation matrix, in one place for the server (which
//! enforces it on every endpoint) and the app (which shows only the links, buttons and forms a
//! role may use), so the two cannot disagree. `docs/security.md` holds the same matrix as a
//! table; a test renders [`markdown_table`] and compares it with the document.
//!
//! The matrix says *whether* a role may act and over *which* residents or users; the server
//! narrows its queries to that scope.

use serde::{Deserialize, Serialize};

/// The roles of staff. Residents have no account: they use the public form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Participatieconsulent,
    Werkconsulent,
    Teamleider,
    Beheerder,
    /// Policy staff: the report and scenarios, aggregates only — never a resident.
    Beleidsmedewerker,
    /// The income department: at a re-examination records a short signal for the team lead;
    /// sees no case content.
    Inkomensconsulent,
    /// An external assessor (an outside bureau): sees and fills the Klant in Beeld indicators
    /// of the residents in a batch assigned to them, and nothing else, until the batch ends.
    Beoordelaar,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Participatieconsulent,
        Role::Werkconsulent,
        Role::Teamleider,
        Role::Beheerder,
        Role::Beleidsmedewerker,
        Role::Inkomensconsulent,
        Role::Beoordelaar,
    ];

    /// The code stored and sent on the wire.
    pub fn code(self) -> &'static str {
        match self {
            Role::Participatieconsulent => "participatieconsulent",
            Role::Werkconsulent => "werkconsulent",
            Role::Teamleider => "teamleider",
            Role::Beheerder => "beheerder",
            Role::Beleidsmedewerker => "beleidsmedewerker",
            Role::Inkomensconsulent => "inkomensconsulent",
            Role::Beoordelaar => "beoordelaar",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == s)
    }

    /// The role's name for people, in Dutch and English.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Role::Participatieconsulent => ("participatieconsulent", "participation consultant"),
            Role::Werkconsulent => ("werkconsulent (WSP)", "work consultant (WSP)"),
            Role::Teamleider => ("teamleider", "team lead"),
            Role::Beheerder => ("functioneel beheerder", "administrator"),
            Role::Beleidsmedewerker => ("beleidsmedewerker", "policy officer"),
            Role::Inkomensconsulent => (
                "inkomensconsulent (afdeling Inkomen)",
                "income consultant (income department)",
            ),
            Role::Beoordelaar => ("externe beoordelaar", "external assessor"),
        }
    }
}

/// What a role may do. Each action is one or more endpoints (see [`Action::endpoints`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Caseload, a resident, the resident's file and the change feed.
    ReadCases,
    /// Add or change records other than a placement.
    WriteRecords,
    /// Record a placement in paid work (the employer service point).
    WritePlacement,
    RegisterResident,
    Assign,
    WaitingList,
    Inbox,
    AuditLog,
    ListUsers,
    /// Add users, change role and team, deactivate, unlock, reset a password.
    ManageUsers,
    /// The caseload norm and the municipality's name.
    MunicipalitySettings,
    Report,
    ReportSettings,
    ChangeReportSettings,
    ScenarioBaseline,
    RuleImpact,
    Scenarios,
    SubjectAccess,
    ErasureRequests,
    /// Own password and sessions.
    OwnAccount,
    /// Import the assistance population from the income system's file; confirm "assistance
    /// ended?" flags.
    ImportPopulation,
    /// Export the caseload or the waiting list as shown, with a stated purpose.
    ExportLists,
    /// Keep the list of partner organisations residents are referred to.
    ManagePartners,
    /// The monthly SRG delivery to CBS and its mapping to CBS codes.
    SrgDelivery,
    /// At a re-examination, record a short signal about a resident for the team lead.
    RecordSignal,
    /// See the signals of the income department as tasks and mark them handled.
    HandleSignals,
    /// Read a resident's Klant in Beeld indicators (and the list of residents to fill).
    ReadIndicators,
    /// Fill a resident's Klant in Beeld indicators.
    WriteIndicators,
    /// How far the population is in view: per indicator and step, figures only.
    IndicatorProgress,
    /// Assign residents to an external assessor's batch with an end date; end a batch.
    AssessorBatches,
}

/// Over what an allowed action reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The user's own caseload (or own account).
    Own,
    /// The user's own team.
    Team,
    /// The whole municipality.
    All,
    /// Figures only: counts and rates, never a resident.
    Aggregates,
    /// The residents of the user's running assessor batches, until each batch's end date.
    Batch,
}

impl Action {
    pub const ALL: [Action; 30] = [
        Action::ReadCases,
        Action::WriteRecords,
        Action::WritePlacement,
        Action::RegisterResident,
        Action::Assign,
        Action::WaitingList,
        Action::Inbox,
        Action::AuditLog,
        Action::ListUsers,
        Action::ManageUsers,
        Action::MunicipalitySettings,
        Action::Report,
        Action::ReportSettings,
        Action::ChangeReportSettings,
        Action::ScenarioBaseline,
        Action::RuleImpact,
        Action::Scenarios,
        Action::SubjectAccess,
        Action::ErasureRequests,
        Action::OwnAccount,
        Action::ImportPopulation,
        Action::ExportLists,
        Action::ManagePartners,
        Action::SrgDelivery,
        Action::RecordSignal,
        Action::HandleSignals,
        Action::ReadIndicators,
        Action::WriteIndicators,
        Action::IndicatorProgress,
        Action::AssessorBatches,
    ];

    /// The endpoints behind the action, as written in `docs/security.md`.
    pub fn endpoints(self) -> &'static str {
        match self {
            Action::ReadCases => "`GET /api/inwoners`, `GET /api/inwoners/{id}`, `GET /api/inwoners/{id}/dossier`, `GET /api/wijzigingen?sinds=`",
            Action::WriteRecords => "`POST /api/mutaties`: records other than a placement",
            Action::WritePlacement => "`POST /api/mutaties`: placements (`plaatsing`)",
            Action::RegisterResident => "`POST /api/inwoners` (register a resident; a team lead's go onto the team's waiting list)",
            Action::Assign => "`POST /api/inwoners/{id}/toewijzing` (consultants pick up a waiting resident within the norm; the team lead assigns any resident of the team)",
            Action::WaitingList => "`GET /api/wachtlijst` (the team lead also sees each consultant's load)",
            Action::Inbox => "`GET /api/inzendingen`, `POST /api/inzendingen/{id}/koppelen`",
            Action::AuditLog => "`GET /api/audit` (filters, paging), `GET /api/audit/export`",
            Action::ListUsers => "`GET /api/gebruikers`",
            Action::ManageUsers => "`POST /api/gebruikers`, `PATCH /api/gebruikers/{id}`, `POST /api/gebruikers/{id}/ontgrendelen`, `POST /api/gebruikers/{id}/wachtwoord`",
            Action::MunicipalitySettings => "`GET /api/gemeente`, `POST /api/gemeente`, `POST /api/gemeente/caseload-norm`",
            Action::Report => "`GET /api/rapportage?jaar=` / `?van=&tot=` / `?sinds_start=ja`",
            Action::ReportSettings => "`GET /api/rapportage/instellingen`",
            Action::ChangeReportSettings => "`POST /api/rapportage/drempel`, `POST /api/rapportage/ambities`",
            Action::ScenarioBaseline => "`GET /api/scenario/basis?maanden=`",
            Action::RuleImpact => "`GET /api/scenario/regelimpact?ladder=`",
            Action::Scenarios => "`GET /api/scenarios`, `POST /api/scenarios`, `DELETE /api/scenarios/{id}`",
            Action::SubjectAccess => "`GET /api/inwoners/{id}/inzage` (AVG art. 15)",
            Action::ErasureRequests => "`POST /api/inwoners/{id}/verwijderverzoek`, `GET /api/verwijderverzoeken` (AVG art. 17)",
            Action::OwnAccount => "`POST /api/account/wachtwoord`, `GET /api/account/sessies`, `DELETE /api/account/sessies/{id}`",
            Action::ExportLists => "`POST /api/export` (the caseload or waiting list as shown, as CSV: a purpose is asked and every resident in it audited)",
            Action::RecordSignal => "`POST /api/signalen` (a signal at a re-examination, found by the BSN; the answer names no case content), `GET /api/signalen/eigen` (the own signals of the last 90 days)",
            Action::HandleSignals => "`GET /api/signalen`, `GET /api/signalen/aantal`, `POST /api/signalen/{id}/afgehandeld` (the income department's signals as tasks for the team)",
            Action::SrgDelivery => "`GET /api/srg?maand=` (checks), `POST /api/srg` (deliver), `GET /api/srg/leveringen/{id}`, `GET`/`POST /api/srg/koppeling` (the mapping to CBS codes; the whole municipality: CBS receives it all)",
            Action::ManagePartners => "`POST /api/partners`, `PATCH /api/partners/{id}` (every signed-in user reads the list: `GET /api/partners`; it holds no personal data)",
            Action::ReadIndicators => "`GET /api/indicatoren/inwoners` (the residents to fill, with how far each is), `GET /api/inwoners/{id}/indicatoren` (the list in force, the values, who filled each and when)",
            Action::WriteIndicators => "`PATCH /api/inwoners/{id}/indicatoren` (the changed values, checked against the list)",
            Action::IndicatorProgress => "`GET /api/indicatoren/voortgang` (per indicator and step how many of the population have it; policy staff: the whole municipality, small counts hidden)",
            Action::AssessorBatches => "`GET /api/beoordeling/opdrachten`, `POST /api/beoordeling/opdrachten` (select residents of the team for an external assessor, with an end date; `voorbeeld` counts first), `POST /api/beoordeling/opdrachten/{id}/beeindigen`",
            Action::ImportPopulation => "`POST /api/import/voorbeeld`, `POST /api/import/toepassen`, `GET /api/import` (history and flags), `POST /api/import/signalen/{id}` (the whole municipality: the income file is)",
        }
    }
}

/// Whether `role` may take `action`, and over what. `None`: refused (403).
pub fn scope(role: Role, action: Action) -> Option<Scope> {
    use Action as A;
    use Role as R;
    use Scope as S;
    match (action, role) {
        (A::OwnAccount, _) => Some(S::Own),
        (A::ReadCases, R::Participatieconsulent | R::Werkconsulent) => Some(S::Own),
        (A::ReadCases, R::Teamleider) => Some(S::Team),
        (A::WriteRecords, R::Participatieconsulent | R::Werkconsulent) => Some(S::Own),
        (A::WritePlacement, R::Werkconsulent) => Some(S::Own),
        (A::RegisterResident, R::Participatieconsulent | R::Werkconsulent) => Some(S::Own),
        (A::RegisterResident, R::Teamleider) => Some(S::Team),
        (
            A::Assign | A::WaitingList,
            R::Participatieconsulent | R::Werkconsulent | R::Teamleider,
        ) => Some(S::Team),
        (A::Inbox, R::Participatieconsulent | R::Teamleider) => Some(S::Team),
        (A::AuditLog, R::Teamleider) => Some(S::Team),
        (A::AuditLog, R::Beheerder) => Some(S::All),
        (A::ListUsers, R::Teamleider) => Some(S::Team),
        (A::ListUsers | A::ManageUsers | A::MunicipalitySettings, R::Beheerder) => Some(S::All),
        (A::Report, R::Teamleider) => Some(S::Team),
        (A::Report | A::ScenarioBaseline | A::RuleImpact, R::Beleidsmedewerker) => {
            Some(S::Aggregates)
        }
        (A::ReportSettings, R::Teamleider | R::Beleidsmedewerker) => Some(S::All),
        (A::ChangeReportSettings, R::Teamleider) => Some(S::All),
        (A::ScenarioBaseline, R::Teamleider) => Some(S::Aggregates),
        (A::RuleImpact, R::Teamleider) => Some(S::Team),
        (A::Scenarios, R::Teamleider | R::Beleidsmedewerker) => Some(S::Team),
        (A::SubjectAccess | A::ErasureRequests, R::Teamleider) => Some(S::Team),
        (A::ImportPopulation, R::Teamleider | R::Beheerder) => Some(S::All),
        (A::ExportLists, R::Teamleider) => Some(S::Team),
        (A::ManagePartners, R::Beheerder) => Some(S::All),
        (A::SrgDelivery, R::Teamleider | R::Beheerder) => Some(S::All),
        (A::RecordSignal, R::Inkomensconsulent) => Some(S::All),
        (A::HandleSignals, R::Teamleider) => Some(S::Team),
        (A::ReadIndicators | A::WriteIndicators, R::Participatieconsulent | R::Werkconsulent) => {
            Some(S::Own)
        }
        (A::ReadIndicators | A::WriteIndicators, R::Beoordelaar) => Some(S::Batch),
        (A::ReadIndicators | A::IndicatorProgress | A::AssessorBatches, R::Teamleider) => {
            Some(S::Team)
        }
        (A::IndicatorProgress, R::Beleidsmedewerker) => Some(S::Aggregates),
        _ => None,
    }
}

/// Whether `role` may take `action` at all.
pub fn allows(role: Role, action: Action) -> bool {
    scope(role, action).is_some()
}

/// The action that writing a record of `kind` takes: a placement in paid work is the employer
/// service point's; every other record is case work.
pub fn write_action(kind: crate::records::Kind) -> Action {
    match kind {
        crate::records::Kind::Plaatsing => Action::WritePlacement,
        _ => Action::WriteRecords,
    }
}

/// Whether a role reads residents' records without changing them.
pub fn reads_only(role: Role) -> bool {
    allows(role, Action::ReadCases) && !allows(role, Action::WriteRecords)
}

/// The password rules, shown beside every password field.
pub const PASSWORD_RULES: (&str, &str) = (
    "Minstens 12 en hoogstens 128 tekens. Niet (vooral) uw gebruikersnaam, niet één teken herhaald en niet een veelgebruikt wachtwoord. Een zin van een paar woorden is sterk en goed te onthouden.",
    "At least 12 and at most 128 characters. Not (mostly) your user name, not one character repeated and not a common password. A sentence of a few words is strong and easy to remember.",
);

/// Passwords that meet the length rule but are guessed first.
const COMMON: [&str; 12] = [
    "wachtwoord12",
    "wachtwoord123",
    "wachtwoord1234",
    "password1234",
    "password12345",
    "welkom123456",
    "welkomwelkom",
    "qwertyuiop12",
    "123456789012",
    "abcdefghijkl",
    "meedoenmeedoen",
    "gemeente1234",
];

/// A problem with an input, in Dutch and English.
pub type Problem = (&'static str, &'static str);

/// A user name: 3 to 40 lower-case letters, digits, dots, hyphens or underscores.
pub fn check_user_name(name: &str) -> Result<(), Problem> {
    let ok = (3..=40).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
    ok.then_some(()).ok_or((
        "Gebruik 3 tot 40 kleine letters, cijfers, punten, streepjes of liggende streepjes.",
        "Use 3 to 40 lower-case letters, digits, dots, hyphens or underscores.",
    ))
}

/// A person's name on an account: not blank, at most 100 characters.
pub fn check_person_name(name: &str) -> Result<(), Problem> {
    (!name.trim().is_empty() && name.chars().count() <= 100)
        .then_some(())
        .ok_or((
            "Vul een naam in van hoogstens 100 tekens.",
            "Enter a name of at most 100 characters.",
        ))
}

/// A team: not blank, at most 40 characters.
pub fn check_team(team: &str) -> Result<(), Problem> {
    (!team.trim().is_empty() && team.chars().count() <= 40)
        .then_some(())
        .ok_or((
            "Vul een team in van hoogstens 40 tekens.",
            "Enter a team of at most 40 characters.",
        ))
}

/// Check a new password against [`PASSWORD_RULES`]; the problem in Dutch and English.
pub fn check_password(password: &str, user_name: &str) -> Result<(), (&'static str, &'static str)> {
    let n = password.chars().count();
    if n < 12 {
        return Err((
            "Kies een wachtwoord van minstens 12 tekens.",
            "Choose a password of at least 12 characters.",
        ));
    }
    if n > 128 {
        return Err((
            "Kies een wachtwoord van hoogstens 128 tekens.",
            "Choose a password of at most 128 characters.",
        ));
    }
    let lower = crate::text::lowercase(password);
    // The user name with a few characters around it is guessed first: what is left without
    // it must still be 8 characters.
    if !user_name.is_empty()
        && lower
            .replace(&crate::text::lowercase(user_name), "")
            .chars()
            .count()
            < 8
    {
        return Err((
            "Het wachtwoord lijkt te veel op uw gebruikersnaam.",
            "The password is too much like your user name.",
        ));
    }
    let mut chars = password.chars();
    let first = chars.next();
    if chars.all(|c| Some(c) == first) {
        return Err((
            "Het wachtwoord is één teken herhaald; kies iets anders.",
            "The password is one character repeated; choose something else.",
        ));
    }
    if COMMON.contains(&lower.as_str()) {
        return Err((
            "Dit wachtwoord wordt veel gebruikt en snel geraden; kies iets anders.",
            "This password is common and quickly guessed; choose something else.",
        ));
    }
    Ok(())
}

fn cell(s: Option<Scope>) -> &'static str {
    match s {
        None => "403",
        Some(Scope::Own) => "own",
        Some(Scope::Team) => "team",
        Some(Scope::All) => "all",
        Some(Scope::Aggregates) => "aggregates",
        Some(Scope::Batch) => "batch",
    }
}

/// The matrix as the Markdown table in `docs/security.md` (a test keeps the two equal).
pub fn markdown_table() -> String {
    let mut out = String::from("| endpoints |");
    for r in Role::ALL {
        out.push_str(&format!(" `{}` |", r.code()));
    }
    out.push_str("\n|---|");
    for _ in Role::ALL {
        out.push_str("---|");
    }
    out.push('\n');
    for a in Action::ALL {
        out.push_str(&format!("| {} |", a.endpoints()));
        for r in Role::ALL {
            out.push_str(&format!(" {} |", cell(scope(r, a))));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.code()), Some(r));
        }
        assert_eq!(Role::parse("admin"), None);
    }

    #[test]
    fn only_a_participation_consultant_or_wsp_writes_records_and_only_wsp_places() {
        let writers: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| allows(*r, Action::WriteRecords))
            .collect();
        assert_eq!(writers, [Role::Participatieconsulent, Role::Werkconsulent]);
        let placers: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| allows(*r, Action::WritePlacement))
            .collect();
        assert_eq!(placers, [Role::Werkconsulent]);
        assert!(reads_only(Role::Teamleider));
        assert!(!reads_only(Role::Beheerder));
    }

    #[test]
    fn policy_staff_and_administrators_never_read_a_resident() {
        for r in [
            Role::Beheerder,
            Role::Beleidsmedewerker,
            Role::Inkomensconsulent,
            Role::Beoordelaar,
        ] {
            for a in [
                Action::ReadCases,
                Action::Inbox,
                Action::WaitingList,
                Action::SubjectAccess,
            ] {
                assert!(!allows(r, a), "{r:?} {a:?}");
            }
        }
        // An external assessor reaches the indicators of the batch, and nothing else but the
        // own account.
        let reach: Vec<(Action, Scope)> = Action::ALL
            .into_iter()
            .filter_map(|a| scope(Role::Beoordelaar, a).map(|s| (a, s)))
            .collect();
        assert_eq!(
            reach,
            [
                (Action::OwnAccount, Scope::Own),
                (Action::ReadIndicators, Scope::Batch),
                (Action::WriteIndicators, Scope::Batch),
            ]
        );
        // Policy staff reach the report and scenarios as figures only.
        assert_eq!(
            scope(Role::Beleidsmedewerker, Action::Report),
            Some(Scope::Aggregates)
        );
    }

    #[test]
    fn password_rules_name_the_problem() {
        assert!(check_password("kort", "a.b").is_err());
        assert!(check_password(&"x".repeat(129), "a.b").is_err());
        assert!(check_password("aaaaaaaaaaaaaa", "a.b").is_err());
        assert!(check_password("PC.devries-123", "pc.devries").is_err());
        assert!(check_password("Wachtwoord123", "a.b").is_err());
        assert!(check_password("paars paard op de dijk", "pc.devries").is_ok());
    }

    /// The document and the code say the same: `docs/security.md` holds this very table.
    #[test]
    fn the_security_document_holds_this_matrix() {
        let doc = include_str!("../../../docs/security.md");
        let table = markdown_table();
        assert!(
            doc.contains(&table),
            "docs/security.md must contain the matrix as generated:\n{table}"
        );
    }

    #[test]
    fn account_fields_name_the_problem() {
        assert!(check_user_name("pc.jansen").is_ok());
        for bad in ["pc", "PC.Jansen", "pc jansen", &"a".repeat(41)] {
            assert!(check_user_name(bad).is_err(), "{bad}");
        }
        assert!(check_person_name("Nina Nieuw").is_ok());
        assert!(check_person_name("  ").is_err());
        assert!(check_person_name(&"N".repeat(101)).is_err());
        assert!(check_team("wsp").is_ok());
        assert!(check_team(" ").is_err());
        assert!(check_team(&"x".repeat(41)).is_err());
    }

    #[test]
    fn every_role_has_its_own_account() {
        for r in Role::ALL {
            assert_eq!(scope(r, Action::OwnAccount), Some(Scope::Own));
        }
    }
}
