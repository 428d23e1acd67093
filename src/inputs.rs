//! Which files to check: explicit paths as given, directories walked like ripgrep
//! walks them (`.gitignore`, `.ignore` and hidden-file rules honoured), filtered by
//! file type and `--glob`, in a deterministic order.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;

use crate::Error;
use crate::markup::Markup;

/// The type of a file found while walking a folder: `.txt` files and the
/// extensions [`Markup::from_path`] knows; `None` for anything else, which a walk
/// skips.
#[must_use]
pub fn walked_type(path: &Path) -> Option<Markup> {
    match Markup::from_path(path) {
        Markup::Text => {
            let ext = path.extension()?.to_str()?.to_ascii_lowercase();
            matches!(ext.as_str(), "txt" | "text").then_some(Markup::Text)
        }
        other => Some(other),
    }
}

/// One thing to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Standard input, with the name and type `--stdin-filename` gives it.
    Stdin { name: String, ty: Markup },
    /// A file, named on the command line (`explicit`) or found in a directory.
    File {
        path: PathBuf,
        ty: Markup,
        explicit: bool,
    },
}

/// Expands the command line's paths into inputs, in order: each path in the order
/// given, a directory's files sorted by path. Errors (a broken symlink or an
/// unreadable folder inside a directory, a bad glob) are collected, not fatal.
#[must_use]
pub fn expand(
    paths: &[PathBuf],
    types: &[Markup],
    globs: &[String],
    stdin_name: Option<&str>,
) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    walk(paths, types, globs, stdin_name, |found| {
        match found {
            Ok(i) => inputs.push(i),
            Err(e) => errors.push(e),
        }
        true
    });
    (inputs, errors)
}

/// [`expand`] as a stream: hands each input (or walk error) to `found` as soon as
/// the walk reaches it, in the same order, so checking can start before a large
/// folder has been read to the end. The walk stops early when `found` returns
/// `false`.
pub fn walk(
    paths: &[PathBuf],
    types: &[Markup],
    globs: &[String],
    stdin_name: Option<&str>,
    mut found: impl FnMut(Result<Input, Error>) -> bool,
) {
    for next in Walk::new(paths, types, globs, stdin_name) {
        if !found(next) {
            return;
        }
    }
}

/// [`expand`] as an iterator: each input (or walk error) as the walk reaches it,
/// in the same order. A folder is read when the walk gets to it, so whoever
/// pulls from the iterator decides how far ahead of the checking the walk runs
/// (the parallel run's threads take the next file themselves, under a lock).
pub struct Walk<'a> {
    paths: std::slice::Iter<'a, PathBuf>,
    types: &'a [Markup],
    globs: &'a [String],
    stdin_name: Option<&'a str>,
    /// The folder being walked, and the path it was named by (errors without a
    /// path of their own name it).
    folder: Option<(ignore::Walk, &'a Path)>,
    /// Errors to yield before the folder's files: its bad globs.
    pending: std::collections::VecDeque<Error>,
}

impl<'a> Walk<'a> {
    #[must_use]
    pub fn new(
        paths: &'a [PathBuf],
        types: &'a [Markup],
        globs: &'a [String],
        stdin_name: Option<&'a str>,
    ) -> Self {
        Self {
            paths: paths.iter(),
            types,
            globs,
            stdin_name,
            folder: None,
            pending: std::collections::VecDeque::new(),
        }
    }

    fn wanted(&self, ty: Markup) -> bool {
        self.types.is_empty() || self.types.contains(&ty)
    }

    /// Starts walking the folder `path`: sorted, following links, with the
    /// `--glob` overrides (a bad one becomes an error yielded first).
    fn enter(&mut self, path: &'a Path) {
        let mut walk = WalkBuilder::new(path);
        // Sorted: the walker reads each folder whole, sorts it and yields entries
        // depth first, so files arrive in their final order as the walk goes.
        walk.follow_links(true)
            .sort_by_file_path(Ord::cmp)
            .require_git(false);
        if !self.globs.is_empty() {
            let mut ob = OverrideBuilder::new(path);
            for g in self.globs {
                if let Err(e) = ob.add(g) {
                    self.pending.push_back(Error::Io {
                        path: g.clone(),
                        message: format!("bad --glob: {e}"),
                    });
                }
            }
            match ob.build() {
                Ok(o) => {
                    walk.overrides(o);
                }
                Err(e) => self.pending.push_back(Error::Io {
                    path: path.display().to_string(),
                    message: format!("bad --glob: {e}"),
                }),
            }
        }
        self.folder = Some((walk.build(), path));
    }
}

impl Iterator for Walk<'_> {
    type Item = Result<Input, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(e) = self.pending.pop_front() {
                return Some(Err(e));
            }
            if let Some((walk, root)) = &mut self.folder {
                match walk.next() {
                    Some(Ok(e)) => {
                        if e.file_type().is_some_and(|t| t.is_file())
                            && let Some(ty) = walked_type(e.path())
                            && self.wanted(ty)
                        {
                            return Some(Ok(Input::File {
                                path: e.into_path(),
                                ty,
                                explicit: false,
                            }));
                        }
                    }
                    Some(Err(e)) => return Some(Err(walk_error(root, &e))),
                    None => self.folder = None,
                }
                continue;
            }
            let path = self.paths.next()?;
            if path.as_os_str() == "-" {
                let name = self.stdin_name.unwrap_or("<stdin>").to_owned();
                let ty = Markup::from_path(Path::new(&name));
                return Some(Ok(Input::Stdin { name, ty }));
            }
            if !path.is_dir() {
                // Named files are read whatever their extension; reading reports any error.
                return Some(Ok(Input::File {
                    path: path.clone(),
                    ty: Markup::from_path(path),
                    explicit: true,
                }));
            }
            self.enter(path);
        }
    }
}

/// A walk error as a one-line error naming the path it is about.
fn walk_error(root: &Path, e: &ignore::Error) -> Error {
    fn find(e: &ignore::Error) -> Option<(PathBuf, String)> {
        match e {
            ignore::Error::WithPath { path, err } => {
                let msg = match err.as_ref() {
                    ignore::Error::Io(io) => crate::Error::io("", io).message(),
                    other => find(other).map_or_else(|| other.to_string(), |(_, m)| m),
                };
                Some((path.clone(), msg))
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                find(err)
            }
            ignore::Error::Loop { child, .. } => {
                Some((child.clone(), "symbolic link loop".to_owned()))
            }
            _ => None,
        }
    }
    let (path, message) =
        find(e).unwrap_or_else(|| (root.to_path_buf(), e.to_string().replace('\n', " ")));
    let message = if message == "no such file" {
        "broken symbolic link or vanished file".to_owned()
    } else {
        message
    };
    Error::Io {
        path: path.display().to_string(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(inputs: &[Input], root: &Path) -> Vec<String> {
        inputs
            .iter()
            .map(|i| match i {
                Input::File { path, .. } => path
                    .strip_prefix(root)
                    .unwrap_or(path)
                    .display()
                    .to_string(),
                Input::Stdin { name, .. } => name.clone(),
            })
            .collect()
    }

    #[test]
    fn walks_sorted_honouring_gitignore_hidden_and_types() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "b.txt",
            "a.md",
            "c.html",
            "skip.rs",
            "sub/z.htm",
            "sub/y.markdown",
            ".hidden/h.txt",
            "ignored/i.txt",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "ignored/\n").unwrap();
        let (inputs, errors) = expand(&[root.to_path_buf()], &[], &[], None);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            names(&inputs, root),
            ["a.md", "b.txt", "c.html", "sub/y.markdown", "sub/z.htm"]
        );
        let (inputs, _) = expand(&[root.to_path_buf()], &[Markup::Html], &[], None);
        assert_eq!(names(&inputs, root), ["c.html", "sub/z.htm"]);
        let (inputs, _) = expand(&[root.to_path_buf()], &[], &["!sub/**".to_owned()], None);
        assert_eq!(names(&inputs, root), ["a.md", "b.txt", "c.html"]);
    }

    #[test]
    fn named_files_and_stdin_keep_their_order() {
        let (inputs, errors) = expand(
            &[
                PathBuf::from("z.rs"),
                PathBuf::from("-"),
                PathBuf::from("a.md"),
            ],
            &[],
            &[],
            Some("draft.html"),
        );
        assert!(errors.is_empty());
        assert_eq!(
            inputs[1],
            Input::Stdin {
                name: "draft.html".into(),
                ty: Markup::Html
            }
        );
        assert!(matches!(
            &inputs[0],
            Input::File {
                ty: Markup::Text,
                explicit: true,
                ..
            }
        ));
        assert!(matches!(
            &inputs[2],
            Input::File {
                ty: Markup::Markdown,
                ..
            }
        ));
    }

    #[cfg(unix)]
    #[test]
    fn broken_symlink_in_a_directory_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ok.txt"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("dead.txt"))
            .unwrap();
        let (inputs, errors) = expand(&[dir.path().to_path_buf()], &[], &[], None);
        assert_eq!(inputs.len(), 1);
        assert_eq!(errors.len(), 1, "{errors:?}");
        let msg = errors[0].to_string();
        assert!(msg.contains("dead.txt"), "{msg}");
    }
}
