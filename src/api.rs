//! The client of the storage endpoint (gloo-net). Errors become bilingual messages for the UI.

use gloo_net::http::Request;
use meedoen_domain::Text;
use serde::Deserialize;

/// What `/api/gezondheid` answers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Health {
    pub status: String,
    pub versie: String,
    pub database: String,
    pub schema_versie: i64,
    pub gemeente: Option<String>,
    pub inwoners: i64,
    pub regels: Vec<String>,
}

pub async fn health() -> Result<Health, Text> {
    let res = Request::get("/api/gezondheid").send().await.map_err(|_| {
        Text::new(
            "De server is niet bereikbaar. Controleer de verbinding.",
            "The server cannot be reached. Check the connection.",
        )
    })?;
    if !res.ok() {
        return Err(Text::new(
            format!("De server antwoordde met status {}.", res.status()),
            format!("The server answered with status {}.", res.status()),
        ));
    }
    res.json::<Health>().await.map_err(|_| {
        Text::new(
            "Het antwoord van de server was onleesbaar.",
            "The server's answer could not be read.",
        )
    })
}
