//! Journal paths: a file's path relative to the journal's root, `/`-separated,
//! written losslessly whatever bytes its names hold, and back again.

use std::path::{Path, PathBuf};

/// A path relative to the journal root, `/`-separated, for output and
/// diagnostics. Lossless: a path whose file names are not all UTF-8, or that
/// holds a backslash, is written with each backslash doubled (`\\`) and each
/// byte that is not UTF-8 as `\xHH`; a path without a backslash is the names
/// as they are. [`file_path`] turns either back into the file's path.
pub fn relative(root: &Path, path: &Path) -> String {
    if let Some(plain) = plain_relative(root, path) {
        return plain.to_string();
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<&std::ffi::OsStr> = rel.components().map(|c| c.as_os_str()).collect();
    let plain: Option<Vec<&str>> = parts.iter().map(|p| p.to_str()).collect();
    match plain {
        Some(names) if !names.iter().any(|n| n.contains('\\')) => names.join("/"),
        _ => {
            let escaped: Vec<String> = parts.iter().map(|p| escape_name(p)).collect();
            escaped.join("/")
        }
    }
}

/// The journal path of the file `name` in `folder`, whose journal path is
/// `folder_rel`: what [`relative`] gives for the file's whole path, without
/// joining and taking it apart again. Plain
/// names (UTF-8, no backslash) are joined with a `/`; any other is escaped
/// by `relative` itself.
pub fn relative_in(root: &Path, folder: &Path, folder_rel: &str, name: &std::ffi::OsStr) -> String {
    match name.to_str() {
        Some(name) if !name.contains('\\') && !folder_rel.contains('\\') => {
            if folder_rel.is_empty() {
                return name.to_string();
            }
            let mut rel = String::with_capacity(folder_rel.len() + 1 + name.len());
            rel.push_str(folder_rel);
            rel.push('/');
            rel.push_str(name);
            rel
        }
        _ => relative(root, &folder.join(name)),
    }
}

/// The journal path of a `/`-separated path given as bytes, as git holds
/// one: what [`relative`] gives for the file at that path.
pub fn relative_bytes(path: &[u8]) -> String {
    let names: Vec<&[u8]> = path
        .split(|&b| b == b'/')
        .filter(|n| !n.is_empty())
        .collect();
    let plain: Option<Vec<&str>> = names.iter().map(|n| std::str::from_utf8(n).ok()).collect();
    match plain {
        Some(names) if !names.iter().any(|n| n.contains('\\')) => names.join("/"),
        _ => {
            let escaped: Vec<String> = names.iter().map(|n| escape_name_bytes(n)).collect();
            escaped.join("/")
        }
    }
}

/// The common case of [`relative`] without taking the path apart: `path` is
/// `root`, a `/`, then UTF-8 names without a backslash or an empty or dot name.
fn plain_relative<'a>(root: &Path, path: &'a Path) -> Option<&'a str> {
    let rest = path.to_str()?.strip_prefix(root.to_str()?)?;
    let rest = rest
        .strip_prefix('/')
        .unwrap_or(if root.as_os_str().is_empty() {
            rest
        } else {
            ""
        });
    let plain = !rest.is_empty()
        && std::path::MAIN_SEPARATOR == '/'
        && !rest.contains('\\')
        && rest
            .split('/')
            .all(|name| !name.is_empty() && name != "." && name != "..");
    plain.then_some(rest)
}

/// The file at `relative` (as [`relative`] writes it) under `root`.
pub fn file_path(root: &Path, relative: &str) -> PathBuf {
    if memchr::memchr(b'\\', relative.as_bytes()).is_none() {
        // Sized once: `root.join` copies the root, then grows to add the rest.
        let mut path = PathBuf::with_capacity(root.as_os_str().len() + 1 + relative.len());
        path.push(root);
        path.push(relative);
        return path;
    }
    let mut bytes = Vec::with_capacity(relative.len());
    let mut rest = relative.as_bytes();
    while let Some((&b, after)) = rest.split_first() {
        rest = after;
        match (b, rest) {
            (b'\\', [b'\\', tail @ ..]) => {
                bytes.push(b'\\');
                rest = tail;
            }
            (b'\\', [b'x', h, l, tail @ ..]) if hex(*h).is_some() && hex(*l).is_some() => {
                bytes.push(hex(*h).unwrap_or(0) * 16 + hex(*l).unwrap_or(0));
                rest = tail;
            }
            _ => bytes.push(b),
        }
    }
    root.join(path_from_bytes(bytes))
}

fn hex(digit: u8) -> Option<u8> {
    (digit as char).to_digit(16).map(|d| d as u8)
}

/// A file name with backslashes doubled and bytes that are not UTF-8 as `\xHH`.
fn escape_name(name: &std::ffi::OsStr) -> String {
    escape_name_bytes(&name_bytes(name))
}

/// [`escape_name`] of a name's bytes.
fn escape_name_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(&chunk.valid().replace('\\', "\\\\"));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

#[cfg(unix)]
fn name_bytes(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(name.as_bytes())
}

#[cfg(not(unix))]
fn name_bytes(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, [u8]> {
    std::borrow::Cow::Owned(name.to_string_lossy().into_owned().into_bytes())
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_use_slashes() {
        assert_eq!(
            relative(Path::new("/j"), Path::new("/j/visits/2026/a.md")),
            "visits/2026/a.md"
        );
    }

    #[test]
    #[cfg(unix)]
    fn relative_paths_keep_every_byte() {
        use std::os::unix::ffi::OsStrExt;
        let root = Path::new("/j");
        let names: [&[u8]; 6] = [
            b"visits/caf\xe9.md",
            b"visits/a\\b.md",
            b"visits/a\\xe9.md",
            b"visits/\xff\\x\xfe/new\nline\x1b.md",
            b"visits/plain caf\xc3\xa9.md",
            b"visits/\\",
        ];
        let written: Vec<String> = names
            .iter()
            .map(|name| relative(root, &root.join(std::ffi::OsStr::from_bytes(name))))
            .collect();
        assert_eq!(
            written,
            [
                "visits/caf\\xe9.md",
                "visits/a\\\\b.md",
                "visits/a\\\\xe9.md",
                "visits/\\xff\\\\x\\xfe/new\nline\x1b.md",
                "visits/plain café.md",
                "visits/\\\\",
            ]
        );
        for (name, rel) in names.iter().zip(&written) {
            assert_eq!(
                file_path(root, rel).as_os_str().as_bytes(),
                root.join(std::ffi::OsStr::from_bytes(name))
                    .as_os_str()
                    .as_bytes()
            );
        }
    }

    #[test]
    fn a_files_journal_path_is_the_one_its_whole_path_gives() {
        #[cfg(unix)]
        let odd = {
            use std::os::unix::ffi::OsStrExt;
            std::ffi::OsStr::from_bytes(b"caf\xE9.md").to_os_string()
        };
        #[cfg(not(unix))]
        let odd = std::ffi::OsString::from("odd.md");
        let names = [
            std::ffi::OsString::from("v1.md"),
            std::ffi::OsString::from("a\\b.md"),
            std::ffi::OsString::from("é.md"),
            odd,
        ];
        for root in ["/j", "/j/", "", "rel/j"] {
            let root = Path::new(root);
            for folder in ["", "visits", "visits/2026", "we\\ird"] {
                let folder = root.join(folder);
                let folder_rel = relative(root, &folder);
                for name in &names {
                    assert_eq!(
                        relative_in(root, &folder, &folder_rel, name),
                        relative(root, &folder.join(name)),
                        "{root:?} {folder:?} {name:?}"
                    );
                }
            }
        }
    }

    #[test]
    #[cfg(unix)]
    fn a_path_from_git_is_the_journal_path_of_its_file() {
        use std::os::unix::ffi::OsStrExt;
        let root = Path::new("/j");
        for path in [
            &b"visits/a.md"[..],
            b"visits/caf\xe9.md",
            b"visits/a\\b.md",
            b"visits/new\nline\x1b.md",
            b"caf\xc3\xa9/\xff.md",
        ] {
            let file = root.join(std::ffi::OsStr::from_bytes(path));
            assert_eq!(relative_bytes(path), relative(root, &file), "{path:?}");
        }
    }
}
