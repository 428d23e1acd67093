//! The check engine: claims in, checks out.
//!
//! A check compares the value a claim states with the value its evidence (other
//! claims of the same file) computes. Both sides are intervals, never points: the
//! stated value covers what its written precision and hedge allow, and the computed
//! value covers what the rounded figures allow. A check is consistent when the two
//! intervals overlap.
//!
//! Rules live one per file behind the [`RULES`] registry.

mod cue;
mod direction;
mod fraction;
mod frame;
pub mod link;
mod multiplier;
mod percent_change;
mod percent_change_delta;
mod percent_share;
mod percentage_points;
mod repeated_figure;
mod share_link;
mod sum;
mod words;

pub use direction::DirectionRule;
pub use fraction::Fraction;
pub use multiplier::Multiplier;
pub use percent_change::PercentChange;
pub use percent_change_delta::PercentChangeDelta;
pub use percent_share::PercentShare;
pub use percentage_points::PercentagePoints;
pub use repeated_figure::RepeatedFigure;
pub use sum::Sum;

use serde::Serialize;

use crate::extract::{Claim, ClaimKind, HedgeSense};
use crate::segment::Sentence;

/// Every rule, in the order they run and are listed.
pub static RULES: &[&dyn Rule] = &[
    &PercentChange,
    &PercentChangeDelta,
    &DirectionRule,
    &PercentagePoints,
    &PercentShare,
    &RepeatedFigure,
    &Fraction,
    &Multiplier,
    &Sum,
];

/// Looks a rule up by id.
#[must_use]
pub fn rule(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.id() == id)
}

/// A closed interval of real values.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
}

impl Interval {
    #[must_use]
    pub fn new(a: f64, b: f64) -> Self {
        Self {
            lo: a.min(b),
            hi: a.max(b),
        }
    }

    #[must_use]
    pub fn point(v: f64) -> Self {
        Self { lo: v, hi: v }
    }

    /// Overlap test with a relative slack of 1e-9 against float noise.
    #[must_use]
    pub fn overlaps(self, other: Interval) -> bool {
        // Open ends (`more than 30%` is 30..inf) must not make the slack infinite.
        let mag: f64 = [self.lo, self.hi, other.lo, other.hi]
            .iter()
            .filter(|v| v.is_finite())
            .map(|v| v.abs())
            .sum();
        let eps = 1e-9 * mag.max(1.0);
        self.lo <= other.hi + eps && other.lo <= self.hi + eps
    }

    #[must_use]
    pub fn contains(self, v: f64) -> bool {
        self.overlaps(Interval::point(v))
    }

    #[must_use]
    pub fn mid(self) -> f64 {
        f64::midpoint(self.lo, self.hi)
    }

    #[must_use]
    pub fn as_array(self) -> [f64; 2] {
        [self.lo, self.hi]
    }
}

/// Relative width that `about`, `nearly` and unhedged round words allow (LABELS.md:
/// "about 30% holds within 10% of the value").
pub const APPROX: f64 = 0.10;

thread_local! {
    /// The approximate width in force for the checks running on this thread: a
    /// newsroom's `[tolerance] approximate` for the file being checked, else
    /// [`APPROX`]. A thread-local rather than a parameter because every interval
    /// helper (`stated_interval`, round words, hedged figures) needs it and a file is
    /// always checked on one thread; [`run_with`] scopes it to one run.
    static APPROX_WIDTH: std::cell::Cell<f64> = const { std::cell::Cell::new(APPROX) };
}

/// The relative width that `about`, `nearly` and unhedged round words allow in the
/// run in progress (see [`run_with`]).
#[must_use]
pub fn approx() -> f64 {
    APPROX_WIDTH.with(std::cell::Cell::get)
}

/// [`run`] with `approximate` as the width of `about`, `nearly` and round words.
#[must_use]
pub fn run_with(cx: &Context<'_>, approximate: f64) -> Vec<Check> {
    /// Restores the previous width even if a rule panics.
    struct Restore(f64);
    impl Drop for Restore {
        fn drop(&mut self) {
            APPROX_WIDTH.with(|w| w.set(self.0));
        }
    }
    let _restore = Restore(APPROX_WIDTH.with(|w| w.replace(approximate)));
    run(cx)
}

/// The interval a stated value covers: its written precision (half the unit of its
/// last digit either side), then widened or bounded by its hedge.
#[must_use]
pub fn stated_interval(claim: &Claim) -> Interval {
    let q = claim.quantity;
    let half = q.step / 2.0;
    let v = q.value;
    let rounded = Interval::new(v - half, v + half);
    let Some(hedge) = claim.hedge else {
        return rounded;
    };
    let spread = (v.abs() * approx()).max(half);
    match hedge.sense() {
        HedgeSense::Approximate => Interval::new(v - spread, v + spread),
        HedgeSense::Above | HedgeSense::AtLeast => Interval::new(v, f64::INFINITY),
        HedgeSense::Below | HedgeSense::AtMost => Interval::new(f64::NEG_INFINITY, v),
        HedgeSense::JustBelow => Interval::new(v - spread, v),
    }
}

/// The interval a figure used as evidence covers: exact when written plainly
/// (`108`), its rounding when written with a magnitude or decimals that look rounded
/// (`£4.4bn` is 4.35bn..4.45bn; `$1bn` counts as two significant digits,
/// 0.95bn..1.05bn). A hedged figure (`just over £25bn`, `about 300`)
/// covers what its hedge allows, bounded at [`APPROX`] so that it still says
/// something.
#[must_use]
pub fn figure_interval(claim: &Claim) -> Interval {
    let q = claim.quantity;
    let rounded = if q.scaled {
        // `$1bn` written with one significant digit would cover 0.5bn..1.5bn, which
        // checks nothing; read it as precise to two significant digits (0.95..1.05bn)
        // as writers round to at least that when they compare figures.
        let two_digits = 10f64.powf(q.value.abs().log10().floor() - 1.0);
        let step = if two_digits.is_finite() && two_digits > 0.0 {
            q.step.min(two_digits)
        } else {
            q.step
        };
        Interval::new(q.value - step / 2.0, q.value + step / 2.0)
    } else if claim.kind == ClaimKind::Percent {
        Interval::new(q.value - q.step / 2.0, q.value + q.step / 2.0)
    } else {
        Interval::point(q.value)
    };
    let Some(hedge) = claim.hedge else {
        return rounded;
    };
    let v = q.value;
    let spread = v.abs() * approx();
    let hedged = match hedge.sense() {
        HedgeSense::Approximate => Interval::new(v - spread, v + spread),
        HedgeSense::Above | HedgeSense::AtLeast => Interval::new(v, v + spread),
        HedgeSense::Below | HedgeSense::AtMost | HedgeSense::JustBelow => {
            Interval::new(v - spread, v)
        }
    };
    Interval::new(rounded.lo.min(hedged.lo), rounded.hi.max(hedged.hi))
}

/// The interval a change claim states, in percent units, signed by the direction
/// its words give (`fell 11%` covers -11.5..-10.5). A fraction (`fell by a fifth`)
/// counts as its percentage, and without a hedge it is read as about (within
/// [`APPROX`]), because round words are round on purpose.
#[must_use]
pub fn stated_change(claim: &Claim, direction: link::Direction) -> Interval {
    let i = if claim.kind == ClaimKind::Fraction {
        let v = claim.quantity.value * 100.0;
        if claim.hedge.is_none() {
            Interval::new(v * (1.0 - approx()), v * (1.0 + approx()))
        } else {
            let i = stated_interval(claim);
            Interval::new(i.lo * 100.0, i.hi * 100.0)
        }
    } else {
        stated_interval(claim)
    };
    match direction {
        link::Direction::Up => i,
        link::Direction::Down => Interval::new(-i.hi, -i.lo),
    }
}

/// The stated value of a change claim in percent units, signed.
#[must_use]
pub fn stated_value(claim: &Claim, direction: link::Direction) -> f64 {
    let v = if claim.kind == ClaimKind::Fraction {
        claim.quantity.value * 100.0
    } else {
        claim.quantity.value
    };
    v * direction.sign()
}

/// Whether a computed value is close enough to a stated one that a mismatch is
/// more likely an error than a wrong pairing: same sign and within a factor of
/// three. Used for links that cross sentences, where a wrong pairing is the more
/// likely explanation of a wild difference.
#[must_use]
pub fn plausible(stated: f64, computed: f64) -> bool {
    stated * computed > 0.0 && {
        let r = (computed / stated).abs();
        (1.0 / 3.0..=3.0).contains(&r)
    }
}

/// Writes `new_value` in the style of a figure's text: `restate("1130p", 11.3,
/// 10.66)` is `1,066p`, `restate("$10.48", 10.48, 12.31)` is `$12.31`. Falls back
/// to the bare number when the text has no digits.
#[must_use]
pub fn restate(text: &str, value: f64, new_value: f64) -> String {
    let Some(start) = text.find(|c: char| c.is_ascii_digit()) else {
        return fmt_num(new_value, 2);
    };
    let rest = &text[start..];
    let len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(rest.len());
    let num = rest[..len].trim_end_matches(['.', ',']);
    let Ok(written) = num.replace(',', "").parse::<f64>() else {
        return fmt_num(new_value, 2);
    };
    if value == 0.0 || !written.is_finite() {
        return fmt_num(new_value, 2);
    }
    let decimals = num.split_once('.').map_or(0, |(_, f)| f.len()).max(2);
    let shown = fmt_num(written * new_value / value, decimals);
    format!("{}{shown}{}", &text[..start], &text[start + num.len()..])
}

/// Whether a computed value is within an order of magnitude of the stated one
/// (same sign, within a factor of ten). Even in one sentence, `rose 2% to $45 a
/// barrel, compared with $30 a year ago` compares two periods: a mismatch that
/// wild is a misreading, not an error we are sure of.
#[must_use]
pub fn same_order(stated: f64, computed: f64) -> bool {
    stated * computed > 0.0 && {
        let r = (computed / stated).abs();
        (0.1..=10.0).contains(&r)
    }
}

/// Formats a computed signed percentage as a reader would check it: one decimal
/// from 10% up (`+51.9%`, `-10.8%`), two below (`+5.26%`), so a value that
/// rounds to the stated one still shows why it does.
#[must_use]
pub fn fmt_signed_pct(v: f64) -> String {
    let s = fmt_num(v, if v.abs() >= 10.0 { 1 } else { 2 });
    if v > 0.0 && s != "0" {
        format!("+{s}%")
    } else {
        format!("{s}%")
    }
}

/// Names a stated percentage in a message: `34%`, `-11%`, or with the writer's
/// words when they were not digits: `5% (five per cent)`, `-20% (a fifth)`.
#[must_use]
pub fn fmt_stated_pct(stated: f64, text: &str) -> String {
    let n = format!("{}%", fmt_num(stated, 2));
    if text.bytes().any(|b| b.is_ascii_digit()) {
        n
    } else {
        format!("{n} ({text})")
    }
}

/// The note after an inconsistency: what the rounded figures and the stated
/// precision or hedge allow, when either is more than a point (`; the rounded
/// figures allow 19.18%..25.35%, the statement allows 29.5%..30.5%`).
#[must_use]
pub fn range_note(range: Interval, tolerance: Interval) -> String {
    let point = |i: Interval| fmt_num(i.lo, 2) == fmt_num(i.hi, 2);
    let mut parts = Vec::new();
    if !point(range) {
        parts.push(format!(
            "the rounded figures allow {}",
            fmt_pct_interval(range)
        ));
    }
    if !point(tolerance) {
        parts.push(format!(
            "the statement allows {}",
            fmt_pct_interval(tolerance)
        ));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("; {}", parts.join(", "))
    }
}

/// Formats an interval of percentages: `19.18%..25.35%`, `above 30%`.
#[must_use]
pub fn fmt_pct_interval(i: Interval) -> String {
    match (i.lo.is_finite(), i.hi.is_finite()) {
        (true, true) => format!("{}%..{}%", fmt_num(i.lo, 2), fmt_num(i.hi, 2)),
        (true, false) => format!("at least {}%", fmt_num(i.lo, 2)),
        (false, true) => format!("at most {}%", fmt_num(i.hi, 2)),
        (false, false) => "any value".to_owned(),
    }
}

/// The percentage change from `a` to `b` as an interval, given interval inputs.
/// `None` when `a` may be zero (no percentage change from nothing).
#[must_use]
pub fn change_interval(a: Interval, b: Interval) -> Option<Interval> {
    if a.lo <= 0.0 {
        return None;
    }
    // (b - a) / a = b/a - 1 is increasing in b and decreasing in a (a > 0).
    Some(Interval::new(
        (b.lo / a.hi - 1.0) * 100.0,
        (b.hi / a.lo - 1.0) * 100.0,
    ))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Consistent,
    Inconsistent,
}

impl Verdict {
    /// `Consistent` when the stated and computed intervals overlap.
    #[must_use]
    pub fn from_overlap(consistent: bool) -> Self {
        if consistent {
            Self::Consistent
        } else {
            Self::Inconsistent
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Wording worth a second look (points versus per cent).
    Warning,
    /// A figure that does not add up.
    Error,
}

/// One rule's finding about one claim.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Check {
    pub rule: &'static str,
    pub verdict: Verdict,
    pub severity: Severity,
    /// The claim whose stated value is checked.
    pub claim: usize,
    /// The claims the computed value comes from, in the order the rule uses them.
    pub evidence: Vec<usize>,
    pub stated: f64,
    /// The computed point value (from the figures as written).
    pub computed: f64,
    /// The interval the stated value covers.
    pub tolerance: Interval,
    /// The interval the rounded figures allow for the computed value.
    pub computed_range: Interval,
    /// The arithmetic in words: `stated 34%, but 108 → 164 is +51.9%`.
    pub message: String,
}

/// What a rule sees: one file's text, sentences and claims.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub text: &'a str,
    pub sentences: &'a [Sentence],
    pub claims: &'a [Claim],
}

/// A check rule: a unit struct with an id, docs and a `check` over one file.
pub trait Rule: Sync {
    /// Kebab-case id, never reused: `percent-change`.
    fn id(&self) -> &'static str;
    /// One line for `--list-rules`.
    fn summary(&self) -> &'static str;
    /// The page `--explain` prints: what it checks, why, examples, tolerance.
    fn explain(&self) -> &'static str;
    fn severity(&self) -> Severity {
        Severity::Error
    }
    /// Appends this rule's checks for one file. `links` is the file's evidence
    /// index, built once and shared by every rule, with its caches (change pairs,
    /// stated directions, change links) filled on first use.
    fn check(&self, links: &link::Links<'_>, out: &mut Vec<Check>);
}

/// Runs every rule over one file; checks come out sorted by claim then rule.
#[must_use]
pub fn run(cx: &Context<'_>) -> Vec<Check> {
    let links = link::Links::new(cx);
    let mut out = Vec::new();
    for r in RULES {
        r.check(&links, &mut out);
    }
    out.sort_by(|a, b| a.claim.cmp(&b.claim).then_with(|| a.rule.cmp(b.rule)));
    out
}

/// Formats a number the way a reader wrote it: thousands separators, at most
/// `decimals` decimals, trailing zeros dropped.
#[must_use]
pub fn fmt_num(v: f64, decimals: usize) -> String {
    let x = v.abs();
    // A whole number below 2^53 (most counts and sums of money) prints as its
    // integer: its decimals are zeros, which are trimmed. Formatting it as an
    // integer skips the exact float formatting, which large values send to a
    // slow bignum path.
    let s = if x.fract() == 0.0 && x < 9_007_199_254_740_992.0 {
        (x as u64).to_string()
    } else {
        let s = format!("{x:.decimals$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            s
        }
    };
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if v < 0.0 && s.chars().any(|c| c != '0' && c != '.') {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for rule unit tests: run the whole pipeline on a sentence.
    use super::{Check, Context, Rule, Verdict};

    /// The checks `rule` makes on `text` run through the real segmenter and extractor.
    pub fn checks(rule: &dyn Rule, text: &str) -> Vec<Check> {
        let sentences = crate::segment::sentences(text);
        let claims = crate::extract::claims(text, &sentences);
        let cx = Context {
            text,
            sentences: &sentences,
            claims: &claims,
        };
        let mut out = Vec::new();
        rule.check(&super::link::Links::new(&cx), &mut out);
        out
    }

    #[track_caller]
    pub fn assert_flags(rule: &dyn Rule, text: &str) -> Check {
        let cs = checks(rule, text);
        cs.iter()
            .find(|c| c.verdict == Verdict::Inconsistent)
            .cloned()
            .unwrap_or_else(|| panic!("{} did not flag {text:?}; checks: {cs:#?}", rule.id()))
    }

    #[track_caller]
    pub fn assert_clean(rule: &dyn Rule, text: &str) -> Check {
        let cs = checks(rule, text);
        assert!(
            cs.iter().all(|c| c.verdict == Verdict::Consistent),
            "{} flagged {text:?}: {cs:#?}",
            rule.id()
        );
        cs.first()
            .cloned()
            .unwrap_or_else(|| panic!("{} made no check on {text:?}", rule.id()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_kebab_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id()), "duplicate rule id {}", r.id());
            assert!(
                r.id().chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.id()
            );
            assert!(!r.summary().is_empty() && !r.summary().contains('\n'));
            assert!(r.explain().len() > 200, "{} needs an explain page", r.id());
        }
        assert!(rule("percent-change").is_some());
        assert!(rule("nope").is_none());
    }

    #[test]
    fn change_interval_uses_rounded_figures() {
        // "a 25% rise, from £3.6bn to £4.4bn": figures allow 19.2%..25.4%.
        let a = Interval::new(3.55, 3.65);
        let b = Interval::new(4.35, 4.45);
        let c = change_interval(a, b).unwrap();
        assert!((c.lo - 19.18).abs() < 0.01, "{c:?}");
        assert!((c.hi - 25.35).abs() < 0.01, "{c:?}");
        assert!(c.overlaps(Interval::new(24.5, 25.5)));
        assert!(change_interval(Interval::point(0.0), b).is_none());
        // An open end does not make everything overlap.
        assert!(!Interval::new(40.0, f64::INFINITY).overlaps(Interval::new(31.0, 31.3)));
        assert!(Interval::new(f64::NEG_INFINITY, 40.0).overlaps(Interval::new(31.0, 31.3)));
    }

    #[test]
    fn restate_keeps_the_unit() {
        assert_eq!(restate("1130p", 11.3, 10.66), "1,066p");
        assert_eq!(restate("$10.48", 10.48, 12.31), "$12.31");
        assert_eq!(restate("3,903", 3903.0, 3708.0), "3,708");
        assert_eq!(restate("two", 2.0, 3.0), "3");
    }

    #[test]
    fn fmt_num_groups_and_trims() {
        assert_eq!(fmt_num(3903.0, 2), "3,903");
        assert_eq!(fmt_num(51.851_85, 1), "51.9");
        assert_eq!(fmt_num(-4.0, 1), "-4");
        assert_eq!(fmt_num(1_234_567.5, 2), "1,234,567.5");
        assert_eq!(fmt_num(-0.01, 1), "0");
    }

    /// [`fmt_num`]'s shortcut for whole numbers gives what formatting the float
    /// gives.
    #[test]
    fn fmt_num_whole_numbers_are_the_float_formatting() {
        let by_float = |v: f64, decimals: usize| {
            let s = format!("{:.*}", decimals, v.abs());
            let s = if s.contains('.') {
                s.trim_end_matches('0').trim_end_matches('.').to_owned()
            } else {
                s
            };
            let (int, frac) = s
                .split_once('.')
                .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
            let mut grouped = String::new();
            for (i, ch) in int.chars().enumerate() {
                if i > 0 && (int.len() - i) % 3 == 0 {
                    grouped.push(',');
                }
                grouped.push(ch);
            }
            let sign = if v < 0.0 && s.chars().any(|c| c != '0' && c != '.') {
                "-"
            } else {
                ""
            };
            match frac {
                Some(f) => format!("{sign}{grouped}.{f}"),
                None => format!("{sign}{grouped}"),
            }
        };
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            999.0,
            1000.0,
            14_200_000.0,
            1.6e9,
            -2.5e12,
            9_007_199_254_740_991.0,
            9_007_199_254_740_992.0,
            1e20,
            f64::MAX,
            f64::INFINITY,
            f64::NAN,
            0.5,
            2.5,
            1e-300,
        ];
        let mut x = 1.0_f64;
        for _ in 0..200 {
            x *= 1.37;
            values.extend([x.round(), -x.round(), x.floor() * 10.0, x]);
        }
        for v in values {
            for decimals in 0..3 {
                assert_eq!(
                    fmt_num(v, decimals),
                    by_float(v, decimals),
                    "{v} {decimals}"
                );
            }
        }
    }
}

#[cfg(test)]
mod approximate_tests {
    use super::*;

    fn verdicts(text: &str, width: Option<f64>) -> Vec<Verdict> {
        let sentences = crate::segment::sentences(text);
        let claims = crate::extract::claims(text, &sentences);
        let cx = Context {
            text,
            sentences: &sentences,
            claims: &claims,
        };
        let checks = match width {
            Some(w) => run_with(&cx, w),
            None => run(&cx),
        };
        checks.iter().map(|c| c.verdict).collect()
    }

    #[test]
    fn tolerance_setting_widens_about_and_is_scoped_to_the_run() {
        let text = "Sales rose by about 30%, from 100 units to 125 units.";
        assert_eq!(verdicts(text, None), [Verdict::Inconsistent]);
        assert_eq!(verdicts(text, Some(0.2)), [Verdict::Consistent]);
        // The width goes back to the default after the run.
        assert!((approx() - APPROX).abs() < f64::EPSILON);
        assert_eq!(verdicts(text, None), [Verdict::Inconsistent]);
    }
}
