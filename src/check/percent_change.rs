//! `percent-change`: a percentage change stated together with its start and end
//! figures (`a 34 per cent rise, from 108 offences to 164`).

use super::link::{
    ChangePair, Direction, Evidence, Links, Strength, index_level, is_figure, link_changes,
};
use super::{
    Check, Rule, Severity, Verdict, change_interval, figure_interval, fmt_signed_pct,
    fmt_stated_pct, plausible, same_order, stated_change, stated_value,
};
use crate::extract::{Claim, ClaimKind};

/// Checks a stated percentage change against `(end - start) / start`.
pub struct PercentChange;

impl Rule for PercentChange {
    fn id(&self) -> &'static str {
        "percent-change"
    }

    fn summary(&self) -> &'static str {
        "A stated percentage change disagrees with the start and end figures printed with it"
    }

    fn explain(&self) -> &'static str {
        "\
WHAT IT CHECKS
A percentage change stated together with the figures it was computed from: the
start figure A and the end figure B. The change the figures give is (B - A) / A;
falls are signed, so `fell 11%` states -11 and a drop from 3.24 to 2.89 computes
-10.8%. The figures are found through cue phrases: `from A to B`, `to B from A`,
`B, up from A`, `B compared with A`, `B against A`, `N% above A`. They are looked
for in the claim's own sentence first; when that sentence prints no figures, in a
neighbouring sentence (at most three away, across at most one paragraph break)
whose pair of figures goes the same way and is not another claim's.

WHY IT MATTERS
Reporters often copy a percentage from a press release and the raw figures from a
table, or compute the change the wrong way round ((B - A) / B instead of
(B - A) / A). A reader who checks the arithmetic and finds it wrong stops trusting
the rest of the story.

EXAMPLES
Inconsistent:
  ... has shown a 34 per cent rise, from 108 offences to 164 ...
  stated +34%, but 108 -> 164 is +51.85%.
Consistent:
  TimeWarner said fourth quarter sales rose 2% to $11.1bn from $10.9bn.
  ($11.1bn - $10.9bn) / $10.9bn = +1.83%, and the rounded figures allow
  +0.91%..+2.76%.
  Revenues slipped 11% from £3.24bn in 2003 to £2.89bn in 2004. (-10.8%)
  Net profit fell 37% in the quarter. [...] It earned $630m, down from $1bn. (-37%)

TOLERANCE
Intervals, not points. The stated value covers what its written precision allows
(`34` covers 33.5..34.5, `5.3` covers 5.25..5.35), widened or made one-sided by
its hedge (`more than 30%` is above 30, `nearly 30%` within 10% below, `about 30%`
within 10% either side); a fraction without a hedge (`a fifth`) is read as about.
A figure written with a magnitude (`£4.4bn`) covers its rounding (4.35bn..4.45bn);
a plain integer (`108`) is exact. The check is consistent when the stated interval
and the interval the figures allow overlap: `a 25% rise, from £3.6bn to £4.4bn`
passes because the figures allow 19.2%..25.4%.
When the figures come from a neighbouring sentence, a mismatch is reported only
when the two values have the same sign and are within a factor of three of each
other; a wilder difference more likely means the figures measure something else.
Even in one sentence, a value more than ten times off (or of the other sign) is
not reported: `rose 2% to $45 a barrel, compared with $30 a year ago` compares two
periods. When the words and the figures go opposite ways the `direction` rule reports it,
and when the figures are percentages `percentage-points` does.
"
    }

    fn check(&self, links: &Links<'_>, out: &mut Vec<Check>) {
        for l in link_changes(links) {
            let Evidence::Pair(p) = l.evidence else {
                continue;
            };
            if let Some(c) = check_pair(self.id(), links, l.claim, l.direction, p, l.strength) {
                out.push(c);
            }
        }
    }
}

/// The check of one change claim against one pair of figures, if the pair is of
/// raw figures going the claim's way.
fn check_pair(
    rule: &'static str,
    links: &Links<'_>,
    claim: usize,
    direction: Direction,
    p: ChangePair,
    strength: Strength,
) -> Option<Check> {
    let cx = &links.cx;
    let (c, a, b) = (
        cx.claims.get(claim)?,
        cx.claims.get(p.start)?,
        cx.claims.get(p.end)?,
    );
    let raw = |x: &Claim| is_figure(x) || index_level(x);
    if !raw(a) || !raw(b) || c.kind == ClaimKind::Points {
        return None;
    }
    if Direction::of_change(a.value(), b.value()) != Some(direction) {
        return None;
    }
    let range = change_interval(figure_interval(a), figure_interval(b))?;
    let computed = (b.value() - a.value()) / a.value() * 100.0;
    let tolerance = stated_change(c, direction);
    let stated = stated_value(c, direction);
    let consistent = tolerance.overlaps(range);
    if !consistent
        && (!same_order(stated, computed)
            || (strength == Strength::Neighbour && !plausible(stated, computed)))
    {
        return None;
    }
    let (at, bt, ct) = (
        a.span.slice(cx.text),
        b.span.slice(cx.text),
        c.span.slice(cx.text),
    );
    let message = if consistent {
        format!(
            "stated {}, and {at} → {bt} is {}",
            fmt_stated_pct(stated, ct),
            fmt_signed_pct(computed)
        )
    } else {
        format!(
            "stated {}, but {at} → {bt} is {}{}",
            fmt_stated_pct(stated, ct),
            fmt_signed_pct(computed),
            super::range_note(range, tolerance)
        )
    };
    Some(Check {
        rule,
        verdict: Verdict::from_overlap(consistent),
        severity: Severity::Error,
        claim,
        evidence: vec![a.id, b.id],
        stated,
        computed,
        tolerance,
        computed_range: range,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::PercentChange;
    use crate::check::testing::{assert_clean, assert_flags, checks};

    #[test]
    fn flags_seed_rise_stated_too_low() {
        let c = assert_flags(
            &PercentChange,
            "Trident has shown a 34 per cent rise, from 108 offences to 164 in the six months.",
        );
        assert!((c.computed - 51.85).abs() < 0.01, "{c:?}");
        assert!(c.message.contains("108 → 164"), "{}", c.message);
    }

    #[test]
    fn accepts_rise_with_from_to() {
        let c = assert_clean(
            &PercentChange,
            "Trident has shown a 52 per cent rise, from 108 offences to 164 in the six months.",
        );
        assert_eq!(c.stated, 52.0);
    }

    #[test]
    fn accepts_fall_signed() {
        let c = assert_clean(
            &PercentChange,
            "The number waiting over 12 months also fell from 7,613 to 6,630, or 12.9%.",
        );
        assert_eq!(c.stated, -12.9);
        assert!(c.computed < 0.0);
    }

    #[test]
    fn flags_fall_stated_too_high() {
        assert_flags(
            &PercentChange,
            "The number waiting fell by 20% from 7,613 to 6,630 this winter.",
        );
    }

    #[test]
    fn accepts_to_then_from() {
        assert_clean(
            &PercentChange,
            "Volumes rose 12% to 1,120 from 1,000 a year earlier.",
        );
    }

    #[test]
    fn flags_to_then_from() {
        assert_flags(
            &PercentChange,
            "Volumes rose 21% to 1,120 from 1,000 a year earlier.",
        );
    }

    #[test]
    fn accepts_figures_in_next_sentence() {
        assert_clean(
            &PercentChange,
            "Film production fell 40% last year.\n\nIn all 27 films were made, compared with 45 films the year before.",
        );
        assert_clean(
            &PercentChange,
            "Inpatient waits have fallen by 9.8%. Statistics showed a decline from 785 to 708.",
        );
    }

    #[test]
    fn flags_figures_in_next_sentence() {
        assert_flags(
            &PercentChange,
            "Inpatient waits have fallen by 15%. Statistics showed a decline from 785 to 708.",
        );
    }

    #[test]
    fn ignores_wild_mismatch_across_sentences() {
        // 5% against +100%: more likely a different quantity than an error.
        assert!(
            checks(
                &PercentChange,
                "Prices rose by 5%. Visitors went from 100 to 200."
            )
            .is_empty()
        );
    }

    #[test]
    fn accepts_compared_with_and_up_from() {
        assert_clean(
            &PercentChange,
            "Profit rose 52% this year. Profit was 1,330 compared with 874 a year earlier.",
        );
        assert_clean(
            &PercentChange,
            "Sales of 1,200 units, up from 1,070 units, were a 12% rise.",
        );
    }

    #[test]
    fn leaves_ambiguous_pairings_unchecked() {
        // Two rises, one pair of figures between them: which one it belongs to is
        // not clear, so nothing is reported.
        assert!(
            checks(
                &PercentChange,
                "Sales rose 30% in France. Sales went from 100 to 120. Sales rose 50% in Spain."
            )
            .iter()
            .all(|c| c.verdict == crate::check::Verdict::Consistent)
        );
    }

    #[test]
    fn levels_are_not_changes() {
        assert!(
            checks(
                &PercentChange,
                "Rates rose from 4% to 5% in 2004, from 100 to 200."
            )
            .is_empty()
        );
    }
}

#[cfg(test)]
mod phrasings {
    //! The phrasings the issue lists, each consistent and made inconsistent.
    use super::PercentChange;
    use crate::check::testing::{assert_clean, assert_flags};

    #[test]
    fn rose_to_from_money() {
        let c = assert_clean(&PercentChange, "Sales rose 12% to £1.2bn from £1.07bn.");
        assert!(
            c.computed_range.lo < 12.5 && c.computed_range.hi > 11.5,
            "{c:?}"
        );
        assert_flags(&PercentChange, "Sales rose 21% to £1.2bn from £1.07bn.");
    }

    #[test]
    fn up_from_then_percentage() {
        assert_clean(
            &PercentChange,
            "Sales reached £1.2bn, up from £1.07bn, a 12% rise.",
        );
        assert_flags(
            &PercentChange,
            "Sales reached £1.2bn, up from £1.07bn, a 20% rise.",
        );
    }

    #[test]
    fn fraction_as_percentage() {
        let c = assert_clean(
            &PercentChange,
            "Staff numbers fell by a fifth to 80 from 100.",
        );
        assert_eq!(c.stated, -20.0);
        assert_flags(
            &PercentChange,
            "Staff numbers fell by a third to 80 from 100.",
        );
    }

    #[test]
    fn rounded_figures_widen_the_computed_range() {
        // Figures allow 19.2%..25.4%.
        assert_clean(
            &PercentChange,
            "Spending saw a 25% rise, from £3.6bn to £4.4bn.",
        );
        assert_flags(
            &PercentChange,
            "Spending saw a 30% rise, from £3.6bn to £4.4bn.",
        );
    }

    #[test]
    fn compared_with_and_against() {
        assert_clean(
            &PercentChange,
            "Profits fell 40% last year. The airline made a profit of £75m compared with £125m a year earlier.",
        );
        assert_flags(
            &PercentChange,
            "Profits fell 25% last year. The airline made a profit of £75m compared with £125m a year earlier.",
        );
        assert_clean(
            &PercentChange,
            "Arrests rose 10% to 1,100 against 1,000 in 2003.",
        );
    }

    #[test]
    fn hedges_bound_the_statement() {
        assert_clean(
            &PercentChange,
            "Imports rose by more than 30% to £1,312m from £1,000m.",
        );
        assert_flags(
            &PercentChange,
            "Imports rose by more than 40% to £1,312m from £1,000m.",
        );
        assert_clean(
            &PercentChange,
            "Imports rose nearly 30% to 1,291 from 1,000.",
        );
        assert_flags(
            &PercentChange,
            "Imports rose nearly 30% to 1,309 from 1,000.",
        );
    }

    #[test]
    fn previous_sentence_figures() {
        assert_clean(
            &PercentChange,
            "Takings were $121.9m, compared with $165.8m last year. That was a fall of 26.5%.",
        );
    }

    #[test]
    fn years_and_dates_are_never_figures() {
        assert!(
            crate::check::testing::checks(
                &PercentChange,
                "Sales rose 4.5% in 2004 compared to 2003, and from 3 August to 24 December."
            )
            .is_empty()
        );
    }
}

#[cfg(test)]
mod start_cues {
    use super::PercentChange;
    use crate::check::testing::{assert_clean, assert_flags};

    #[test]
    fn on_last_years() {
        assert_clean(
            &PercentChange,
            "Profits were £5.5m, up 10% on last year's £5m.",
        );
        assert_flags(
            &PercentChange,
            "Profits were £5.5m, up 20% on last year's £5m.",
        );
    }

    #[test]
    fn higher_than() {
        assert_clean(
            &PercentChange,
            "Profits were £5m, 25% higher than the £4m of 2003.",
        );
        assert_flags(
            &PercentChange,
            "Profits were £5m, 40% higher than the £4m of 2003.",
        );
    }
}

#[cfg(test)]
mod successive_changes {
    use super::PercentChange;
    use crate::check::testing::{assert_clean, assert_flags, checks};

    #[test]
    fn earlier_end_is_the_start_when_the_quantity_agrees() {
        assert_clean(
            &PercentChange,
            "Barclays reported a 20% rise in pre-tax profits to £3.8bn, and predicted that pre-tax profits would rise 18% to £4.5bn.",
        );
        assert_flags(
            &PercentChange,
            "Barclays reported a 20% rise in pre-tax profits to £3.8bn, and predicted that pre-tax profits would rise 30% to £4.5bn.",
        );
    }

    #[test]
    fn different_quantities_are_not_chained() {
        assert!(
            checks(
                &PercentChange,
                "Sales rose 10% to £2bn, and profits would rise 18% to £4.5bn."
            )
            .is_empty()
        );
    }
}

#[cfg(test)]
mod cross_sentence_guards {
    use super::PercentChange;
    use crate::check::testing::checks;

    #[test]
    fn different_periods_are_not_paired() {
        assert!(
            checks(
                &PercentChange,
                "Profits rose 12% in the third quarter. For the full year, profit was £50m, against £40m in 2003."
            )
            .is_empty()
        );
    }

    #[test]
    fn share_prices_are_not_paired_with_profits() {
        assert!(
            checks(
                &PercentChange,
                "Shares rose 8% on Monday. The company made a profit of £120m, compared with £100m last year."
            )
            .is_empty()
        );
    }
}

#[cfg(test)]
mod index_levels {
    use super::PercentChange;
    use crate::check::testing::{assert_clean, assert_flags};

    #[test]
    fn index_points_are_figures() {
        assert_clean(
            &PercentChange,
            "The index rose 2.3% to 4,850 points from 4,741 points.",
        );
        assert_flags(
            &PercentChange,
            "The index rose 3.5% to 4,850 points from 4,741 points.",
        );
    }
}

#[cfg(test)]
mod repeats {
    use super::PercentChange;
    use crate::check::testing::{assert_clean, assert_flags, checks};

    #[test]
    fn lead_repeating_the_body_shares_its_figures() {
        assert_clean(
            &PercentChange,
            "Revenues at Reuters slipped 11% during 2004.\n\nThe company said revenues slipped 11% from £3.24bn in 2003 to £2.89bn in 2004.",
        );
        assert_flags(
            &PercentChange,
            "Revenues at Reuters slipped 20% during 2004.\n\nThe company said revenues slipped 11% from £3.24bn in 2003 to £2.89bn in 2004.",
        );
    }

    #[test]
    fn a_different_quantity_is_not_a_repeat() {
        assert!(
            checks(
                &PercentChange,
                "Exports at Reuters slipped 20% during 2004.\n\nThe company said revenues slipped 11% from £3.24bn in 2003 to £2.89bn in 2004.",
            )
            .iter()
            .all(|c| c.verdict == crate::check::Verdict::Consistent)
        );
    }
}

#[cfg(test)]
mod named_subjects {
    use super::PercentChange;
    use crate::check::testing::checks;

    #[test]
    fn a_pair_about_another_company_is_not_paired() {
        assert!(
            checks(
                &PercentChange,
                "Tesco said sales rose 10% in the UK. Meanwhile Sainsbury's sales were £4.2bn, up from £4bn."
            )
            .is_empty()
        );
        assert!(
            checks(
                &PercentChange,
                "Tesco said sales rose 10% in the UK. Sainsbury's sales were £4.2bn, up from £4bn."
            )
            .is_empty()
        );
    }
}

#[cfg(test)]
mod misreadings {
    use super::PercentChange;
    use crate::check::testing::checks;

    #[track_caller]
    fn silent(text: &str) {
        let cs = checks(&PercentChange, text);
        assert!(
            cs.iter()
                .all(|c| c.verdict == crate::check::Verdict::Consistent),
            "{text}: {cs:#?}"
        );
    }

    #[test]
    fn different_periods_in_one_sentence() {
        silent("Oil prices rose 2% to $45 a barrel, compared with $30 a year ago.");
    }

    #[test]
    fn claim_with_its_own_end_figure() {
        silent("Shares fell 3% to 250p, valuing the company at £1.2bn, against £1.5bn in March.");
    }

    #[test]
    fn contrasting_clause() {
        silent("Turnover was £50m against £45m, while staff numbers rose 2%.");
    }

    #[test]
    fn a_percentage_stating_a_change_is_not_a_level() {
        let cs = checks(
            &PercentChange,
            "Sales rose 5% from £100m to £105m, compared with a 3% rise a year earlier.",
        );
        assert_eq!(cs.len(), 1, "{cs:#?}");
        assert_eq!(cs[0].verdict, crate::check::Verdict::Consistent);
    }
}
