//! `percent-change-delta`: a percentage change stated with the size of the change
//! and the total it ended at or started from (`up 5.3 per cent - up 195 offences
//! to 3,903`).

use super::link::{Direction, Evidence, Links, Strength, link_changes};
use super::{
    Check, Interval, Rule, Severity, Verdict, change_interval, figure_interval, fmt_signed_pct,
    fmt_stated_pct, plausible, stated_change, stated_value,
};

/// Checks a stated percentage change against `change / (total - change)`.
pub struct PercentChangeDelta;

impl Rule for PercentChangeDelta {
    fn id(&self) -> &'static str {
        "percent-change-delta"
    }

    fn summary(&self) -> &'static str {
        "A stated percentage change disagrees with the size of the change and the total printed with it"
    }

    fn explain(&self) -> &'static str {
        "\
WHAT IT CHECKS
A percentage change printed with the size of the change N and a total M, in one
sentence: `up 195 offences to 3,903`, `up 56 pence, or 7.6%, at 797p`, `sank
14.87% - or $1.83 - to close at $10.48`, `down 4 to 96, a 4% drop`. When the
total is introduced by `to` or `at` it is the value after the change, so the start
was M - N for a rise and M + N for a fall, and the change is N / start. When it is
introduced by `from` it is the start itself: N / M. Falls are signed.

WHY IT MATTERS
Share-price and crime-figure stories print the change in units and in per cent
side by side; dividing by the new total instead of the old one, or taking the
percentage from a different period, is a common slip that readers can catch.

EXAMPLES
Consistent:
  Gun crime in London has increased by 5.3 per cent - up 195 offences to 3,903.
  195 / (3,903 - 195) = 195 / 3,708 = +5.26%.
  Barclays shares were up 8 pence, or 1.3%, at 605 pence. 8 / 597 = +1.34%.
Inconsistent:
  Sales were down 4 to 96, a 10% drop. -4 / 100 = -4%.

TOLERANCE
The stated interval is the one `percent-change` uses (written precision, hedge,
round words read as about). The figures' intervals (plain integers exact, figures
with a magnitude or decimals rounded) give the interval of N / start; the check
passes when the two overlap. When the words `up N to M` can also be read as a
change from N to M (`up 23,600 to 27,700`) and that reading fits the stated
percentage, nothing is reported: the sentence is ambiguous, not wrong.
"
    }

    fn check(&self, links: &Links<'_>, out: &mut Vec<Check>) {
        let cx = &links.cx;
        for l in link_changes(links) {
            let Evidence::Delta(delta) = l.evidence else {
                continue;
            };
            let (Some(claim), Some(n), Some(m)) = (
                cx.claims.get(l.claim),
                cx.claims.get(delta.change),
                cx.claims.get(delta.total),
            ) else {
                continue;
            };
            let direction = match delta.direction {
                Some(dir) if dir != l.direction => continue,
                _ => l.direction,
            };
            let (ni, mi) = (figure_interval(n), figure_interval(m));
            // The start value and its interval.
            let (start, start_i) = match (delta.total_is_end, direction) {
                (true, Direction::Up) => (
                    m.value() - n.value(),
                    Interval::new(mi.lo - ni.hi, mi.hi - ni.lo),
                ),
                (true, Direction::Down) => (
                    m.value() + n.value(),
                    Interval::new(mi.lo + ni.lo, mi.hi + ni.hi),
                ),
                (false, _) => (m.value(), mi),
            };
            if start_i.lo <= 0.0 || start <= 0.0 {
                continue;
            }
            let s = direction.sign();
            let computed = s * n.value() / start * 100.0;
            let range = Interval::new(
                s * ni.lo / start_i.hi * 100.0,
                s * ni.hi / start_i.lo * 100.0,
            );
            let tolerance = stated_change(claim, direction);
            let stated = stated_value(claim, direction);
            let consistent = tolerance.overlaps(range);
            if !consistent {
                // `up 23,600 to 27,700` may mean from 23,600 to 27,700.
                if delta.total_is_end
                    && change_interval(ni, mi).is_some_and(|alt| alt.overlaps(tolerance))
                {
                    continue;
                }
                if !super::same_order(stated, computed)
                    || (l.strength == Strength::Neighbour && !plausible(stated, computed))
                {
                    continue;
                }
            }
            let (nt, mt, ct) = (
                n.span.slice(cx.text),
                m.span.slice(cx.text),
                claim.span.slice(cx.text),
            );
            let start_text = super::restate(mt, m.value(), start);
            let arithmetic = if delta.total_is_end {
                format!(
                    "{}{nt} on a start of {start_text} ({mt} {} {nt})",
                    if s < 0.0 { "-" } else { "+" },
                    if s < 0.0 { "+" } else { "-" },
                )
            } else {
                format!("{}{nt} on a start of {mt}", if s < 0.0 { "-" } else { "+" })
            };
            let message = if consistent {
                format!(
                    "stated {}, and {arithmetic} is {}",
                    fmt_stated_pct(stated, ct),
                    fmt_signed_pct(computed)
                )
            } else {
                format!(
                    "stated {}, but {arithmetic} is {}{}",
                    fmt_stated_pct(stated, ct),
                    fmt_signed_pct(computed),
                    super::range_note(range, tolerance)
                )
            };
            out.push(Check {
                rule: self.id(),
                verdict: Verdict::from_overlap(consistent),
                severity: Severity::Error,
                claim: claim.id,
                evidence: vec![n.id, m.id],
                stated,
                computed,
                tolerance,
                computed_range: range,
                message,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PercentChangeDelta;
    use crate::check::testing::{assert_clean, assert_flags, checks};

    #[test]
    fn accepts_seed_rise_with_end_total() {
        let c = assert_clean(
            &PercentChangeDelta,
            "Gun crime in London has increased by 5.3 per cent - up 195 offences to 3,903 - in the year.",
        );
        assert!((c.computed - 5.26).abs() < 0.01, "{c:?}");
        assert!(c.message.contains("3,708"), "{}", c.message);
    }

    #[test]
    fn flags_rise_divided_by_new_total() {
        assert_flags(
            &PercentChangeDelta,
            "Gun crime has increased by 6.3 per cent - up 195 offences to 3,903 - in the year.",
        );
    }

    #[test]
    fn accepts_delta_written_with_a_thousands_separator() {
        // `2,000` is a count, not the year 2000: 2,000 / (52,000 - 2,000) = +4%.
        let c = assert_clean(
            &PercentChangeDelta,
            "Passenger numbers increased by 4 per cent - up 2,000 to 52,000 - in the year to March.",
        );
        assert!((c.computed - 4.0).abs() < 1e-9, "{c:?}");
        assert_clean(
            &PercentChangeDelta,
            "Passenger numbers increased by 4 per cent - up 2,000 journeys a day to 52,000 - in the year to March.",
        );
    }

    #[test]
    fn flags_delta_written_with_a_thousands_separator() {
        assert_flags(
            &PercentChangeDelta,
            "Passenger numbers increased by 7 per cent - up 2,000 to 52,000 - in the year to March.",
        );
        assert_flags(
            &PercentChangeDelta,
            "Passenger numbers increased by 7 per cent - up 2,000 journeys a day to 52,000 - in the year to March.",
        );
    }

    #[test]
    fn accepts_or_phrasing_with_at() {
        assert_clean(
            &PercentChangeDelta,
            "Barclays shares were up 8 pence, or 1.3%, at 605 pence by late morning.",
        );
        assert_clean(
            &PercentChangeDelta,
            "Shares in Krispy Kreme sank 14.87% - or 1.83 - to close at 10.48 on the news.",
        );
    }

    #[test]
    fn accepts_and_flags_fall_with_trailing_percentage() {
        let c = assert_clean(&PercentChangeDelta, "Sales were down 4 to 96, a 4% drop.");
        assert_eq!(c.stated, -4.0);
        assert_flags(&PercentChangeDelta, "Sales were down 4 to 96, a 10% drop.");
    }

    #[test]
    fn accepts_start_total() {
        assert_clean(
            &PercentChangeDelta,
            "Staff numbers rose 10%, up 50 from 500 last year.",
        );
    }

    #[test]
    fn skips_up_to_read_as_from_to() {
        // "up 23,600 to 27,700" fits 17% only as a change from 23,600.
        assert!(
            checks(
                &PercentChangeDelta,
                "Applications rose by 17% on last year, up 23,600 to 27,700."
            )
            .is_empty()
        );
    }
}

#[cfg(test)]
mod more_phrasings {
    use super::PercentChangeDelta;
    use crate::check::testing::{assert_clean, assert_flags};

    #[test]
    fn total_before_delta() {
        assert_clean(
            &PercentChangeDelta,
            "Offences reached 3,903, up 195 on the year, a 5.3% rise.",
        );
        assert_flags(
            &PercentChangeDelta,
            "Offences reached 3,903, up 195 on the year, a 7.3% rise.",
        );
    }

    #[test]
    fn percentage_then_delta_in_money() {
        assert_clean(
            &PercentChangeDelta,
            "The shares closed down 247p, or 18%, at 1115 pence.",
        );
        assert_flags(
            &PercentChangeDelta,
            "The shares closed down 247p, or 30%, at 1115 pence.",
        );
    }
}
