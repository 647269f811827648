//! What the file system says about a file or a folder, enough to tell that it
//! changed, and when a record made from it can be trusted.

use std::time::{SystemTime, UNIX_EPOCH};

use super::bytes::{Reader, put_u64};

/// How long before the index was made a file must have been last modified
/// for its metadata to be trusted: two seconds covers file systems whose
/// clock ticks once a second (or every two, as FAT's does).
pub const RACY_NS: i64 = 2_000_000_000;

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

impl Fingerprint {
    /// A fingerprint as [`Fingerprint::read`] reads it.
    pub fn write(&self, out: &mut Vec<u8>) {
        for number in [self.size, self.inode, self.device] {
            put_u64(out, number);
        }
        out.extend_from_slice(&self.modified_ns.to_le_bytes());
        out.extend_from_slice(&self.changed_ns.to_le_bytes());
    }

    /// The fingerprint [`Fingerprint::write`] wrote at the reader's place.
    pub fn read(reader: &mut Reader) -> Option<Fingerprint> {
        Some(Fingerprint {
            size: reader.u64()?,
            inode: reader.u64()?,
            device: reader.u64()?,
            modified_ns: reader.u64_le()? as i64,
            changed_ns: reader.u64_le()? as i64,
        })
    }

    /// A fingerprint of these figures, for tests of what reads them.
    #[cfg(test)]
    pub fn made_up(size: u64, modified_ns: i64, inode: u64, device: u64) -> Fingerprint {
        Fingerprint {
            size,
            modified_ns,
            changed_ns: modified_ns,
            inode,
            device,
        }
    }
}
