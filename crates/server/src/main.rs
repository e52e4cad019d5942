//! `meedoen-server`: serve the app and API on loopback with an embedded SQLite file, and the
//! operator commands (users, back-up and restore, export, the report, compressing a build).
//! Arguments are read by `clap`: `--help` on every command, `--version`, and an unknown or
//! misspelled option is an error with a hint.
//!
//! Exit codes: 0 done; 1 the work failed (a database that cannot be opened, a port in use, a
//! failed shutdown); 2 the command line or its input is wrong (an unknown option, a missing or
//! invalid value, a file that exists already, a back-up that is not in order).

use clap::{Args, Parser, Subcommand};
use meedoen_server::{admin, app, db, demo, AppState};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXIT_CODES: &str =
    "Afsluitcodes: 0 klaar; 1 het werk mislukte (database, poort, afsluiten); \
2 de opdrachtregel of de invoer klopt niet (onbekende optie, ontbrekende of ongeldige waarde, \
bestand bestaat al, back-up niet in orde).";

#[derive(Parser, Debug)]
#[command(
    name = "meedoen-server",
    version,
    about = "Meedoen — opslag en app-server (axum + SQLite)",
    after_help = EXIT_CODES,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Zonder commando: `serve` met deze opties.
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serveer de apps en de API (standaard).
    Serve(ServeArgs),
    /// Maak een gebruiker aan; het wachtwoord komt van standaardinvoer.
    #[command(name = "gebruiker-toevoegen", visible_alias = "add-user")]
    AddUser(AddUserArgs),
    /// Online back-up: een consistente kopie, ook terwijl de server draait (nooit overschrijven).
    Backup(BackupArgs),
    /// Zet een back-up terug na controle van integriteit en schemaversie (nooit overschrijven).
    #[command(name = "herstel", visible_alias = "restore")]
    Restore(RestoreArgs),
    /// Alle records als JSON-regels; de export komt in het auditlog.
    Export(ExportArgs),
    /// De voortgangsrapportage: alleen geaggregeerde cijfers, dezelfde als in de app.
    #[command(name = "rapport", visible_alias = "report")]
    Report(ReportArgs),
    /// Bewaartermijn: toon de dossiers die langer dan de termijn zijn afgesloten; wis ze met
    /// --uitvoeren (in één transactie, elk in het auditlog).
    #[command(name = "bewaartermijn", visible_alias = "retention")]
    Retention(RetentionArgs),
    /// Bouwstap: schrijf naast elk bestand van de app NAAM.br en NAAM.gz op het hoogste niveau.
    #[command(name = "comprimeer", visible_alias = "compress")]
    Compress(CompressArgs),
    /// Lees het bestand van de afdeling Inkomen in (CSV, docs/import.md): toont wat er
    /// toegevoegd, gewijzigd en gemarkeerd wordt en elke fout; schrijft pas met --toepassen (in
    /// één transactie, elk in het auditlog).
    #[command(name = "importeer", visible_alias = "import")]
    Import(ImportArgs),
    /// Schrijf een synthetisch bestand van de afdeling Inkomen (voor proeven en metingen).
    #[command(name = "voorbeeldbestand", visible_alias = "sample-file")]
    SampleFile(SampleArgs),
}

#[derive(Args, Debug)]
struct ImportArgs {
    /// Het SQLite-bestand van Meedoen.
    #[arg(long, value_name = "BESTAND")]
    db: PathBuf,
    /// Het CSV-bestand van de afdeling Inkomen.
    #[arg(value_name = "CSV")]
    bestand: PathBuf,
    /// Het team op wiens wachtlijst nieuwe inwoners komen (standaard het eerste team met consulenten).
    #[arg(long, value_name = "TEAM")]
    team: Option<String>,
    /// De dag van het bestand (standaard vandaag).
    #[arg(long, value_name = "DATUM")]
    peildatum: Option<chrono::NaiveDate>,
    /// Schrijf echt (zonder deze optie alleen het voorbeeld).
    #[arg(long)]
    toepassen: bool,
}

#[derive(Args, Debug)]
struct SampleArgs {
    /// Aantal inwoners.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    aantal: usize,
    /// Startwaarde van de toevalsgenerator.
    #[arg(long, value_name = "GETAL", default_value_t = 1)]
    zaad: u64,
}

#[derive(Args, Debug, Clone)]
struct ServeArgs {
    /// SQLite-bestand (wordt aangemaakt).
    #[arg(long, value_name = "BESTAND", default_value = "data/meedoen.sqlite3")]
    db: PathBuf,
    /// Map met de gebouwde apps.
    #[arg(long, value_name = "MAP", default_value = "dist")]
    dist: PathBuf,
    /// Luisteradres.
    #[arg(
        long = "adres",
        visible_alias = "address",
        value_name = "IP:POORT",
        default_value = "127.0.0.1:8080"
    )]
    adres: SocketAddr,
    /// Laad de demogemeente in een nieuwe database.
    #[arg(long)]
    demo: bool,
    /// Zet Secure en de __Host--naam op de sessiecookie (achter TLS).
    #[arg(long = "veilige-cookies", visible_alias = "secure-cookies")]
    secure_cookies: bool,
    /// Een reverse proxy waarvan X-Forwarded-For het adres van de client geeft (herhaalbaar);
    /// van andere afzenders wordt die kop genegeerd.
    #[arg(
        long = "vertrouwde-proxy",
        visible_alias = "trusted-proxy",
        value_name = "IP"
    )]
    trusted_proxies: Vec<IpAddr>,
    /// Logniveau: fout, waarschuwing, info, debug of alles. Eén regel per verzoek (id, route,
    /// status, duur) op standaardfout, nooit persoonsgegevens.
    #[arg(long = "log-niveau", visible_alias = "log-level", value_name = "NIVEAU", default_value = "info", value_parser = meedoen_server::logging::parse_level)]
    log_level: tracing::Level,
}

#[derive(Args, Debug)]
struct AddUserArgs {
    /// Het SQLite-bestand van Meedoen.
    #[arg(long, value_name = "BESTAND")]
    db: PathBuf,
    #[arg(long, value_name = "NAAM")]
    gebruikersnaam: String,
    /// Volledige naam.
    #[arg(long, value_name = "NAAM")]
    naam: String,
    /// participatieconsulent, werkconsulent, teamleider, beheerder of beleidsmedewerker.
    #[arg(long, value_name = "ROL", value_parser = parse_role)]
    rol: meedoen_server::auth::Role,
    #[arg(long, value_name = "TEAM")]
    team: String,
}

#[derive(Args, Debug)]
struct BackupArgs {
    /// Het SQLite-bestand van Meedoen.
    #[arg(long, value_name = "BESTAND")]
    db: PathBuf,
    /// Het nieuwe bestand voor de back-up.
    #[arg(long, value_name = "NIEUW-BESTAND")]
    naar: PathBuf,
}

#[derive(Args, Debug)]
struct RestoreArgs {
    /// De back-up.
    #[arg(long, value_name = "BACK-UP")]
    van: PathBuf,
    /// Het nieuwe databasebestand (met de server gestopt).
    #[arg(long, value_name = "NIEUW-BESTAND")]
    naar: PathBuf,
}

#[derive(Args, Debug)]
struct ExportArgs {
    /// Het SQLite-bestand van Meedoen.
    #[arg(long, value_name = "BESTAND")]
    db: PathBuf,
    #[arg(long, value_name = "BESTAND.jsonl")]
    naar: PathBuf,
    /// Waarom er geëxporteerd wordt (komt in het auditlog; minstens 5 tekens).
    #[arg(long, value_name = "REDEN")]
    doel: String,
}

#[derive(Args, Debug)]
struct ReportArgs {
    /// Het SQLite-bestand van Meedoen.
    #[arg(long, value_name = "BESTAND")]
    db: PathBuf,
    /// Een kalenderjaar.
    #[arg(long, value_name = "JAAR", conflicts_with_all = ["van", "tot", "sinds_start"])]
    jaar: Option<String>,
    /// Begin van een periode (jjjj-mm-dd), met --tot.
    #[arg(long, value_name = "DATUM", requires = "tot")]
    van: Option<String>,
    /// Einde van een periode (jjjj-mm-dd), met --van.
    #[arg(long, value_name = "DATUM", requires = "van")]
    tot: Option<String>,
    /// Sinds de start van de aanpak.
    #[arg(long = "sinds-start", conflicts_with_all = ["van", "tot"])]
    sinds_start: bool,
    #[arg(long, value_name = "FORMAAT", default_value = "json", value_parser = ["json", "csv"])]
    formaat: String,
    #[arg(long, value_name = "TAAL", default_value = "nl", value_parser = ["nl", "en"])]
    taal: String,
    /// De dag waarop gerekend wordt (standaard vandaag).
    #[arg(long, value_name = "DATUM")]
    peildatum: Option<chrono::NaiveDate>,
}

#[derive(Args, Debug)]
struct RetentionArgs {
    /// Het SQLite-bestand van Meedoen.
    #[arg(long, value_name = "BESTAND")]
    db: PathBuf,
    /// Bewaartermijn in jaren na afsluiting (uitstroom zonder latere registratie).
    #[arg(long, value_name = "JAREN", default_value_t = meedoen_domain::retention::DEFAULT_YEARS, value_parser = clap::value_parser!(u32).range(1..=100))]
    jaren: u32,
    /// De dag waarop gerekend wordt (standaard vandaag).
    #[arg(long, value_name = "DATUM")]
    peildatum: Option<chrono::NaiveDate>,
    /// Wis de getoonde dossiers echt (zonder deze optie wordt alleen getoond wat gewist zou worden).
    #[arg(long)]
    uitvoeren: bool,
}

#[derive(Args, Debug)]
struct CompressArgs {
    #[arg(long, value_name = "MAP")]
    dist: PathBuf,
}

fn parse_role(text: &str) -> Result<meedoen_server::auth::Role, String> {
    meedoen_server::auth::Role::parse(text).ok_or_else(|| {
        format!("'{text}' is geen rol (participatieconsulent, werkconsulent, teamleider, beheerder, beleidsmedewerker)")
    })
}

/// What a command's failure means for its exit code.
enum Failure {
    /// The input is wrong (exit 2).
    Input(String),
    /// The work failed (exit 1).
    Work(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => serve(cli.serve),
        Some(Command::Serve(a)) => serve(a),
        Some(Command::AddUser(a)) => add_user(a),
        Some(Command::Backup(a)) => backup(a),
        Some(Command::Restore(a)) => restore(a),
        Some(Command::Export(a)) => export(a),
        Some(Command::Report(a)) => report(a),
        Some(Command::Compress(a)) => compress(a),
        Some(Command::Retention(a)) => retention(a),
        Some(Command::Import(a)) => import(a),
        Some(Command::SampleFile(a)) => {
            print!("{}", meedoen_domain::import::synthetic(a.aantal, a.zaad));
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(e)) => {
            eprintln!("fout: {e}");
            ExitCode::from(2)
        }
        Err(Failure::Work(e)) => {
            eprintln!("fout: {e}");
            ExitCode::FAILURE
        }
    }
}

fn serve(a: ServeArgs) -> Result<(), Failure> {
    meedoen_server::logging::init(a.log_level);
    if let Some(parent) = a.db.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| Failure::Work(format!("kan map {} niet maken: {e}", parent.display())))?;
    }
    let mut conn = db::open(&a.db)
        .map_err(|e| Failure::Work(format!("database {} openen: {e}", a.db.display())))?;
    if a.demo {
        match demo::seed(&mut conn) {
            Ok(true) => println!("Demogemeente geladen: {} inwoners.", demo::RESIDENTS),
            Ok(false) => println!("Database heeft al een gemeente; demo niet opnieuw geladen."),
            Err(e) => return Err(Failure::Work(format!("demo laden: {e}"))),
        }
        println!("Demo-aanmeldingen (alleen voor de demo):");
        for (user, name, role, team, password) in demo::USERS {
            println!(
                "  {user:<12} {password:<22} {} ({name}, team {team})",
                role.code()
            );
        }
    }
    let dist = a.dist.join("index.html").exists().then_some(a.dist);
    if dist.is_none() {
        eprintln!("let op: geen gebouwde app gevonden (dist/index.html); alleen de API draait");
    }
    let mut state = AppState::new(conn, dist);
    state.secure_cookies = a.secure_cookies;
    state.trusted_proxies = a.trusted_proxies;
    let db = state.db.clone();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Work(format!("runtime: {e}")))?;
    let db_path = a.db;
    let addr = a.adres;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Failure::Work(format!("kan niet luisteren op {addr}: {e}")))?;
        let bound = listener.local_addr().map_or(addr, |a| a);
        println!(
            "Meedoen draait op http://{bound}/  (database: {})",
            db_path.display()
        );
        // Ctrl-C or SIGTERM (systemd, containers): stop accepting, finish the requests in
        // flight, then write the WAL back into the database file and exit 0.
        let shutdown = async {
            #[cfg(unix)]
            {
                match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                    Ok(mut term) => {
                        tokio::select! {
                            _ = tokio::signal::ctrl_c() => {}
                            _ = term.recv() => {}
                        }
                    }
                    Err(_) => {
                        let _ = tokio::signal::ctrl_c().await;
                    }
                }
            }
            #[cfg(not(unix))]
            let _ = tokio::signal::ctrl_c().await;
            println!("Meedoen stopt: lopende verzoeken worden afgemaakt.");
        };
        axum::serve(
            listener,
            app(state).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| Failure::Work(e.to_string()))?;
        db::checkpoint(&db).map_err(|e| Failure::Work(format!("database afsluiten: {e}")))?;
        println!("Meedoen gestopt; database bijgewerkt.");
        Ok(())
    })
}

/// `gebruiker-toevoegen`: create a user; the password is read from standard input.
fn add_user(a: AddUserArgs) -> Result<(), Failure> {
    let mut password = String::new();
    std::io::stdin()
        .read_line(&mut password)
        .map_err(|_| Failure::Input("geen wachtwoord op standaardinvoer".into()))?;
    let conn =
        db::open(&a.db).map_err(|e| Failure::Work(format!("database {}: {e}", a.db.display())))?;
    let user = admin::NewUser {
        gebruikersnaam: a.gebruikersnaam,
        naam: a.naam,
        rol: a.rol,
        team: a.team,
        wachtwoord: password.trim_end_matches(['\r', '\n']).to_string(),
    };
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let id = admin::insert_user(&conn, &user, "opdrachtregel", &now).map_err(|e| {
        Failure::Input(format!(
            "{}: {}",
            e.body.fout.veld.unwrap_or_default(),
            e.body.fout.nl
        ))
    })?;
    println!("Gebruiker {} aangemaakt (id {id}).", user.gebruikersnaam);
    Ok(())
}

/// List the files past their retention period; with `--uitvoeren`, erase them.
fn retention(a: RetentionArgs) -> Result<(), Failure> {
    let today = a
        .peildatum
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let mut conn = db::open(&a.db).map_err(|e| Failure::Work(format!("database: {e}")))?;
    let plan = meedoen_server::retention::plan(&conn, today, a.jaren)
        .map_err(|e| Failure::Work(e.body.fout.nl))?;
    let before = meedoen_domain::retention::cutoff(today, a.jaren);
    println!(
        "Bewaartermijn {} jaar op {today}: dossiers afgesloten vóór {before}.",
        a.jaren
    );
    for d in &plan {
        println!(
            "  inwoner {:>6}  afgesloten op {}  {:>4} records  team {}",
            d.resident, d.closed_on, d.records, d.team
        );
    }
    if !a.uitvoeren {
        println!(
            "{} dossier(s) zouden worden gewist. Niets gewist: voer opnieuw uit met --uitvoeren.",
            plan.len()
        );
        return Ok(());
    }
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let (files, n) = meedoen_server::retention::erase(
        &mut conn,
        &plan,
        &now,
        a.jaren,
        "opdrachtregel (bewaartermijn)",
    )
    .map_err(|e| Failure::Work(e.body.fout.nl))?;
    println!("{files} dossier(s) gewist ({n} records); elk staat in het auditlog.");
    Ok(())
}

fn compress(a: CompressArgs) -> Result<(), Failure> {
    let list = meedoen_server::precompress::compress_dir(&a.dist)
        .map_err(|e| Failure::Input(format!("--dist {}: {e}", a.dist.display())))?;
    for c in &list {
        println!(
            "{:>9} B ruw {:>9} B gzip {:>9} B brotli  {}",
            c.raw,
            c.gzip,
            c.brotli,
            c.path.display()
        );
    }
    Ok(())
}

fn restore(a: RestoreArgs) -> Result<(), Failure> {
    let n = db::restore(&a.van, &a.naar).map_err(Failure::Input)?;
    println!(
        "back-up {} teruggezet in {}: {n} records, integriteit gecontroleerd",
        a.van.display(),
        a.naar.display()
    );
    Ok(())
}

fn backup(a: BackupArgs) -> Result<(), Failure> {
    let conn = db::open(&a.db).map_err(|e| Failure::Work(format!("database: {e}")))?;
    db::backup(&conn, &a.naar).map_err(Failure::Input)?;
    println!(
        "back-up geschreven naar {} (integriteit gecontroleerd)",
        a.naar.display()
    );
    Ok(())
}

fn export(a: ExportArgs) -> Result<(), Failure> {
    if a.doel.trim().chars().count() < 5 {
        return Err(Failure::Input(
            "--doel: beschrijf in minstens 5 tekens waarom er geëxporteerd wordt".into(),
        ));
    }
    let to: &Path = &a.naar;
    if to.exists() {
        return Err(Failure::Input(format!(
            "{} bestaat al; kies een nieuw bestand",
            to.display()
        )));
    }
    let conn = db::open(&a.db).map_err(|e| Failure::Work(format!("database: {e}")))?;
    let mut file = std::io::BufWriter::new(
        std::fs::File::create(to).map_err(|e| Failure::Work(e.to_string()))?,
    );
    let n = db::export(&conn, &mut file).map_err(Failure::Work)?;
    std::io::Write::flush(&mut file).map_err(|e| Failure::Work(e.to_string()))?;
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    meedoen_server::audit::write(
        &conn,
        &now,
        &[meedoen_server::audit::Entry {
            user: None,
            actor: "opdrachtregel (export)",
            action: meedoen_server::audit::Action::Export,
            object_kind: "dossier",
            object_id: None,
            subject: None,
            fields: &[],
            purpose: &a.doel,
            request_id: "opdrachtregel",
            client: None,
        }],
    )
    .map_err(|e| Failure::Work(e.body.fout.nl))?;
    println!("{n} records geëxporteerd naar {}", to.display());
    Ok(())
}

/// The import of the income department's file from the command line: the same reading,
/// plan and transaction as the app's import page.
fn import(a: ImportArgs) -> Result<(), Failure> {
    use meedoen_server::import as imp;
    let bytes = std::fs::read(&a.bestand)
        .map_err(|e| Failure::Input(format!("{}: {e}", a.bestand.display())))?;
    let mut conn = db::open(&a.db).map_err(|e| Failure::Work(format!("database: {e}")))?;
    let ctx = meedoen_domain::records::Context {
        today: a
            .peildatum
            .unwrap_or_else(|| chrono::Utc::now().date_naive()),
        rules: meedoen_domain::RuleSet::embedded(),
    };
    let api = |e: meedoen_server::error::ApiError| {
        let f = e.body.fout;
        Failure::Input(format!("{}: {}", f.veld.unwrap_or_default(), f.nl))
    };
    let p = imp::preview_of(&conn, &bytes, &ctx).map_err(api)?;
    println!(
        "{} regels ({}): {} toevoegen, {} wijzigen, {} ongewijzigd, {} markeren als 'bijstand beëindigd?'; {} fout(en)",
        p.regels,
        match p.codering {
            meedoen_domain::import::Encoding::Utf8 => "UTF-8",
            meedoen_domain::import::Encoding::Windows1252 => "Windows-1252",
        },
        p.toevoegen,
        p.wijzigen,
        p.ongewijzigd,
        p.markeren,
        p.fouten_totaal
    );
    for f in &p.fouten {
        println!("regel {}, kolom {}: {}", f.regel, f.kolom, f.melding.nl);
    }
    if p.fouten_totaal > 0 {
        return Err(Failure::Input(format!(
            "{} fout(en) in het bestand; er is niets ingelezen",
            p.fouten_totaal
        )));
    }
    if !a.toepassen {
        println!("voorbeeld: er is niets geschreven (schrijf met --toepassen)");
        return Ok(());
    }
    let team = imp::choose_team(&conn, a.team.as_deref(), "").map_err(api)?;
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let tx = conn
        .transaction()
        .map_err(|e| Failure::Work(format!("database: {e}")))?;
    let actor = imp::Actor {
        user: None,
        name: "opdrachtregel (import)",
        request: "opdrachtregel",
        client: None,
    };
    let s = imp::apply_in(&tx, &bytes, &ctx, &team, &actor, &now).map_err(api)?;
    tx.commit()
        .map_err(|e| Failure::Work(format!("database: {e}")))?;
    println!(
        "ingelezen (import {}): {} toegevoegd op de wachtlijst van team {team}, {} gewijzigd, {} ongewijzigd, {} gemarkeerd",
        s.id, s.toegevoegd, s.gewijzigd, s.ongewijzigd, s.gemarkeerd
    );
    Ok(())
}

/// The council report of a period as JSON or CSV on standard output: aggregates only (no
/// resident ids), computed with the same code as the app's report page.
fn report(a: ReportArgs) -> Result<(), Failure> {
    let q = meedoen_server::report::PeriodQuery {
        jaar: a.jaar,
        van: a.van,
        tot: a.tot,
        sinds_start: a.sinds_start.then(|| "ja".to_string()),
    };
    let lang = if a.taal == "en" {
        meedoen_domain::Lang::En
    } else {
        meedoen_domain::Lang::Nl
    };
    let today = a
        .peildatum
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let conn = db::open(&a.db).map_err(|e| Failure::Work(format!("database: {e}")))?;
    let r = meedoen_server::report::from_file(&conn, &q, today).map_err(|e| {
        Failure::Input(format!(
            "{}: {}",
            e.body.fout.veld.clone().unwrap_or_default(),
            e.body.fout.nl
        ))
    })?;
    if a.formaat == "csv" {
        print!("{}", r.csv(lang));
    } else {
        println!(
            "{}",
            serde_json::to_string_pretty(&r).map_err(|e| Failure::Work(e.to_string()))?
        );
    }
    Ok(())
}
