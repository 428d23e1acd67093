//! `percentage-points`: a change between two percentages, stated in points (the
//! difference) or, ambiguously, in per cent.

use super::link::{Direction, Evidence, Links, Strength, link_changes};
use super::{
    Check, Interval, Rule, Severity, Verdict, change_interval, figure_interval, fmt_num,
    fmt_pct_interval, stated_change, stated_value,
};
use crate::extract::ClaimKind;

/// Checks changes between two percentages.
pub struct PercentagePoints;

impl Rule for PercentagePoints {
    fn id(&self) -> &'static str {
        "percentage-points"
    }

    fn summary(&self) -> &'static str {
        "A change between two percentages disagrees with their difference, or mixes points and per cent"
    }

    fn severity(&self) -> Severity {
        Severity::Warning
    }

    fn explain(&self) -> &'static str {
        "\
WHAT IT CHECKS
A change claim whose figures are themselves percentages, printed in the same
sentence (`from 20% to 25%`). A change stated in points (`up 5 points`, `5
percentage points`) must equal the difference B - A. A change stated in per cent
may mean the relative change (B - A) / A, which is what `per cent` means, or the
difference, which should have been written in points.

WHY IT MATTERS
`Unemployment rose from 4% to 5%, a 1 per cent rise` is wrong as written: the rise
is 1 point, or 25 per cent. Readers cannot tell which was meant, and the two
differ by a factor of 25 here.

EXAMPLES
Consistent:      support rose from 20% to 25%, up 5 points
Consistent:      the rate rose from 4% to 5%, a 25% rise
Warning:         unemployment rose from 4% to 5%, a 1 per cent rise
                 (1 is the difference in points; in per cent the rise is 25%)
Error:           support rose from 20% to 25%, up 3 points

TOLERANCE
The stated value covers its written precision and hedge; the two percentages
cover theirs, and the difference or ratio is computed from those intervals. A
claim in per cent that fits neither reading, and a claim in points that does not
fit the difference, is an error; a claim in per cent that fits only the
difference is a warning about the wording.
"
    }

    fn check(&self, links: &Links<'_>, out: &mut Vec<Check>) {
        let cx = &links.cx;
        for l in link_changes(links) {
            if l.strength != Strength::Sentence {
                continue;
            }
            let Evidence::Pair(p) = l.evidence else {
                continue;
            };
            let (Some(c), Some(a), Some(b)) = (
                cx.claims.get(l.claim),
                cx.claims.get(p.start),
                cx.claims.get(p.end),
            ) else {
                continue;
            };
            if a.kind != ClaimKind::Percent || b.kind != ClaimKind::Percent {
                continue;
            }
            if Direction::of_change(a.value(), b.value()) != Some(l.direction) {
                continue;
            }
            let (ai, bi) = (figure_interval(a), figure_interval(b));
            let diff = Interval::new(bi.lo - ai.hi, bi.hi - ai.lo);
            let diff_v = b.value() - a.value();
            let tolerance = stated_change(c, l.direction);
            let stated = stated_value(c, l.direction);
            let (at, bt, ct) = (
                a.span.slice(cx.text),
                b.span.slice(cx.text),
                c.span.slice(cx.text),
            );
            let base = |verdict, severity, computed, range, message| Check {
                rule: self.id(),
                verdict,
                severity,
                claim: c.id,
                evidence: vec![a.id, b.id],
                stated,
                computed,
                tolerance,
                computed_range: range,
                message,
            };
            if c.kind == ClaimKind::Points {
                let ok = tolerance.overlaps(diff);
                out.push(base(
                    Verdict::from_overlap(ok),
                    Severity::Error,
                    diff_v,
                    diff,
                    format!(
                        "stated {} ({ct}), {} {at} → {bt} is {}",
                        points(stated, "points"),
                        if ok { "and" } else { "but" },
                        points(diff_v, "points")
                    ),
                ));
                continue;
            }
            let Some(rel) = change_interval(ai, bi) else {
                continue;
            };
            let rel_v = diff_v / a.value() * 100.0;
            // Both readings may fit rounded figures; the nearer one, on the figures as
            // written, decides which the writer meant.
            let fits_rel = tolerance.overlaps(rel);
            let fits_diff = tolerance.overlaps(diff);
            let means_diff =
                fits_diff && (!fits_rel || (stated - diff_v).abs() < (stated - rel_v).abs());
            if fits_rel && !means_diff {
                out.push(base(
                    Verdict::Consistent,
                    Severity::Error,
                    rel_v,
                    rel,
                    format!(
                        "stated {}% ({ct}), and {at} → {bt} is a relative change of {}%",
                        fmt_num(stated, 2),
                        fmt_num(rel_v, 2)
                    ),
                ));
            } else if means_diff {
                out.push(base(
                    Verdict::Inconsistent,
                    Severity::Warning,
                    diff_v,
                    diff,
                    format!(
                        "stated {ct}, but {at} → {bt} is {}, a relative change of {}%: \
                         a difference between percentages should be given in points",
                        points(diff_v, "percentage points"),
                        fmt_num(rel_v, 2)
                    ),
                ));
            } else if super::same_order(stated, rel_v) || super::same_order(stated, diff_v) {
                out.push(base(
                    Verdict::Inconsistent,
                    Severity::Error,
                    rel_v,
                    rel,
                    format!(
                        "stated {}% ({ct}), but {at} → {bt} is {} points, or {}% relative: \
                         the figures allow {} relative",
                        fmt_num(stated, 2),
                        fmt_num(diff_v, 2),
                        fmt_num(rel_v, 2),
                        fmt_pct_interval(rel)
                    ),
                ));
            }
        }
    }
}

/// `1 percentage point`, `2.5 percentage points`: the number as written in a
/// message, with the unit singular when the number reads as one.
fn points(v: f64, unit: &str) -> String {
    let n = fmt_num(v, 2);
    let unit = if n == "1" || n == "-1" {
        unit.strip_suffix('s').unwrap_or(unit)
    } else {
        unit
    };
    format!("{n} {unit}")
}

#[cfg(test)]
mod tests {
    use super::PercentagePoints;
    use crate::check::Severity;
    use crate::check::testing::{assert_clean, assert_flags};

    #[test]
    fn warns_points_written_as_per_cent() {
        let c = assert_flags(
            &PercentagePoints,
            "Unemployment rose from 4% to 5%, a 1 per cent rise.",
        );
        assert_eq!(c.severity, Severity::Warning);
        assert!(c.message.contains("points"), "{}", c.message);
    }

    #[test]
    fn accepts_relative_change_between_percentages() {
        assert_clean(
            &PercentagePoints,
            "Unemployment rose from 4% to 5%, a 25 per cent rise.",
        );
    }

    #[test]
    fn warns_points_written_as_per_cent_for_a_share() {
        // A share of the vote is what a pair of percentages measures: 22% -> 28% is
        // 6 points, or +27.3% relative.
        let c = assert_flags(
            &PercentagePoints,
            "The party's share of the vote rose 6 per cent, from 22% to 28%, officials said.",
        );
        assert_eq!(c.severity, Severity::Warning);
        assert!(c.message.contains("6 percentage points"), "{}", c.message);
        assert_clean(
            &PercentagePoints,
            "The party's share of the vote rose 27 per cent, from 22% to 28%, officials said.",
        );
        let c = assert_flags(
            &PercentagePoints,
            "The party's share of the vote rose 3 percentage points, from 22% to 28%, officials said.",
        );
        assert_eq!(c.severity, Severity::Error);
    }

    #[test]
    fn says_one_percentage_point_in_the_singular() {
        let c = assert_flags(
            &PercentagePoints,
            "Unemployment rose from 4% to 5%, a 1 per cent rise.",
        );
        assert!(
            c.message.contains("is 1 percentage point, "),
            "{}",
            c.message
        );
        let c = assert_clean(
            &PercentagePoints,
            "Support rose from 20% to 21%, up 1 point.",
        );
        assert!(c.message.contains("stated 1 point ("), "{}", c.message);
    }

    #[test]
    fn flags_per_cent_fitting_neither_reading() {
        let c = assert_flags(
            &PercentagePoints,
            "Unemployment rose from 4% to 5%, an 80 per cent rise.",
        );
        assert_eq!(c.severity, Severity::Error);
    }
}

#[cfg(test)]
mod points_claims {
    use super::PercentagePoints;
    use crate::check::testing::{assert_clean, assert_flags};

    #[test]
    fn checks_points_against_the_difference() {
        assert_clean(
            &PercentagePoints,
            "Support rose from 20% to 25%, up 5 points.",
        );
        assert_flags(
            &PercentagePoints,
            "Support rose from 20% to 25%, up 3 percentage points.",
        );
        let c = assert_clean(
            &PercentagePoints,
            "Labour's lead fell 3 points to 5%, from 8%.",
        );
        assert_eq!(c.stated, -3.0);
    }
}
