//! Inline suppressions: HTML comments in a Markdown or HTML draft that silence
//! checks, in the manner of `ESLint`'s `eslint-disable` comments.
//!
//! ```text
//! <!-- claimcheck-disable-next-line percent-change -->   the next line that has text
//! <!-- claimcheck-disable -->                            from here ...
//! <!-- claimcheck-enable -->                             ... to here (or to the end)
//! ```
//!
//! Each directive takes an optional list of rule ids, separated by spaces or
//! commas; no list means every rule. Text after ` -- ` is a reason for the reader
//! and is ignored. Input: the comments' original byte spans and bodies. Output:
//! [`Suppressions`], byte ranges of the original file with the rules they silence.
//!
//! `claimcheck-enable RULE` ends only the disables that named `RULE`; it does not
//! carve one rule out of a plain `claimcheck-disable` (that needs an "all rules
//! but" range, which no draft so far has asked for).

use serde::Serialize;

use crate::source::Span;

/// One suppressed range of the original file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suppression {
    /// Original bytes in which findings are silenced: a whole line for
    /// `disable-next-line`, comment end to the next `enable` for `disable`.
    pub span: Span,
    /// The rules silenced; `None` is every rule.
    pub rules: Option<Vec<String>>,
    /// The comment that asked for it, for reporting unknown rule ids.
    pub directive: Span,
}

impl Suppression {
    /// Whether this suppression silences `rule` at original byte `offset`.
    #[must_use]
    pub fn applies(&self, offset: usize, rule: &str) -> bool {
        self.span.start <= offset
            && offset < self.span.end
            && self
                .rules
                .as_ref()
                .is_none_or(|rs| rs.iter().any(|r| r == rule))
    }
}

/// Every suppression of one file, sorted by start.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Suppressions {
    items: Vec<Suppression>,
}

impl Suppressions {
    /// Whether a finding of `rule` at original byte `offset` is silenced.
    #[must_use]
    pub fn is_suppressed(&self, offset: usize, rule: &str) -> bool {
        // Sorted by start: only those starting at or before `offset` can apply.
        let n = self.items.partition_point(|s| s.span.start <= offset);
        self.items[..n].iter().any(|s| s.applies(offset, rule))
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Suppression> {
        self.items.iter()
    }

    /// Rule ids that directives name but no rule has, with the directive's span:
    /// most likely a typo, which would otherwise silence nothing without a word.
    pub fn unknown_rules(&self) -> impl Iterator<Item = (Span, &str)> {
        self.items.iter().flat_map(|s| {
            s.rules
                .iter()
                .flatten()
                .filter(|r| crate::check::rule(r).is_none())
                .map(move |r| (s.directive, r.as_str()))
        })
    }
}

impl<'a> IntoIterator for &'a Suppressions {
    type Item = &'a Suppression;
    type IntoIter = std::slice::Iter<'a, Suppression>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// What one comment asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Directive {
    NextLine(Option<Vec<String>>),
    Disable(Option<Vec<String>>),
    Enable(Option<Vec<String>>),
}

/// Parses a comment body (the text between `<!--` and `-->`).
fn directive(body: &str) -> Option<Directive> {
    let body = body.trim();
    let body = body.split_once(" --").map_or(body, |(d, _)| d).trim_end();
    let (word, rest) = body
        .split_once(|c: char| c.is_whitespace())
        .unwrap_or((body, ""));
    let rules: Vec<String> = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
        .collect();
    let rules = (!rules.is_empty()).then_some(rules);
    match word {
        "claimcheck-disable-next-line" => Some(Directive::NextLine(rules)),
        "claimcheck-disable" => Some(Directive::Disable(rules)),
        "claimcheck-enable" => Some(Directive::Enable(rules)),
        _ => None,
    }
}

/// Collects directives as the extractors meet comments, in document order.
#[derive(Debug)]
pub(super) struct Collector<'a> {
    original: &'a str,
    done: Vec<Suppression>,
    /// Open `disable` ranges: (start, rules, directive).
    open: Vec<(usize, Option<Vec<String>>, Span)>,
}

impl<'a> Collector<'a> {
    pub(super) fn new(original: &'a str) -> Self {
        Self {
            original,
            done: Vec::new(),
            open: Vec::new(),
        }
    }

    /// Records the comment at original `span` with body `body`, if a directive.
    pub(super) fn comment(&mut self, span: Span, body: &str) {
        let Some(d) = directive(body) else {
            return;
        };
        match d {
            Directive::NextLine(rules) => {
                let line = self.next_text_line(span.end);
                self.done.push(Suppression {
                    span: line,
                    rules,
                    directive: span,
                });
            }
            Directive::Disable(rules) => self.open.push((span.end, rules, span)),
            Directive::Enable(None) => {
                for (start, rules, directive) in std::mem::take(&mut self.open) {
                    self.done.push(Suppression {
                        span: Span::new(start, span.start),
                        rules,
                        directive,
                    });
                }
            }
            Directive::Enable(Some(enabled)) => {
                let mut still = Vec::new();
                for (start, rules, directive) in std::mem::take(&mut self.open) {
                    let Some(rs) = rules else {
                        // A plain disable is not narrowed by a named enable.
                        still.push((start, None, directive));
                        continue;
                    };
                    let (ended, kept): (Vec<String>, Vec<String>) =
                        rs.into_iter().partition(|r| enabled.contains(r));
                    if !ended.is_empty() {
                        self.done.push(Suppression {
                            span: Span::new(start, span.start),
                            rules: Some(ended),
                            directive,
                        });
                    }
                    if !kept.is_empty() {
                        still.push((start, Some(kept), directive));
                    }
                }
                self.open = still;
            }
        }
    }

    /// The line after the one holding byte `from`, skipping blank lines (a
    /// Markdown comment is often followed by a blank line before its paragraph).
    fn next_text_line(&self, from: usize) -> Span {
        let bytes = self.original.as_bytes();
        let len = bytes.len();
        let mut start = match memchr::memchr(b'\n', bytes.get(from..).unwrap_or_default()) {
            Some(i) => from + i + 1,
            None => return Span::new(len, len),
        };
        loop {
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(len, |i| start + i + 1);
            let line = &bytes[start..end];
            if end == len || !line.iter().all(u8::is_ascii_whitespace) {
                return Span::new(start, end);
            }
            start = end;
        }
    }

    pub(super) fn finish(mut self) -> Suppressions {
        let end = self.original.len();
        for (start, rules, directive) in std::mem::take(&mut self.open) {
            self.done.push(Suppression {
                span: Span::new(start, end),
                rules,
                directive,
            });
        }
        self.done.sort_by_key(|s| (s.span.start, s.span.end));
        Suppressions { items: self.done }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(rs: &[&str]) -> Vec<String> {
        rs.iter().map(|r| (*r).to_owned()).collect()
    }

    #[test]
    fn parses_directives_with_optional_rules_and_reason() {
        assert_eq!(
            directive(" claimcheck-disable-next-line percent-change "),
            Some(Directive::NextLine(Some(rules(&["percent-change"]))))
        );
        assert_eq!(
            directive("claimcheck-disable a, b -- the figures are provisional"),
            Some(Directive::Disable(Some(rules(&["a", "b"]))))
        );
        assert_eq!(
            directive("claimcheck-enable"),
            Some(Directive::Enable(None))
        );
        assert_eq!(directive("claimcheck-disabled"), None);
        assert_eq!(directive("just a note"), None);
    }

    #[test]
    fn next_line_skips_blank_lines() {
        let text = "<!-- claimcheck-disable-next-line -->\n\n  \nA 5% rise.\nB 6% rise.\n";
        let mut c = Collector::new(text);
        c.comment(Span::new(0, 37), " claimcheck-disable-next-line ");
        let s = c.finish();
        let a = text.find("5%").unwrap();
        let b = text.find("6%").unwrap();
        assert!(s.is_suppressed(a, "percent-change"));
        assert!(!s.is_suppressed(b, "percent-change"));
    }

    #[test]
    fn named_enable_ends_only_named_disables() {
        let text = "0123456789abcdefghij";
        let mut c = Collector::new(text);
        c.comment(Span::new(0, 2), "claimcheck-disable x y");
        c.comment(Span::new(2, 4), "claimcheck-disable");
        c.comment(Span::new(10, 12), "claimcheck-enable x");
        let s = c.finish();
        assert!(s.is_suppressed(5, "x") && s.is_suppressed(5, "y"));
        assert!(s.is_suppressed(15, "x"), "plain disable still open");
        assert!(s.is_suppressed(15, "y") && s.is_suppressed(15, "z"));
        assert!(
            !s.is_suppressed(1, "x"),
            "the comment itself is not covered"
        );
    }

    #[test]
    fn reports_unknown_rule_ids() {
        let text = "<!-- claimcheck-disable percent-change, percnt-change -->";
        let mut c = Collector::new(text);
        c.comment(Span::new(0, text.len()), &text[4..text.len() - 3]);
        let s = c.finish();
        let unknown: Vec<_> = s.unknown_rules().collect();
        assert_eq!(unknown, [(Span::new(0, text.len()), "percnt-change")]);
    }
}
