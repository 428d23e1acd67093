//! `claimcheck.toml`: per-project settings, found from each input's folder upwards
//! (or given with `--config`, or ignored with `--no-config`).
//!
//! ```toml
//! select = ["percent-change", "percent-change-delta"]  # default: every rule
//! ignore = ["percentage-points"]
//! exclude = ["archive/**", "*.draft.txt"]              # globs, relative to this file
//! abbreviations = ["Cllr", "Supt"]                     # extra abbreviations (no final dot)
//! default-currency = "AUD"                             # what a bare `$` means
//!
//! [severity]
//! percentage-points = "error"
//!
//! [hedges]                                             # extra hedge words
//! "give or take" = "about"
//!
//! [tolerance]
//! approximate = 0.1        # relative width of `about`, `nearly` and round words
//! ```
//!
//! Unknown keys, unknown rule ids and bad values are errors that name the file and
//! the line, because a typo in a newsroom's config must not silently turn a check off.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::check::{RULES, Severity};
use crate::extract::Hedge;

/// The file name searched for.
pub const FILE_NAME: &str = "claimcheck.toml";

/// Settings as written in a `claimcheck.toml`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rules to run (default: all).
    pub select: Option<Vec<String>>,
    /// Rules not to run.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity per rule id.
    #[serde(default)]
    pub severity: BTreeMap<String, SeverityName>,
    /// Globs of files not to check, relative to the config file's folder.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Extra abbreviations after which a full stop does not end a sentence.
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Extra hedge phrases and the hedge each one means.
    #[serde(default)]
    pub hedges: BTreeMap<String, HedgeName>,
    /// ISO 4217 code a bare `$` stands for (default USD).
    pub default_currency: Option<String>,
    #[serde(default)]
    pub tolerance: Tolerance,
}

/// A severity as written in the config.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum SeverityName {
    Warning,
    Error,
}

impl From<SeverityName> for Severity {
    fn from(s: SeverityName) -> Self {
        match s {
            SeverityName::Warning => Severity::Warning,
            SeverityName::Error => Severity::Error,
        }
    }
}

/// A hedge as written in the config: what an extra hedge phrase means.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum HedgeName {
    /// Within the approximate tolerance either side.
    About,
    /// Within the approximate tolerance below.
    Nearly,
    /// Strictly above.
    MoreThan,
    /// At or above.
    AtLeast,
    /// Strictly below.
    LessThan,
    /// At or below.
    UpTo,
}

impl From<HedgeName> for Hedge {
    fn from(h: HedgeName) -> Self {
        match h {
            HedgeName::About => Hedge::About,
            HedgeName::Nearly => Hedge::Nearly,
            HedgeName::MoreThan => Hedge::MoreThan,
            HedgeName::AtLeast => Hedge::AtLeast,
            HedgeName::LessThan => Hedge::LessThan,
            HedgeName::UpTo => Hedge::UpTo,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Tolerance {
    /// Relative width allowed by `about`, `nearly` and unhedged round words (0.1).
    pub approximate: Option<f64>,
}

/// A config that failed to load: one line naming the file and the line.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl Config {
    /// Parses and validates a config file's text.
    ///
    /// # Errors
    /// Syntax errors, unknown keys, unknown rule ids, bad currencies or tolerances,
    /// each with the line they are on.
    pub fn parse(path: &str, text: &str) -> Result<Self, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            });
            ConfigError {
                path: path.to_owned(),
                line,
                message: e.message().trim().replace('\n', " "),
            }
        })?;
        let line_of = |needle: &str| {
            text.find(needle)
                .map_or(1, |i| text[..i].matches('\n').count() + 1)
        };
        let err = |needle: &str, message: String| ConfigError {
            path: path.to_owned(),
            line: line_of(needle),
            message,
        };
        let ids = config
            .select
            .iter()
            .flatten()
            .chain(&config.ignore)
            .chain(config.severity.keys());
        for id in ids {
            if crate::check::rule(id).is_none() {
                let known: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
                return Err(err(
                    id,
                    format!("unknown rule `{id}`; rules: {}", known.join(", ")),
                ));
            }
        }
        if let Some(c) = &config.default_currency
            && !(c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()))
        {
            return Err(err(
                "default-currency",
                format!("default-currency `{c}` is not an ISO 4217 code such as USD"),
            ));
        }
        if let Some(a) = config.tolerance.approximate
            && !(0.0..=1.0).contains(&a)
        {
            return Err(err(
                "approximate",
                format!("tolerance.approximate must be between 0 and 1, not {a}"),
            ));
        }
        for g in &config.exclude {
            if let Err(e) = globset::Glob::new(g) {
                return Err(err(g, format!("bad exclude glob `{g}`: {e}")));
            }
        }
        Ok(config)
    }

    /// Reads and parses a config file.
    ///
    /// # Errors
    /// An unreadable file, or any error of [`Config::parse`].
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let display = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: display.clone(),
            line: 1,
            message: crate::Error::io(&display, &e).message(),
        })?;
        Self::parse(&display, &text)
    }

    /// Whether rule `id` runs under this config.
    #[must_use]
    pub fn selects(&self, id: &str) -> bool {
        self.select
            .as_ref()
            .is_none_or(|s| s.iter().any(|x| x == id))
            && !self.ignore.iter().any(|x| x == id)
    }
}

/// Finds the nearest `claimcheck.toml` in `dir` or its ancestors.
#[must_use]
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_documented_key() {
        let c = Config::parse(
            "c.toml",
            r#"
select = ["percent-change", "percent-change-delta"]
ignore = ["percent-change-delta"]
exclude = ["archive/**"]
abbreviations = ["Cllr"]
default-currency = "AUD"

[severity]
percent-change = "warning"

[hedges]
"give or take" = "about"

[tolerance]
approximate = 0.2
"#,
        )
        .unwrap();
        assert!(c.selects("percent-change"));
        assert!(!c.selects("percent-change-delta"));
        assert_eq!(
            Severity::from(c.severity["percent-change"]),
            Severity::Warning
        );
        assert_eq!(Hedge::from(c.hedges["give or take"]), Hedge::About);
        assert_eq!(c.tolerance.approximate, Some(0.2));
        assert_eq!(c.default_currency.as_deref(), Some("AUD"));
    }

    #[test]
    fn unknown_key_names_its_line() {
        let e = Config::parse("c.toml", "select = []\n\nsevrity = 1\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.to_string().starts_with("c.toml:3: "), "{e}");
        assert!(e.message.contains("sevrity"), "{e}");
    }

    #[test]
    fn unknown_rule_and_bad_values_are_errors() {
        let e = Config::parse("c.toml", "\nignore = [\"percent-chnage\"]\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("unknown rule `percent-chnage`"), "{e}");
        let e = Config::parse("c.toml", "default-currency = \"pounds\"\n").unwrap_err();
        assert!(e.message.contains("ISO 4217"), "{e}");
        let e = Config::parse("c.toml", "[tolerance]\napproximate = 3.0\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = Config::parse("c.toml", "[hedges]\nish = \"roughly-ish\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
    }

    #[test]
    fn empty_config_selects_everything() {
        let c = Config::parse("c.toml", "").unwrap();
        assert!(RULES.iter().all(|r| c.selects(r.id())));
    }
}
