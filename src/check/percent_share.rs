//! `percent-share`: a percentage stated as a share of a whole, against its part
//! and whole (`45 of the 300 staff, 15%`).

use super::link::Links;
use super::share_link::{link_shares, share_check};
use super::{Check, Rule};
use crate::extract::ClaimKind;

/// Checks a stated share against part / whole.
pub struct PercentShare;

impl Rule for PercentShare {
    fn id(&self) -> &'static str {
        "percent-share"
    }

    fn summary(&self) -> &'static str {
        "A percentage stated as a share disagrees with the part and whole printed with it"
    }

    fn explain(&self) -> &'static str {
        "\
percent-share

WHAT IT CHECKS
A percentage that states a share of a whole (not a change), printed together
with the part and the whole it was computed from. The share the figures give is
part / whole. The figures are tied to the percentage by cue phrases in its own
sentence:
  - `45 of the 300 staff, 15%` (part `of the` whole, then the share);
  - `15% of the 300 staff, 45 people` (share `of the` whole, then the part);
  - `$41bn - or 40% of ...`, `100m but this represents less than 8% of the
    country's 1.3 billion people` (part, then the share `of` the whole);
  - `2% of MPs - 13 out of 659` (a fraction written with its figures);
  - `$41bn - or 40% of the total debt`: a whole named `the total` and not
    printed in the sentence is the headline's one figure of the same kind;
  - `8% of the population but only 2% of MPs - 13 out of 659 - ... in
    proportion to their numbers in the population, there would be 42 MPs`: a
    population share against the part it implies (one of the next two
    sentences) and the whole of the one written fraction beside it.
Part and whole must be the same kind (money in one currency, counts whose
nouns agree), and the part no larger than the whole. A percentage with two
readings that disagree gets no check. Fractions in words (`a third of the 90
seats, 30`) are checked the same way by the `fraction` rule.

WHY IT MATTERS
A share is the most common way to make a number meaningful (`13 of 659 MPs, or
2%`), and the easiest to get wrong: the wrong base (`of all staff` against `of
full-time staff`), a stale whole, or a percentage taken from another table.

EXAMPLES
Consistent:   only 2% of MPs - 13 out of 659 - are from a visible minority
              (13 / 659 = 1.97%)
Consistent:   creditors holding $41bn - or 40% of the total debt - had accepted
              ($41bn / $102.6bn from the headline = 39.96%)
Consistent:   net users number 100m but this represents less than 8% of the
              country's 1.3 billion people (7.69%)
Inconsistent: 45 of the 300 staff, 25%, were made redundant (45 / 300 = 15%)
Inconsistent: make up 8% of the population [...] 13 out of 659 [...] in
              proportion [...] there would be 42 ethnic minority MPs (6.37%)

TOLERANCE
The stated percentage covers its written precision (`40%` covers 39.5..40.5)
and its hedge (`about` within 10%; `less than 8%` below 8, but no further
below than a quarter of the value: a writer who means 4% does not write `less
than 8%`). The figures cover their rounding (`$41bn` 40.5bn..41.5bn; a plain
`300` is exact). The check is consistent when the stated interval meets the
interval part / whole can take.
"
    }

    fn check(&self, links: &Links<'_>, out: &mut Vec<Check>) {
        for l in link_shares(links, ClaimKind::Percent) {
            if let Some(c) = share_check(self.id(), links, l) {
                out.push(c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PercentShare;
    use crate::check::testing::{assert_clean, assert_flags, checks};

    #[test]
    fn accepts_part_of_whole_then_share() {
        let c = assert_clean(
            &PercentShare,
            "Of the workers, 45 of the 300 staff, 15%, were made redundant.",
        );
        assert!((c.computed - 15.0).abs() < 0.01, "{c:?}");
    }

    #[test]
    fn flags_part_of_whole_then_share() {
        let c = assert_flags(
            &PercentShare,
            "Of the workers, 45 of the 300 staff, 25%, were made redundant.",
        );
        assert!(c.message.contains("45 of 300 is 15%"), "{}", c.message);
    }

    #[test]
    fn accepts_share_of_whole_then_part() {
        assert_clean(
            &PercentShare,
            "The firm cut 15% of the 300 staff, 45 people, last year.",
        );
        assert_flags(
            &PercentShare,
            "The firm cut 20% of the 300 staff, 45 people, last year.",
        );
    }

    #[test]
    fn reads_part_before_share_with_hedge() {
        assert_clean(
            &PercentShare,
            "China's net users number 100m but this represents less than 8% of the country's 1.3 billion people.",
        );
        // An open hedge still has to be near: 7.7% is not `less than 15%` talk.
        assert_flags(
            &PercentShare,
            "China's net users number 100m but this represents less than 15% of the country's 1.3 billion people.",
        );
    }

    #[test]
    fn reads_written_fraction_beside_share() {
        assert_clean(
            &PercentShare,
            "Ethnic minorities make up 8% of the population but only 2% of MPs - 13 out of 659 - are from a minority group.",
        );
        assert_flags(
            &PercentShare,
            "Only 6% of MPs - 13 out of 659 - are from a minority group.",
        );
    }

    #[test]
    fn takes_the_total_from_the_headline() {
        let text = "Argentina closes $102.6bn debt swap\n\nBy 18 February, creditors holding $41bn - or 40% of the total debt - had accepted the offer.";
        assert_clean(&PercentShare, text);
        assert_flags(
            &PercentShare,
            &text.replace("40% of the total", "63% of the total"),
        );
    }

    #[test]
    fn flags_money_share_with_comma() {
        assert_flags(
            &PercentShare,
            "He paid £3m, 40% of the £10m asked for the club.",
        );
    }

    #[test]
    fn reads_a_population_share_in_proportion() {
        let text = "Ethnic minorities make up 8% of the United Kingdom population but only 2% of MPs - 13 out of 659 - are from a visible minority group. \
                    Twelve of them represent Labour. \
                    If ethnic minorities were represented in the House of Commons in proportion to their numbers in the population, there would be 42 ethnic minority MPs.";
        let c = assert_flags(&PercentShare, text);
        assert!(c.message.contains("42 of 659"), "{}", c.message);
        assert_clean(&PercentShare, &text.replace("be 42", "be 53"));
    }

    #[test]
    fn ignores_changes_and_unrelated_figures() {
        for text in [
            "Sales of 300 units rose 15% to 345 units.",
            "About 70% to 80% of the 1,000 bondholders will accept.",
            "He paid £3m, and 40% of the £10m fund went to charity.",
        ] {
            assert!(
                checks(&PercentShare, text)
                    .iter()
                    .all(|c| c.verdict == crate::check::Verdict::Consistent),
                "{text}"
            );
        }
    }
}
