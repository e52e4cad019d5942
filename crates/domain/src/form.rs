//! The resident's form as it is being filled in: raw answers exactly as typed (kept in the
//! browser between visits), the pages it asks them on (one question per page), and the
//! conversion into a checked [`Submission`]. Every problem names the page and the input it
//! belongs to, so the form can link to it and put the focus there.

use crate::records::FieldError;
use crate::submission::{
    Activity, Channel, Contact, DayPart, Doing, HowOften, Obstacle, Submission,
};
use crate::text::{Lang, Text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One thing the resident does now, as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DoingDraft {
    pub soort: Activity,
    #[serde(default)]
    pub hoe_vaak: Option<HowOften>,
    /// Hours a week as typed ("12", "12,5").
    #[serde(default)]
    pub uren: String,
}

/// The answers so far. Every field has a default, so an older saved draft still loads.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// What the resident does now, in the order of the form.
    pub nu: Vec<DoingDraft>,
    /// "None of these" was chosen on the first question.
    pub nu_geen: bool,
    pub wil: Vec<Activity>,
    pub wil_toelichting: String,
    pub moeilijk: Vec<Obstacle>,
    pub moeilijk_toelichting: String,
    pub naam: String,
    pub dag: String,
    pub maand: String,
    pub jaar: String,
    pub manier: Option<Channel>,
    pub telefoon: String,
    pub email: String,
    pub wanneer: Vec<DayPart>,
}

/// A page of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Nu,
    Vaak(Activity),
    Wil,
    Moeilijk,
    Naam,
    Geboortedatum,
    Contact,
    Wanneer,
    Controleren,
}

impl Step {
    /// The page's address part (never personal data).
    pub fn slug(self) -> String {
        match self {
            Step::Nu => "nu".into(),
            Step::Vaak(a) => format!("hoe-vaak-{}", a.code()),
            Step::Wil => "wil".into(),
            Step::Moeilijk => "moeilijk".into(),
            Step::Naam => "naam".into(),
            Step::Geboortedatum => "geboortedatum".into(),
            Step::Contact => "contact".into(),
            Step::Wanneer => "wanneer".into(),
            Step::Controleren => "controleren".into(),
        }
    }

    pub fn from_slug(s: &str) -> Option<Step> {
        if let Some(code) = s.strip_prefix("hoe-vaak-") {
            return Activity::ALL
                .into_iter()
                .find(|a| a.code() == code)
                .map(Step::Vaak);
        }
        Some(match s {
            "nu" => Step::Nu,
            "wil" => Step::Wil,
            "moeilijk" => Step::Moeilijk,
            "naam" => Step::Naam,
            "geboortedatum" => Step::Geboortedatum,
            "contact" => Step::Contact,
            "wanneer" => Step::Wanneer,
            "controleren" => Step::Controleren,
            _ => return None,
        })
    }
}

/// A problem with an answer: the page it is on, the input to focus, and how to fix it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    #[serde(skip)]
    pub step: Step,
    /// The id of the input in the page.
    pub input: String,
    pub message: Text,
}

impl Draft {
    /// The date of birth as the check page shows it: as a date in words ("7 april 1988",
    /// "7 April 1988"), or as typed while it is not a valid date.
    pub fn birth_date_text(&self, lang: Lang) -> String {
        match parse_birth_date(&self.dag, &self.maand, &self.jaar) {
            Ok(d) => match lang {
                Lang::Nl => crate::report::date_nl(d),
                Lang::En => crate::report::date_en(d),
            },
            Err(_) => format!(
                "{} {} {}",
                self.dag.trim(),
                self.maand.trim(),
                self.jaar.trim()
            )
            .trim()
            .to_string(),
        }
    }

    /// The pages this draft asks, in order: a "how often" page for each thing done now.
    pub fn steps(&self) -> Vec<Step> {
        let mut s = vec![Step::Nu];
        s.extend(self.nu.iter().map(|d| Step::Vaak(d.soort)));
        s.extend([
            Step::Wil,
            Step::Moeilijk,
            Step::Naam,
            Step::Geboortedatum,
            Step::Contact,
            Step::Wanneer,
            Step::Controleren,
        ]);
        s
    }

    /// The page after `step`, if any.
    pub fn next(&self, step: Step) -> Option<Step> {
        let s = self.steps();
        let i = s.iter().position(|x| *x == step)?;
        s.get(i + 1).copied()
    }

    /// The page before `step`, if any.
    pub fn previous(&self, step: Step) -> Option<Step> {
        let s = self.steps();
        let i = s.iter().position(|x| *x == step)?;
        i.checked_sub(1).map(|i| s[i])
    }

    /// Tick or untick something done now; keeps the answers of what stays ticked.
    pub fn set_doing(&mut self, a: Activity, on: bool) {
        if on && !self.nu.iter().any(|d| d.soort == a) {
            self.nu.push(DoingDraft {
                soort: a,
                hoe_vaak: None,
                uren: String::new(),
            });
            sort_few_by_key(&mut self.nu, |d| {
                Activity::ALL.iter().position(|x| *x == d.soort)
            });
            self.nu_geen = false;
        } else if !on {
            self.nu.retain(|d| d.soort != a);
        }
    }

    pub fn doing_mut(&mut self, a: Activity) -> Option<&mut DoingDraft> {
        self.nu.iter_mut().find(|d| d.soort == a)
    }

    /// Whether the resident has typed anything at all.
    pub fn is_empty(&self) -> bool {
        *self == Draft::default()
    }

    /// The problems on one page (what "Next" checks).
    pub fn problems_on(&self, step: Step, today: NaiveDate) -> Vec<Problem> {
        self.problems(today)
            .into_iter()
            .filter(|p| p.step == step)
            .collect()
    }

    /// Every problem in the draft, in page order.
    pub fn problems(&self, today: NaiveDate) -> Vec<Problem> {
        match self.to_submission(Lang::Nl, today) {
            Ok(_) => vec![],
            Err(p) => p,
        }
    }

    /// Turn the answers into a submission checked by the same rules as the server.
    pub fn to_submission(&self, taal: Lang, today: NaiveDate) -> Result<Submission, Vec<Problem>> {
        let mut p = Vec::new();
        let mut add = |step: Step, input: String, nl: &'static str, en: &'static str| {
            p.push(Problem {
                step,
                input,
                message: Text::new(nl, en),
            })
        };
        if self.nu.is_empty() && !self.nu_geen {
            add(
                Step::Nu,
                format!("nu-{}", Activity::ALL[0].code()),
                "Kies wat u nu doet, of kies 'Geen van deze'.",
                "Choose what you do now, or choose 'None of these'.",
            );
        }
        let mut nu = Vec::new();
        for d in &self.nu {
            let step = Step::Vaak(d.soort);
            let code = d.soort.code();
            if d.hoe_vaak.is_none() {
                add(
                    step,
                    format!("vaak-{code}-{}", HowOften::ALL[0].code()),
                    "Kies hoe vaak u dit doet.",
                    "Choose how often you do this.",
                );
            }
            let uren = if d.soort.asks_hours() {
                match parse_hours(&d.uren) {
                    Ok(h) => h,
                    Err((nl, en)) => {
                        add(step, format!("uren-{code}"), nl, en);
                        None
                    }
                }
            } else {
                None
            };
            if let Some(h) = d.hoe_vaak {
                nu.push(Doing {
                    soort: d.soort,
                    hoe_vaak: h,
                    uren_per_week: uren,
                });
            }
        }
        if self.naam.trim().is_empty() {
            add(
                Step::Naam,
                "naam".into(),
                "Schrijf uw naam op.",
                "Write down your name.",
            );
        }
        let date = parse_birth_date(&self.dag, &self.maand, &self.jaar);
        if let Err((input, nl, en)) = &date {
            add(Step::Geboortedatum, (*input).into(), nl, en);
        }
        if self.manier.is_none() {
            add(
                Step::Contact,
                format!("manier-{}", Channel::ALL[0].code()),
                "Kies hoe wij u het beste kunnen bereiken.",
                "Choose how we can best reach you.",
            );
        }
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        let manier = self.manier.unwrap_or(Channel::Brief);
        let submission = Submission {
            taal,
            nu,
            wil: self.wil.clone(),
            wil_toelichting: opt(&self.wil_toelichting),
            moeilijk: self.moeilijk.clone(),
            moeilijk_toelichting: opt(&self.moeilijk_toelichting),
            contact: Contact {
                naam: self.naam.trim().to_string(),
                geboortedatum: date.unwrap_or(today),
                manier,
                // Only the way the resident chose is sent: nothing more than needed.
                telefoon: (manier == Channel::Telefoon)
                    .then(|| opt(&self.telefoon))
                    .flatten(),
                email: (manier == Channel::Email)
                    .then(|| opt(&self.email))
                    .flatten(),
                wanneer: self.wanneer.clone(),
            },
        };
        if let Err(errors) = submission.check(today) {
            for e in errors {
                // Problems found above already explain these fields better.
                let problem = self.problem_for(e);
                if !p.iter().any(|x| x.step == problem.step) {
                    p.push(problem);
                }
            }
        }
        if p.is_empty() {
            Ok(submission)
        } else {
            let order = self.steps();
            sort_few_by_key(&mut p, |x| order.iter().position(|s| *s == x.step));
            Err(p)
        }
    }

    /// Where a field error of the submission check (here or from the server) is fixed.
    pub fn problem_for(&self, e: FieldError) -> Problem {
        let (step, input) = self
            .locate(&e.field)
            .unwrap_or((Step::Controleren, "versturen".into()));
        Problem {
            step,
            input,
            message: e.message,
        }
    }

    /// The page and input a checked field belongs to.
    fn locate(&self, f: &str) -> Option<(Step, String)> {
        if let Some(rest) = f.strip_prefix("nu[") {
            let i: usize = rest.split(']').next()?.parse().ok()?;
            // `nu` of the submission holds only the answered entries, in draft order.
            let d = self.nu.iter().filter(|d| d.hoe_vaak.is_some()).nth(i)?;
            return Some((Step::Vaak(d.soort), format!("uren-{}", d.soort.code())));
        }
        Some(match f {
            "wil_toelichting" => (Step::Wil, f.into()),
            "moeilijk_toelichting" => (Step::Moeilijk, f.into()),
            "contact.naam" => (Step::Naam, "naam".into()),
            "contact.geboortedatum" => (Step::Geboortedatum, "geboortedatum-dag".into()),
            "contact.telefoon" => (Step::Contact, "telefoon".into()),
            "contact.email" => (Step::Contact, "email".into()),
            _ if f.starts_with("wil") => (Step::Wil, format!("wil-{}", Activity::ALL[0].code())),
            _ => (Step::Controleren, "versturen".into()),
        })
    }
}

/// A stable sort for the form's few items (the things done now, the problems: a dozen at most),
/// the same order as `sort_by_key`. By insertion: the standard library's sort is several
/// kilobytes of code for each type it sorts, in the resident's download.
fn sort_few_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Hours a week as typed: empty is a problem, a comma is a decimal point.
fn parse_hours(s: &str) -> Result<Option<f64>, (&'static str, &'static str)> {
    let t = s.trim().replace(',', ".");
    if t.is_empty() {
        return Err((
            "Schrijf hoeveel uur per week. Weet u het niet precies? Schrijf een schatting, bijvoorbeeld 8.",
            "Write how many hours a week. Not sure? Write a guess, for example 8.",
        ));
    }
    match crate::number::parse_decimal(&t) {
        Some(h) if h.is_finite() && (0.0..=80.0).contains(&h) => Ok(Some(h)),
        Some(_) => Err((
            "Schrijf een aantal uur tussen 0 en 80.",
            "Write a number of hours between 0 and 80.",
        )),
        None => Err((
            "Schrijf alleen een getal, bijvoorbeeld 8 of 12,5.",
            "Write a number only, for example 8 or 12.5.",
        )),
    }
}

type DateProblem = (&'static str, &'static str, &'static str);

/// Day, month and year as typed in three boxes.
fn parse_birth_date(d: &str, m: &str, y: &str) -> Result<NaiveDate, DateProblem> {
    let (d, m, y) = (d.trim(), m.trim(), y.trim());
    if d.is_empty() && m.is_empty() && y.is_empty() {
        return Err((
            "geboortedatum-dag",
            "Schrijf uw geboortedatum: de dag, de maand en het jaar.",
            "Write your date of birth: the day, the month and the year.",
        ));
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let Some(day) = num(d).filter(|x| (1..=31).contains(x)) else {
        return Err((
            "geboortedatum-dag",
            "Schrijf de dag als getal van 1 tot en met 31.",
            "Write the day as a number from 1 to 31.",
        ));
    };
    let Some(month) = num(m).filter(|x| (1..=12).contains(x)) else {
        return Err((
            "geboortedatum-maand",
            "Schrijf de maand als getal van 1 tot en met 12.",
            "Write the month as a number from 1 to 12.",
        ));
    };
    let Some(year) = num(y).filter(|_| y.len() == 4) else {
        return Err((
            "geboortedatum-jaar",
            "Schrijf het jaar met 4 cijfers, bijvoorbeeld 1980.",
            "Write the year with 4 digits, for example 1980.",
        ));
    };
    NaiveDate::from_ymd_opt(year as i32, month, day).ok_or((
        "geboortedatum-dag",
        "Deze datum bestaat niet. Controleer de dag en de maand.",
        "This date does not exist. Check the day and the month.",
    ))
}

impl Activity {
    /// The code used in addresses and ids.
    pub fn code(self) -> &'static str {
        match self {
            Activity::BetaaldWerk => "betaald_werk",
            Activity::Vrijwilligerswerk => "vrijwilligerswerk",
            Activity::Mantelzorg => "mantelzorg",
            Activity::Cursus => "cursus",
            Activity::Club => "club",
            Activity::Contacten => "contacten",
        }
    }

    /// Hours a week are asked for paid work and informal care only.
    pub fn asks_hours(self) -> bool {
        matches!(self, Activity::BetaaldWerk | Activity::Mantelzorg)
    }

    pub fn label(self) -> Text {
        match self {
            Activity::BetaaldWerk => Text::fixed("Betaald werk", "Paid work"),
            Activity::Vrijwilligerswerk => Text::fixed("Vrijwilligerswerk", "Volunteering"),
            Activity::Mantelzorg => Text::fixed(
                "Zorgen voor iemand in mijn familie of buurt (mantelzorg)",
                "Caring for someone in my family or neighbourhood (informal care)",
            ),
            Activity::Cursus => Text::fixed(
                "Een cursus of les, bijvoorbeeld taalles",
                "A course or class, for example a language class",
            ),
            Activity::Club => Text::fixed(
                "Een club of vereniging, bijvoorbeeld sport",
                "A club or association, for example sports",
            ),
            Activity::Contacten => Text::fixed(
                "Afspreken met vrienden, familie of buren",
                "Meeting friends, family or neighbours",
            ),
        }
    }

    /// Short name, for headings and the check page.
    pub fn short(self) -> Text {
        match self {
            Activity::BetaaldWerk => Text::fixed("betaald werk", "paid work"),
            Activity::Vrijwilligerswerk => Text::fixed("vrijwilligerswerk", "volunteering"),
            Activity::Mantelzorg => Text::fixed("mantelzorg", "informal care"),
            Activity::Cursus => Text::fixed("een cursus of les", "a course or class"),
            Activity::Club => Text::fixed("een club of vereniging", "a club or association"),
            Activity::Contacten => Text::fixed(
                "afspreken met vrienden, familie of buren",
                "meeting friends, family or neighbours",
            ),
        }
    }
}

impl HowOften {
    pub const ALL: [HowOften; 4] = [
        HowOften::ElkeDag,
        HowOften::PaarKeerPerWeek,
        HowOften::ElkeWeek,
        HowOften::Minder,
    ];

    pub fn code(self) -> &'static str {
        match self {
            HowOften::ElkeDag => "elke_dag",
            HowOften::PaarKeerPerWeek => "paar_keer_per_week",
            HowOften::ElkeWeek => "elke_week",
            HowOften::Minder => "minder",
        }
    }

    pub fn label(self) -> Text {
        match self {
            HowOften::ElkeDag => Text::fixed("(Bijna) elke dag", "(Almost) every day"),
            HowOften::PaarKeerPerWeek => {
                Text::fixed("Een paar keer per week", "A few times a week")
            }
            HowOften::ElkeWeek => Text::fixed("Eén keer per week", "Once a week"),
            HowOften::Minder => {
                Text::fixed("Minder dan één keer per week", "Less than once a week")
            }
        }
    }
}

impl Obstacle {
    pub const ALL: [Obstacle; 7] = [
        Obstacle::Gezondheid,
        Obstacle::ZorgVoorAnderen,
        Obstacle::Taal,
        Obstacle::Vervoer,
        Obstacle::Geld,
        Obstacle::Kinderopvang,
        Obstacle::Anders,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Obstacle::Gezondheid => "gezondheid",
            Obstacle::ZorgVoorAnderen => "zorg_voor_anderen",
            Obstacle::Taal => "taal",
            Obstacle::Vervoer => "vervoer",
            Obstacle::Geld => "geld",
            Obstacle::Kinderopvang => "kinderopvang",
            Obstacle::Anders => "anders",
        }
    }

    pub fn label(self) -> Text {
        match self {
            Obstacle::Gezondheid => Text::fixed("Mijn gezondheid", "My health"),
            Obstacle::ZorgVoorAnderen => {
                Text::fixed("Ik zorg voor iemand anders", "I care for someone else")
            }
            Obstacle::Taal => Text::fixed("De Nederlandse taal", "The Dutch language"),
            Obstacle::Vervoer => Text::fixed("Vervoer of reizen", "Transport or travel"),
            Obstacle::Geld => Text::fixed("Geld of schulden", "Money or debts"),
            Obstacle::Kinderopvang => Text::fixed("Opvang voor mijn kinderen", "Childcare"),
            Obstacle::Anders => Text::fixed("Iets anders", "Something else"),
        }
    }

    /// Why the form asks about it: shown beside each option.
    pub fn why(self) -> Text {
        match self {
            Obstacle::Gezondheid => Text::fixed(
                "Dan zoeken we iets dat past bij wat u kunt. U hoeft niet te zeggen wat u heeft.",
                "Then we look for something that suits what you can do. You do not have to say what it is.",
            ),
            Obstacle::ZorgVoorAnderen => Text::fixed(
                "Dan houden we rekening met de tijd die u daarvoor nodig heeft.",
                "Then we take into account the time you need for it.",
            ),
            Obstacle::Taal => Text::fixed(
                "Dan kunnen we u een taalcursus aanbieden, of een tolk bij het gesprek.",
                "Then we can offer you a language course, or an interpreter at the meeting.",
            ),
            Obstacle::Vervoer => Text::fixed(
                "Dan zoeken we iets dicht bij huis, of kijken we naar reiskosten.",
                "Then we look for something close to home, or at travel costs.",
            ),
            Obstacle::Geld => Text::fixed(
                "Dan kunnen we u in contact brengen met hulp bij geldzaken.",
                "Then we can put you in touch with help with money matters.",
            ),
            Obstacle::Kinderopvang => Text::fixed(
                "Dan kijken we samen naar opvang, en naar tijden die passen.",
                "Then we look at childcare together, and at times that suit you.",
            ),
            Obstacle::Anders => Text::fixed(
                "U kunt het hieronder uitleggen als u wilt.",
                "You can explain it below if you want.",
            ),
        }
    }
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Telefoon, Channel::Email, Channel::Brief];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Telefoon => "telefoon",
            Channel::Email => "email",
            Channel::Brief => "brief",
        }
    }

    pub fn label(self) -> Text {
        match self {
            Channel::Telefoon => Text::fixed("Bel mij op", "Call me"),
            Channel::Email => Text::fixed("Stuur mij een e-mail", "Send me an email"),
            Channel::Brief => Text::fixed(
                "Stuur mij een brief (naar het adres dat de gemeente van u heeft)",
                "Send me a letter (to the address the municipality has for you)",
            ),
        }
    }
}

impl DayPart {
    pub const ALL: [DayPart; 3] = [DayPart::Ochtend, DayPart::Middag, DayPart::Avond];

    pub fn code(self) -> &'static str {
        match self {
            DayPart::Ochtend => "ochtend",
            DayPart::Middag => "middag",
            DayPart::Avond => "avond",
        }
    }

    pub fn label(self) -> Text {
        match self {
            DayPart::Ochtend => Text::fixed("In de ochtend", "In the morning"),
            DayPart::Middag => Text::fixed("In de middag", "In the afternoon"),
            DayPart::Avond => Text::fixed("In de avond", "In the evening"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sort_few_by_key;

    /// Every arrangement of a list with equal keys comes out as the standard stable sort's.
    #[test]
    fn sort_few_is_the_stable_sort() {
        let items: Vec<(u8, char)> =
            vec![(2, 'a'), (0, 'b'), (2, 'c'), (1, 'd'), (0, 'e'), (1, 'f')];
        let n = items.len();
        let mut seen = 0;
        // All permutations by Heap's algorithm.
        let mut v = items.clone();
        let mut c = vec![0usize; n];
        let mut check = |v: &Vec<(u8, char)>| {
            let mut ours = v.clone();
            let mut std = v.clone();
            sort_few_by_key(&mut ours, |x| x.0);
            std.sort_by_key(|x| x.0);
            assert_eq!(ours, std, "from {v:?}");
            seen += 1;
        };
        check(&v);
        let mut i = 0;
        while i < n {
            if c[i] < i {
                if i % 2 == 0 {
                    v.swap(0, i);
                } else {
                    v.swap(c[i], i);
                }
                check(&v);
                c[i] += 1;
                i = 0;
            } else {
                c[i] = 0;
                i += 1;
            }
        }
        assert_eq!(seen, 720);
        let mut empty: Vec<(u8, char)> = vec![];
        sort_few_by_key(&mut empty, |x| x.0);
        assert!(empty.is_empty());
    }
}
