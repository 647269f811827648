//! `.insight/text`: the text `--text` looks in, kept beside the index.

use std::path::Path;

use super::bytes::{FORMAT, Stream, header, open, put_count, seal};
use super::folder::Folder;

const TEXT_FILE: &str = "text";
const TEXT_MAGIC: &[u8; 16] = b"insight text\n\0\0\0";

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

impl SearchTexts {
    /// The bytes of the search texts file, to be checked by [`SearchTexts::of`].
    pub fn read(root: &Path) -> Option<Vec<u8>> {
        Folder::open(root)?.read(TEXT_FILE)
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

impl StoredHits {
    /// Looks for `needle` in each text of the journal's search texts file,
    /// if there is a sound one made by this version of `insight`.
    pub fn search(root: &Path, needle: &memchr::memmem::Finder) -> Option<StoredHits> {
        let file = Folder::open(root)?.open_file(TEXT_FILE)?;
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

/// Writes the search texts of the index `index_id`, one for each of its
/// entries in its order (`None` for one whose text is not at hand).
pub fn write_search_texts(root: &Path, index_id: u64, texts: &[Option<&[u8]>]) {
    let size: usize = texts.iter().map(|t| t.map_or(1, |t| t.len() + 6)).sum();
    let mut bytes = Vec::with_capacity(size + 64);
    header(&mut bytes, TEXT_MAGIC, index_id);
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
    seal(&mut bytes);
    if let Some(folder) = Folder::open_or_make(root) {
        folder.replace(TEXT_FILE, &bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::cache::bytes::PIECE;

    /// Search texts as `write_search_texts` writes them, in a folder of their own.
    fn texts_file(index_id: u64, texts: &[Option<&[u8]>]) -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        write_search_texts(root.path(), index_id, texts);
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
        let temp = texts_file(42, &texts);
        let root = temp.path();
        let search = |word: &str| {
            let found = StoredHits::search(root, &memchr::memmem::Finder::new(word))?;
            let found = found.of_index(42)?;
            Some((0..6).map(|p| found.get(p)).collect::<Vec<_>>())
        };
        let (yes, no) = (Some(true), Some(false));
        assert_eq!(search("milk").unwrap(), [yes, None, no, no, yes, None]);
        assert_eq!(search("tills").unwrap(), [no, None, yes, no, yes, None]);
        let found = StoredHits::search(root, &memchr::memmem::Finder::new("milk")).unwrap();
        assert!(found.of_index(41).is_none(), "another index's texts");
        let file = root.join(super::super::folder::NAME).join(TEXT_FILE);
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
    }
}
