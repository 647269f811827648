//! Journals shaped like the organisation of the seed stories: 1,200 people
//! (100 executives out twice a year, 1,100 IT staff out a day a year) in
//! groups with targets; about 3,000 sites; about 40 tags, some nested; each
//! entry raising 0 to 3 ideas (about one on average), most with a title of
//! their own never seen before, about a third following an earlier idea up
//! by its id (a new status, an owner), a few by its title alone; now and
//! then an entry with 20 or more ideas; bodies of 1 to 2 KB with quotes.

use insight::model::config::{DEFAULT_KINDS as KINDS, DEFAULT_STATUSES as STATUSES};
use insight::model::slug::slug;

use super::{Rng, body};

pub const PEOPLE: usize = 1_200;
const EXECUTIVES: usize = 100;

const FIRST_NAMES: [&str; 40] = [
    "Ada", "Ben", "Chloe", "Dev", "Elena", "Femi", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
    "Liam", "Maya", "Nils", "Olga", "Priya", "Quinn", "Rosa", "Sami", "Tariq", "Uma", "Viktor",
    "Wen", "Ximena", "Yusuf", "Zoe", "Arjun", "Bea", "Carlos", "Dana", "Emil", "Farah", "Goran",
    "Hana", "Ivan", "Jade", "Kofi", "Lena", "Mateo", "Noor",
];
const LAST_NAMES: [&str; 30] = [
    "Okafor",
    "Lindqvist",
    "Vogel",
    "Raman",
    "Capone",
    "Selley",
    "Dhanda",
    "Juliano",
    "Shurts",
    "Berg",
    "Novak",
    "Ito",
    "Reyes",
    "Chen",
    "Müller",
    "Kowalski",
    "Haddad",
    "Silva",
    "Moreau",
    "Nakamura",
    "Brennan",
    "Osei",
    "Petrov",
    "Larsen",
    "Costa",
    "Ahmed",
    "Fischer",
    "Walsh",
    "Kim",
    "Dubois",
];
const CHAINS: [&str; 30] = [
    "Cub Foods",
    "Jewel-Osco",
    "Shaw's",
    "Albertsons",
    "Safeway",
    "Tesco",
    "Sainsbury's",
    "Carrefour",
    "Lidl",
    "Aldi",
    "BT contact centre",
    "Vodafone shop",
    "Starbucks",
    "Costa",
    "ADP client support",
    "Payroll hub",
    "PNC branch",
    "Barclays branch",
    "Brandywine tower",
    "Maple Leaf plant",
    "Coca-Cola depot",
    "Sanmina-SCI line",
    "Distribution centre",
    "Call centre",
    "Pharmacy",
    "Clinic",
    "Hotel front desk",
    "Airport desk",
    "Rail ticket office",
    "Service desk",
];
const CITIES: [&str; 100] = [
    "Minneapolis",
    "Chicago",
    "Boston",
    "Atlanta",
    "Seattle",
    "Philadelphia",
    "Toronto",
    "Leeds",
    "Manchester",
    "Glasgow",
    "Dublin",
    "Cork",
    "Lyon",
    "Lille",
    "Hamburg",
    "Munich",
    "Cologne",
    "Leipzig",
    "Vienna",
    "Graz",
    "Zurich",
    "Basel",
    "Milan",
    "Turin",
    "Madrid",
    "Seville",
    "Porto",
    "Lisbon",
    "Rotterdam",
    "Utrecht",
    "Antwerp",
    "Ghent",
    "Oslo",
    "Bergen",
    "Malmö",
    "Uppsala",
    "Aarhus",
    "Odense",
    "Helsinki",
    "Tampere",
    "Warsaw",
    "Kraków",
    "Prague",
    "Brno",
    "Budapest",
    "Debrecen",
    "Bucharest",
    "Cluj",
    "Athens",
    "Patras",
    "Austin",
    "Dallas",
    "Houston",
    "Denver",
    "Phoenix",
    "Portland",
    "San Jose",
    "San Diego",
    "Miami",
    "Tampa",
    "Orlando",
    "Detroit",
    "Cleveland",
    "Columbus",
    "Pittsburgh",
    "Buffalo",
    "Albany",
    "Baltimore",
    "Richmond",
    "Raleigh",
    "Charlotte",
    "Nashville",
    "Memphis",
    "St. Louis",
    "Kansas City",
    "Omaha",
    "Des Moines",
    "Milwaukee",
    "Madison",
    "Indianapolis",
    "Louisville",
    "Cincinnati",
    "Salt Lake City",
    "Boise",
    "Spokane",
    "Tacoma",
    "Anchorage",
    "Honolulu",
    "Calgary",
    "Edmonton",
    "Winnipeg",
    "Ottawa",
    "Montreal",
    "Quebec",
    "Halifax",
    "Victoria",
    "Vancouver",
    "Regina",
    "Saskatoon",
    "Hamilton",
];
const TAGS: [&str; 40] = [
    "mobile",
    "mobile/app",
    "mobile/payments",
    "mobile/notifications",
    "pricing",
    "pricing/promotions",
    "billing",
    "billing/errors",
    "checkout",
    "checkout/self-service",
    "coupons",
    "privacy",
    "security",
    "analytics",
    "analytics/dashboards",
    "data-quality",
    "self-service",
    "store-navigation",
    "stock",
    "supply-chain",
    "tenants",
    "network",
    "benefits",
    "payroll",
    "onboarding",
    "training",
    "accessibility",
    "language",
    "loyalty",
    "returns",
    "delivery",
    "scheduling",
    "call-routing",
    "hold-times",
    "forms",
    "search",
    "web",
    "kiosk",
    "printing",
    "identity",
];
const VERBS: [&str; 30] = [
    "Show",
    "Let customers see",
    "Send",
    "Explain",
    "Simplify",
    "Print",
    "Track",
    "Warn about",
    "Offer",
    "Sort",
    "Share",
    "Fix",
    "Speed up",
    "Remember",
    "Translate",
    "Group",
    "Hide",
    "Highlight",
    "Check",
    "Book",
    "Compare",
    "Pre-fill",
    "Save",
    "Scan",
    "Split",
    "Suggest",
    "Estimate",
    "Confirm",
    "Flag",
    "Route",
];
const OBJECTS: [&str; 50] = [
    "the shelf location",
    "the queue length",
    "the order status",
    "the delivery slot",
    "the refund",
    "the payslip",
    "the bill",
    "the coupon",
    "the price per unit",
    "the stock level",
    "the store map",
    "the opening hours",
    "the loyalty points",
    "the return label",
    "the appointment",
    "the call-back time",
    "the account balance",
    "the contract end",
    "the data usage",
    "the tariff",
    "the receipt",
    "the shopping list",
    "the prescription",
    "the parking space",
    "the ticket",
    "the seat",
    "the invoice",
    "the tax form",
    "the holiday balance",
    "the shift swap",
    "the password reset",
    "the address change",
    "the device repair",
    "the broadband fault",
    "the meter reading",
    "the direct debit",
    "the card block",
    "the travel notice",
    "the gift card",
    "the warranty",
    "the size guide",
    "the allergy list",
    "the recipe",
    "the basket",
    "the wish list",
    "the product recall",
    "the price match",
    "the bulk discount",
    "the click-and-collect order",
    "the survey",
];
const WHERE: [&str; 40] = [
    "in the app",
    "at the till",
    "on the receipt",
    "by text",
    "by e-mail",
    "on the web site",
    "at the kiosk",
    "on the shelf label",
    "in the call-centre screen",
    "on the phone",
    "before people walk in",
    "at the door",
    "in the first minute of a call",
    "for agents",
    "for store staff",
    "for new joiners",
    "for older customers",
    "in their language",
    "without logging in",
    "on the home screen",
    "in the weekly e-mail",
    "at the service desk",
    "on the parcel",
    "in the queue",
    "on the invoice",
    "at checkout",
    "in the chatbot",
    "on the intranet",
    "in the branch",
    "on the tablet",
    "on the printed list",
    "at the pharmacy counter",
    "in the delivery window",
    "on the statement",
    "in the portal",
    "on the loyalty card",
    "at the help point",
    "in the staff room",
    "on the night shift",
    "at the collection point",
];

/// Person `n` of the 1,200: a first and a last name, unique.
fn person(n: usize) -> String {
    format!(
        "{} {}",
        FIRST_NAMES[n % FIRST_NAMES.len()],
        LAST_NAMES[n / FIRST_NAMES.len()]
    )
}

/// Idea title `n`, unique for every n below 60,000 and repeated with a
/// suffix past it.
fn idea_title(n: usize) -> String {
    let verb = VERBS[n % VERBS.len()];
    let object = OBJECTS[(n / VERBS.len()) % OBJECTS.len()];
    let place = WHERE[(n / (VERBS.len() * OBJECTS.len())) % WHERE.len()];
    match n / (VERBS.len() * OBJECTS.len() * WHERE.len()) {
        0 => format!("{verb} {object} {place}"),
        round => format!("{verb} {object} {place}, take {}", round + 1),
    }
}

fn settings() -> String {
    let mut text = String::from("name: The organisation's journal\npeople:\n");
    for n in 0..PEOPLE {
        let group = if n < EXECUTIVES {
            "executives"
        } else {
            "it-staff"
        };
        text.push_str(&format!("  - {{ name: {}, group: {group} }}\n", person(n)));
    }
    text.push_str(
        "targets:\n  executives: { entries_per_year: 2 }\n  it-staff: { hours_per_year: 8 }\n",
    );
    text
}

/// What has been raised so far: the ideas with an id, to follow up, and
/// every title, to mention again by title alone.
#[derive(Default)]
struct Raised {
    ids: Vec<(usize, usize)>,
    titles: usize,
}

pub fn journal_files(rng: &mut Rng, entries: usize) -> Vec<(String, String)> {
    let mut files = vec![("insight.yaml".to_string(), settings())];
    let mut raised = Raised::default();
    // Entries come in date order, as a journal grows: a follow-up names an
    // idea raised before it.
    let days = 4 * 365;
    for index in 0..entries {
        let day = index * days / entries.max(1);
        let date = jiff::civil::date(2023, 1, 1)
            .checked_add(jiff::Span::new().days(day as i64))
            .expect("a day of 2023-2026");
        files.push(entry(rng, index, date, &mut raised));
    }
    files
}

fn entry(
    rng: &mut Rng,
    index: usize,
    date: jiff::civil::Date,
    raised: &mut Raised,
) -> (String, String) {
    let site = format!(
        "{}, {}",
        CHAINS[rng.below(CHAINS.len())],
        CITIES[rng.below(CITIES.len())]
    );
    let people: Vec<String> = (0..1 + rng.below(2))
        .map(|_| person(rng.below(PEOPLE)))
        .collect();
    let mut tags: Vec<&str> = (0..1 + rng.below(3)).map(|_| rng.pick(&TAGS)).collect();
    tags.sort_unstable();
    tags.dedup();
    let block = |items: &[&str]| -> String { items.iter().map(|i| format!("- {i}\n")).collect() };
    let names: Vec<&str> = people.iter().map(String::as_str).collect();
    let mut text = format!(
        "---\ndate: {date}\nkind: {}\nsite: {site}\npeople:\n{}customers: {}\nhours: {}\ntags:\n{}",
        rng.pick(&KINDS),
        block(&names),
        rng.below(40),
        1 + rng.below(8),
        block(&tags),
    );
    let count = match rng.below(100) {
        0..30 => 0,
        30..72 => 1,
        72..88 => 2,
        88..98 => 3,
        _ => 20 + rng.below(6),
    };
    if count > 0 {
        text.push_str("ideas:\n");
        for _ in 0..count {
            text.push_str(&idea(rng, raised));
        }
    }
    text.push_str("---\n");
    text.push_str(&body(rng, &format!("Visit {index} to {site}")));
    let year = date.year();
    let path = format!("visits/{year}/{date}-{}-{index}.md", slug(&site));
    (path, text)
}

/// One mention: most raise a new idea with a title of its own (half of
/// them with an id), about a third follow an earlier one up by its id,
/// a few name an earlier one by its title alone.
fn idea(rng: &mut Rng, raised: &mut Raised) -> String {
    let roll = rng.below(100);
    if roll < 33 && !raised.ids.is_empty() {
        let (n, status) = raised.ids[rng.below(raised.ids.len())];
        let status = STATUSES[(status + 1 + rng.below(2)).min(STATUSES.len() - 1)];
        let owner = person(rng.below(PEOPLE));
        return format!("- id: idea-{n}\n  status: {status}\n  owner: {owner}\n");
    }
    if roll < 38 && raised.titles > 0 {
        return format!("- {}\n", idea_title(rng.below(raised.titles)));
    }
    let n = raised.titles;
    raised.titles += 1;
    let title = idea_title(n);
    if rng.below(2) == 0 {
        let status = rng.below(2);
        raised.ids.push((n, status));
        format!(
            "- id: idea-{n}\n  title: {title}\n  status: {}\n",
            STATUSES[status]
        )
    } else {
        format!("- {title}\n")
    }
}
