//! `.insight/checks`: which entries of an index `insight check` found
//! nothing wrong with, kept beside the index so that the next check reads
//! the index instead of every file.
//!
//! It holds no diagnostics: an entry with a warning of its own is read and
//! checked again on every run, as an entry with errors is (the index does
//! not keep those), so what is shown about it is always its file as it is
//! now. Most entries of a journal have nothing to say, and for them one
//! number is kept: the line of their `date:` key, for the one warning that
//! depends on the day the check runs (a date after today), which is worked
//! out again each time. Like the search texts, the file belongs to one
//! index (named by its id): a new index leaves it behind, and the next
//! check makes it again.

use std::path::Path;

use super::bytes::{header, open, put_count, put_u64, seal};
use super::folder::Folder;

const FILE: &str = "checks";
const MAGIC: &[u8; 16] = b"insight checks\n\0";

/// What the last check knew of each entry of an index, by its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clean {
    /// 0: read and check the file; n: nothing wrong, `date:` on line n.
    date_lines: Vec<u32>,
}

impl Clean {
    /// The check results kept beside the index `index_id` of the journal at
    /// `root`, if sound.
    pub fn read(root: &Path, index_id: u64) -> Option<Clean> {
        decode(&Folder::open(root)?.read(FILE)?, index_id)
    }

    /// None known: every entry is read and checked.
    pub fn none(entries: usize) -> Clean {
        Clean {
            date_lines: vec![0; entries],
        }
    }

    /// The line of `date:` in the entry at `position`, if the last check
    /// found nothing wrong with it besides, perhaps, a date after today.
    pub fn date_line(&self, position: usize) -> Option<usize> {
        match self.date_lines.get(position) {
            Some(&line) if line > 0 => Some(line as usize),
            _ => None,
        }
    }

    /// Remembers the entry at `position` as clean, `date:` on `line`.
    pub fn set(&mut self, position: usize, date_line: Option<usize>) {
        if let Some(slot) = self.date_lines.get_mut(position) {
            *slot = date_line
                .and_then(|line| u32::try_from(line).ok())
                .unwrap_or(0);
        }
    }

    /// Writes these results beside the index `index_id`. Quietly does
    /// nothing when the journal cannot be written to.
    pub fn write(&self, root: &Path, index_id: u64) {
        let mut bytes = Vec::with_capacity(self.date_lines.len() * 2 + 64);
        header(&mut bytes, MAGIC, index_id);
        put_count(&mut bytes, self.date_lines.len());
        for &line in &self.date_lines {
            put_u64(&mut bytes, u64::from(line));
        }
        seal(&mut bytes);
        if let Some(folder) = Folder::open_or_make(root) {
            folder.replace(FILE, &bytes);
        }
    }
}

fn decode(file: &[u8], index_id: u64) -> Option<Clean> {
    let mut reader = open(file, MAGIC, index_id)?;
    // At least a byte each: a damaged count cannot ask for gigabytes.
    let count = reader.count()?;
    let mut date_lines = Vec::with_capacity(count);
    for _ in 0..count {
        date_lines.push(u32::try_from(reader.u64()?).ok()?);
    }
    reader.at_end().then_some(Clean { date_lines })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_read_back_for_their_index_only_and_damage_is_caught() {
        let root = tempfile::tempdir().unwrap();
        let mut clean = Clean::none(3);
        clean.set(0, Some(2));
        clean.set(2, Some(300));
        clean.set(7, Some(2));
        clean.write(root.path(), 42);
        let back = Clean::read(root.path(), 42).unwrap();
        assert_eq!(back, clean);
        let lines: Vec<Option<usize>> = (0..4).map(|p| back.date_line(p)).collect();
        assert_eq!(lines, [Some(2), None, Some(300), None]);
        assert!(Clean::read(root.path(), 41).is_none(), "another index's");
        let file = root.path().join(super::super::folder::NAME).join(FILE);
        let sound = std::fs::read(&file).unwrap();
        for at in 0..sound.len() {
            let mut damaged = sound.clone();
            damaged[at] ^= 0x01;
            assert!(decode(&damaged, 42).is_none(), "byte {at}");
        }
        for length in 0..sound.len() {
            assert!(decode(&sound[..length], 42).is_none(), "{length} bytes");
        }
    }
}
