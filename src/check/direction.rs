//! `direction`: the words say a change went one way and the figures printed with
//! it went the other (`a 10% increase, from 50 to 45`).

use super::link::{Direction, Evidence, Links, Strength, is_figure, link_changes};
use super::{
    Check, Rule, Severity, Verdict, change_interval, figure_interval, stated_change, stated_value,
};

/// Checks that a change's words and its figures agree on rise or fall.
pub struct DirectionRule;

impl Rule for DirectionRule {
    fn id(&self) -> &'static str {
        "direction"
    }

    fn summary(&self) -> &'static str {
        "The words say a rise but the figures fall, or the reverse"
    }

    fn explain(&self) -> &'static str {
        "\
WHAT IT CHECKS
A change claim whose words give a direction (`rose`, `increase`, `up`, `fell`,
`drop`, `down`, `above`, `lower`) and whose figures, printed in the same sentence
with cue phrases (`from A to B`, `B, down from A`, `up N to M`), go the other way.

WHY IT MATTERS
A swapped `from` and `to`, or a headline verb chosen before the figures were
checked, tells the reader the opposite of what happened. It is the most damaging
kind of numeric error, and the easiest to check.

EXAMPLES
Inconsistent:
  a 10% increase, from 50 to 45   (the figures fall by 10%)
  profits fell 5% to £210m from £200m
Not reported:
  Sales fell 10%. Visitors went from 50 to 55.   (different sentences: the pair
  is more likely about something else)

TOLERANCE
Only pairings inside one sentence tied by cue phrases are used; figures that are
equal, or whose rounding allows either direction, are never reported. The size
of the change must be within a factor of three of the stated one (a swapped
`from` and `to` keeps the size; a size far off means the figures compare other
periods). The size of the change is not
judged here (that is `percent-change`).
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
            if !is_figure(a) || !is_figure(b) {
                continue;
            }
            let Some(actual) = Direction::of_change(a.value(), b.value()) else {
                continue;
            };
            if actual == l.direction {
                continue;
            }
            let Some(range) = change_interval(figure_interval(a), figure_interval(b)) else {
                continue;
            };
            // The rounded figures might still allow the stated direction.
            if range.lo <= 0.0 && range.hi >= 0.0 {
                continue;
            }
            let computed = (b.value() - a.value()) / a.value() * 100.0;
            // A swapped `from`/`to` keeps the size of the change; a size far off
            // (`rose 2% to $45, compared with $50 a year ago`) means two periods.
            let stated = stated_value(c, l.direction);
            if !super::plausible(stated.abs(), computed.abs()) {
                continue;
            }
            out.push(Check {
                rule: self.id(),
                verdict: Verdict::Inconsistent,
                severity: Severity::Error,
                claim: c.id,
                evidence: vec![a.id, b.id],
                stated,
                computed,
                tolerance: stated_change(c, l.direction),
                computed_range: range,
                message: format!(
                    "the words say a {} ({}), but {} → {} is a {} of {}",
                    l.direction.word(),
                    c.span.slice(cx.text),
                    a.span.slice(cx.text),
                    b.span.slice(cx.text),
                    actual.word(),
                    super::fmt_signed_pct(computed)
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DirectionRule;
    use crate::check::testing::{assert_flags, checks};

    #[test]
    fn flags_increase_with_falling_figures() {
        let c = assert_flags(
            &DirectionRule,
            "There was a 10% increase, from 50 to 45 cases.",
        );
        assert!(c.message.contains("fall"), "{}", c.message);
        assert_flags(&DirectionRule, "Profits fell 5% to 210 from 200 last year.");
    }

    #[test]
    fn ignores_agreeing_and_cross_sentence_figures() {
        assert!(checks(&DirectionRule, "There was a 10% fall, from 50 to 45 cases.").is_empty());
        assert!(
            checks(
                &DirectionRule,
                "Sales fell 10%. Visitors went from 50 to 55."
            )
            .is_empty()
        );
    }
}

#[cfg(test)]
mod more {
    use super::DirectionRule;
    use crate::check::testing::{assert_flags, checks};

    #[test]
    fn a_verb_for_other_figures_is_not_a_contradiction() {
        assert!(
            checks(
                &DirectionRule,
                "Profits fell 20% despite sales rising from £10m to £12m."
            )
            .is_empty()
        );
    }

    #[test]
    fn narrowed_and_widened_have_a_direction() {
        assert_flags(
            &DirectionRule,
            "The deficit narrowed 10% to £110m from £100m.",
        );
    }
}

#[cfg(test)]
mod periods {
    use super::DirectionRule;
    use crate::check::testing::checks;

    #[test]
    fn a_far_off_size_is_another_comparison() {
        assert!(
            checks(
                &DirectionRule,
                "Oil rose 2% to $45 today, compared with $50 a year ago."
            )
            .is_empty()
        );
    }
}
