//! `meedoen-server`: serve the app and API on loopback with an embedded SQLite file.
//! Commands: `serve` (default), with `--demo` to load the demo municipality into a new database.

use meedoen_server::{admin, app, db, demo, AppState};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "meedoen-server — opslag en app-server

Gebruik:
  meedoen-server serve [--db BESTAND] [--dist MAP] [--adres 127.0.0.1:8080] [--demo] [--veilige-cookies]
                       [--vertrouwde-proxy IP]... [--log-niveau info]
  meedoen-server gebruiker-toevoegen --db BESTAND --gebruikersnaam NAAM --naam \"VOLLEDIGE NAAM\" --rol ROL --team TEAM
      (het wachtwoord komt van standaardinvoer; ROL: participatieconsulent, werkconsulent, teamleider, beheerder, beleidsmedewerker)
  meedoen-server backup --db BESTAND --naar NIEUW-BESTAND
      (online back-up: een consistente kopie, ook terwijl de server draait)
  meedoen-server herstel --van BACK-UP --naar NIEUW-BESTAND
      (zet een back-up terug na controle van integriteit en schemaversie; overschrijft nooit)
  meedoen-server export --db BESTAND --naar BESTAND.jsonl --doel \"REDEN\"
      (alle records als JSON-regels; de export komt in het auditlog)
  meedoen-server rapport --db BESTAND [--jaar 2025 | --van 2025-01-01 --tot 2025-06-30 | --sinds-start]
                         [--formaat json|csv] [--taal nl|en] [--peildatum 2026-01-15]
      (de voortgangsrapportage: alleen geaggregeerde cijfers, dezelfde als in de app, naar standaarduitvoer)
  meedoen-server comprimeer --dist MAP
      (bouwstap: schrijft naast elk bestand van de app NAAM.br en NAAM.gz op het hoogste niveau;
       de server geeft die door aan browsers die ze aannemen)

  --db     SQLite-bestand (standaard data/meedoen.sqlite3; wordt aangemaakt)
  --dist   map met de gebouwde app (standaard dist)
  --adres  luisteradres (standaard 127.0.0.1:8080)
  --demo   laad de demogemeente in een nieuwe database
  --veilige-cookies  zet de Secure-vlag op cookies (achter TLS)
  --vertrouwde-proxy IP  een reverse proxy waarvan X-Forwarded-For het adres van de client geeft
                     (herhaalbaar); van andere afzenders wordt die kop genegeerd
  --log-niveau       fout, waarschuwing, info (standaard), debug of alles; logregels gaan naar
                     standaardfout: één per verzoek (id, route, status, duur), nooit persoonsgegevens
";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| !a.starts_with("--")) {
        let cmd = args.remove(0);
        match cmd.as_str() {
            "serve" => {}
            "gebruiker-toevoegen" | "add-user" => return add_user(args),
            "backup" => return backup(args),
            "herstel" | "restore" => return restore(args),
            "export" => return export(args),
            "rapport" | "report" => return report(args),
            "comprimeer" | "compress" => return compress(args),
            _ => {
                eprintln!("onbekend commando '{cmd}'\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let mut secure_cookies = false;
    let mut db_path = PathBuf::from("data/meedoen.sqlite3");
    let mut dist = PathBuf::from("dist");
    let mut addr: SocketAddr = ([127, 0, 0, 1], 8080).into();
    let mut with_demo = false;
    let mut trusted_proxies = Vec::new();
    let mut log_level = tracing::Level::INFO;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} verwacht een waarde"));
        let r: Result<(), String> = match a.as_str() {
            "--db" => value("--db").map(|v| db_path = v.into()),
            "--dist" => value("--dist").map(|v| dist = v.into()),
            "--adres" | "--address" => value("--adres").and_then(|v| {
                v.parse()
                    .map(|v| addr = v)
                    .map_err(|_| format!("--adres: '{v}' is geen adres:poort"))
            }),
            "--demo" => {
                with_demo = true;
                Ok(())
            }
            "--log-niveau" | "--log-level" => value("--log-niveau")
                .and_then(|v| meedoen_server::logging::parse_level(&v))
                .map(|l| log_level = l),
            "--vertrouwde-proxy" | "--trusted-proxy" => value("--vertrouwde-proxy").and_then(|v| {
                v.parse::<std::net::IpAddr>()
                    .map(|ip| trusted_proxies.push(ip))
                    .map_err(|_| format!("--vertrouwde-proxy: '{v}' is geen IP-adres"))
            }),
            "--veilige-cookies" | "--secure-cookies" => {
                secure_cookies = true;
                Ok(())
            }
            "--help" | "-h" => {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => Err(format!("onbekende optie '{other}'")),
        };
        if let Err(e) = r {
            eprintln!("fout: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    meedoen_server::logging::init(log_level);
    if let Some(parent) = db_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(parent) {
            eprintln!("fout: kan map {} niet maken: {e}", parent.display());
            return ExitCode::FAILURE;
        }
    }
    let mut conn = match db::open(&db_path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("fout: database {} openen: {e}", db_path.display());
            return ExitCode::FAILURE;
        }
    };
    if with_demo {
        match demo::seed(&mut conn) {
            Ok(true) => println!("Demogemeente geladen: {} inwoners.", demo::RESIDENTS),
            Ok(false) => println!("Database heeft al een gemeente; demo niet opnieuw geladen."),
            Err(e) => {
                eprintln!("fout: demo laden: {e}");
                return ExitCode::FAILURE;
            }
        }
        println!("Demo-aanmeldingen (alleen voor de demo):");
        for (user, name, role, team, password) in demo::USERS {
            println!(
                "  {user:<12} {password:<22} {} ({name}, team {team})",
                role.code()
            );
        }
    }
    let dist = dist.join("index.html").exists().then_some(dist);
    if dist.is_none() {
        eprintln!("let op: geen gebouwde app gevonden (dist/index.html); alleen de API draait");
    }
    let mut state = AppState::new(conn, dist);
    state.secure_cookies = secure_cookies;
    state.trusted_proxies = trusted_proxies;
    let db = state.db.clone();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("fout: runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("fout: kan niet luisteren op {addr}: {e}");
                return ExitCode::FAILURE;
            }
        };
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
                let mut term =
                    tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                        .expect("SIGTERM handler");
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            #[cfg(not(unix))]
            let _ = tokio::signal::ctrl_c().await;
            println!("Meedoen stopt: lopende verzoeken worden afgemaakt.");
        };
        let served = axum::serve(
            listener,
            app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        if let Err(e) = served {
            eprintln!("fout: {e}");
            return ExitCode::FAILURE;
        }
        match db::checkpoint(&db) {
            Ok(()) => {
                println!("Meedoen gestopt; database bijgewerkt.");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("fout: database afsluiten: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

/// `gebruiker-toevoegen`: create a user; the password is read from standard input.
fn add_user(args: Vec<String>) -> ExitCode {
    let get = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let (Some(db_path), Some(username), Some(name), Some(role), Some(team)) = (
        get("--db"),
        get("--gebruikersnaam"),
        get("--naam"),
        get("--rol"),
        get("--team"),
    ) else {
        eprintln!("fout: --db, --gebruikersnaam, --naam, --rol en --team zijn nodig\n\n{USAGE}");
        return ExitCode::from(2);
    };
    let Some(rol) = meedoen_server::auth::Role::parse(&role) else {
        eprintln!("fout: --rol: '{role}' is geen rol (participatieconsulent, werkconsulent, teamleider, beheerder, beleidsmedewerker)");
        return ExitCode::from(2);
    };
    let mut password = String::new();
    if std::io::stdin().read_line(&mut password).is_err() {
        eprintln!("fout: geen wachtwoord op standaardinvoer");
        return ExitCode::from(2);
    }
    let conn = match db::open(std::path::Path::new(&db_path)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("fout: database {db_path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let user = admin::NewUser {
        gebruikersnaam: username,
        naam: name,
        rol,
        team,
        wachtwoord: password.trim_end_matches(['\r', '\n']).to_string(),
    };
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    match admin::insert_user(&conn, &user, "opdrachtregel", &now) {
        Ok(id) => {
            println!("Gebruiker {} aangemaakt (id {id}).", user.gebruikersnaam);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "fout: {}: {}",
                e.body.fout.veld.unwrap_or_default(),
                e.body.fout.nl
            );
            ExitCode::from(2)
        }
    }
}

/// Parse `--name value` pairs; every name must be known and given once.
fn options(
    args: Vec<String>,
    known: &[&str],
) -> Result<std::collections::HashMap<String, String>, String> {
    let mut map = std::collections::HashMap::new();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        if !known.contains(&a.as_str()) {
            return Err(format!("onbekende optie '{a}'"));
        }
        let v = it.next().ok_or(format!("{a} verwacht een waarde"))?;
        map.insert(a.trim_start_matches("--").to_string(), v);
    }
    for k in known {
        if !map.contains_key(k.trim_start_matches("--")) {
            return Err(format!("{k} ontbreekt"));
        }
    }
    Ok(map)
}

fn compress(args: Vec<String>) -> ExitCode {
    let run = || -> Result<String, String> {
        let o = options(args, &["--dist"])?;
        let list = meedoen_server::precompress::compress_dir(std::path::Path::new(&o["dist"]))
            .map_err(|e| format!("--dist {}: {e}", o["dist"]))?;
        let mut text = String::new();
        for c in &list {
            text.push_str(&format!(
                "{:>9} B ruw {:>9} B gzip {:>9} B brotli  {}\n",
                c.raw,
                c.gzip,
                c.brotli,
                c.path.display()
            ));
        }
        Ok(text)
    };
    match run() {
        Ok(m) => {
            print!("{m}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("fout: {e}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn restore(args: Vec<String>) -> ExitCode {
    let run = || -> Result<String, String> {
        let o = options(args, &["--van", "--naar"])?;
        let n = db::restore(
            std::path::Path::new(&o["van"]),
            std::path::Path::new(&o["naar"]),
        )?;
        Ok(format!(
            "back-up {} teruggezet in {}: {n} records, integriteit gecontroleerd",
            o["van"], o["naar"]
        ))
    };
    match run() {
        Ok(m) => {
            println!("{m}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("fout: {e}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn backup(args: Vec<String>) -> ExitCode {
    let run = || -> Result<String, String> {
        let o = options(args, &["--db", "--naar"])?;
        let conn =
            db::open(std::path::Path::new(&o["db"])).map_err(|e| format!("database: {e}"))?;
        db::backup(&conn, std::path::Path::new(&o["naar"]))?;
        Ok(format!(
            "back-up geschreven naar {} (integriteit gecontroleerd)",
            o["naar"]
        ))
    };
    match run() {
        Ok(m) => {
            println!("{m}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("fout: {e}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn export(args: Vec<String>) -> ExitCode {
    let run = || -> Result<String, String> {
        let o = options(args, &["--db", "--naar", "--doel"])?;
        if o["doel"].trim().len() < 5 {
            return Err(
                "--doel: beschrijf in minstens 5 tekens waarom er geëxporteerd wordt".into(),
            );
        }
        let to = std::path::Path::new(&o["naar"]);
        if to.exists() {
            return Err(format!(
                "{} bestaat al; kies een nieuw bestand",
                to.display()
            ));
        }
        let conn =
            db::open(std::path::Path::new(&o["db"])).map_err(|e| format!("database: {e}"))?;
        let mut file =
            std::io::BufWriter::new(std::fs::File::create(to).map_err(|e| e.to_string())?);
        let n = db::export(&conn, &mut file)?;
        std::io::Write::flush(&mut file).map_err(|e| e.to_string())?;
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
                purpose: &o["doel"],
                request_id: "opdrachtregel",
                client: None,
            }],
        )
        .map_err(|e| e.body.fout.nl)?;
        Ok(format!("{n} records geëxporteerd naar {}", to.display()))
    };
    match run() {
        Ok(m) => {
            println!("{m}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("fout: {e}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The council report of a period as JSON or CSV on standard output: aggregates only (no
/// resident ids), computed with the same code as the app's report page.
fn report(args: Vec<String>) -> ExitCode {
    let run = || -> Result<String, String> {
        let mut q = meedoen_server::report::PeriodQuery::default();
        let (mut db_path, mut format, mut lang, mut today) = (
            None,
            "json".to_string(),
            meedoen_domain::Lang::Nl,
            chrono::Utc::now().date_naive(),
        );
        let mut it = args.into_iter();
        while let Some(a) = it.next() {
            let mut value = |name: &str| it.next().ok_or(format!("{name} verwacht een waarde"));
            match a.as_str() {
                "--db" => db_path = Some(value("--db")?),
                "--jaar" => q.jaar = Some(value("--jaar")?),
                "--van" => q.van = Some(value("--van")?),
                "--tot" => q.tot = Some(value("--tot")?),
                "--sinds-start" => q.sinds_start = Some("ja".into()),
                "--formaat" => {
                    format = value("--formaat")?;
                    if format != "json" && format != "csv" {
                        return Err(format!("--formaat: '{format}' is geen json of csv"));
                    }
                }
                "--taal" => {
                    lang = match value("--taal")?.as_str() {
                        "nl" => meedoen_domain::Lang::Nl,
                        "en" => meedoen_domain::Lang::En,
                        other => return Err(format!("--taal: '{other}' is geen nl of en")),
                    }
                }
                "--peildatum" => {
                    let v = value("--peildatum")?;
                    today = v
                        .parse()
                        .map_err(|_| format!("--peildatum: '{v}' is geen datum (jjjj-mm-dd)"))?;
                }
                other => return Err(format!("onbekende optie '{other}'")),
            }
        }
        let path = db_path.ok_or("--db ontbreekt")?;
        let conn = db::open(std::path::Path::new(&path)).map_err(|e| format!("database: {e}"))?;
        let r = meedoen_server::report::from_file(&conn, &q, today).map_err(|e| {
            format!(
                "{}: {}",
                e.body.fout.veld.clone().unwrap_or_default(),
                e.body.fout.nl
            )
        })?;
        Ok(if format == "csv" {
            r.csv(lang)
        } else {
            serde_json::to_string_pretty(&r).map_err(|e| e.to_string())? + "\n"
        })
    };
    match run() {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("fout: {e}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
