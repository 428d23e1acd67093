//! Library errors. Every message is one line that names the file, because a
//! newsroom runs claimcheck over many drafts and must see which one failed.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{path}: is a directory, not an article")]
    IsDirectory { path: String },
    #[error("{path}: binary file (NUL byte at offset {offset}), not an article")]
    Binary { path: String, offset: usize },
    #[error("{path}: invalid UTF-8 at byte offset {offset}")]
    Utf8 { path: String, offset: usize },
    #[error("{path}: file is {size} bytes, over the limit of {max} bytes (see --max-file-size)")]
    TooLarge { path: String, size: u64, max: u64 },
}

impl Error {
    /// An I/O error with the OS message, without the "(os error 2)" noise.
    #[must_use]
    pub fn io(path: &str, e: &std::io::Error) -> Self {
        let message = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_owned(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            _ => {
                let s = e.to_string();
                match s.find(" (os error") {
                    Some(i) => s[..i].to_owned(),
                    None => s,
                }
            }
        };
        Self::Io {
            path: path.to_owned(),
            message,
        }
    }

    /// The path the error is about.
    #[must_use]
    pub fn path(&self) -> &str {
        match self {
            Self::Io { path, .. }
            | Self::IsDirectory { path }
            | Self::Binary { path, .. }
            | Self::Utf8 { path, .. }
            | Self::TooLarge { path, .. } => path,
        }
    }

    /// The message without the path prefix (the JSON report has the path apart).
    #[must_use]
    pub fn message(&self) -> String {
        let full = self.to_string();
        let prefix = format!("{}: ", self.path());
        full.strip_prefix(&prefix).unwrap_or(&full).to_owned()
    }
}
