//! Folder listings, kept in `.insight/folders` beside the index, so that the
//! walk of an unchanged journal looks at each entry file's metadata without
//! listing the folders again (a fifth of the walk's time, with 25,000
//! entries in a folder).
//!
//! A folder's listing changes only with its modification and change times:
//! creating, deleting or renaming a name in a folder updates both, as POSIX
//! requires, while editing a file in place changes neither (the walk looks
//! at each file's metadata for that). So a listing is used only when the
//! folder's size, times, inode and device are the ones recorded, and the
//! folder had settled well before the listing was made (the index's racy
//! rule, [`super::fingerprint::RACY_NS`]). Only folders that held nothing but files are
//! kept: a link's target, or a folder below, can change without the folder
//! changing. Like the index, the file is only a cache: damaged, foreign or
//! missing, it is ignored and made again.
//!
//! Layout (integers are LEB128 unless said otherwise):
//!
//! ```text
//! magic (16 bytes) · format (u32 LE) · insight's version (text)
//! 0 (u64 LE, where the index has its settings: no setting changes what a
//! listing holds) · made at, ns since 1970 (i64 LE)
//! folders (count, then each: journal path · fingerprint · the byte length
//! of its names, then the count and each entry file's name, in order)
//! checksum of all before (u64 LE)
//! ```

use std::collections::HashMap;
use std::path::Path;

use super::bytes::{Reader, header, open, put_count, put_str, seal};
use super::fingerprint::Fingerprint;
use super::folder::Folder;

const FILE: &str = "folders";
const MAGIC: &[u8; 16] = b"insight folders\n";

/// A folder as the walk listed it: its journal path, its metadata before it
/// was listed, and the names of its entry files in name order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub rel: String,
    pub fingerprint: Fingerprint,
    pub names: Vec<String>,
}

/// The listings read from `.insight/folders`.
pub struct Listings {
    made_ns: i64,
    file: Vec<u8>,
    /// Each folder's record, by its journal path.
    folders: HashMap<String, Recorded>,
}

impl Listings {
    /// The listings kept for the journal at `root`, if there is a sound file
    /// of them made by this version of `insight`.
    pub fn read(root: &Path) -> Option<Listings> {
        let file = Folder::open(root)?.read(FILE)?;
        let (made_ns, folders) = decode(&file)?;
        Some(Listings {
            made_ns,
            file,
            folders,
        })
    }

    /// The names of the entry files of the folder at `rel`, whose metadata
    /// is `now`, if it is as it was when it was listed.
    pub fn names(&self, rel: &str, now: &Fingerprint) -> Option<Vec<&str>> {
        let (recorded, names) = self.recorded(rel)?;
        (recorded == *now && recorded.settled_before(self.made_ns)).then_some(names)
    }

    /// The listing of the folder at `rel` as recorded, to be kept.
    pub fn listing(&self, rel: &str) -> Option<Listing> {
        let (fingerprint, names) = self.recorded(rel)?;
        Some(Listing {
            rel: rel.to_string(),
            fingerprint,
            names: names.into_iter().map(String::from).collect(),
        })
    }

    /// The fingerprint and names recorded for the folder at `rel`.
    fn recorded(&self, rel: &str) -> Option<(Fingerprint, Vec<&str>)> {
        let recorded = self.folders.get(rel)?;
        let fingerprint = recorded.fingerprint;
        let mut reader = Reader::new(&self.file[recorded.names.clone()]);
        let count = reader.count()?;
        let names = (0..count)
            .map(|_| reader.str())
            .collect::<Option<Vec<&str>>>()?;
        reader.at_end().then_some((fingerprint, names))
    }
}

#[cfg(test)]
impl Listings {
    /// The listings `listings` as if read back from a file made at `made_ns`.
    pub fn of(made_ns: i64, listings: &[Listing]) -> Listings {
        let file = encode(made_ns, listings);
        let (made_ns, folders) = decode(&file).expect("what encode writes decodes");
        Listings {
            made_ns,
            file,
            folders,
        }
    }
}

/// A folder as `.insight/folders` records it.
#[derive(Debug, Clone)]
struct Recorded {
    fingerprint: Fingerprint,
    /// Where its names are in the file (their count first).
    names: std::ops::Range<usize>,
}

/// When the listings were made, and each folder's record.
type Decoded = (i64, HashMap<String, Recorded>);

/// The listings in `file`, or `None` at the first thing that is not as
/// [`encode`] writes it.
fn decode(file: &[u8]) -> Option<Decoded> {
    let mut reader = open(file, MAGIC, 0)?;
    let made_ns = reader.u64_le()? as i64;
    let count = reader.count()?;
    // Not sized from the count: a damaged one must not ask for memory.
    let mut folders = HashMap::new();
    for _ in 0..count {
        let rel = reader.str()?.to_string();
        let fingerprint = Fingerprint::read(&mut reader)?;
        let length = reader.count()?;
        let start = reader.at;
        reader.bytes(length)?;
        let names = start..reader.at;
        folders.insert(rel, Recorded { fingerprint, names });
    }
    reader.at_end().then_some((made_ns, folders))
}

fn encode(made_ns: i64, listings: &[Listing]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(64 + listings.len() * 64);
    header(&mut bytes, MAGIC, 0);
    bytes.extend_from_slice(&made_ns.to_le_bytes());
    put_count(&mut bytes, listings.len());
    let mut names = Vec::new();
    for listing in listings {
        put_str(&mut bytes, &listing.rel);
        listing.fingerprint.write(&mut bytes);
        names.clear();
        put_count(&mut names, listing.names.len());
        for name in &listing.names {
            put_str(&mut names, name);
        }
        put_count(&mut bytes, names.len());
        bytes.extend_from_slice(&names);
    }
    seal(&mut bytes);
    bytes
}

/// Keeps `listings`, made by a walk that began at `made_ns`, in
/// `.insight/folders`; those of folders that had not settled then are left
/// out, as they could not be trusted. Quietly does nothing when the journal
/// cannot be written to.
pub fn write(root: &Path, made_ns: i64, mut listings: Vec<Listing>) {
    listings.retain(|listing| listing.fingerprint.settled_before(made_ns));
    if let Some(folder) = Folder::open_or_make(root) {
        folder.replace(FILE, &encode(made_ns, &listings));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::cache::fingerprint::RACY_NS;

    fn fingerprint(modified_ns: i64) -> Fingerprint {
        Fingerprint::made_up(4096, modified_ns, 7, 2049)
    }

    fn listing(rel: &str, modified_ns: i64, names: &[&str]) -> Listing {
        Listing {
            rel: rel.into(),
            fingerprint: fingerprint(modified_ns),
            names: names.iter().map(|n| n.to_string()).collect(),
        }
    }

    #[test]
    fn a_listing_is_given_back_only_for_the_same_settled_folder() {
        let made = 100 * RACY_NS;
        let settled = made - RACY_NS - 1;
        let kept = [
            listing("visits/2025", settled, &["a.md", "b.md"]),
            listing("visits/2026", settled, &[]),
            listing("visits/racy", made - RACY_NS + 1, &["c.md"]),
        ];
        let listings = Listings::of(made, &kept);
        let names = listings.names("visits/2025", &fingerprint(settled));
        assert_eq!(names, Some(vec!["a.md", "b.md"]));
        assert_eq!(
            listings.names("visits/2026", &fingerprint(settled)),
            Some(vec![])
        );
        assert_eq!(
            listings.names("visits/2025", &fingerprint(settled + 1)),
            None
        );
        assert_eq!(listings.names("visits/2024", &fingerprint(settled)), None);
        let racy = fingerprint(made - RACY_NS + 1);
        assert_eq!(listings.names("visits/racy", &racy), None);
        assert_eq!(listings.listing("visits/2025"), Some(kept[0].clone()));
    }

    /// What `statx` says makes the fingerprint the standard library's
    /// metadata makes, for a file and a folder: a listing or an index
    /// record made from one holds for the other.
    #[cfg(target_os = "linux")]
    #[test]
    fn statx_and_the_standard_library_give_one_fingerprint() {
        use rustix::fs::{AtFlags, CWD, StatxFlags, statx};
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().to_path_buf();
        let file = root.join("a.md");
        std::fs::write(&file, "---\ndate: 2026-01-01\n---\n").unwrap();
        for path in [&file, &root] {
            let stat = statx(CWD, path, AtFlags::empty(), StatxFlags::BASIC_STATS).unwrap();
            let metadata = std::fs::metadata(path).unwrap();
            assert_eq!(Fingerprint::of_statx(&stat), Fingerprint::of(&metadata));
        }
    }

    #[test]
    fn listings_of_folders_not_settled_are_not_kept() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().to_path_buf();
        let made = 100 * RACY_NS;
        let kept = vec![
            listing("visits/2025", made - RACY_NS - 1, &["a.md"]),
            listing("visits/2026", made - RACY_NS + 1, &["b.md"]),
        ];
        write(&root, made, kept.clone());
        let read = Listings::read(&root).unwrap();
        assert_eq!(read.listing("visits/2025"), Some(kept[0].clone()));
        assert_eq!(read.listing("visits/2026"), None);
    }

    #[test]
    fn any_damage_is_caught() {
        let sound = encode(5, &[listing("visits", 1, &["a.md", "b.md"])]);
        assert!(decode(&sound).is_some());
        for at in 0..sound.len() {
            let mut damaged = sound.clone();
            damaged[at] ^= 0x01;
            assert!(decode(&damaged).is_none(), "byte {at}");
        }
        assert!(decode(&sound[..sound.len() - 1]).is_none());
        assert!(decode(b"").is_none());
    }
}
