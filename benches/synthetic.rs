//! Synthetic journals of any size, for benchmarks and load tests. Deterministic:
//! the same size and seed give the same files, byte for byte.

// Each of the benchmarks, tests and examples that include this file uses a
// part of it.
#![allow(dead_code)]

use std::io;
use std::path::Path;

use insight::model::config::{DEFAULT_KINDS as KINDS, DEFAULT_STATUSES as STATUSES};
use insight::model::slug::slug;

#[path = "synthetic_org.rs"]
mod org;

const SITES: [&str; 12] = [
    "Cub Foods",
    "Jewel-Osco",
    "Shaw's",
    "Albertsons",
    "BT contact centre",
    "Starbucks",
    "ADP client support",
    "Brandywine tower",
    "PNC branch",
    "Maple Leaf plant",
    "Coca-Cola depot",
    "Sanmina-SCI line",
];
const CITIES: [&str; 8] = [
    "Minneapolis",
    "Chicago",
    "Boston",
    "Atlanta",
    "Seattle",
    "Philadelphia",
    "Toronto",
    "Leeds",
];
const ROLES: [&str; 6] = [
    "bakery",
    "checkout",
    "call-centre agent",
    "barista",
    "site walk",
    "analyst",
];
pub const PEOPLE: [&str; 10] = [
    "Wayne Shurts",
    "Michael Capone",
    "Clive Selley",
    "Anuj Dhanda",
    "Robert Juliano",
    "Jeff Hutchinson",
    "Maria Lindqvist",
    "Katrin Vogel",
    "Sam Okafor",
    "Priya Raman",
];
const TAGS: [&str; 16] = [
    "mobile",
    "mobile/app",
    "mobile/payments",
    "pricing",
    "billing",
    "checkout",
    "coupons",
    "privacy",
    "analytics",
    "self-service",
    "store-navigation",
    "tenants",
    "benefits",
    "data-warehouse",
    "tv",
    "payroll",
];
const SENTENCES: [&str; 8] = [
    "Customers asked where things were more often than what they cost.",
    "The queue at the tills doubled between noon and one.",
    "Staff worked around the system with paper notes taped to the counter.",
    "Several people printed coupons at home and forgot them in the car.",
    "Callers wanted prices by region before they would talk about bundles.",
    "Nobody we met knew the mobile app could do this already.",
    "The store locator on the web site got praise; inside the store, help was missing.",
    "Tenants' network installs stalled until someone called the carrier for them.",
];

/// A small, fast, seedable generator (SplitMix64); good enough to vary test data.
pub struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// What a synthetic journal looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// 10 people, 16 tags, about 200 ideas that every entry mentions again.
    Small,
    /// The organisation of the seed stories: 1,200 people in groups with
    /// targets, thousands of sites, about 40 tags, and ideas that are
    /// mostly raised once with a title of their own (see [`super::org`]).
    Org,
}

impl Shape {
    pub fn parse(text: &str) -> Option<Shape> {
        match text {
            "small" => Some(Shape::Small),
            "org" => Some(Shape::Org),
            _ => None,
        }
    }
}

/// The files of a journal with `entries` entries: `(path relative to the root, contents)`.
/// Dates spread over 2023-2026; about a third of the entries carry a `mobile` tag.
pub fn journal_files(entries: usize, seed: u64) -> Vec<(String, String)> {
    journal_files_shaped(entries, seed, Shape::Small)
}

/// Like [`journal_files`], in either shape.
pub fn journal_files_shaped(entries: usize, seed: u64, shape: Shape) -> Vec<(String, String)> {
    let mut rng = Rng(seed);
    if shape == Shape::Org {
        return org::journal_files(&mut rng, entries);
    }
    let mut files = vec![("insight.yaml".to_string(), settings())];
    for index in 0..entries {
        let (path, text) = entry(&mut rng, index);
        files.push((path, text));
    }
    files
}

fn settings() -> String {
    let mut text = String::from("name: Synthetic journal\npeople:\n");
    for (i, name) in PEOPLE.iter().enumerate() {
        let group = if i < 6 { "executives" } else { "it-staff" };
        text.push_str(&format!("  - {{ name: {name}, group: {group} }}\n"));
    }
    text.push_str(
        "targets:\n  executives: { entries_per_year: 2 }\n  it-staff: { hours_per_year: 8 }\n",
    );
    text
}

/// One entry as `insight new` writes it and a person then fills it in: a
/// front matter of about 300 bytes in block style, with tags and two ideas
/// and no `title:`; a body of 1 to 2 KB that opens with the title as a `#`
/// heading and holds two block quotes.
fn entry(rng: &mut Rng, index: usize) -> (String, String) {
    let year = 2023 + rng.below(4);
    let (month, day) = (1 + rng.below(12), 1 + rng.below(28));
    let site = format!("{}, {}", rng.pick(&SITES), rng.pick(&CITIES));
    let people: Vec<&str> = (0..1 + rng.below(3)).map(|_| rng.pick(&PEOPLE)).collect();
    let mut tags: Vec<&str> = (0..1 + rng.below(3)).map(|_| rng.pick(&TAGS)).collect();
    tags.dedup();
    let date = format!("{year}-{month:02}-{day:02}");
    let block = |items: &[&str]| -> String { items.iter().map(|i| format!("- {i}\n")).collect() };
    let id = rng.below(200);
    let mut text = format!(
        "---\ndate: {date}\nkind: {}\nsite: {site}\nrole: {}\npeople:\n{}customers: {}\nhours: {}\ntags:\n{}\
         ideas:\n- id: idea-{id}\n  title: Idea number {id}\n  status: {}\n- {}\n---\n",
        rng.pick(&KINDS),
        rng.pick(&ROLES),
        block(&people),
        rng.below(40),
        1 + rng.below(8),
        block(&tags),
        rng.pick(&STATUSES),
        rng.pick(&SENTENCES).trim_end_matches('.'),
    );
    text.push_str(&body(rng, &format!("Visit {index} to {site}")));
    let path = format!("visits/{year}/{date}-{}-{index}.md", slug(&site));
    (path, text)
}

/// A body of 1 to 2 KB: the title as a `#` heading, paragraphs, and two
/// block quotes.
pub fn body(rng: &mut Rng, title: &str) -> String {
    let mut text = format!("# {title}\n\n");
    let paragraphs = 4 + rng.below(4);
    for p in 0..paragraphs {
        let sentences: Vec<&str> = (0..3).map(|_| rng.pick(&SENTENCES)).collect();
        text.push_str(&sentences.join(" "));
        text.push_str("\n\n");
        if p == 1 || p == paragraphs - 1 {
            text.push_str(&format!("> {}\n\n", rng.pick(&SENTENCES)));
        }
    }
    text
}

/// Writes a synthetic journal into `dir`, which must not hold a journal yet.
pub fn write_journal(dir: &Path, entries: usize, seed: u64) -> io::Result<()> {
    write_journal_shaped(dir, entries, seed, Shape::Small)
}

/// Like [`write_journal`], in either shape.
pub fn write_journal_shaped(dir: &Path, entries: usize, seed: u64, shape: Shape) -> io::Result<()> {
    if dir.join("insight.yaml").exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "the folder already holds a journal",
        ));
    }
    for (path, text) in journal_files_shaped(entries, seed, shape) {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(())
}
