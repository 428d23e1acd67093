//! `multiplier`: a factor in words (`doubled`, `three times`, `halved`, `two to
//! one`) against the figures it compares (`doubled from 40 to 80`).

use std::sync::LazyLock;

use regex::Regex;

use super::link::{Links, change_pairs, is_figure};
use super::{Check, Interval, Rule, Severity, Verdict, approx, figure_interval, fmt_num};
use crate::extract::{Claim, ClaimKind, HedgeSense};

/// Checks a stated factor against the ratio of its figures.
pub struct Multiplier;

impl Rule for Multiplier {
    fn id(&self) -> &'static str {
        "multiplier"
    }

    fn summary(&self) -> &'static str {
        "A factor in words (doubled, three times, two to one) disagrees with the figures it compares"
    }

    fn explain(&self) -> &'static str {
        "\
multiplier

WHAT IT CHECKS
A factor stated in words or digits (`doubled`, `tripled`, `halved`, `three
times`, `tenfold`, `twice`, `two to one`) against the ratio of the figures it
compares. It reads three structures:
  - a change with its figures in the same sentence: `doubled from 40 to 80`,
    `tripled to 90 from 30`, `halved from 10 to 5` (end / start);
  - `twice the rate of inflation, which is currently 1.6%`: the base follows
    the factor in its sentence; the compared value is the one value of the
    same kind before the factor in the sentence or, when there is none, the one
    value of that kind in the sentence before (`Council tax is set to rise by
    about 4%`);
  - a ratio `by two to one` with a sentence at most two away that prints
    exactly two percentages (`45% would vote against and 24% in favour`):
    larger / smaller.

WHY IT MATTERS
`Doubled` is the word reporters reach for when a figure has grown a lot; when
the figures say it grew by 60%, the word misleads.

EXAMPLES
Consistent:   Sales doubled from 40 to 80 units.
Consistent:   British voters would reject the constitution by two to one. [...]
              45% would vote against the constitution and 24% in favour (1.88)
Consistent:   rise by about 4% [...] more than twice the rate of inflation,
              which is currently 1.6% (2.5)
Inconsistent: Sales doubled from 40 to 60 units (1.5)

TOLERANCE
A factor without a hedge is read as about: within 10% (`doubled` covers
1.8..2.2), because round words are round on purpose. `more than twice` covers
2 and above, `almost three times` 2.7..3. The figures cover their rounding
(`£4.4bn` 4.35bn..4.45bn, `45%` 44.5..45.5), and the ratio their extremes.
When the compared value comes from the sentence before, or the percentages
of a ratio from another sentence, a disagreement is reported only when the
factors are within a factor of two of each other; a wilder difference more
likely means the figures measure something else.
"
    }

    fn check(&self, links: &Links<'_>, out: &mut Vec<Check>) {
        let cx = &links.cx;
        for c in cx.claims {
            if c.kind != ClaimKind::Multiplier || links.crowded(c.sentence) {
                continue;
            }
            let found = from_change(links, c)
                .map(|(a, b)| (a, b, true))
                .or_else(|| against_base(links, c))
                .or_else(|| ratio(links, c));
            let Some((a, b, strong)) = found else {
                continue;
            };
            if let Some(ch) = make_check(self.id(), links, c, a, b, strong) {
                out.push(ch);
            }
        }
    }
}

/// The interval a stated factor covers: about within [`super::APPROX`] without a hedge;
/// `more than` open above; `almost` within [`super::APPROX`] below.
fn factor_interval(c: &Claim) -> Interval {
    let v = c.value();
    let s = v.abs() * approx();
    match c.hedge.map(crate::extract::Hedge::sense) {
        None | Some(HedgeSense::Approximate) => Interval::new(v - s, v + s),
        Some(HedgeSense::Above | HedgeSense::AtLeast) => Interval::new(v, f64::INFINITY),
        Some(HedgeSense::Below | HedgeSense::AtMost) => Interval::new(0.0, v),
        Some(HedgeSense::JustBelow) => Interval::new(v - s, v),
    }
}

/// A change verb factor (`doubled`, `tripled`, `halved`, `rose threefold`) whose
/// sentence holds exactly one change pair of raw figures: (start, end).
fn from_change<'a>(links: &Links<'a>, c: &Claim) -> Option<(&'a Claim, &'a Claim)> {
    // Only a factor that is itself a change (`doubled`, `tenfold`); `four times
    // more likely ... than $30,000` compares something else.
    let t = c.span.slice(links.cx.text).to_lowercase();
    if !(t.ends_with("ed") || t.ends_with("fold")) {
        return None;
    }
    let pairs = change_pairs(links, c.sentence);
    let claims = links.cx.claims;
    let raw: Vec<_> = pairs
        .iter()
        .filter_map(|p| Some((claims.get(p.start)?, claims.get(p.end)?)))
        .filter(|(a, b)| is_figure(a) && is_figure(b))
        .collect();
    match raw.as_slice() {
        [(a, b)] if links.between(c.span, a.span).is_some() => Some((*a, *b)),
        _ => None,
    }
}

/// `twice the rate of inflation, which is currently 1.6%`: the base after the
/// factor, introduced by `the`/`that of`/`as`.
static BASE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*(?:the|that\s+of|as\s+(?:much|many|high|big|large)\s+as)\b   # twice the ...
        [^.;:!?0-9]{0,60}$                                             # its noun phrase
        ",
    )
    .expect("static regex")
});

/// Whether two claims are the same kind of value for a ratio: percentages with
/// percentages, money in one currency, counts with counts.
fn same_unit(a: &Claim, b: &Claim) -> bool {
    match (a.kind, b.kind) {
        (ClaimKind::Percent, ClaimKind::Percent) => true,
        (ClaimKind::Money, ClaimKind::Money) => a.currency == b.currency,
        (ClaimKind::Count, ClaimKind::Count) => {
            !super::link::year_like(a) && !super::link::year_like(b)
        }
        _ => false,
    }
}

fn ratio_value(c: &Claim) -> bool {
    matches!(c.kind, ClaimKind::Percent) || is_figure(c)
}

/// `twice the rate of inflation, which is currently 1.6%`: (base, compared).
fn against_base<'a>(links: &Links<'a>, c: &Claim) -> Option<(&'a Claim, &'a Claim, bool)> {
    let cs = links.claims_in(c.sentence);
    let base = cs
        .iter()
        .find(|b| b.span.start >= c.span.end && ratio_value(b))?;
    let gap = links.between(c.span, base.span)?;
    if !BASE_AFTER.is_match(gap) || gap.contains(" than ") {
        return None;
    }
    let before: Vec<&Claim> = cs
        .iter()
        .filter(|x| x.span.end <= c.span.start && same_unit(x, base))
        .collect();
    match before.as_slice() {
        [x] => Some((base, *x, true)),
        [] if c.sentence > 0
            && links.paragraph(c.sentence) - links.paragraph(c.sentence - 1) <= 1 =>
        {
            let prev: Vec<&Claim> = links
                .claims_in(c.sentence - 1)
                .iter()
                .filter(|x| same_unit(x, base))
                .collect();
            match prev.as_slice() {
                [x] => Some((base, *x, false)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `by two to one`: a ratio against the two percentages of a nearby sentence.
fn ratio<'a>(links: &Links<'a>, c: &Claim) -> Option<(&'a Claim, &'a Claim, bool)> {
    if !c
        .span
        .slice(links.cx.text)
        .to_lowercase()
        .ends_with(" to one")
    {
        return None;
    }
    let mut found: Option<(&Claim, &Claim)> = None;
    for s in c.sentence.saturating_sub(2)..(c.sentence + 3).min(links.sentence_count()) {
        if links.paragraph(s).abs_diff(links.paragraph(c.sentence)) > 2 {
            continue;
        }
        let ps: Vec<&Claim> = links
            .claims_in(s)
            .iter()
            .filter(|x| x.kind == ClaimKind::Percent)
            .collect();
        if let [x, y] = ps.as_slice()
            && links
                .between(x.span, y.span)
                .is_some_and(|g| g.len() <= 80 && AND_PAIR.is_match(g))
        {
            if found.is_some() {
                return None;
            }
            let (small, big) = if x.value() <= y.value() {
                (*x, *y)
            } else {
                (*y, *x)
            };
            found = Some((small, big));
        }
    }
    found.map(|(a, b)| (a, b, false))
}

/// Two percentages read as the two sides: `45% ... against ... and 24% in favour`.
static AND_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^[^.;:!?]*\b(?:and|to|against|versus|compared\s+with|while)\s*$   # ... and 24%
        ",
    )
    .expect("static regex")
});

fn make_check(
    rule: &'static str,
    links: &Links<'_>,
    c: &Claim,
    a: &Claim,
    b: &Claim,
    strong: bool,
) -> Option<Check> {
    let (ai, bi) = (figure_interval(a), figure_interval(b));
    if ai.lo <= 0.0 || a.value() <= 0.0 {
        return None;
    }
    let computed = b.value() / a.value();
    let range = Interval::new(bi.lo / ai.hi, bi.hi / ai.lo);
    let tolerance = factor_interval(c);
    let ok = tolerance.overlaps(range);
    if !ok && !strong {
        let r = computed / c.value();
        if !(0.5..=2.0).contains(&r) {
            return None;
        }
    }
    let text = links.cx.text;
    let (at, bt, ct) = (a.span.slice(text), b.span.slice(text), c.span.slice(text));
    let fmt_range = |i: Interval| {
        if i.hi.is_finite() {
            format!("{}..{}", fmt_num(i.lo, 2), fmt_num(i.hi, 2))
        } else {
            format!("at least {}", fmt_num(i.lo, 2))
        }
    };
    let message = if ok {
        format!(
            "stated a factor of {} ({ct}), and {bt} / {at} is {}",
            fmt_num(c.value(), 2),
            fmt_num(computed, 2)
        )
    } else {
        format!(
            "stated a factor of {} ({ct}), but {bt} / {at} is {}: the figures allow {}, the statement {}",
            fmt_num(c.value(), 2),
            fmt_num(computed, 2),
            fmt_range(range),
            fmt_range(tolerance)
        )
    };
    Some(Check {
        rule,
        verdict: Verdict::from_overlap(ok),
        severity: Severity::Error,
        claim: c.id,
        evidence: vec![a.id, b.id],
        stated: c.value(),
        computed,
        tolerance,
        computed_range: range,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_clean, assert_flags, checks};

    #[test]
    fn static_regexes_compile() {
        LazyLock::force(&BASE_AFTER);
        LazyLock::force(&AND_PAIR);
    }

    #[test]
    fn accepts_doubled_from_to() {
        let c = assert_clean(&Multiplier, "Sales doubled from 40 to 80 units last year.");
        assert!((c.computed - 2.0).abs() < 1e-9);
        assert_clean(&Multiplier, "Profits tripled to £90m from £31m.");
        assert_clean(&Multiplier, "The deficit halved from 10,000 to 5,200.");
    }

    #[test]
    fn flags_doubled_from_to() {
        let c = assert_flags(&Multiplier, "Sales doubled from 40 to 60 units last year.");
        assert!(c.message.contains("60 / 40 is 1.5"), "{}", c.message);
        assert_flags(&Multiplier, "The deficit halved from 10,000 to 8,000.");
    }

    #[test]
    fn reads_twice_the_base() {
        assert_clean(
            &Multiplier,
            "Council tax is set to rise by an average of about 4% in the coming year. \
             Projected increases will be more than twice the rate of inflation, which is currently 1.6%.",
        );
        assert_clean(
            &Multiplier,
            "Its costs of £90m are three times the £30m it earns.",
        );
        assert_flags(
            &Multiplier,
            "Its costs of £60m are three times the £30m it earns.",
        );
    }

    #[test]
    fn reads_two_to_one_against_two_percentages() {
        assert_clean(
            &Multiplier,
            "British voters would reject the constitution by two to one, a poll says. \
             It suggests that 45% of people would vote against and 24% in favour.",
        );
        assert_flags(
            &Multiplier,
            "British voters would reject the constitution by two to one, a poll says. \
             It suggests that 45% of people would vote against and 34% in favour.",
        );
    }

    #[test]
    fn stays_silent_without_figures() {
        for text in [
            "Sales doubled last year.",
            "He has won the title twice.",
            "The firm is twice as big as its rival, which has 3,000 staff.",
            "Those earning $75,000 are four times more likely to own one than those earning less than $30,000.",
        ] {
            assert!(checks(&Multiplier, text).is_empty(), "{text}");
        }
    }
}
