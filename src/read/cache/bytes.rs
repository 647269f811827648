//! The byte format the files of `.insight/` share: numbers as LEB128,
//! texts as a length then their bytes, a header that names the file's kind,
//! format, version and owner, and a checksum of all before it at the end.
//! Read from a buffer ([`Reader`]) or a piece at a time ([`Stream`]), and
//! written to a temporary file renamed into place
//! ([`super::folder::Folder::replace`]).

/// Bumped whenever the layout changes.
pub const FORMAT: u32 = 4;

/// How much of a streamed file is read at a time.
pub const PIECE: usize = 1 << 20;

/// Starts a file of kind `magic` for `owner`: what [`open`] checks.
pub fn header(out: &mut Vec<u8>, magic: &[u8; 16], owner: u64) {
    out.extend_from_slice(magic);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    put_str(out, env!("CARGO_PKG_VERSION"));
    out.extend_from_slice(&owner.to_le_bytes());
}

/// Ends a file with the checksum of all before.
pub fn seal(out: &mut Vec<u8>) {
    let sum = checksum(out);
    out.extend_from_slice(&sum.to_le_bytes());
}

/// A reader of `file` after its header, if the file is whole (its checksum
/// holds) and was written by this version of `insight` as a file of `magic`
/// for `owner` (the settings an index was made with, the index that search
/// texts belong to). The checksum is not part of what it reads.
pub fn open<'a>(file: &'a [u8], magic: &[u8; 16], owner: u64) -> Option<Reader<'a>> {
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

pub fn put_u64(out: &mut Vec<u8>, mut number: u64) {
    while number >= 0x80 {
        out.push((number as u8) | 0x80);
        number >>= 7;
    }
    out.push(number as u8);
}

pub fn put_count(out: &mut Vec<u8>, count: usize) {
    put_u64(out, count as u64);
}

pub fn put_str(out: &mut Vec<u8>, text: &str) {
    put_count(out, text.len());
    out.extend_from_slice(text.as_bytes());
}

/// A reader of values from a buffer, each checked against its end.
pub struct Reader<'a> {
    pub bytes: &'a [u8],
    /// Where the next value starts.
    pub at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    pub fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }

    pub fn bytes(&mut self, length: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(length)?;
        let taken = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(taken)
    }

    pub fn byte(&mut self) -> Option<u8> {
        Some(self.bytes(1)?[0])
    }

    pub fn u32_le(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.bytes(4)?.try_into().ok()?))
    }

    pub fn u64_le(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.bytes(8)?.try_into().ok()?))
    }

    pub fn u64(&mut self) -> Option<u64> {
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
    pub fn count(&mut self) -> Option<usize> {
        let count = usize::try_from(self.u64()?).ok()?;
        (count <= self.bytes.len() - self.at).then_some(count)
    }

    pub fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.raw_str()?).ok()
    }

    /// A text's bytes, not checked to be UTF-8.
    pub fn raw_str(&mut self) -> Option<&'a [u8]> {
        let length = self.count()?;
        self.bytes(length)
    }
}

/// A file read a piece at a time, as [`Reader`] reads a buffer: its first
/// `length` bytes, then a checksum of them.
pub struct Stream {
    file: std::fs::File,
    buffer: Vec<u8>,
    /// Where the next value starts in `buffer`.
    at: usize,
    /// Bytes before the checksum not read into `buffer` yet.
    unread: u64,
    sum: Checksum,
}

impl Stream {
    pub fn new(file: std::fs::File, length: u64) -> Stream {
        Stream {
            file,
            buffer: Vec::with_capacity(PIECE),
            at: 0,
            unread: length,
            sum: Checksum::new(length),
        }
    }

    /// Bytes left before the checksum, read or not.
    pub fn left(&self) -> u64 {
        (self.buffer.len() - self.at) as u64 + self.unread
    }

    /// The next `wanted` bytes, read from the file as needed; `None` past the end.
    pub fn ahead(&mut self, wanted: usize) -> Option<&[u8]> {
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

    pub fn take(&mut self, length: usize) -> Option<&[u8]> {
        self.ahead(length)?;
        self.at += length;
        Some(&self.buffer[self.at - length..self.at])
    }

    pub fn u32_le(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    pub fn u64_le(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// A count, as [`Reader::count`] reads it.
    pub fn count(&mut self) -> Option<usize> {
        let longest = self.left().min(10) as usize;
        let mut reader = Reader::new(self.ahead(longest)?);
        let number = reader.u64()?;
        self.at += reader.at;
        let count = usize::try_from(number).ok()?;
        (count as u64 <= self.left()).then_some(count)
    }

    /// A text's bytes.
    pub fn str(&mut self) -> Option<&[u8]> {
        let length = self.count()?;
        self.take(length)
    }

    /// Whether every byte before the checksum was read, and the checksum holds.
    pub fn ends_soundly(mut self) -> bool {
        use std::io::Read;
        let mut sum = [0u8; 8];
        self.left() == 0
            && self.file.read_exact(&mut sum).is_ok()
            && self.sum.finish().to_le_bytes() == sum
    }
}

/// A checksum of `bytes`: eight bytes at a time, so that checking a large
/// index costs little next to reading it. It finds damage, not tampering.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut sum = Checksum::new(bytes.len() as u64);
    sum.update(bytes);
    sum.finish()
}

/// [`checksum`] worked out piece by piece, for a file read a piece at a time.
pub struct Checksum {
    hash: u64,
    /// The start of a word that the last piece ended in.
    pending: [u8; 8],
    pending_len: usize,
}

impl Checksum {
    /// For `length` bytes in all.
    pub fn new(length: u64) -> Checksum {
        Checksum {
            hash: length,
            pending: [0; 8],
            pending_len: 0,
        }
    }

    pub fn update(&mut self, mut bytes: &[u8]) {
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

    pub fn mix(&mut self, word: u64) {
        const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(MULTIPLIER);
    }

    pub fn finish(mut self) -> u64 {
        let pending = self.pending;
        for &byte in &pending[..self.pending_len] {
            self.mix(u64::from(byte));
        }
        self.hash ^ (self.hash >> 29)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
