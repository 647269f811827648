//! The index: what was parsed from each entry file, kept in
//! `.insight/index`, so that a command on an unchanged journal reads one file
//! and looks at each entry's metadata instead of reading and parsing every
//! entry.
//!
//! It is only ever a cache; the entry files are the truth. A record is used
//! only when its file's size, modification and change times, inode and device
//! are the ones recorded, and the file was last modified well before the
//! index was made: a file changed again within the same tick of the clock,
//! keeping its size, looks unchanged to its metadata (git's "racy" entries),
//! so it is read again. An index that cannot be read, is damaged, or was made
//! by another version of `insight` or for other settings is ignored and made
//! again; it is never an error. Entries with errors are not kept: they are
//! read again on every run, so that their diagnostics are always those of the
//! file as it is now.
//!
//! The format is a flat binary file, chosen over SQLite or a serde format
//! because decoding it is a single pass over one buffer, it shares each
//! repeated text (a kind, a site, a person) as one string, and it needs no
//! dependency. Layout (integers are LEB128 unless said otherwise):
//!
//! ```text
//! magic (16 bytes) · format (u32 LE) · insight's version (text)
//! settings hash (u64 LE) · made at, ns since 1970 (i64 LE)
//! payload length (u64 LE) · payload · checksum of all before (u64 LE)
//! payload: texts (count, then each) · lists of text numbers (count, then
//! each) · records (count, then each its length and fields, by path)
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::model::entry::{Entry, Idea};
use crate::model::text::{Text, Texts};

pub mod listings;

/// The folder under the journal's root that holds the index.
pub const FOLDER: &str = ".insight";
const FILE: &str = "index";
const MAGIC: &[u8; 16] = b"insight index\n\0\0";
/// Bumped whenever the layout changes.
const FORMAT: u32 = 1;
/// How long before the index was made a file must have been last modified
/// for its metadata to be trusted: two seconds covers file systems whose
/// clock ticks once a second (or every two, as FAT's does).
const RACY_NS: i64 = 2_000_000_000;

/// What the file system says about a file, enough to tell that it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    size: u64,
    modified_ns: i64,
    changed_ns: i64,
    inode: u64,
    device: u64,
}

impl Fingerprint {
    /// The file's size in bytes.
    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn of(metadata: &std::fs::Metadata) -> Fingerprint {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let ns =
                |secs: i64, nanos: i64| secs.saturating_mul(1_000_000_000).saturating_add(nanos);
            Fingerprint {
                size: metadata.size(),
                modified_ns: ns(metadata.mtime(), metadata.mtime_nsec()),
                changed_ns: ns(metadata.ctime(), metadata.ctime_nsec()),
                inode: metadata.ino(),
                device: metadata.dev(),
            }
        }
        #[cfg(not(unix))]
        {
            let modified_ns = metadata.modified().map_or(0, since_epoch_ns);
            Fingerprint {
                size: metadata.len(),
                modified_ns,
                changed_ns: modified_ns,
                inode: 0,
                device: 0,
            }
        }
    }

    /// The fingerprint of what `statx` said, the same as [`Fingerprint::of`]
    /// gives for the same file from the standard library's metadata.
    #[cfg(target_os = "linux")]
    pub fn of_statx(stat: &rustix::fs::Statx) -> Fingerprint {
        let ns = |time: &rustix::fs::StatxTimestamp| {
            time.tv_sec
                .saturating_mul(1_000_000_000)
                .saturating_add(i64::from(time.tv_nsec))
        };
        Fingerprint {
            size: stat.stx_size,
            modified_ns: ns(&stat.stx_mtime),
            changed_ns: ns(&stat.stx_ctime),
            inode: stat.stx_ino,
            device: rustix::fs::makedev(stat.stx_dev_major, stat.stx_dev_minor),
        }
    }

    /// Whether the metadata was last changed well before `made_ns`, when
    /// something recorded from it was made: see [`RACY_NS`].
    pub fn settled_before(&self, made_ns: i64) -> bool {
        let settled = |ns: i64| ns < made_ns.saturating_sub(RACY_NS);
        settled(self.modified_ns) && settled(self.changed_ns)
    }
}

/// Now, in nanoseconds since 1970.
pub fn now_ns() -> i64 {
    since_epoch_ns(SystemTime::now())
}

fn since_epoch_ns(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_nanos()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_nanos()).unwrap_or(i64::MAX),
    }
}

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
    /// than 4 GiB: four bytes each instead of eight, at 100,000 entries).
    starts: Vec<u32>,
}

/// The hash that ties an index to the settings it was made with: any
/// change to `insight.yaml` may change how entries read.
pub fn settings_hash(root: &Path) -> u64 {
    let settings = std::fs::read(root.join(crate::model::config::CONFIG_FILE)).unwrap_or_default();
    checksum(&settings)
}

fn index_path(root: &Path) -> PathBuf {
    root.join(FOLDER).join(FILE)
}

impl Index {
    /// The index of the journal at `root`, if there is a sound one made by
    /// this version of `insight` for these settings.
    pub fn read(root: &Path, settings: u64) -> Option<Index> {
        decode(std::fs::read(index_path(root)).ok()?, settings)
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
            Some((position, start)) => match self.reader(start).entry(&self.tables) {
                Some(entry) => Ok((Entry { path, ..entry }, position)),
                None => Err(path),
            },
            None => Err(path),
        }
    }

    /// The metadata recorded for the entry at `position`.
    pub fn fingerprint_at(&self, position: usize) -> Option<Fingerprint> {
        let mut reader = self.reader(*self.starts.get(position)? as usize);
        reader.raw_str()?;
        reader.fingerprint()
    }

    /// What names this index and no other: its checksum.
    pub fn id(&self) -> u64 {
        let tail = self.records.len().saturating_sub(8);
        u64::from_le_bytes(self.records[tail..].try_into().unwrap_or_default())
    }

    /// The position of the record for `path`, and where its fields start
    /// after its path and fingerprint, if the record still holds.
    fn holds(&self, path: &str, now: &Fingerprint, guess: usize) -> Option<(usize, usize)> {
        let path_at = |start: u32| self.reader(start as usize).raw_str().unwrap_or(b"");
        let found = match self.starts.get(guess) {
            Some(&start) if path_at(start) == path.as_bytes() => guess,
            _ => self
                .starts
                .binary_search_by(|&start| path_at(start).cmp(path.as_bytes()))
                .ok()?,
        };
        let mut reader = self.reader(self.starts[found] as usize);
        reader.raw_str()?;
        let recorded = reader.fingerprint()?;
        let holds = recorded == *now && recorded.settled_before(self.made_ns);
        holds.then_some((found, reader.at))
    }

    fn reader(&self, start: usize) -> Reader<'_> {
        Reader {
            bytes: &self.records,
            at: start,
        }
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
    replace(root, FILE, &bytes).then_some(id)
}

/// Puts `bytes` in `.insight/NAME`. Another command may be writing the same
/// file: each writes its own temporary file and renames it into place, so a
/// reader sees one whole file or the other, never a mix.
fn replace(root: &Path, name: &str, bytes: &[u8]) -> bool {
    let folder = root.join(FOLDER);
    if !folder.is_dir() && std::fs::create_dir(&folder).is_err() {
        return false;
    }
    let temporary = folder.join(format!("{name}.{}.tmp", std::process::id()));
    let done = std::fs::write(&temporary, bytes).is_ok()
        && std::fs::rename(&temporary, folder.join(name)).is_ok();
    if !done {
        let _ = std::fs::remove_file(&temporary);
    }
    done
}

/// The text `--text` looks in, for each entry of an index: its title and
/// body folded (see [`crate::model::fold`]), kept in `.insight/text` beside the
/// index so that a search reads one file instead of every entry. It
/// belongs to one index: a new index leaves it behind, and the next search
/// makes it again.
pub struct SearchTexts {
    file: Vec<u8>,
    /// Where each record's text is in `file`, by the index's positions.
    spans: Vec<Option<(usize, usize)>>,
}

const TEXT_FILE: &str = "text";
const TEXT_MAGIC: &[u8; 16] = b"insight text\n\0\0\0";

impl SearchTexts {
    /// The bytes of the search texts file, to be checked by [`SearchTexts::of`].
    pub fn read(root: &Path) -> Option<Vec<u8>> {
        std::fs::read(root.join(FOLDER).join(TEXT_FILE)).ok()
    }

    /// The texts in `file` (as [`SearchTexts::read`] gives it), if they are
    /// sound and kept for the index `index_id`.
    pub fn of(file: Vec<u8>, index_id: u64) -> Option<SearchTexts> {
        let mut reader = open(&file, TEXT_MAGIC, index_id)?;
        let count = reader.count()?;
        let mut spans = Vec::with_capacity(count);
        for _ in 0..count {
            spans.push(match reader.byte()? {
                0 => None,
                1 => {
                    let text = reader.raw_str()?;
                    Some((reader.at - text.len(), reader.at))
                }
                _ => return None,
            });
        }
        reader.at_end().then_some(SearchTexts { file, spans })
    }

    /// The folded text of the index's entry at `position`, if kept; its
    /// bytes, which the search looks in as they are.
    pub fn get(&self, position: usize) -> Option<&[u8]> {
        let (start, end) = (*self.spans.get(position)?)?;
        Some(&self.file[start..end])
    }
}

/// What `--text` found in the search texts kept beside an index: for each
/// of its entries, whether its text holds the needle (`None` when no text is
/// kept for it). The file is looked through a piece at a time, never held
/// whole: it is nearly the size of the journal.
pub struct StoredHits {
    /// The index the texts belong to.
    index_id: u64,
    hits: Vec<Option<bool>>,
}

/// How much of the search texts is read at a time.
const PIECE: usize = 1 << 20;

impl StoredHits {
    /// Looks for `needle` in each text of the journal's search texts file,
    /// if there is a sound one made by this version of `insight`.
    pub fn search(root: &Path, needle: &memchr::memmem::Finder) -> Option<StoredHits> {
        let file = std::fs::File::open(root.join(FOLDER).join(TEXT_FILE)).ok()?;
        let length = file.metadata().ok()?.len();
        let mut stream = Stream::new(file, length.checked_sub(8)?);
        let sound = stream.take(TEXT_MAGIC.len())? == TEXT_MAGIC
            && stream.u32_le()? == FORMAT
            && stream.str()? == env!("CARGO_PKG_VERSION").as_bytes();
        if !sound {
            return None;
        }
        let index_id = stream.u64_le()?;
        let count = stream.count()?;
        let mut hits = Vec::with_capacity(count);
        for _ in 0..count {
            hits.push(match stream.take(1)?[0] {
                0 => None,
                1 => Some(needle.find(stream.str()?).is_some()),
                _ => return None,
            });
        }
        stream
            .ends_soundly()
            .then_some(StoredHits { index_id, hits })
    }

    /// These hits, if they are for the index `index_id`.
    pub fn of_index(self, index_id: u64) -> Option<StoredHits> {
        (self.index_id == index_id).then_some(self)
    }

    /// Whether the text of the index's entry at `position` holds the
    /// needle; `None` when no text is kept for it.
    pub fn get(&self, position: usize) -> Option<bool> {
        *self.hits.get(position)?
    }
}

/// A file read a piece at a time, as [`Reader`] reads a buffer: its first
/// `length` bytes, then a checksum of them.
struct Stream {
    file: std::fs::File,
    buffer: Vec<u8>,
    /// Where the next value starts in `buffer`.
    at: usize,
    /// Bytes before the checksum not read into `buffer` yet.
    unread: u64,
    sum: Checksum,
}

impl Stream {
    fn new(file: std::fs::File, length: u64) -> Stream {
        Stream {
            file,
            buffer: Vec::with_capacity(PIECE),
            at: 0,
            unread: length,
            sum: Checksum::new(length),
        }
    }

    /// Bytes left before the checksum, read or not.
    fn left(&self) -> u64 {
        (self.buffer.len() - self.at) as u64 + self.unread
    }

    /// The next `wanted` bytes, read from the file as needed; `None` past the end.
    fn ahead(&mut self, wanted: usize) -> Option<&[u8]> {
        use std::io::Read;
        let buffered = self.buffer.len() - self.at;
        if buffered < wanted {
            if wanted as u64 > self.left() {
                return None;
            }
            self.buffer.drain(..self.at);
            self.at = 0;
            let piece = (wanted - buffered).max(PIECE) as u64;
            let piece = piece.min(self.unread) as usize;
            let start = self.buffer.len();
            self.buffer.resize(start + piece, 0);
            self.file.read_exact(&mut self.buffer[start..]).ok()?;
            self.sum.update(&self.buffer[start..]);
            self.unread -= piece as u64;
        }
        Some(&self.buffer[self.at..self.at + wanted])
    }

    fn take(&mut self, length: usize) -> Option<&[u8]> {
        self.ahead(length)?;
        self.at += length;
        Some(&self.buffer[self.at - length..self.at])
    }

    fn u32_le(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64_le(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// A count, as [`Reader::count`] reads it.
    fn count(&mut self) -> Option<usize> {
        let longest = self.left().min(10) as usize;
        let mut reader = Reader::new(self.ahead(longest)?);
        let number = reader.u64()?;
        self.at += reader.at;
        let count = usize::try_from(number).ok()?;
        (count as u64 <= self.left()).then_some(count)
    }

    /// A text's bytes.
    fn str(&mut self) -> Option<&[u8]> {
        let length = self.count()?;
        self.take(length)
    }

    /// Whether every byte before the checksum was read, and the checksum holds.
    fn ends_soundly(mut self) -> bool {
        use std::io::Read;
        let mut sum = [0u8; 8];
        self.left() == 0
            && self.file.read_exact(&mut sum).is_ok()
            && self.sum.finish().to_le_bytes() == sum
    }
}

/// Writes the search texts of the index `index_id`, one for each of its
/// entries in its order (`None` for one whose text is not at hand).
pub fn write_search_texts(root: &Path, index_id: u64, texts: &[Option<&[u8]>]) {
    let size: usize = texts.iter().map(|t| t.map_or(1, |t| t.len() + 6)).sum();
    let mut bytes = Vec::with_capacity(size + 64);
    bytes.extend_from_slice(TEXT_MAGIC);
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    put_str(&mut bytes, env!("CARGO_PKG_VERSION"));
    bytes.extend_from_slice(&index_id.to_le_bytes());
    put_count(&mut bytes, texts.len());
    for text in texts {
        match text {
            None => bytes.push(0),
            Some(text) => {
                bytes.push(1);
                put_count(&mut bytes, text.len());
                bytes.extend_from_slice(text);
            }
        }
    }
    let sum = checksum(&bytes);
    bytes.extend_from_slice(&sum.to_le_bytes());
    replace(root, TEXT_FILE, &bytes);
}

/// A checksum of `bytes`: eight bytes at a time, so that checking a large
/// index costs little next to reading it. It finds damage, not tampering.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut sum = Checksum::new(bytes.len() as u64);
    sum.update(bytes);
    sum.finish()
}

/// [`checksum`] worked out piece by piece, for a file read a piece at a time.
struct Checksum {
    hash: u64,
    /// The start of a word that the last piece ended in.
    pending: [u8; 8],
    pending_len: usize,
}

impl Checksum {
    /// For `length` bytes in all.
    fn new(length: u64) -> Checksum {
        Checksum {
            hash: length,
            pending: [0; 8],
            pending_len: 0,
        }
    }

    fn update(&mut self, mut bytes: &[u8]) {
        if self.pending_len > 0 {
            let taken = (8 - self.pending_len).min(bytes.len());
            self.pending[self.pending_len..self.pending_len + taken]
                .copy_from_slice(&bytes[..taken]);
            self.pending_len += taken;
            bytes = &bytes[taken..];
            if self.pending_len < 8 {
                return;
            }
            self.mix(u64::from_le_bytes(self.pending));
            self.pending_len = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for word in words.by_ref() {
            self.mix(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        }
        let rest = words.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.pending_len = rest.len();
    }

    fn mix(&mut self, word: u64) {
        const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(MULTIPLIER);
    }

    fn finish(mut self) -> u64 {
        let pending = self.pending;
        for &byte in &pending[..self.pending_len] {
            self.mix(u64::from(byte));
        }
        self.hash ^ (self.hash >> 29)
    }
}

fn encode(settings: u64, made_ns: i64, entries: &[(&Entry, Fingerprint)]) -> Vec<u8> {
    let mut sorted: Vec<&(&Entry, Fingerprint)> = entries.iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.path.cmp(&b.0.path));
    let mut writer = Writer::default();
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
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    put_str(&mut bytes, env!("CARGO_PKG_VERSION"));
    bytes.extend_from_slice(&settings.to_le_bytes());
    bytes.extend_from_slice(&made_ns.to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&payload);
    let sum = checksum(&bytes);
    bytes.extend_from_slice(&sum.to_le_bytes());
    bytes
}

/// Texts that entries share, each written once and named by its number.
#[derive(Default)]
struct Writer<'a> {
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
        put_fingerprint(out, fingerprint);
        out.extend_from_slice(&entry.date.year().to_le_bytes());
        out.push(entry.date.month() as u8);
        out.push(entry.date.day() as u8);
        self.text(out, &entry.kind);
        self.text(out, &entry.site);
        self.maybe(out, entry.role.as_ref());
        put_str(out, &entry.title);
        self.texts(out, &entry.people);
        put_u64(out, entry.customers);
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
            self.maybe(out, idea.title.as_ref());
            self.maybe(out, idea.status.as_ref());
            self.texts(out, &idea.tags);
            self.maybe(out, idea.owner.as_ref());
            self.texts(out, &idea.unknown_keys);
        }
        self.texts(out, &entry.unknown_keys);
    }
}

fn put_u64(out: &mut Vec<u8>, mut number: u64) {
    while number >= 0x80 {
        out.push((number as u8) | 0x80);
        number >>= 7;
    }
    out.push(number as u8);
}

/// A fingerprint as [`Reader::fingerprint`] reads it.
fn put_fingerprint(out: &mut Vec<u8>, fingerprint: &Fingerprint) {
    for number in [fingerprint.size, fingerprint.inode, fingerprint.device] {
        put_u64(out, number);
    }
    out.extend_from_slice(&fingerprint.modified_ns.to_le_bytes());
    out.extend_from_slice(&fingerprint.changed_ns.to_le_bytes());
}

fn put_count(out: &mut Vec<u8>, count: usize) {
    put_u64(out, count as u64);
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_count(out, text.len());
    out.extend_from_slice(text.as_bytes());
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
        texts.push(Text::new(reader.str()?));
    }
    let count = reader.count()?;
    let mut lists = Vec::with_capacity(count);
    for _ in 0..count {
        let length = reader.count()?;
        let mut list = Vec::with_capacity(length);
        for _ in 0..length {
            list.push(reader.text(&texts)?);
        }
        lists.push(Texts::new(list));
    }
    let tables = Tables { texts, lists };
    let count = reader.count()?;
    let mut starts = Vec::with_capacity(count);
    let mut previous = "";
    for _ in 0..count {
        let length = reader.count()?;
        starts.push(u32::try_from(reader.at).ok()?);
        let path = Reader::new(reader.bytes(length)?).str()?;
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
    })
}

/// What records name by number.
struct Tables {
    texts: Vec<Text>,
    lists: Vec<Texts>,
}

/// A reader of `file` after its header, if the file is whole (its checksum
/// holds) and was written by this version of `insight` as a file of `magic`
/// for `owner` (the settings an index was made with, the index that search
/// texts belong to). The checksum is not part of what it reads.
fn open<'a>(file: &'a [u8], magic: &[u8; 16], owner: u64) -> Option<Reader<'a>> {
    let (bytes, sum) = file.split_at_checked(file.len().checked_sub(8)?)?;
    if checksum(bytes).to_le_bytes() != sum {
        return None;
    }
    let mut reader = Reader::new(bytes);
    let sound = reader.bytes(magic.len())? == magic
        && reader.u32_le()? == FORMAT
        && reader.str()? == env!("CARGO_PKG_VERSION")
        && reader.u64_le()? == owner;
    sound.then_some(reader)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }

    fn bytes(&mut self, length: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(length)?;
        let taken = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(taken)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.bytes(1)?[0])
    }

    fn u32_le(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.bytes(4)?.try_into().ok()?))
    }

    fn u64_le(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.bytes(8)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        let mut number = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            number |= u64::from(byte & 0x7f).checked_shl(shift)?;
            if byte < 0x80 {
                return Some(number);
            }
        }
        None
    }

    /// A count of things that follow, each at least a byte long: never
    /// more than the bytes left, so a damaged count cannot ask for memory.
    fn count(&mut self) -> Option<usize> {
        let count = usize::try_from(self.u64()?).ok()?;
        (count <= self.bytes.len() - self.at).then_some(count)
    }

    fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.raw_str()?).ok()
    }

    /// A text's bytes, not checked to be UTF-8.
    fn raw_str(&mut self) -> Option<&'a [u8]> {
        let length = self.count()?;
        self.bytes(length)
    }

    fn text(&mut self, table: &[Text]) -> Option<Text> {
        table.get(usize::try_from(self.u64()?).ok()?).cloned()
    }

    fn maybe(&mut self, table: &[Text]) -> Option<Option<Text>> {
        match usize::try_from(self.u64()?).ok()? {
            0 => Some(None),
            number => Some(Some(table.get(number - 1)?.clone())),
        }
    }

    fn texts(&mut self, tables: &Tables) -> Option<Texts> {
        tables
            .lists
            .get(usize::try_from(self.u64()?).ok()?)
            .cloned()
    }

    fn fingerprint(&mut self) -> Option<Fingerprint> {
        Some(Fingerprint {
            size: self.u64()?,
            inode: self.u64()?,
            device: self.u64()?,
            modified_ns: self.u64_le()? as i64,
            changed_ns: self.u64_le()? as i64,
        })
    }

    /// The fields of an entry, after its path and fingerprint; the path is
    /// left empty for the caller to fill.
    fn entry(&mut self, tables: &Tables) -> Option<Entry> {
        let table = tables.texts.as_slice();
        let year = i16::from_le_bytes(self.bytes(2)?.try_into().ok()?);
        let (month, day) = (self.byte()? as i8, self.byte()? as i8);
        let date = jiff::civil::Date::new(year, month, day).ok()?;
        let kind = self.text(table)?;
        let site = self.text(table)?;
        let role = self.maybe(table)?;
        let title: Box<str> = self.str()?.into();
        let people = self.texts(tables)?;
        let customers = self.u64()?;
        let hours = match self.byte()? {
            0 => None,
            1 => Some(f64::from_bits(self.u64_le()?)),
            _ => return None,
        };
        let tags = self.texts(tables)?;
        let count = self.count()?;
        let mut ideas = Vec::with_capacity(count);
        for _ in 0..count {
            ideas.push(Idea {
                id: self.maybe(table)?,
                title: self.maybe(table)?,
                status: self.maybe(table)?,
                tags: self.texts(tables)?,
                owner: self.maybe(table)?,
                unknown_keys: self.texts(tables)?,
            });
        }
        let unknown_keys = self.texts(tables)?;
        Some(Entry {
            path: String::new(),
            date,
            kind,
            site,
            role,
            title,
            people,
            customers,
            hours,
            tags,
            ideas: ideas.into_boxed_slice(),
            body: String::new(),
            unknown_keys,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::Config;

    fn entry(path: &str, text: &str) -> Entry {
        let mut entry = crate::model::entry::parse(path, text, &Config::default()).unwrap();
        entry.body = String::new();
        entry
    }

    fn fingerprint(modified_ns: i64) -> Fingerprint {
        Fingerprint {
            size: 120,
            modified_ns,
            changed_ns: modified_ns,
            inode: 7,
            device: 3,
        }
    }

    const FULL: &str = "---\ndate: 2026-03-01\nkind: frontline\nsite: Cub Foods\nrole: cashier\n\
        people: [Dana Reyes, Sam Ito]\ncustomers: 12\nhours: 4.5\ntags: [mobile, Pricing/Coupons]\n\
        colour: blue\nideas:\n  - id: scan\n    title: Scan and go\n    status: building\n    owner: Sam Ito\n    tags: [mobile]\n    due: soon\n  - Fewer coupons\n  - id: scan\n---\n# Shift\n";
    const PLAIN: &str = "---\ndate: 2026-03-02\nkind: research\nsite: Cub Foods\n---\nNo heading\n";

    #[test]
    fn an_index_reads_back_every_field_of_every_entry() {
        let entries = [entry("visits/a.md", FULL), entry("visits/b.md", PLAIN)];
        let pairs: Vec<(&Entry, Fingerprint)> =
            entries.iter().map(|e| (e, fingerprint(1_000))).collect();
        let bytes = encode(42, 10_000_000_000, &pairs);
        let index = decode(bytes.clone(), 42).unwrap();
        assert_eq!(index.len(), 2);
        // Found at the place guessed, or looked for when the guess is wrong.
        for (place, want) in entries.iter().enumerate() {
            for guess in [place, 1 - place, 7] {
                let found = index.entry(want.path.clone(), &fingerprint(1_000), guess);
                assert_eq!(found, Ok((want.clone(), place)), "guess {guess}");
            }
        }
        assert!(
            index
                .entry("visits/c.md".into(), &fingerprint(1_000), 1)
                .is_err()
        );
        assert!(decode(bytes, 43).is_none(), "other settings");
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

    #[test]
    fn a_checksum_made_piece_by_piece_is_the_checksum_of_the_whole() {
        let bytes: Vec<u8> = (0..200u32).map(|n| (n * 37 % 251) as u8).collect();
        for cut in [0, 1, 3, 7, 8, 9, 100, 199, 200] {
            for second in [cut, (cut + 5).min(200), 200] {
                let mut sum = Checksum::new(200);
                sum.update(&bytes[..cut]);
                sum.update(&bytes[cut..second]);
                sum.update(&bytes[second..]);
                assert_eq!(sum.finish(), checksum(&bytes), "cut at {cut}, {second}");
            }
        }
    }

    /// Search texts as `write_search_texts` writes them, in a folder of their own.
    fn texts_file(name: &str, index_id: u64, texts: &[Option<&[u8]>]) -> PathBuf {
        let root = std::env::temp_dir().join(format!("insight-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        write_search_texts(&root, index_id, texts);
        root
    }

    #[test]
    fn kept_texts_are_searched_a_piece_at_a_time() {
        // Longer than a piece, so that texts and counts straddle pieces.
        let long = "the queue at the tills ".repeat(PIECE / 10);
        let texts: Vec<Option<&[u8]>> = vec![
            Some(b"i only came in for milk"),
            None,
            Some(long.as_bytes()),
            Some(b""),
            Some(b"tills and milk"),
        ];
        let root = texts_file("stored-hits", 42, &texts);
        let search = |word: &str| {
            let found = StoredHits::search(&root, &memchr::memmem::Finder::new(word))?;
            let found = found.of_index(42)?;
            Some((0..6).map(|p| found.get(p)).collect::<Vec<_>>())
        };
        let (yes, no) = (Some(true), Some(false));
        assert_eq!(search("milk").unwrap(), [yes, None, no, no, yes, None]);
        assert_eq!(search("tills").unwrap(), [no, None, yes, no, yes, None]);
        let found = StoredHits::search(&root, &memchr::memmem::Finder::new("milk")).unwrap();
        assert!(found.of_index(41).is_none(), "another index's texts");
        let file = root.join(FOLDER).join(TEXT_FILE);
        let sound = std::fs::read(&file).unwrap();
        for at in [
            0,
            17,
            40,
            PIECE - 1,
            PIECE,
            sound.len() / 2,
            sound.len() - 1,
        ] {
            let mut damaged = sound.clone();
            damaged[at] ^= 0x04;
            std::fs::write(&file, &damaged).unwrap();
            assert!(search("milk").is_none(), "damage at {at}");
        }
        for length in [0, 8, 30, PIECE, sound.len() - 9, sound.len() - 1] {
            std::fs::write(&file, &sound[..length]).unwrap();
            assert!(search("milk").is_none(), "{length} bytes");
        }
        std::fs::remove_dir_all(&root).unwrap();
    }
}
