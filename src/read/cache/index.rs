//! `.insight/index`: one record per entry file, by path, with the metadata
//! its file had and every field of its entry; texts that entries share (a
//! kind, a site, a list of people) are written once and named by number,
//! and an idea's title that no other idea has is written in its record.

use std::collections::HashMap;
use std::path::Path;

use super::bytes::{Reader, checksum, header, open, put_count, put_str, put_u64, seal};
use super::fingerprint::Fingerprint;
use super::folder::Folder;
use crate::model::entry::{Entry, Idea};
use crate::model::text::{Text, Texts};

const FILE: &str = "index";
const MAGIC: &[u8; 16] = b"insight index\n\0\0";

/// A journal's index as read from disk. Records are decoded only when
/// used, and by whichever thread uses them: the index costs its bytes in
/// memory, not a second copy of every entry.
pub struct Index {
    /// When the walk that made it began, ns since 1970.
    made_ns: i64,
    /// The texts and lists of texts that records name by number.
    tables: Tables,
    /// The whole index file, whose records are each their length then their
    /// fields, by path.
    records: Vec<u8>,
    /// Where each record's fields start in `records` (an index is smaller
    /// than 4 GiB: four bytes each instead of eight, at 100,000 entries),
    starts: Vec<u32>,
    /// and where each ends: a record is read no further, and must be read
    /// to its end, so that a damaged length is never taken for fields.
    ends: Vec<u32>,
}

/// The hash that ties an index to the settings it was made with: any
/// change to `insight.yaml` may change how entries read.
pub fn settings_hash(root: &Path) -> u64 {
    let settings = std::fs::read(root.join(crate::model::config::CONFIG_FILE)).unwrap_or_default();
    checksum(&settings)
}

impl Index {
    /// The index of the journal at `root`, if there is a sound one made by
    /// this version of `insight` for these settings.
    pub fn read(root: &Path, settings: u64) -> Option<Index> {
        decode(Folder::open(root)?.read(FILE)?, settings)
    }

    /// How many entries the index holds.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The entry the index holds for `path`, if the file still is what it
    /// was when the index was made and was not modified too close to then;
    /// else `path` back. `guess` is where the record likely is: it is
    /// looked at first.
    pub fn entry(
        &self,
        path: String,
        now: &Fingerprint,
        guess: usize,
    ) -> Result<(Entry, usize), String> {
        match self.holds(&path, now, guess) {
            Some((position, reader)) => match (Fields {
                reader,
                tables: &self.tables,
            })
            .entry()
            {
                Some(entry) => Ok((Entry { path, ..entry }, position)),
                None => Err(path),
            },
            None => Err(path),
        }
    }

    /// Like [`Index::entry`], for a load that keeps only the entries
    /// `keep` lets through: `keep` is shown the entry before its title,
    /// ideas and unknown keys are decoded (they are left empty), and an
    /// entry it lets go comes back as `None`. Most entries a filter lets go
    /// are never decoded whole.
    pub fn entry_if_kept(
        &self,
        path: String,
        now: &Fingerprint,
        guess: usize,
        keep: &dyn Fn(&Entry) -> bool,
    ) -> Result<(Option<Entry>, usize), String> {
        let Some((position, reader)) = self.holds(&path, now, guess) else {
            return Err(path);
        };
        let mut fields = Fields {
            reader,
            tables: &self.tables,
        };
        match fields.entry_if(keep) {
            Some(Some(entry)) => Ok((Some(Entry { path, ..entry }), position)),
            Some(None) => Ok((None, position)),
            None => Err(path),
        }
    }

    /// The entry at `position`, whatever its file is now, with the
    /// metadata recorded for it.
    pub fn entry_and_fingerprint_at(&self, position: usize) -> Option<(Entry, Fingerprint)> {
        let mut reader = self.record(position)?;
        let path = reader.str()?.to_string();
        let fingerprint = Fingerprint::read(&mut reader)?;
        let entry = Fields {
            reader,
            tables: &self.tables,
        }
        .entry()?;
        Some((Entry { path, ..entry }, fingerprint))
    }

    /// The metadata recorded for the entry at `position`.
    pub fn fingerprint_at(&self, position: usize) -> Option<Fingerprint> {
        let mut reader = self.record(position)?;
        reader.raw_str()?;
        Fingerprint::read(&mut reader)
    }

    /// What names this index and no other: its checksum.
    pub fn id(&self) -> u64 {
        let tail = self.records.len().saturating_sub(8);
        u64::from_le_bytes(self.records[tail..].try_into().unwrap_or_default())
    }

    /// The position of the record for `path`, and a reader of its fields
    /// after its path and fingerprint, if the record still holds.
    fn holds(&self, path: &str, now: &Fingerprint, guess: usize) -> Option<(usize, Reader<'_>)> {
        // Paths were read within their records when the index was decoded.
        let path_at = |start: u32| {
            Reader {
                bytes: &self.records,
                at: start as usize,
            }
            .raw_str()
            .unwrap_or(b"")
        };
        let found = match self.starts.get(guess) {
            Some(&start) if path_at(start) == path.as_bytes() => guess,
            _ => self
                .starts
                .binary_search_by(|&start| path_at(start).cmp(path.as_bytes()))
                .ok()?,
        };
        let mut reader = self.record(found)?;
        reader.raw_str()?;
        let recorded = Fingerprint::read(&mut reader)?;
        let holds = recorded == *now && recorded.settled_before(self.made_ns);
        holds.then_some((found, reader))
    }

    /// A reader of the record at `position`, which ends where it does.
    fn record(&self, position: usize) -> Option<Reader<'_>> {
        let start = *self.starts.get(position)? as usize;
        let end = *self.ends.get(position)? as usize;
        Some(Reader {
            bytes: self.records.get(..end)?,
            at: start,
        })
    }
}

/// Writes the index of `entries` (each with the fingerprint its file had
/// before it was read, by path), made at `made_ns`, and gives its id.
/// Quietly does nothing when the journal cannot be written to: the index is
/// a convenience.
pub fn write(
    root: &Path,
    settings: u64,
    made_ns: i64,
    entries: &[(&Entry, Fingerprint)],
) -> Option<u64> {
    let bytes = encode(settings, made_ns, entries);
    let id = u64::from_le_bytes(bytes[bytes.len() - 8..].try_into().ok()?);
    Folder::open_or_make(root)?
        .replace(FILE, &bytes)
        .then_some(id)
}

fn encode(settings: u64, made_ns: i64, entries: &[(&Entry, Fingerprint)]) -> Vec<u8> {
    let mut sorted: Vec<&(&Entry, Fingerprint)> = entries.iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.path.cmp(&b.0.path));
    let mut writer = Writer {
        titles_used: titles_used(entries),
        ..Writer::default()
    };
    let mut records = Vec::with_capacity(entries.len() * 96);
    put_count(&mut records, sorted.len());
    let mut record = Vec::with_capacity(256);
    for (entry, fingerprint) in sorted {
        record.clear();
        writer.record(&mut record, entry, fingerprint);
        put_count(&mut records, record.len());
        records.extend_from_slice(&record);
    }
    let mut payload = Vec::with_capacity(
        records.len() + writer.table_bytes.len() + writer.lists_bytes.len() + 16,
    );
    put_count(&mut payload, writer.table.len());
    payload.extend_from_slice(&writer.table_bytes);
    put_count(&mut payload, writer.lists.len());
    payload.extend_from_slice(&writer.lists_bytes);
    payload.extend_from_slice(&records);

    let mut bytes = Vec::with_capacity(payload.len() + 64);
    header(&mut bytes, MAGIC, settings);
    bytes.extend_from_slice(&made_ns.to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&payload);
    seal(&mut bytes);
    bytes
}

/// How many ideas of `entries` have each title.
fn titles_used<'a>(entries: &[(&'a Entry, Fingerprint)]) -> HashMap<&'a str, u32> {
    let mut used: HashMap<&str, u32> = HashMap::new();
    for idea in entries.iter().flat_map(|(entry, _)| entry.ideas.iter()) {
        if let Some(title) = &idea.title {
            *used.entry(title.as_str()).or_default() += 1;
        }
    }
    used
}

/// Texts that entries share, each written once and named by its number.
#[derive(Default)]
struct Writer<'a> {
    /// How many ideas have each title: one heard once (most, in a large
    /// organisation's journal) is written in its record instead, so that
    /// the table a reader makes whole holds only what entries share.
    titles_used: HashMap<&'a str, u32>,
    table: HashMap<&'a str, u64>,
    table_bytes: Vec<u8>,
    /// Lists of texts (people, tags) that entries share, likewise.
    lists: HashMap<&'a [Text], u64>,
    lists_bytes: Vec<u8>,
}

impl<'a> Writer<'a> {
    /// The number of `text` in the table, added on first use.
    fn number(&mut self, text: &'a str) -> u64 {
        let next = self.table.len() as u64;
        *self.table.entry(text).or_insert_with(|| {
            put_str(&mut self.table_bytes, text);
            next
        })
    }

    fn text(&mut self, out: &mut Vec<u8>, text: &'a str) {
        let number = self.number(text);
        put_u64(out, number);
    }

    /// An optional text: 0 for none, else its number plus one.
    fn maybe(&mut self, out: &mut Vec<u8>, text: Option<&'a Text>) {
        let number = text.map_or(0, |text| self.number(text) + 1);
        put_u64(out, number);
    }

    /// An idea's title: 0 for none, 1 then the text for one no other idea
    /// has, else its number plus two.
    fn title(&mut self, out: &mut Vec<u8>, title: Option<&'a Text>) {
        match title {
            None => put_u64(out, 0),
            Some(title) if self.titles_used.get(title.as_str()) == Some(&1) => {
                put_u64(out, 1);
                put_str(out, title);
            }
            Some(title) => {
                let number = self.number(title);
                put_u64(out, number + 2);
            }
        }
    }

    fn texts(&mut self, out: &mut Vec<u8>, texts: &'a [Text]) {
        let number = match self.lists.get(texts) {
            Some(&number) => number,
            None => {
                let mut list = Vec::with_capacity(texts.len() * 2 + 1);
                put_count(&mut list, texts.len());
                for text in texts {
                    let number = self.number(text);
                    put_u64(&mut list, number);
                }
                self.lists_bytes.extend_from_slice(&list);
                let number = self.lists.len() as u64;
                self.lists.insert(texts, number);
                number
            }
        };
        put_u64(out, number);
    }

    fn record(&mut self, out: &mut Vec<u8>, entry: &'a Entry, fingerprint: &Fingerprint) {
        put_str(out, &entry.path);
        fingerprint.write(out);
        out.extend_from_slice(&entry.date.year().to_le_bytes());
        out.push(entry.date.month() as u8);
        out.push(entry.date.day() as u8);
        self.text(out, &entry.kind);
        self.text(out, &entry.site);
        self.maybe(out, entry.role.as_ref());
        put_str(out, &entry.title);
        self.texts(out, &entry.people);
        // No count is written as u64::MAX, far above any count allowed.
        put_u64(out, entry.customers.unwrap_or(u64::MAX));
        match entry.hours {
            None => out.push(0),
            Some(hours) => {
                out.push(1);
                out.extend_from_slice(&hours.to_bits().to_le_bytes());
            }
        }
        self.texts(out, &entry.tags);
        put_count(out, entry.ideas.len());
        for idea in &entry.ideas {
            self.maybe(out, idea.id.as_ref());
            self.title(out, idea.title.as_ref());
            self.maybe(out, idea.status.as_ref());
            self.texts(out, &idea.tags);
            self.maybe(out, idea.owner.as_ref());
            self.texts(out, &idea.unknown_keys);
        }
        self.texts(out, &entry.unknown_keys);
        out.push(u8::from(entry.private));
    }
}

/// The index in `bytes`, or `None` at the first thing that is not as
/// [`encode`] writes it.
fn decode(file: Vec<u8>, settings: u64) -> Option<Index> {
    let mut reader = open(&file, MAGIC, settings)?;
    let bytes = reader.bytes;
    let made_ns = reader.u64_le()? as i64;
    let length = usize::try_from(reader.u64_le()?).ok()?;
    if reader.at.checked_add(length)? != bytes.len() {
        return None;
    }
    let count = reader.count()?;
    let mut texts = Vec::with_capacity(count);
    for _ in 0..count {
        texts.push(Text::distinct(reader.str()?));
    }
    let count = reader.count()?;
    let mut lists = Vec::with_capacity(count);
    for _ in 0..count {
        let length = reader.count()?;
        let mut list = Vec::with_capacity(length);
        for _ in 0..length {
            list.push(text_at(&mut reader, &texts)?);
        }
        lists.push(Texts::distinct(list));
    }
    let tables = Tables { texts, lists };
    let count = reader.count()?;
    let mut starts = Vec::with_capacity(count);
    let mut ends = Vec::with_capacity(count);
    let mut previous: &[u8] = b"";
    for _ in 0..count {
        let length = reader.count()?;
        starts.push(u32::try_from(reader.at).ok()?);
        ends.push(u32::try_from(reader.at.checked_add(length)?).ok()?);
        // Compared as bytes, which order UTF-8 texts as their characters
        // do; a path that is not UTF-8 matches no file's, and is checked
        // when its record is read whatever its file (for a rewrite).
        let path = Reader::new(reader.bytes(length)?).raw_str()?;
        // Sorted and without repeats, or the search would miss records.
        if starts.len() > 1 && path <= previous {
            return None;
        }
        previous = path;
    }
    if !reader.at_end() {
        return None;
    }
    Some(Index {
        made_ns,
        tables,
        records: file,
        starts,
        ends,
    })
}

/// What records name by number.
struct Tables {
    texts: Vec<Text>,
    lists: Vec<Texts>,
}

/// A record's fields: read with a [`Reader`], the numbers that name texts
/// and lists looked up in the index's tables.
struct Fields<'a, 't> {
    reader: Reader<'a>,
    tables: &'t Tables,
}

impl Fields<'_, '_> {
    fn text(&mut self) -> Option<Text> {
        text_at(&mut self.reader, &self.tables.texts)
    }

    /// An optional text: 0 for none, else its number plus one.
    fn maybe(&mut self) -> Option<Option<Text>> {
        match usize::try_from(self.reader.u64()?).ok()? {
            0 => Some(None),
            number => Some(Some(self.tables.texts.get(number - 1)?.clone())),
        }
    }

    /// An idea's title, as [`Writer::title`] writes it.
    fn title(&mut self) -> Option<Option<Text>> {
        match usize::try_from(self.reader.u64()?).ok()? {
            0 => Some(None),
            1 => Some(Some(Text::distinct(self.reader.str()?))),
            number => Some(Some(self.tables.texts.get(number - 2)?.clone())),
        }
    }

    fn texts(&mut self) -> Option<Texts> {
        let number = usize::try_from(self.reader.u64()?).ok()?;
        self.tables.lists.get(number).cloned()
    }

    /// The fields of an entry, after its path and fingerprint; the path is
    /// left empty for the caller to fill.
    fn entry(&mut self) -> Option<Entry> {
        self.entry_if(&|_| true).flatten()
    }

    /// Like [`Fields::entry`], unless `keep` lets the entry go when shown
    /// all but its title, ideas and unknown keys: then `Some(None)`, and the
    /// rest is not decoded. `None` when the record is damaged.
    fn entry_if(&mut self, keep: &dyn Fn(&Entry) -> bool) -> Option<Option<Entry>> {
        let year = i16::from_le_bytes(self.reader.bytes(2)?.try_into().ok()?);
        let (month, day) = (self.reader.byte()? as i8, self.reader.byte()? as i8);
        let date = jiff::civil::Date::new(year, month, day).ok()?;
        let kind = self.text()?;
        let site = self.text()?;
        let role = self.maybe()?;
        // Checked to be UTF-8 only if the entry is kept.
        let title = self.reader.raw_str()?;
        let people = self.texts()?;
        let customers = match self.reader.u64()? {
            u64::MAX => None,
            n if n <= crate::model::entry::MAX_CUSTOMERS => Some(n),
            _ => return None,
        };
        let hours = match self.reader.byte()? {
            0 => None,
            1 => Some(f64::from_bits(self.reader.u64_le()?)),
            _ => return None,
        };
        let tags = self.texts()?;
        let mut entry = Entry {
            path: String::new(),
            date,
            kind,
            site,
            role,
            title: Box::default(),
            people,
            customers,
            hours,
            tags,
            ideas: Box::default(),
            body: String::new(),
            unknown_keys: Texts::default(),
            private: false,
        };
        if !keep(&entry) {
            return Some(None);
        }
        entry.title = std::str::from_utf8(title).ok()?.into();
        let count = self.reader.count()?;
        let mut ideas = Vec::with_capacity(count);
        for _ in 0..count {
            ideas.push(Idea {
                id: self.maybe()?,
                title: self.title()?,
                status: self.maybe()?,
                tags: self.texts()?,
                owner: self.maybe()?,
                unknown_keys: self.texts()?,
            });
        }
        entry.ideas = ideas.into_boxed_slice();
        entry.unknown_keys = self.texts()?;
        entry.private = match self.reader.byte()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        // Read to its end and no further: anything left over is damage.
        if !self.reader.at_end() {
            return None;
        }
        Some(Some(entry))
    }
}

/// The text of the table that the number at the reader's place names.
fn text_at(reader: &mut Reader, table: &[Text]) -> Option<Text> {
    table.get(usize::try_from(reader.u64()?).ok()?).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::Config;
    use crate::read::cache::fingerprint::RACY_NS;

    fn entry(path: &str, text: &str) -> Entry {
        let mut entry = crate::model::entry::parse(path, text, &Config::default()).unwrap();
        entry.body = String::new();
        entry
    }

    fn fingerprint(modified_ns: i64) -> Fingerprint {
        Fingerprint::made_up(120, modified_ns, 7, 3)
    }

    const FULL: &str = "---\ndate: 2026-03-01\nkind: frontline\nsite: Cub Foods\nrole: cashier\n\
        people: [Dana Reyes, Sam Ito]\ncustomers: 12\nhours: 4.5\ntags: [mobile, Pricing/Coupons]\n\
        colour: blue\nideas:\n  - id: scan\n    title: Scan and go\n    status: building\n    owner: Sam Ito\n    tags: [mobile]\n    due: soon\n  - Fewer coupons\n  - id: scan\n---\n# Shift\n";
    const PLAIN: &str = "---\ndate: 2026-03-02\nkind: research\nsite: Cub Foods\n---\nNo heading\n";

    #[test]
    fn an_index_reads_back_every_field_of_every_entry() {
        // "Fewer coupons" is heard twice, so named in the table; "Scan and
        // go" once, so written in its record.
        let again =
            "---\ndate: 2026-03-03\nkind: research\nsite: Lunds\nideas: [Fewer coupons]\n---\n";
        let entries = [
            entry("visits/a.md", FULL),
            entry("visits/b.md", PLAIN),
            entry("visits/c.md", again),
        ];
        let pairs: Vec<(&Entry, Fingerprint)> =
            entries.iter().map(|e| (e, fingerprint(1_000))).collect();
        let bytes = encode(42, 10_000_000_000, &pairs);
        let index = decode(bytes.clone(), 42).unwrap();
        assert_eq!(index.len(), 3);
        let table: Vec<&str> = index.tables.texts.iter().map(Text::as_str).collect();
        assert!(table.contains(&"Fewer coupons") && !table.contains(&"Scan and go"));
        // Found at the place guessed, or looked for when the guess is wrong.
        for (place, want) in entries.iter().enumerate() {
            for guess in [place, (place + 1) % 3, 7] {
                let found = index.entry(want.path.clone(), &fingerprint(1_000), guess);
                assert_eq!(found, Ok((want.clone(), place)), "guess {guess}");
            }
        }
        assert!(
            index
                .entry("visits/d.md".into(), &fingerprint(1_000), 1)
                .is_err()
        );
        assert!(decode(bytes, 43).is_none(), "other settings");
    }

    /// A sieve is shown an entry's head (its title, ideas and unknown keys
    /// not decoded yet); one it keeps comes back whole, one it lets go as
    /// nothing, at its position all the same.
    #[test]
    fn a_sieve_sees_the_head_and_keeps_the_whole() {
        let entries = [entry("visits/a.md", FULL), entry("visits/b.md", PLAIN)];
        let pairs: Vec<(&Entry, Fingerprint)> =
            entries.iter().map(|e| (e, fingerprint(1_000))).collect();
        let index = decode(encode(42, 10_000_000_000, &pairs), 42).unwrap();
        let shown = std::sync::Mutex::new(Vec::new());
        let with_people = |entry: &Entry| {
            let head = (
                entry.title.to_string(),
                entry.ideas.len(),
                entry.unknown_keys.len(),
            );
            shown.lock().unwrap().push((entry.kind.to_string(), head));
            !entry.people.is_empty()
        };
        let kept = index.entry_if_kept("visits/a.md".into(), &fingerprint(1_000), 0, &with_people);
        assert_eq!(kept, Ok((Some(entries[0].clone()), 0)));
        let let_go =
            index.entry_if_kept("visits/b.md".into(), &fingerprint(1_000), 0, &with_people);
        assert_eq!(let_go, Ok((None, 1)));
        assert_eq!(
            *shown.lock().unwrap(),
            [
                ("frontline".to_string(), (String::new(), 0, 0)),
                ("research".to_string(), (String::new(), 0, 0))
            ]
        );
        // A file that changed is read again, whatever the sieve says.
        let changed = index.entry_if_kept("visits/b.md".into(), &fingerprint(2_000), 1, &|_| false);
        assert_eq!(changed, Err("visits/b.md".to_string()));
    }

    #[test]
    fn a_record_holds_only_for_the_same_metadata_long_enough_before_the_index() {
        let entries = [entry("visits/a.md", PLAIN)];
        let made = 10_000_000_000;
        let settled = made - RACY_NS - 1;
        let pairs = [(&entries[0], fingerprint(settled))];
        let index = decode(encode(1, made, &pairs), 1).unwrap();
        assert!(
            index
                .entry("visits/a.md".into(), &fingerprint(settled), 0)
                .is_ok()
        );
        assert!(
            index
                .entry("visits/a.md".into(), &fingerprint(settled + 1), 0)
                .is_err()
        );
        assert!(
            index
                .entry("visits/b.md".into(), &fingerprint(settled), 0)
                .is_err()
        );
        let racy = made - RACY_NS;
        let pairs = [(&entries[0], fingerprint(racy))];
        let index = decode(encode(1, made, &pairs), 1).unwrap();
        assert!(
            index
                .entry("visits/a.md".into(), &fingerprint(racy), 0)
                .is_err()
        );
    }

    #[test]
    fn a_record_is_read_to_its_end_and_no_further() {
        let entries = [entry("visits/a.md", FULL)];
        let pairs = [(&entries[0], fingerprint(1))];
        let index = decode(encode(1, 10, &pairs), 1).unwrap();
        let (start, end) = (index.starts[0] as usize, index.ends[0] as usize);
        let fields_of = |bytes: &[u8]| {
            let mut reader = Reader { bytes, at: start };
            reader.raw_str()?;
            Fingerprint::read(&mut reader)?;
            Fields {
                reader,
                tables: &index.tables,
            }
            .entry()
        };
        let whole = index.records[..end].to_vec();
        assert!(fields_of(&whole).is_some());
        let mut longer = whole.clone();
        longer.push(0);
        assert!(fields_of(&longer).is_none(), "a byte left over");
        assert!(fields_of(&whole[..end - 1]).is_none(), "a byte short");
    }

    #[test]
    fn any_damage_is_caught() {
        let entries = [entry("visits/a.md", FULL)];
        let pairs = [(&entries[0], fingerprint(1))];
        let bytes = encode(1, 10, &pairs);
        for at in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x01;
            assert!(decode(damaged, 1).is_none(), "byte {at}");
        }
        for length in 0..bytes.len() {
            assert!(
                decode(bytes[..length].to_vec(), 1).is_none(),
                "{length} bytes"
            );
        }
    }
}
