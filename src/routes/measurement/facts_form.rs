//! The facts of a measurement as the consultant types them (text for numbers and choices, `""`
//! is not known), to and from the domain's raw facts; numbers and dates that cannot be read are
//! reported on their input.

use meedoen_domain::facts::{Contract, DayActivities, PaidWork, Readiness, UnpaidKind, UnpaidWork};
use meedoen_domain::number::parse_decimal;
use meedoen_domain::records::FieldError;
use meedoen_domain::vocab::Coded;
use meedoen_domain::{RawFacts, Text};

/// The facts as typed: text for numbers and choices, "" = not known.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FactsForm {
    pub werk: String,
    pub werk_uren: String,
    pub lks: bool,
    pub jobcoach: bool,
    pub beschut: bool,
    pub aanvullend: bool,
    pub werkleer: bool,
    pub onbetaald: String,
    pub verantwoordelijkheid: bool,
    pub contactmomenten: String,
    pub mantelzorg: String,
    pub dagbesteding: String,
    pub activiteiten: String,
    pub contacten: String,
    pub bijstand_sinds: String,
    pub gereedheid: String,
    pub groei: String,
}

/// A number as the consultant would type it: "12", "12.5" (at most six decimals).
fn num(v: f64) -> String {
    meedoen_domain::number::plain(v, 6)
}

/// A choice's code into its type ("" and unknown codes are None).
fn parse<T: Coded>(s: &str) -> Option<T> {
    T::from_code(s)
}

fn code<T: Coded>(v: &T) -> String {
    v.code().to_string()
}

impl FactsForm {
    pub fn from_facts(f: &RawFacts) -> FactsForm {
        let mut x = FactsForm::default();
        if let Some(w) = &f.betaald_werk {
            x.werk = code(&w.soort);
            x.werk_uren = num(w.uren_per_week);
            (x.lks, x.jobcoach, x.beschut, x.aanvullend, x.werkleer) = (
                w.loonkostensubsidie,
                w.jobcoach,
                w.beschut_werk,
                w.aanvullende_uitkering,
                w.werkleertraject,
            );
        }
        match f.onbetaald_werk.as_deref() {
            Some([]) => x.onbetaald = "geen".into(),
            Some([u, ..]) => {
                x.onbetaald = code(&u.soort);
                x.verantwoordelijkheid = u.verantwoordelijkheid;
                x.contactmomenten = num(u.contactmomenten_per_week);
            }
            None => {}
        }
        let opt = |v: Option<f64>| v.map(num).unwrap_or_default();
        x.mantelzorg = opt(f.mantelzorg_uren_per_week);
        x.dagbesteding = f.dagbesteding.map(|d| code(&d)).unwrap_or_default();
        x.activiteiten = opt(f.georganiseerde_activiteiten_per_week);
        x.contacten = opt(f.sociale_contacten_per_week);
        x.bijstand_sinds = f
            .in_bijstand_sinds
            .map(|d| d.to_string())
            .unwrap_or_default();
        x.gereedheid = f.gereedheid.map(|d| code(&d)).unwrap_or_default();
        x.groei = opt(f.groeipotentieel);
        x
    }

    /// The raw facts, or the inputs that are not numbers or dates.
    pub fn to_facts(&self) -> Result<RawFacts, Vec<FieldError>> {
        let mut e = vec![];
        let mut number = |id: &str, s: &str| -> Option<f64> {
            let t = s.trim().replace(',', ".");
            if t.is_empty() {
                return None;
            }
            parse_decimal(&t).filter(|v| v.is_finite()).or_else(|| {
                e.push(FieldError { field: id.into(), message: Text::new("Vul een getal in, bijvoorbeeld 2 of 2,5; laat leeg als het niet bekend is.", "Enter a number, for example 2 or 2.5; leave empty if not known.") });
                None
            })
        };
        let werk = (!self.werk.is_empty()).then(|| PaidWork {
            soort: parse(&self.werk).unwrap_or(Contract::Geen),
            uren_per_week: 0.0,
            loonkostensubsidie: self.lks,
            jobcoach: self.jobcoach,
            beschut_werk: self.beschut,
            aanvullende_uitkering: self.aanvullend,
            werkleertraject: self.werkleer,
        });
        let werk_uren = number("betaald_werk.uren_per_week", &self.werk_uren);
        let contact = number(
            "onbetaald_werk[0].contactmomenten_per_week",
            &self.contactmomenten,
        );
        let facts = RawFacts {
            peildatum: None,
            betaald_werk: werk.map(|w| PaidWork {
                uren_per_week: werk_uren.unwrap_or(0.0),
                ..w
            }),
            onbetaald_werk: match self.onbetaald.as_str() {
                "" => None,
                "geen" => Some(vec![]),
                k => Some(vec![UnpaidWork {
                    soort: parse(k).unwrap_or(UnpaidKind::Vrijwilligerswerk),
                    verantwoordelijkheid: self.verantwoordelijkheid,
                    contactmomenten_per_week: contact.unwrap_or(0.0),
                }]),
            },
            mantelzorg_uren_per_week: number("mantelzorg_uren_per_week", &self.mantelzorg),
            dagbesteding: parse::<DayActivities>(&self.dagbesteding),
            georganiseerde_activiteiten_per_week: number(
                "georganiseerde_activiteiten_per_week",
                &self.activiteiten,
            ),
            sociale_contacten_per_week: number("sociale_contacten_per_week", &self.contacten),
            in_bijstand_sinds: None,
            gereedheid: parse::<Readiness>(&self.gereedheid),
            groeipotentieel: number("groeipotentieel", &self.groei),
        };
        let since = self.bijstand_sinds.trim();
        let facts = RawFacts {
            in_bijstand_sinds: if since.is_empty() {
                None
            } else {
                match meedoen_domain::day::parse(since) {
                    Some(d) => Some(d),
                    None => {
                        e.push(FieldError {
                            field: "in_bijstand_sinds".into(),
                            message: Text::new(
                                "Vul een datum in als jjjj-mm-dd.",
                                "Enter a date as yyyy-mm-dd.",
                            ),
                        });
                        None
                    }
                }
            },
            ..facts
        };
        if e.is_empty() {
            Ok(facts)
        } else {
            Err(e)
        }
    }
}

/// The input id of a fact's field path.
pub fn input_id(field: &str) -> String {
    format!("f-{}", field.replace("[0]", "").replace('.', "-"))
}
