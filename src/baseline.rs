//! Baselines: a record of accepted findings, so a newsroom can adopt claimcheck on
//! an archive and fail CI only on new problems.
//!
//! A finding is identified by (rule, path, claim text), not by offsets: editing
//! elsewhere in an article must not resurrect an accepted finding, while a new
//! wrong figure has new text and is reported. Entries are matched as a multiset, so
//! a second identical finding in the same file is still reported when only one was
//! accepted.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::check::Verdict;
use crate::report::FileReport;

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    pub path: String,
    /// The checked claim's text, e.g. `34 per cent`.
    pub claim: String,
}

/// `./a.txt` and `a.txt` are the same file to a baseline.
fn normalise(path: &str) -> String {
    path.strip_prefix("./").unwrap_or(path).replace('\\', "/")
}

fn entries(f: &FileReport) -> impl Iterator<Item = (usize, Entry)> + '_ {
    f.analysis
        .checks
        .iter()
        .enumerate()
        .filter(|(_, c)| c.verdict == Verdict::Inconsistent)
        .map(|(i, c)| {
            let claim = f
                .analysis
                .claims
                .get(c.claim)
                .map_or("", |cl| cl.span.slice(&f.source.text));
            (
                i,
                Entry {
                    rule: c.rule.to_owned(),
                    path: normalise(&f.source.path),
                    claim: claim.to_owned(),
                },
            )
        })
}

impl Baseline {
    /// The inconsistent findings of `files`, sorted.
    #[must_use]
    pub fn from_files<'a>(files: impl IntoIterator<Item = &'a FileReport>) -> Self {
        let mut findings: Vec<Entry> = files
            .into_iter()
            .flat_map(|f| entries(f).map(|(_, e)| e))
            .collect();
        findings.sort();
        Self {
            version: 1,
            findings,
        }
    }

    /// Reads a baseline file.
    ///
    /// # Errors
    /// An unreadable file or one that is not a baseline, naming the file.
    pub fn load(path: &Path) -> Result<Self, crate::Error> {
        let display = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| crate::Error::io(&display, &e))?;
        serde_json::from_str(&text).map_err(|e| crate::Error::Io {
            path: display,
            message: format!("not a claimcheck baseline: {e}"),
        })
    }

    /// Writes the baseline as pretty JSON.
    ///
    /// # Errors
    /// Any error writing the file, naming it.
    pub fn save(&self, path: &Path) -> Result<(), crate::Error> {
        let display = path.display().to_string();
        let mut text = serde_json::to_string_pretty(self).map_err(|e| crate::Error::Io {
            path: display.clone(),
            message: e.to_string(),
        })?;
        text.push('\n');
        std::fs::write(path, text).map_err(|e| crate::Error::io(&display, &e))
    }

    /// A matcher that consumes entries as findings use them up.
    #[must_use]
    pub fn matcher(&self) -> Matcher {
        let mut left: HashMap<Entry, usize> = HashMap::new();
        for e in &self.findings {
            *left.entry(e.clone()).or_default() += 1;
        }
        Matcher { left }
    }
}

/// Removes accepted findings from reports, each baseline entry at most once.
#[derive(Debug)]
pub struct Matcher {
    left: HashMap<Entry, usize>,
}

impl Matcher {
    /// Drops the checks of `f` the baseline accepts; returns how many.
    pub fn apply(&mut self, f: &mut FileReport) -> usize {
        let drop: Vec<usize> = entries(f)
            .filter_map(|(i, e)| match self.left.get_mut(&e) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    Some(i)
                }
                _ => None,
            })
            .collect();
        let mut i = 0;
        f.analysis.checks.retain(|_| {
            let keep = !drop.contains(&i);
            i += 1;
            keep
        });
        f.suppressed += drop.len();
        drop.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Check, Interval, Severity};
    use crate::source::Source;

    fn file(path: &str) -> FileReport {
        let text = "Crime rose 34 per cent, from 108 offences to 164. Crime rose 34 per cent, from 108 offences to 164.";
        let mut f = FileReport::new(Source::from_bytes(path, text.as_bytes().to_vec()).unwrap());
        // Findings made by hand so this test does not depend on the rules.
        let claim = f
            .analysis
            .claims
            .iter()
            .find(|c| c.span.slice(text) == "34 per cent")
            .map(|c| c.id)
            .unwrap();
        let check = Check {
            rule: "percent-change",
            verdict: Verdict::Inconsistent,
            severity: Severity::Error,
            claim,
            evidence: vec![],
            stated: 34.0,
            computed: 51.85,
            tolerance: Interval::new(33.5, 34.5),
            computed_range: Interval::point(51.85),
            message: "m".into(),
        };
        f.analysis.checks = vec![check.clone(), check];
        f
    }

    #[test]
    fn accepted_findings_are_dropped_once_each() {
        let mut f = file("./a.txt");
        let mut base = Baseline::from_files([&f]);
        assert_eq!(base.findings.len(), 2);
        assert_eq!(base.findings[0].path, "a.txt");
        assert_eq!(base.findings[0].claim, "34 per cent");
        base.findings.pop();
        let mut m = base.matcher();
        assert_eq!(m.apply(&mut f), 1);
        assert_eq!(f.analysis.checks.len(), 1);
        assert_eq!(f.suppressed, 1);
        let mut other = file("b.txt");
        assert_eq!(base.matcher().apply(&mut other), 0);
    }

    #[test]
    fn round_trips_through_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("baseline.json");
        let base = Baseline::from_files([&file("a.txt")]);
        base.save(&p).unwrap();
        assert_eq!(Baseline::load(&p).unwrap(), base);
        std::fs::write(&p, "{}").unwrap();
        let e = Baseline::load(&p).unwrap_err().to_string();
        assert!(e.contains("not a claimcheck baseline"), "{e}");
    }
}
