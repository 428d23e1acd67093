//! `fraction`: a fraction in words (`a third`, `one in five`, `half`) stated
//! against the part and whole printed with it (`a third of the 90 seats, 30`).

use super::link::Links;
use super::share_link::{link_shares, share_check};
use super::{Check, Rule};
use crate::extract::ClaimKind;

/// Checks a fraction in words against part / whole.
pub struct Fraction;

impl Rule for Fraction {
    fn id(&self) -> &'static str {
        "fraction"
    }

    fn summary(&self) -> &'static str {
        "A fraction in words disagrees with the part and whole printed with it"
    }

    fn explain(&self) -> &'static str {
        "\
fraction

WHAT IT CHECKS
A fraction written in words (`one in five`, `a third`, `half of`,
`two-thirds`, `a quarter`, `eight out of 10`) printed together with the part
and the whole it describes. The share the figures give is part / whole. The
figures are tied to the fraction by the same cue phrases as `percent-share`,
in the fraction's own sentence:
  - `a third of the 90 seats, 30` (fraction `of the` whole, then the part);
  - `30 of the 90 seats, a third` (part `of the` whole, then the fraction);
  - `30 seats - or a third of the 90 -` (part, then the fraction of the whole).
A fraction written with its own figures (`13 out of 659`) is evidence, not a
statement, and is not checked here. A fraction with two readings that
disagree gets no check.

WHY IT MATTERS
Round fractions are how copy makes a figure vivid, and they are often done in
the head: `a third of the 90 seats` for 24 seats is a quarter, not a third.

EXAMPLES
Consistent:   Labour won a third of the 90 seats, 30 in all.
Consistent:   Half of the 1,200 staff, 590 people, work part-time (49.2%)
Inconsistent: Labour won a third of the 90 seats, 24 in all (26.7%)

TOLERANCE
A fraction without a hedge is read as about: within 10% of its value (`a
third` covers 30%..36.7%), because round words are round on purpose. With a
`almost` or `nearly` the fraction covers at most 10% below (`almost a third`
covers 30%..33.3%); `more than` and `less than` compare with a landmark and
are read literally (`$8bn - less than half of the $20bn` holds at 40%). The figures cover
their rounding (a plain `90` is exact). The check is consistent when the two
intervals meet.
"
    }

    fn check(&self, links: &Links<'_>, out: &mut Vec<Check>) {
        for l in link_shares(links, ClaimKind::Fraction) {
            if let Some(c) = share_check(self.id(), links, l) {
                out.push(c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Fraction;
    use crate::check::testing::{assert_clean, assert_flags, checks};

    #[test]
    fn accepts_fraction_of_whole_then_part() {
        let c = assert_clean(&Fraction, "Labour won a third of the 90 seats, 30 in all.");
        assert!((c.computed - 33.33).abs() < 0.01, "{c:?}");
        assert_clean(
            &Fraction,
            "Half of the 1,200 staff, 590 people, work part-time.",
        );
    }

    #[test]
    fn flags_fraction_of_whole_then_part() {
        let c = assert_flags(&Fraction, "Labour won a third of the 90 seats, 24 in all.");
        assert!(c.message.contains("24 of 90"), "{}", c.message);
        assert_flags(
            &Fraction,
            "Half of the 1,200 staff, 450 people, work part-time.",
        );
    }

    #[test]
    fn accepts_part_of_whole_then_fraction() {
        assert_clean(
            &Fraction,
            "Labour won 30 of the 90 seats, a third, on Thursday.",
        );
        assert_flags(
            &Fraction,
            "Labour won 45 of the 90 seats, a third, on Thursday.",
        );
    }

    #[test]
    fn reads_hedged_and_one_in_n() {
        assert_clean(
            &Fraction,
            "The firm employs 210 people - almost a quarter of the 900 staff - in Leeds.",
        );
        assert_clean(
            &Fraction,
            "Some 40 students - one in five of the 200 who applied - were accepted.",
        );
        assert_flags(
            &Fraction,
            "Some 60 students - one in five of the 200 who applied - were accepted.",
        );
    }

    #[test]
    fn reads_open_hedges_literally() {
        assert_clean(
            &Fraction,
            "The bid was $8bn - less than half of the $20bn it is worth.",
        );
    }

    #[test]
    fn ignores_written_fractions_and_lone_fractions() {
        for text in [
            "Only 13 out of 659 MPs are from a minority group.",
            "A third of voters said they had not decided.",
            "Half the 300 staff will go.",
        ] {
            assert!(checks(&Fraction, text).is_empty(), "{text}");
        }
    }
}
