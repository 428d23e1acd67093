//! Share linking: a stated share (`15%`, `a third`) tied to its part and whole.
//!
//! Input: a [`Links`] index over one file. Output: [`ShareLink`]s read from cue
//! phrases in one sentence: `45 of the 300 staff, 15%`, `15% of the 300 staff, 45
//! people`, `100m, less than 8% of the country's 1.3 billion people`, `$41bn - or
//! 40% of the total debt` (the whole named by `the total` is the headline's
//! figure), `2% of MPs - 13 out of 659` (a written-out fraction is its own part
//! and whole). Shared by `percent-share` and `fraction`.
//!
//! Invariants: only the claim's own sentence is read for the part, and for a
//! `total` whole only the headline; every text test is on a bounded slice, so
//! the cost over a file is linear.

use std::sync::LazyLock;

use regex::Regex;

use super::frame::share_interval;
use super::link::{Links, compatible, is_figure, stated_direction};

/// Nouns that count anything: a part in `people` can be a share of `staff`.
const GENERIC: &[&str] = &["people", "persons", "individuals", "of", "in"];

/// Whether `p` can be a part of `w`: the same kind and unit, and nouns that agree
/// where both have one (a generic `people` agrees with any).
fn part_of(p: &Claim, w: &Claim) -> bool {
    if p.kind == ClaimKind::Count && w.kind == ClaimKind::Count {
        let generic = |n: &Option<String>| {
            n.as_deref()
                .is_none_or(|n| GENERIC.contains(&n.to_lowercase().as_str()))
        };
        if generic(&p.noun) || generic(&w.noun) {
            return !super::link::year_like(p) && !super::link::year_like(w);
        }
    }
    compatible(p, w)
}
use super::{Check, Interval, Severity, Verdict, figure_interval, fmt_num, fmt_pct_interval};
use crate::extract::{Claim, ClaimKind};

/// How the part and whole of a share were found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareEvidence {
    /// Part and whole figures in the claim's sentence, tied by cue phrases.
    Figures { part: usize, whole: usize },
    /// A written-out fraction beside the claim: `13 out of 659`.
    Written { fraction: usize },
    /// The part in the sentence, the whole the headline's figure (`of the total`).
    Headline { part: usize, whole: usize },
    /// `in proportion to their numbers in the population, there would be 42`: the
    /// part a population share implies, against the whole of a written fraction.
    Proportional { part: usize, whole: usize },
}

/// A stated share and its evidence.
#[derive(Clone, Copy, Debug)]
pub struct ShareLink {
    pub claim: usize,
    pub evidence: ShareEvidence,
}

/// `of the 300`, `of the country's`, `of its`: the words between a share (or a
/// part) and the whole that follows it.
static OF_WHOLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*(?:of|out\s+of)\s+                       # of / out of
        (?:(?:the|a|an|its|their|his|her|our|all|[A-Za-z]+'s?)\s+){0,3}  # the country's
        [^a-z0-9\s]{0,2}$                             # a currency sign
        ",
    )
    .expect("static regex")
});

/// Between a part and the share after it: `$41bn - or 40%`, `100m but this
/// represents less than 8%`, `45 staff, or 15%`.
static PART_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*[A-Za-z-]{0,20}\s*            # the part's noun: staff
        (?:,|-|–|—|\()?\s*                # a comma, dash or bracket
        (?:or|which\s+is|that\s+is|representing|accounting\s+for|making\s+up
          |but\s+this\s+represents|this\s+represents|which\s+represents|equal\s+to)?\s*
        (?:(?:about|around|some|roughly|nearly|almost|just|only|over|under|more\s+than
          |less\s+than|fewer\s+than|at\s+least|just\s+over|just\s+under)\s+)?
        $",
    )
    .expect("static regex")
});

/// After a whole, before a part: `of the 300 staff, 45 people`, `(45)`.
static PART_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*[A-Za-z-]{0,20}\s*(?:,|-|–|—|\(|:)\s*(?:or\s+|some\s+|about\s+|around\s+)?[^a-z0-9\s]{0,2}$
        ",
    )
    .expect("static regex")
});

/// After a part's whole, before the share: `45 of the 300 staff, 15%`, `(15%)`.
static SHARE_AFTER_WHOLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*[A-Za-z-]{0,20}\s*(?:,|-|–|—|\()\s*(?:or\s+)?
        (?:(?:about|around|some|roughly|nearly|almost|just|over|under|more\s+than|less\s+than)\s+)?
        $",
    )
    .expect("static regex")
});

/// `of the total debt`, `of the total`: a whole named, not printed.
static OF_TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*of\s+(?:the|its|their)\s+total\b
        ",
    )
    .expect("static regex")
});

/// Whether the first word of a tail is one of `words` (or the tail is not plain
/// there, see `cue`): [`OF_WHOLE`], [`OF_TOTAL`] and [`OF_POPULATION`] open
/// with `of` (or `out of`), and most tails do not, so their regexes are not run.
fn opens_with(tail: &str, words: &[&str]) -> bool {
    super::cue::first_word(tail, b"")
        .is_none_or(|first| words.iter().any(|w| first.eq_ignore_ascii_case(w)))
}

/// [`OF_WHOLE`] behind its first-word test.
fn of_whole(tail: &str) -> bool {
    opens_with(tail, &["of", "out"]) && OF_WHOLE.is_match(tail)
}

/// A written-out fraction with digits (`13 out of 659`), not a round one
/// (`one in five`, `eight out of 10`).
fn written_fraction(links: &Links<'_>, c: &Claim) -> bool {
    c.kind == ClaimKind::Fraction
        && c.span.slice(links.cx.text).contains(" out of ")
        && c.span
            .slice(links.cx.text)
            .rsplit(' ')
            .next()
            .and_then(|d| d.replace(',', "").parse::<f64>().ok())
            .is_some_and(|d| d > 0.0 && (d.log10().fract() != 0.0))
}

/// Whether `c` states a share of the kind wanted: a percentage that is not a
/// change, or a round fraction in words.
fn share_claim(links: &Links<'_>, c: &Claim, kind: ClaimKind) -> bool {
    c.kind == kind
        && !written_fraction(links, c)
        && !links.parenthesised(c)
        && (kind != ClaimKind::Percent || stated_direction(links, c).is_none())
}

/// A claim that can be a part or whole: a count or money, not inside another
/// claim (`13` in `13 out of 659`).
fn figure(links: &Links<'_>, c: &Claim) -> bool {
    is_figure(c) && !inside_other(links, c) && !links.parenthesised(c)
}

fn inside_other(links: &Links<'_>, c: &Claim) -> bool {
    let claims = links.cx.claims;
    let lo = c.id.saturating_sub(3);
    let hi = (c.id + 4).min(claims.len());
    claims
        .get(lo..hi)
        .unwrap_or(&[])
        .iter()
        .any(|o| o.id != c.id && o.span.contains(c.span) && o.span != c.span)
}

/// The shares of kind `kind` in the file, each with its evidence. A share with
/// two readings is dropped (no check is better than a guess).
#[must_use]
pub fn link_shares(links: &Links<'_>, kind: ClaimKind) -> Vec<ShareLink> {
    let mut out = Vec::new();
    // Walking the claims, not the sentences: most sentences hold none.
    for (s, i, c) in links.claims_by_sentence() {
        {
            if c.kind != kind || links.crowded(s) || !share_claim(links, c, kind) {
                continue;
            }
            let cs = links.claims_in(s);
            let mut readings: Vec<ShareEvidence> = Vec::new();
            let next = cs.get(i + 1);
            let prev = i.checked_sub(1).and_then(|j| cs.get(j));
            let tail = links.tail(c, 60);
            // `15% of the 300 staff`: the whole right after.
            // The tail's first word, once: the regexes after the share all
            // open with `of` (or `out of`).
            let opens = super::cue::first_word(tail, b"");
            let opens_of = opens.is_none_or(|w| w.eq_ignore_ascii_case("of"));
            let opens_out = opens.is_none_or(|w| w.eq_ignore_ascii_case("out"));
            let whole_after = next
                .filter(|w| figure(links, w) && (opens_of || opens_out) && OF_WHOLE.is_match(tail));
            if let Some(w) = whole_after {
                // The part before the share: `45 staff, or 15% of the 300 staff`,
                // `100m but this represents less than 8% of the ... 1.3 billion`.
                if let Some(p) = prev.filter(|p| figure(links, p) && part_of(p, w))
                    && links
                        .between(p.span, c.span)
                        .is_some_and(|g| PART_BEFORE.is_match(g))
                {
                    readings.push(ShareEvidence::Figures {
                        part: p.id,
                        whole: w.id,
                    });
                }
                // The part after the whole: `15% of the 300 staff, 45 people`.
                if let Some(p) = cs.get(i + 2).filter(|p| figure(links, p) && part_of(p, w))
                    && links
                        .between(w.span, p.span)
                        .is_some_and(|g| PART_AFTER.is_match(g))
                {
                    readings.push(ShareEvidence::Figures {
                        part: p.id,
                        whole: w.id,
                    });
                }
            }
            // `45 of the 300 staff, 15%`: part, `of the`, whole, then the share.
            if i >= 2
                && let (Some(p), Some(w)) = (cs.get(i - 2), cs.get(i - 1))
                && figure(links, p)
                && figure(links, w)
                && part_of(p, w)
                && of_whole(links.tail(p, 60))
                && links
                    .between(w.span, c.span)
                    .is_some_and(|g| SHARE_AFTER_WHOLE.is_match(g))
            {
                readings.push(ShareEvidence::Figures {
                    part: p.id,
                    whole: w.id,
                });
            }
            // `2% of MPs - 13 out of 659`, `13 out of 659 (2%)`.
            let near = cs
                .get(i.saturating_sub(3)..(i + 4).min(cs.len()))
                .unwrap_or(&[]);
            for f in near.iter().filter(|f| f.id != c.id) {
                if written_fraction(links, f)
                    && links
                        .between(f.span, c.span)
                        .is_some_and(|g| g.len() <= 30 && !g.contains(['.', ';']))
                {
                    readings.push(ShareEvidence::Written { fraction: f.id });
                }
            }
            // `$41bn - or 40% of the total debt`: the whole is the headline's.
            if readings.is_empty()
                && opens_of
                && OF_TOTAL.is_match(tail)
                && let Some(p) = prev.filter(|p| figure(links, p))
                && links
                    .between(p.span, c.span)
                    .is_some_and(|g| PART_BEFORE.is_match(g))
                && let Some(w) = headline_whole(links, p)
            {
                readings.push(ShareEvidence::Headline {
                    part: p.id,
                    whole: w,
                });
            }
            if readings.is_empty()
                && kind == ClaimKind::Percent
                && opens_of
                && let Some(r) = proportional(links, c)
            {
                readings.push(r);
            }
            if let [only] = readings.as_slice() {
                out.push(ShareLink {
                    claim: c.id,
                    evidence: *only,
                });
            } else if readings.len() > 1 {
                // Several readings: keep one only when they all agree.
                let verdicts: Vec<bool> = readings
                    .iter()
                    .filter_map(|r| evaluate(links, c.id, *r).map(|e| e.consistent))
                    .collect();
                if verdicts.windows(2).all(|w| w[0] == w[1])
                    && let Some(first) = readings.first()
                {
                    out.push(ShareLink {
                        claim: c.id,
                        evidence: *first,
                    });
                }
            }
        }
    }
    out
}

/// `in proportion to their numbers in the population, there would be `.
static IN_PROPORTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \bin\s+proportion\s+to\b[^.;]{0,80}?\bthere\s+would\s+be\s+$
        ",
    )
    .expect("static regex")
});

/// `8% of the United Kingdom population`.
static OF_POPULATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*of\s+(?:the\s+)?(?:[A-Z][A-Za-z]*\s+){0,3}population\b
        ",
    )
    .expect("static regex")
});

/// `Ethnic minorities make up 8% of the population but only 2% of MPs - 13 out
/// of 659 - ... If ethnic minorities were represented in proportion to their
/// numbers in the population, there would be 42 ethnic minority MPs`: the share
/// `c` of the population against 42 of the 659 (the whole of the one written
/// fraction in `c`'s sentence), when the next two sentences say so.
fn proportional(links: &Links<'_>, c: &Claim) -> Option<ShareEvidence> {
    if !OF_POPULATION.is_match(links.tail(c, 60)) {
        return None;
    }
    let cs = links.claims_in(c.sentence);
    let fractions: Vec<&Claim> = cs.iter().filter(|f| written_fraction(links, f)).collect();
    let [f] = fractions.as_slice() else {
        return None;
    };
    let whole = cs
        .iter()
        .find(|w| w.kind == ClaimKind::Count && w.span.end == f.span.end)?;
    let mut found = None;
    for s in c.sentence + 1..(c.sentence + 3).min(links.sentence_count()) {
        for n in links.claims_in(s) {
            if n.kind == ClaimKind::Count && IN_PROPORTION.is_match(links.before(n, 160)) {
                if found.is_some() {
                    return None;
                }
                found = Some(n);
            }
        }
    }
    let part = found?;
    Some(ShareEvidence::Proportional {
        part: part.id,
        whole: whole.id,
    })
}

/// The headline's one figure compatible with `part` and larger than it.
fn headline_whole(links: &Links<'_>, part: &Claim) -> Option<usize> {
    if links.sentence_count() < 2 || links.paragraph(0) == links.paragraph(1) {
        return None;
    }
    let hs: Vec<&Claim> = links
        .claims_in(0)
        .iter()
        .filter(|w| is_figure(w) && part_of(part, w))
        .collect();
    match hs.as_slice() {
        [w] if w.value() > part.value() => Some(w.id),
        _ => None,
    }
}

/// The arithmetic of one share link.
#[derive(Clone, Debug)]
pub struct Evaluation {
    pub consistent: bool,
    /// Computed share in percent.
    pub computed: f64,
    pub range: Interval,
    pub tolerance: Interval,
    pub stated: f64,
    pub evidence: Vec<usize>,
    /// `45 of 300 is 15%`.
    pub words: String,
}

/// Computes a share link: part / whole against the stated share, both intervals.
#[must_use]
pub fn evaluate(links: &Links<'_>, claim: usize, ev: ShareEvidence) -> Option<Evaluation> {
    let claims = links.cx.claims;
    let c = claims.get(claim)?;
    let text = links.cx.text;
    let (range, computed, evidence, words) = match ev {
        ShareEvidence::Figures { part, whole }
        | ShareEvidence::Headline { part, whole }
        | ShareEvidence::Proportional { part, whole } => {
            let (p, w) = (claims.get(part)?, claims.get(whole)?);
            let (pi, wi) = (figure_interval(p), figure_interval(w));
            if wi.lo <= 0.0 || p.value() > w.value() || p.value() <= 0.0 {
                return None;
            }
            let computed = p.value() / w.value() * 100.0;
            let range = Interval::new(pi.lo / wi.hi * 100.0, pi.hi / wi.lo * 100.0);
            let words = format!(
                "{} of {} is {}%",
                p.span.slice(text),
                w.span.slice(text),
                fmt_num(computed, 2)
            );
            (range, computed, vec![part, whole], words)
        }
        ShareEvidence::Written { fraction } => {
            let f = claims.get(fraction)?;
            let computed = f.value() * 100.0;
            let words = format!("{} is {}%", f.span.slice(text), fmt_num(computed, 2));
            (Interval::point(computed), computed, vec![fraction], words)
        }
    };
    let tolerance = share_interval(c);
    let stated = if c.kind == ClaimKind::Fraction {
        c.value() * 100.0
    } else {
        c.value()
    };
    Some(Evaluation {
        consistent: tolerance.overlaps(range),
        computed,
        range,
        tolerance,
        stated,
        evidence,
        words,
    })
}

/// The check for one share link.
#[must_use]
pub fn share_check(rule: &'static str, links: &Links<'_>, l: ShareLink) -> Option<Check> {
    let e = evaluate(links, l.claim, l.evidence)?;
    let c = links.cx.claims.get(l.claim)?;
    let ct = c.span.slice(links.cx.text);
    let message = if e.consistent {
        format!("stated {}% ({ct}), and {}", fmt_num(e.stated, 2), e.words)
    } else {
        format!(
            "stated {}% ({ct}), but {}: the figures allow {}, the statement {}",
            fmt_num(e.stated, 2),
            e.words,
            fmt_pct_interval(e.range),
            fmt_pct_interval(e.tolerance)
        )
    };
    Some(Check {
        rule,
        verdict: Verdict::from_overlap(e.consistent),
        severity: Severity::Error,
        claim: l.claim,
        evidence: e.evidence,
        stated: e.stated,
        computed: e.computed,
        tolerance: e.tolerance,
        computed_range: e.range,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_word_tests_give_the_regexes_answers() {
        let mut matched = [0; 3];
        for t in crate::check::cue::texts(41, 60_000, 7) {
            let want = OF_WHOLE.is_match(&t);
            assert_eq!(of_whole(&t), want, "{t:?}");
            matched[0] += usize::from(want);
            // `link_shares` runs these two only when the tail opens with `of`.
            for (k, re) in [(1, &OF_TOTAL), (2, &OF_POPULATION)] {
                if re.is_match(&t) {
                    assert!(opens_with(&t, &["of"]), "{} {t:?}", re.as_str());
                    matched[k] += 1;
                }
            }
        }
        assert!(matched.iter().all(|n| *n >= 30), "{matched:?}");
    }

    #[test]
    fn static_regexes_compile() {
        for re in [
            &OF_WHOLE,
            &PART_BEFORE,
            &PART_AFTER,
            &SHARE_AFTER_WHOLE,
            &OF_TOTAL,
            &IN_PROPORTION,
            &OF_POPULATION,
        ] {
            LazyLock::force(re);
        }
    }

    #[test]
    fn cue_phrases() {
        assert!(of_whole(" of the country's "));
        assert!(OF_WHOLE.is_match(" of the "));
        assert!(PART_BEFORE.is_match(" - or "));
        assert!(PART_BEFORE.is_match(" but this represents less than "));
        assert!(PART_AFTER.is_match(" staff, "));
        assert!(SHARE_AFTER_WHOLE.is_match(" staff, "));
        assert!(OF_TOTAL.is_match(" of the total debt"));
    }
}
