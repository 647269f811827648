//! Reading a journal out of git: a commit's tree or the staging area, straight
//! from git's objects, never by checking anything out. The only module that
//! speaks git (through gix, and the `git` program for the user's name);
//! everything else sees paths and bytes.

use std::collections::BTreeMap;
use std::path::Path;

use gix::bstr::ByteSlice;

use crate::error::{Error, Result};
use crate::model::paths::relative_bytes;
use crate::read::files::{ReadProblem, too_large};

/// A commit, as the rest of the program holds one.
pub type CommitId = gix::ObjectId;

/// The git repository a journal lives in; the journal may be any folder of it.
pub struct Repo {
    repo: gix::Repository,
    /// The journal's root relative to the work tree, as git spells paths:
    /// `/`-separated bytes; empty at its top.
    prefix: Vec<u8>,
}

/// The journal's files as git holds them at one point in time.
pub struct Snapshot {
    /// What it is, for people: `HEAD`, `main`, `the merge base of main and HEAD`, `the staging area`.
    pub label: String,
    /// The commit, abbreviated; `None` for the staging area or a branch with no commit yet.
    pub commit: Option<String>,
    /// Journal-relative path → the blob holding its content.
    files: BTreeMap<String, gix::ObjectId>,
}

impl Snapshot {
    /// Every regular file of the journal, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// The paths whose content here differs from `other`'s: added or changed.
    pub fn changed_since(&self, other: &Snapshot) -> Vec<String> {
        self.files
            .iter()
            .filter(|(path, id)| other.files.get(*path) != Some(id))
            .map(|(path, _)| path.clone())
            .collect()
    }

    /// Whether a file holds the same content in both.
    pub fn same_content(&self, path: &str, other: &Snapshot, other_path: &str) -> bool {
        self.files
            .get(path)
            .is_some_and(|id| other.files.get(other_path) == Some(id))
    }
}

impl Repo {
    /// The repository holding `journal_root`, found as git finds it.
    pub fn open(journal_root: &Path) -> Result<Repo> {
        let root = journal_root
            .canonicalize()
            .map_err(|e| Error::io("read", journal_root, &e))?;
        let not_in_git = || {
            Error::new(format!(
                "the journal at {} is not in a git repository",
                journal_root.display()
            ))
            .hint("`insight diff` and `insight check --staged` read the journal from git; run `git init` in the journal, or use them in a clone")
        };
        let repo = gix::discover(&root).map_err(|_| not_in_git())?;
        let workdir = repo
            .workdir()
            .and_then(|w| w.canonicalize().ok())
            .ok_or_else(|| {
                Error::new(format!(
                    "{} has no work tree (a bare repository?)",
                    repo.git_dir().display()
                ))
            })?;
        if !root.starts_with(&workdir) {
            return Err(not_in_git());
        }
        let prefix = root.strip_prefix(&workdir).unwrap_or(Path::new(""));
        let prefix = prefix
            .components()
            .map(|part| part.as_os_str().as_encoded_bytes())
            .collect::<Vec<_>>()
            .join(&b'/');
        Ok(Repo { prefix, repo })
    }

    /// The commit `rev` names (`main`, `HEAD~2`, a tag, a hash); `None` for
    /// `HEAD`, or its branch, in a repository with no commit yet.
    pub fn commit(&self, rev: &str) -> Result<Option<gix::ObjectId>> {
        match self.repo.rev_parse_single(rev) {
            Ok(id) => {
                let commit = id
                    .object()
                    .and_then(|o| o.peel_to_commit())
                    .map_err(|_| Error::new(format!("`{rev}` is not a commit")))?;
                Ok(Some(commit.id))
            }
            Err(_) if self.is_unborn(rev) => Ok(None),
            Err(_) => Err(self.unknown_revision(rev)),
        }
    }

    /// Whether `rev` is `HEAD`, or the branch it names, before its first commit.
    fn is_unborn(&self, rev: &str) -> bool {
        let Ok(head) = self.repo.head() else {
            return false;
        };
        head.is_unborn()
            && (rev == "HEAD"
                || head
                    .referent_name()
                    .is_some_and(|name| name.shorten() == rev))
    }

    fn unknown_revision(&self, rev: &str) -> Error {
        let shallow = self.repo.is_shallow().unwrap_or(false);
        let hint = if shallow {
            "this clone is shallow, so older commits are missing; fetch more history (`git fetch --unshallow`), or name a branch, tag or commit that is here"
        } else {
            "name a branch, a tag or a commit; `git log --oneline` lists commits and `git branch -a` branches"
        };
        Error::new(format!("`{rev}` is not a revision of this repository")).hint(hint)
    }

    /// The best common ancestor of two commits, as `git diff A...B` uses.
    pub fn merge_base(
        &self,
        a: gix::ObjectId,
        b: gix::ObjectId,
        label: &str,
    ) -> Result<gix::ObjectId> {
        match self.repo.merge_base(a, b) {
            Ok(Some(base)) => Ok(base.detach()),
            _ => Err(Error::new(format!("{label} has no merge base: the two have no history in common"))
                .hint("in a shallow clone, fetch more history (`git fetch --unshallow`); or compare the two with `A..B`")),
        }
    }

    /// The journal as `commit` holds it; an empty one for no commit.
    pub fn at_commit(&self, label: &str, commit: Option<gix::ObjectId>) -> Result<Snapshot> {
        let Some(commit) = commit else {
            return Ok(Snapshot {
                label: label.to_string(),
                commit: None,
                files: BTreeMap::new(),
            });
        };
        let failed = |what: &str| Error::new(format!("cannot read {what} of {label} from git"));
        let tree = self
            .repo
            .find_commit(commit)
            .and_then(|c| c.tree_id())
            .map_err(|_| failed("the commit"))?;
        let index = self
            .repo
            .index_from_tree(&tree)
            .map_err(|_| failed("the files"))?;
        Ok(Snapshot {
            label: label.to_string(),
            commit: Some(commit.to_hex_with_len(7).to_string()),
            files: self.journal_files(&index),
        })
    }

    /// The journal as the staging area holds it: what the next commit will contain.
    pub fn staged(&self) -> Result<Snapshot> {
        let index = self
            .repo
            .index_or_empty()
            .map_err(|_| Error::new("cannot read git's staging area (.git/index)"))?;
        Ok(Snapshot {
            label: "the staging area".into(),
            commit: None,
            files: self.journal_files(&index),
        })
    }

    /// The files under the journal's folder, keyed by their journal path
    /// (a name that is not UTF-8 written escaped, as the working tree's
    /// paths are). A symbolic link is the file it leads to in the same tree,
    /// as the working tree follows it; conflicted and submodule entries are
    /// left out: none of them can be an entry.
    fn journal_files(&self, index: &gix::index::State) -> BTreeMap<String, gix::ObjectId> {
        use gix::index::entry::{Mode, Stage};
        let mut regular: BTreeMap<&[u8], gix::ObjectId> = BTreeMap::new();
        let mut links: BTreeMap<&[u8], gix::ObjectId> = BTreeMap::new();
        for entry in index.entries() {
            if entry.stage() != Stage::Unconflicted {
                continue;
            }
            let path: &[u8] = entry.path(index);
            match entry.mode {
                Mode::FILE | Mode::FILE_EXECUTABLE => {
                    regular.insert(path, entry.id);
                }
                Mode::SYMLINK => {
                    links.insert(path, entry.id);
                }
                _ => {}
            }
        }
        let mut files = BTreeMap::new();
        for (path, id) in &regular {
            if let Some(inside) = self.inside(path) {
                files.insert(relative_bytes(inside), *id);
            }
        }
        for path in links.keys() {
            let Some(inside) = self.inside(path) else {
                continue;
            };
            if let Some(id) = self.followed(path, &regular, &links) {
                files.insert(relative_bytes(inside), id);
            }
        }
        files
    }

    /// `path` (from the top of the work tree) relative to the journal's
    /// folder, if it is inside it.
    fn inside<'p>(&self, path: &'p [u8]) -> Option<&'p [u8]> {
        if self.prefix.is_empty() {
            return Some(path);
        }
        path.strip_prefix(self.prefix.as_slice())?
            .strip_prefix(b"/")
    }

    /// The blob of the regular file that the link at `path` leads to in the
    /// same tree, through at most a few links more (a link's blob holds its
    /// target); `None` when it leads out of the tree, nowhere, or round.
    fn followed(
        &self,
        path: &[u8],
        regular: &BTreeMap<&[u8], gix::ObjectId>,
        links: &BTreeMap<&[u8], gix::ObjectId>,
    ) -> Option<gix::ObjectId> {
        let mut at = path.to_vec();
        for _ in 0..8 {
            let link = links.get(at.as_slice())?;
            let target = self.repo.find_blob(*link).ok()?.data.clone();
            let folder = at
                .rsplit_once_str(b"/")
                .map_or(&b""[..], |(folder, _)| folder);
            at = beside(folder, &target)?;
            if let Some(id) = regular.get(at.as_slice()) {
                return Some(*id);
            }
        }
        None
    }

    /// The content of `path` in `snapshot`, refusing what is too large to be
    /// an entry before reading it.
    pub fn read(
        &self,
        snapshot: &Snapshot,
        path: &str,
    ) -> std::result::Result<Vec<u8>, ReadProblem> {
        let problem = |why: String| ReadProblem::whole_file("io", why);
        let id = *snapshot
            .files
            .get(path)
            .ok_or_else(|| problem(format!("not in {}", snapshot.label)))?;
        let header = self.repo.find_header(id).map_err(|_| {
            problem(format!(
                "cannot read it from {}: the object is missing",
                snapshot.label
            ))
        })?;
        too_large(header.size())?;
        let blob = self
            .repo
            .find_blob(id)
            .map_err(|_| problem(format!("cannot read it from {}", snapshot.label)))?;
        Ok(blob.data.clone())
    }
}

/// The top of the git work tree that holds `dir`, if one does.
pub fn work_tree(dir: &Path) -> Option<std::path::PathBuf> {
    let repo = gix::discover(dir).ok()?;
    repo.workdir().and_then(|w| w.canonicalize().ok())
}

/// Makes `dir` a git repository, with the `git` program, as a person would.
pub fn init(dir: &Path) -> Result<()> {
    let output = std::process::Command::new("git")
        .args(["init", "--quiet"])
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| {
            Error::new(format!("cannot run `git init`: {e}"))
                .hint("install git, or leave out --git")
        })?;
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr);
        return Err(Error::new(format!("`git init` failed: {}", why.trim())));
    }
    Ok(())
}

/// The folder git runs the repository's hooks from, as git itself says it
/// (`core.hooksPath` heeded), for the work tree at `top`.
pub fn hooks_folder(top: &Path) -> Option<std::path::PathBuf> {
    let output = std::process::Command::new("git")
        .args(["rev-parse", "--git-path", "hooks"])
        .current_dir(top)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let path = String::from_utf8(output.stdout).ok()?;
    let path = path.trim();
    (output.status.success() && !path.is_empty()).then(|| top.join(path))
}

/// The path that `target` (a link's target, as git holds it) names from
/// `folder`, both from the top of the work tree, `.` and `..` worked out;
/// `None` for an absolute target or one that leaves the tree.
fn beside(folder: &[u8], target: &[u8]) -> Option<Vec<u8>> {
    if target.starts_with(b"/") {
        return None;
    }
    let mut parts: Vec<&[u8]> = folder
        .split(|&b| b == b'/')
        .filter(|p| !p.is_empty())
        .collect();
    for part in target.split(|&b| b == b'/') {
        match part {
            b"" | b"." => {}
            b".." => {
                parts.pop()?;
            }
            name => parts.push(name),
        }
    }
    Some(parts.join(&b'/'))
}

/// `git config user.name` as seen from `dir` (so a journal's own repository
/// settings count, as do ~/.gitconfig and its includes): the person a new entry
/// names by default. Asks the `git` program, which reads every place git keeps
/// settings; `None` when git is missing or has no name.
pub fn user_name(dir: &Path) -> Option<String> {
    let output = std::process::Command::new("git")
        .args(["config", "user.name"])
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let name = String::from_utf8(output.stdout).ok()?;
    (output.status.success() && !name.trim().is_empty()).then(|| name.trim().to_string())
}
/// One end of the comparison, as the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    Commit(String),
    /// Where two revisions part: `A...B`'s left side.
    MergeBase(String, String),
    WorkingTree,
}

/// `REV`, `A..B` or `A...B` as two ends, the way `git diff` reads them; an
/// empty left side is `HEAD` and an empty right side the working tree.
pub fn parse_range(range: Option<&str>) -> (End, End) {
    let or_head = |rev: &str| {
        if rev.is_empty() {
            "HEAD".to_string()
        } else {
            rev.to_string()
        }
    };
    let right = |rev: &str| {
        if rev.is_empty() {
            End::WorkingTree
        } else {
            End::Commit(rev.to_string())
        }
    };
    match range {
        None => (End::Commit("HEAD".into()), End::WorkingTree),
        Some(text) => {
            if let Some((a, b)) = text.split_once("...") {
                (End::MergeBase(or_head(a), or_head(b)), right(b))
            } else if let Some((a, b)) = text.split_once("..") {
                (End::Commit(or_head(a)), right(b))
            } else {
                (End::Commit(text.to_string()), End::WorkingTree)
            }
        }
    }
}
