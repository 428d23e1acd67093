//! `sum`: parts against a stated total (`12 men and 9 women, 21 in all`), and a
//! trade balance against its exports and imports.

use std::sync::LazyLock;

use regex::Regex;

use super::link::{Links, compatible, is_figure};
use super::{Check, Interval, Rule, Severity, Verdict, figure_interval, fmt_num};
use crate::extract::{Claim, ClaimKind};

/// Checks parts against their stated total.
pub struct Sum;

impl Rule for Sum {
    fn id(&self) -> &'static str {
        "sum"
    }

    fn summary(&self) -> &'static str {
        "Parts do not add up to the total stated with them"
    }

    fn explain(&self) -> &'static str {
        "\
sum

WHAT IT CHECKS
Parts printed together with the total they make up. It reads:
  - `12 men and 9 women, 21 in all`, `a total of 21: 12 men and 9 women`:
    two or more counts or amounts joined by `and` next to a total marked `in
    all`, `in total`, `altogether` or `a total of`;
  - `Of the 900, 600 are full-time and 300 part-time`: the total after `Of
    the` opening the sentence, then exactly two parts joined by `and`;
  - `... 13 out of 659 - are from a minority. Twelve of them represent Labour,
    and one is a Liberal Democrat.`: parts introduced by `N of them`, against
    the part of a written fraction in the sentence before;
  - a trade balance: the exports and the imports printed in one sentence and
    the deficit (gap, difference, shortfall, surplus) printed in the sentence
    before, the same sentence or the one after, or anywhere in the article
    when that sentence names the gap `between exports and imports` and both
    sentences give the same year: imports = exports + deficit. The checked
    claim is the larger of exports and imports.
  - three or more plain percentages listed in one sentence as shares of one
    whole (`38.4% reside in Argentina, 15.6% in Italy, 10.3% in Switzerland`):
    no `of` after any but the first, no change, no hedge, nothing else in the
    sentence; they may add up to less than 100% (a partial breakdown) but never
    to more, after rounding.
Parts and total must be the same kind (money in one currency, counts whose
nouns agree). A figure that starts a change (`down from October's £3.6bn`)
is never a part or a total.

WHY IT MATTERS
Totals are where copy-editing goes wrong: one part is updated, the total is
not, or a figure for goods alone is set against one for goods and services.

EXAMPLES
Consistent:   12 men and 9 women, 21 in all
Consistent:   the difference between what the UK exported and imported was
              £3.1bn. [...] exports [...] rose to £24.8bn, [...] imports [...]
              £27.9bn (£24.8bn + £3.1bn = £27.9bn)
Inconsistent: 58.4% reside in Argentina, 25.6% in Italy and 20.3% in
              Switzerland (104.3%)
Inconsistent: The gap between US exports and imports hit $671.7bn in 2004.
              [...] For all of 2004, US exports rose to $1.15 trillion, but
              imports rose to $1.76 trillion ($1.15tn + $671.7bn = $1.82tn)

TOLERANCE
Every figure covers its rounding (`£24.8bn` is 24.75bn..24.85bn; a plain `21`
is exact; a hedged figure at most 10% on its side), and the sum covers the sum
of the extremes. The check is consistent when the total's interval meets the
sum's. For a list of shares, each percentage covers its rounding (`38.4%`
38.35..38.45) and the list is flagged only when the smallest sum exceeds 100.
"
    }

    fn check(&self, links: &Links<'_>, out: &mut Vec<Check>) {
        let cx = &links.cx;
        let mut done = vec![false; cx.claims.len()];
        let defined = defined_gaps(links);
        // Every reading needs two claims in the sentence (parts, or exports
        // and imports); most sentences have fewer.
        for &s in links.pairable_sentences() {
            if let Some(c) = over_hundred(self.id(), links, s) {
                out.push(c);
            }
            for found in [
                in_all(links, s),
                of_the(links, s),
                of_them(links, s),
                trade(links, s, &defined),
            ]
            .into_iter()
            .flatten()
            {
                if done.get(found.total).copied().unwrap_or(true) {
                    continue;
                }
                if let Some(c) = make_check(self.id(), links, &found) {
                    done[found.total] = true;
                    out.push(c);
                }
            }
        }
    }
}

/// A total and the parts that should add up to it (claim ids).
#[derive(Clone, Debug)]
struct Addition {
    total: usize,
    parts: Vec<usize>,
    /// How the parts combine into the checked claim's value.
    how: &'static str,
}

fn figure(links: &Links<'_>, c: &Claim) -> bool {
    is_figure(c) && !links.parenthesised(c) && !links.start_cued(c)
}

/// `21 in all`, `in total`, `altogether`.
static IN_ALL_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*[A-Za-z-]{0,20}\s*(?:in\s+all|in\s+total|altogether|combined)\b
        ",
    )
    .expect("static regex")
});

/// [`IN_ALL_AFTER`], read by hand when the tail is plain (see `cue`): a run of
/// up to 20 letters and hyphens, then `in all`, `in total`, `altogether` or
/// `combined` as whole words, whitespace allowed around the run.
fn in_all_after(tail: &str) -> bool {
    if !super::cue::plain(tail) {
        return IN_ALL_AFTER.is_match(tail);
    }
    let b = tail.as_bytes();
    let start = skip_space(tail, 0);
    let mut run = start;
    while run - start < 20
        && b.get(run)
            .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'-')
    {
        run += 1;
    }
    // The run may give up letters to the phrase (`menin all`): try every split
    // where a phrase can start (`in`, `altogether`, `combined`), and its end.
    (start..=run).rev().any(|p| {
        if p < run && !matches!(b[p] | 0x20, b'i' | b'a' | b'c') {
            return false;
        }
        let q = skip_space(tail, p);
        let at = |i: usize, w: &str| {
            b.get(i..i + w.len())
                .is_some_and(|x| x.eq_ignore_ascii_case(w.as_bytes()))
                // `\b`: no word character follows (in plain text only ASCII
                // letters, digits and `_` are).
                && b.get(i + w.len()).is_none_or(|&c| !(c.is_ascii_alphanumeric() || c == b'_'))
        };
        if at(q, "altogether") || at(q, "combined") {
            return true;
        }
        let in_ = b
            .get(q..q + 2)
            .is_some_and(|x| x.eq_ignore_ascii_case(b"in"));
        let r = skip_space(tail, q + 2);
        in_ && r > q + 2 && (at(r, "all") || at(r, "total"))
    })
}

/// The index after the whitespace at `i` in `text` (`\s*`).
fn skip_space(text: &str, mut i: usize) -> usize {
    while let Some(c) = text.get(i..).and_then(|t| t.chars().next()) {
        if !c.is_whitespace() {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// [`TOTAL_OF`], read only when the lead's last word is `of`.
fn total_of(lead: &str) -> bool {
    // The lead's last letters, before spaces and two symbols at most, must
    // spell `of`: a cheap look before the full reading of its end.
    let b = lead.as_bytes();
    let end = b.len()
        - b.iter()
            .rev()
            .take_while(|c| !c.is_ascii_alphanumeric())
            .count();
    let of = end >= 2 && b[end - 2..end].eq_ignore_ascii_case(b"of");
    of && super::cue::End::of(lead).is_none_or(|e| e.is("of") && e.spaced)
        && TOTAL_OF.is_match(lead)
}

/// `a total of 21`.
static TOTAL_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \ba\s+total\s+of\s+[^a-z0-9\s]{0,2}$
        ",
    )
    .expect("static regex")
});

/// The words between two parts: `12 men and 9`, `12 men, 9`.
static PART_JOIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*[A-Za-z-]{0,20}\s*(?:,\s*|\s)(?:and\s+)?[^a-z0-9\s]{0,2}$
        ",
    )
    .expect("static regex")
});

/// Between the last part and a total after it: `9 women, 21`, `9 women - 21`.
static BEFORE_TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*[A-Za-z-]{0,20}\s*(?:,|-|–|:)\s*[^a-z0-9\s]{0,2}$
        ",
    )
    .expect("static regex")
});

/// `12 men and 9 women, 21 in all` and `a total of 21: 12 men and 9 women`.
fn in_all(links: &Links<'_>, s: usize) -> Option<Addition> {
    let cs = links.claims_in(s);
    // A total and at least two parts.
    if cs.len() < 3 {
        return None;
    }
    for (i, t) in cs.iter().enumerate() {
        // The total is a figure with a marker: the markers first (they are
        // rare), then the rest of the figure test, which reads the lead.
        // Parts before the total need two claims before it: read the marker
        // after it only then.
        if !is_figure(t) {
            continue;
        }
        let after = i >= 2 && in_all_after(links.tail(t, 40));
        if !(after || total_of(links.lead(t, 40))) || !figure(links, t) {
            continue;
        }
        if after {
            // Parts before: walk back while joined.
            let last = &cs[i - 1];
            if !figure(links, last)
                || !compatible(last, t)
                || !links
                    .between(last.span, t.span)
                    .is_some_and(|g| BEFORE_TOTAL.is_match(g))
            {
                continue;
            }
            let parts = joined_back(links, cs, i - 1, t);
            if parts.len() >= 2 {
                return Some(Addition {
                    total: t.id,
                    parts,
                    how: "in all",
                });
            }
        } else {
            let parts = joined_forward(links, cs, i + 1, t);
            if parts.len() >= 2 {
                return Some(Addition {
                    total: t.id,
                    parts,
                    how: "a total of",
                });
            }
        }
    }
    None
}

/// Parts joined by commas and `and`, ending at `cs[end]`, walking back.
fn joined_back(links: &Links<'_>, cs: &[Claim], end: usize, t: &Claim) -> Vec<usize> {
    let mut parts = vec![cs[end].id];
    let mut k = end;
    while k > 0 && parts.len() < 8 {
        let (a, b) = (&cs[k - 1], &cs[k]);
        if !figure(links, a)
            || !compatible(a, t)
            || !links
                .between(a.span, b.span)
                .is_some_and(|g| PART_JOIN.is_match(g))
        {
            break;
        }
        parts.push(a.id);
        k -= 1;
    }
    // The first two parts must be joined by `and` somewhere: a list, not a run.
    let joined_by_and = parts.len() >= 2
        && links
            .between(cs[k].span, cs[end].span)
            .is_some_and(|g| g.contains(" and "));
    if joined_by_and { parts } else { Vec::new() }
}

/// Parts after a total: `a total of 21: 12 men and 9 women`.
fn joined_forward(links: &Links<'_>, cs: &[Claim], start: usize, t: &Claim) -> Vec<usize> {
    let Some(first) = cs.get(start) else {
        return Vec::new();
    };
    if !figure(links, first)
        || !compatible(first, t)
        || !links
            .between(t.span, first.span)
            .is_some_and(|g| BEFORE_TOTAL.is_match(g))
    {
        return Vec::new();
    }
    let mut parts = vec![first.id];
    let mut k = start;
    while k + 1 < cs.len() && parts.len() < 8 {
        let (a, b) = (&cs[k], &cs[k + 1]);
        if !figure(links, b)
            || !compatible(b, t)
            || !links
                .between(a.span, b.span)
                .is_some_and(|g| PART_JOIN.is_match(g))
        {
            break;
        }
        parts.push(b.id);
        k += 1;
    }
    let joined_by_and = parts.len() >= 2
        && links
            .between(first.span, cs[k].span)
            .is_some_and(|g| g.contains(" and "));
    // Nothing of the same kind may follow: the list must end the total's parts.
    let more = cs.get(k + 1).is_some_and(|x| compatible(x, t));
    if joined_by_and && !more {
        parts
    } else {
        Vec::new()
    }
}

/// `Of the 900, 600 are full-time and 300 part-time`.
static OF_THE_OPEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*[^A-Za-z0-9]{0,2}of\s+(?:the|these|those|its|their)\s+[^a-z0-9\s]{0,2}$
        ",
    )
    .expect("static regex")
});

/// Between two parts after `Of the 900,`: `are full-time and`, `, while`.
static AND_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^[^.;:!?0-9]{0,60}?(?:\band|,\s*while|,\s*with)\s+[^a-z0-9\s]{0,2}$
        ",
    )
    .expect("static regex")
});

/// Whether the first word of `text` may be `of`, as [`OF_THE_OPEN`] needs: the
/// first ASCII letters or digits are `of` and end there. `true` when a
/// non-ASCII character comes first (it may fold to a letter).
fn opens_with_of(text: &str) -> bool {
    let b = text.as_bytes();
    let Some(i) = b
        .iter()
        .position(|c| c.is_ascii_alphanumeric() || *c >= 0x80)
    else {
        return false;
    };
    b[i] >= 0x80
        || (b
            .get(i..i + 2)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"of"))
            && b.get(i + 2).is_none_or(|c| !c.is_ascii_alphanumeric()))
}

fn of_the(links: &Links<'_>, s: usize) -> Option<Addition> {
    let cs = links.claims_in(s);
    // The whole and two parts.
    if cs.len() < 3 {
        return None;
    }
    let t = cs.first()?;
    let sent = links.sentence_span(s);
    let open = links.slice(sent.start, t.span.start);
    if !opens_with_of(open) || !figure(links, t) || !OF_THE_OPEN.is_match(open) {
        return None;
    }
    let rest: Vec<&Claim> = cs[1..].iter().filter(|c| compatible(c, t)).collect();
    let [a, b] = rest.as_slice() else {
        return None;
    };
    if cs.len() != 3 || !figure(links, a) || !figure(links, b) {
        return None;
    }
    let opens = links
        .between(t.span, a.span)
        .is_some_and(|g| g.len() <= 30 && g.contains(','));
    let joined = links
        .between(a.span, b.span)
        .is_some_and(|g| AND_CLAUSE.is_match(g));
    (opens && joined).then(|| Addition {
        total: t.id,
        parts: vec![a.id, b.id],
        how: "of the",
    })
}

/// `Twelve of them represent Labour, and one is a Liberal Democrat.`
static OF_THEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*of\s+(?:them|these|those)\b
        ",
    )
    .expect("static regex")
});

/// [`OF_THEM`], read only when the tail's first word is `of`.
fn of_them_after(tail: &str) -> bool {
    super::cue::first_word(tail, b"").is_none_or(|w| w.eq_ignore_ascii_case("of"))
        && OF_THEM.is_match(tail)
}

fn of_them(links: &Links<'_>, s: usize) -> Option<Addition> {
    if s == 0 {
        return None;
    }
    let cs = links.claims_in(s);
    let first = cs.first()?;
    let sent = links.sentence_span(s);
    if first.kind != ClaimKind::Count
        || links.slice(sent.start, first.span.start).trim().len() > 2
        || !of_them_after(links.tail(first, 20))
    {
        return None;
    }
    let counts: Vec<&Claim> = cs.iter().filter(|c| c.kind == ClaimKind::Count).collect();
    let [a, b] = counts.as_slice() else {
        return None;
    };
    if !links
        .between(a.span, b.span)
        .is_some_and(|g| AND_CLAUSE.is_match(g))
    {
        return None;
    }
    // `them` is the part of the written fraction before: `13 out of 659`.
    let prev = links.claims_in(s - 1);
    let fractions: Vec<&Claim> = prev
        .iter()
        .filter(|c| {
            c.kind == ClaimKind::Fraction && c.span.slice(links.cx.text).contains(" out of ")
        })
        .collect();
    let [frac] = fractions.as_slice() else {
        return None;
    };
    let total = prev
        .iter()
        .find(|c| c.kind == ClaimKind::Count && c.span.start == frac.span.start)?;
    Some(Addition {
        total: total.id,
        parts: vec![a.id, b.id],
        how: "of them",
    })
}

/// What a money figure is in a trade balance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Exports,
    Imports,
    Gap,
}

/// A deficit word before a figure.
static GAP_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?:deficit|gap|difference|shortfall|surplus)\b
        ",
    )
    .expect("static regex")
});

/// `the gap between US exports and imports`: a gap named by its two sides.
static GAP_DEFINED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?:gap|difference|deficit)\s+between\s+[^.;]{0,40}?export[a-z]*\s+and\s+import
        ",
    )
    .expect("static regex")
});

static TRADE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?P<ex>export(?:s|ed)?)\b|\b(?P<im>import(?:s|ed)?)\b
        ",
    )
    .expect("static regex")
});

/// Words every match of [`TRADE_WORD`] holds.
const TRADE_NEEDLES: &[super::cue::Needle] =
    &[super::cue::needle("export"), super::cue::needle("import")];

fn role(links: &Links<'_>, c: &Claim) -> Option<Role> {
    if c.kind != ClaimKind::Money || !figure(links, c) {
        return None;
    }
    if GAP_WORD.is_match(links.lead(c, 100)) {
        return Some(Role::Gap);
    }
    let cap = TRADE_WORD.captures_iter(links.before(c, 100)).last()?;
    if cap.name("ex").is_some() {
        Some(Role::Exports)
    } else {
        Some(Role::Imports)
    }
}

fn years(links: &Links<'_>, s: usize) -> Vec<u64> {
    links
        .claims_in(s)
        .iter()
        .filter(|c| c.kind == ClaimKind::Year)
        .map(|c| c.value() as u64)
        .collect()
}

/// Exports and imports in sentence `s` against the deficit near it.
/// The gaps a file defines as `between exports and imports`: (sentence, claim
/// id). Computed once per file; more than [`MAX_DEFINED`] means no reading.
fn defined_gaps(links: &Links<'_>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Only an amount of money can be a gap: the sentences with one, in order,
    // each once.
    let mut last = None;
    for (t, _, money) in links.claims_by_sentence() {
        if money.kind != ClaimKind::Money || last == Some(t) {
            continue;
        }
        last = Some(t);
        let sp = links.sentence_span(t);
        let head = links.slice(sp.start, floor(links.cx.text, sp.end.min(sp.start + 300)));
        // Every match holds `export` (its `x` is rare): a cheap search first.
        if !super::cue::may_contain(head, &[super::cue::needle("export")])
            || !GAP_DEFINED.is_match(head)
        {
            continue;
        }
        for c in links.claims_in(t) {
            if role(links, c) == Some(Role::Gap) {
                out.push((t, c.id));
            }
        }
        if out.len() > MAX_DEFINED {
            return Vec::new();
        }
    }
    out
}

/// At most this many defined gaps in a file; more is a table, not a story.
const MAX_DEFINED: usize = 4;

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn trade(links: &Links<'_>, s: usize, defined_gaps: &[(usize, usize)]) -> Option<Addition> {
    let cs = links.claims_in(s);
    // Exports and imports are two amounts of money in this sentence, each
    // after a trade word in it.
    if cs.iter().filter(|c| c.kind == ClaimKind::Money).count() < 2 {
        return None;
    }
    let sp = links.sentence_span(s);
    if !super::cue::may_contain(links.slice(sp.start, sp.end), TRADE_NEEDLES) {
        return None;
    }
    let of_role = |r: Role| -> Vec<&Claim> {
        cs.iter()
            .filter(|c| role(links, c) == Some(r))
            .collect::<Vec<_>>()
    };
    let (ex, im) = (of_role(Role::Exports), of_role(Role::Imports));
    let ([e], [i]) = (ex.as_slice(), im.as_slice()) else {
        return None;
    };
    if e.currency != i.currency {
        return None;
    }
    let gaps_in = |t: usize| -> Vec<&Claim> {
        links
            .claims_in(t)
            .iter()
            .filter(|c| role(links, c) == Some(Role::Gap) && c.currency == e.currency)
            .collect()
    };
    let mut gap = None;
    for t in [
        Some(s.saturating_sub(1)).filter(|_| s > 0),
        Some(s),
        Some(s + 1),
    ]
    .into_iter()
    .flatten()
    {
        if t >= links.sentence_count() {
            continue;
        }
        match gaps_in(t).as_slice() {
            [g] => {
                gap = Some(*g);
                break;
            }
            [] => {}
            _ => return None,
        }
    }
    if gap.is_none() {
        // A gap defined as `between exports and imports` for the same year.
        let ys = years(links, s);
        let defined: Vec<&Claim> = defined_gaps
            .iter()
            .filter(|(t, _)| *t != s && !ys.is_empty() && years(links, *t) == ys)
            .filter_map(|(_, id)| links.cx.claims.get(*id))
            .filter(|g| g.currency == e.currency)
            .collect();
        if let [g] = defined.as_slice() {
            gap = Some(*g);
        }
    }
    let g = gap?;
    let (big, small) = if i.value() >= e.value() {
        (*i, *e)
    } else {
        (*e, *i)
    };
    let surplus = links.lead(g, 100).to_lowercase().contains("surplus");
    if surplus != (e.value() > i.value()) {
        return None;
    }
    Some(Addition {
        total: big.id,
        parts: vec![small.id, g.id],
        how: "trade balance",
    })
}

/// The words between two shares of one whole: `15.6% in Italy, 10.3%`,
/// `45% said yes and 24%`. No `of` (a share of another whole) and no digits.
static SHARE_LIST_GAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^(?:[^0-9.;:!?(]){1,40}$
        ",
    )
    .expect("static regex")
});

/// `38.4% reside in Argentina, 15.6% in Italy, 10.3% in Switzerland`: three or
/// more plain percentages listed in one sentence as shares of one whole (the
/// first may say `of` what; the others may not, and none states a change or a
/// hedge) can never add up to more than 100%.
fn over_hundred(rule: &'static str, links: &Links<'_>, s: usize) -> Option<Check> {
    // Three or more claims, all percentages: test before collecting them.
    let all = links.claims_in(s);
    if all.len() < 3 || all.iter().any(|c| c.kind != ClaimKind::Percent) {
        return None;
    }
    let cs: Vec<&Claim> = all.iter().collect();
    for (i, c) in cs.iter().enumerate() {
        if c.hedge.is_some() || super::link::stated_direction(links, c).is_some() {
            return None;
        }
        if i > 0 {
            let gap = links.between(cs[i - 1].span, c.span)?;
            let of_other = i > 1 && links.tail(cs[i - 1], 10).trim_start().starts_with("of ");
            if !SHARE_LIST_GAP.is_match(gap)
                || of_other
                || links.tail(c, 10).trim_start().starts_with("of ")
                || gap.contains(" to ")
                || gap.contains(" from ")
                || gap.contains(" than ")
            {
                return None;
            }
        }
    }
    let mut range = Interval::point(0.0);
    let mut total = 0.0;
    for c in &cs {
        let i = super::stated_interval(c);
        range = Interval::new(range.lo + i.lo, range.hi + i.hi);
        total += c.value();
    }
    if range.lo <= 100.0 {
        return None;
    }
    let text = links.cx.text;
    let words = cs
        .iter()
        .map(|c| c.span.slice(text))
        .collect::<Vec<_>>()
        .join(" + ");
    let first = cs.first()?;
    Some(Check {
        rule,
        verdict: Verdict::Inconsistent,
        severity: Severity::Error,
        claim: first.id,
        evidence: cs.iter().skip(1).map(|c| c.id).collect(),
        stated: 100.0,
        computed: total,
        tolerance: Interval::new(0.0, 100.0),
        computed_range: range,
        message: format!(
            "shares of one whole listed together add up to more than 100%: {words} = {}% (at least {}% after rounding)",
            fmt_num(total, 2),
            fmt_num(range.lo, 2)
        ),
    })
}

fn make_check(rule: &'static str, links: &Links<'_>, p: &Addition) -> Option<Check> {
    let claims = links.cx.claims;
    let t = claims.get(p.total)?;
    let parts: Vec<&Claim> = p.parts.iter().filter_map(|&i| claims.get(i)).collect();
    if parts.len() != p.parts.len() {
        return None;
    }
    let mut range = Interval::point(0.0);
    let mut computed = 0.0;
    for x in &parts {
        let i = figure_interval(x);
        range = Interval::new(range.lo + i.lo, range.hi + i.hi);
        computed += x.value();
    }
    let tolerance = figure_interval(t);
    let ok = tolerance.overlaps(range);
    let text = links.cx.text;
    let mut ordered = parts.clone();
    ordered.sort_by_key(|x| x.span.start);
    let sum_words = ordered
        .iter()
        .map(|x| x.span.slice(text))
        .collect::<Vec<_>>()
        .join(" + ");
    let tt = t.span.slice(text);
    let message = if ok {
        format!(
            "stated {tt} ({}), and {sum_words} = {}",
            p.how,
            fmt_num(computed, 2)
        )
    } else {
        format!(
            "stated {tt} ({}), but {sum_words} = {}: the parts allow {}..{}, the total {}..{}",
            p.how,
            fmt_num(computed, 2),
            fmt_num(range.lo, 2),
            fmt_num(range.hi, 2),
            fmt_num(tolerance.lo, 2),
            fmt_num(tolerance.hi, 2)
        )
    };
    Some(Check {
        rule,
        verdict: Verdict::from_overlap(ok),
        severity: Severity::Error,
        claim: t.id,
        evidence: ordered.iter().map(|x| x.id).collect(),
        stated: t.value(),
        computed,
        tolerance,
        computed_range: range,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_tests_miss_no_match() {
        let mut matched = [0; 5];
        for t in crate::check::cue::texts(37, 150_000, 8) {
            let want = IN_ALL_AFTER.is_match(&t);
            assert_eq!(in_all_after(&t), want, "{t:?}");
            matched[2] += usize::from(want);
            let want = TOTAL_OF.is_match(&t);
            assert_eq!(total_of(&t), want, "{t:?}");
            matched[3] += usize::from(want);
            if TRADE_WORD.is_match(&t) {
                assert!(super::super::cue::may_contain(&t, TRADE_NEEDLES), "{t:?}");
                matched[0] += 1;
            }
            if GAP_DEFINED.is_match(&t) {
                let export = [super::super::cue::needle("export")];
                assert!(super::super::cue::may_contain(&t, &export), "{t:?}");
            }
            if OF_THE_OPEN.is_match(&t) {
                assert!(opens_with_of(&t), "{t:?}");
                matched[4] += 1;
            }
            let of_them = OF_THEM.is_match(&t);
            assert_eq!(of_them_after(&t), of_them, "{t:?}");
            matched[1] += usize::from(of_them);
        }
        assert!(matched.iter().all(|n| *n >= 50), "{matched:?}");
    }
    use crate::check::testing::{assert_clean, assert_flags, checks};

    #[test]
    fn static_regexes_compile() {
        for re in [
            &IN_ALL_AFTER,
            &TOTAL_OF,
            &PART_JOIN,
            &BEFORE_TOTAL,
            &OF_THE_OPEN,
            &AND_CLAUSE,
            &OF_THEM,
            &GAP_WORD,
            &GAP_DEFINED,
            &TRADE_WORD,
            &SHARE_LIST_GAP,
        ] {
            LazyLock::force(re);
        }
    }

    #[test]
    fn accepts_parts_in_all() {
        let c = assert_clean(&Sum, "The panel has 12 men and 9 women, 21 in all.");
        assert_eq!(c.computed, 21.0);
        assert_clean(&Sum, "There were a total of 21: 12 men and 9 women.");
    }

    #[test]
    fn flags_parts_in_all() {
        let c = assert_flags(&Sum, "The panel has 12 men and 9 women, 23 in all.");
        assert!(c.message.contains("12 + 9 = 21"), "{}", c.message);
        assert_flags(&Sum, "There were a total of 25: 12 men and 9 women.");
    }

    #[test]
    fn reads_of_the_total_opening() {
        assert_clean(
            &Sum,
            "Of the 900, 600 are full-time staff and 300 work part-time.",
        );
        assert_flags(
            &Sum,
            "Of the 900, 700 are full-time staff and 300 work part-time.",
        );
    }

    #[test]
    fn reads_of_them_after_written_fraction() {
        let text = "Only 2% of MPs - 13 out of 659 - are from a visible minority group. \
                    Twelve of them represent Labour, and one is a Liberal Democrat.";
        assert_clean(&Sum, text);
        assert_flags(&Sum, &text.replace("Twelve", "Fourteen"));
    }

    #[test]
    fn reads_trade_balance() {
        let text = "The difference between what the UK exported and imported was £3.1bn, down from October's £3.6bn. \
                    Overall UK exports rose by 3.2% to £24.8bn, although total imports rose again to a record £27.9bn.";
        assert_clean(&Sum, text);
        assert_flags(&Sum, &text.replace("£27.9bn", "£29.9bn"));
        let far = "US trade gap hits record\n\nThe gap between US exports and imports hit an all-time high of $671.7bn in 2004. \
                   The deficit with China was the largest.\n\nA second sentence.\n\nA third one.\n\n\
                   For all of 2004, US exports rose 12.3% to $1.15 trillion, but imports rose by 16.3% to $1.76 trillion.";
        let c = assert_flags(&Sum, far);
        assert!(
            c.message.contains("$671.7bn + $1.15 trillion"),
            "{}",
            c.message
        );
    }

    #[test]
    fn flags_shares_of_one_whole_over_a_hundred() {
        let c = assert_flags(
            &Sum,
            "Of the bondholders, 58.4% reside in Argentina, 25.6% in Italy and 20.3% in Switzerland.",
        );
        assert!(c.message.contains("104.3%"), "{}", c.message);
        for text in [
            "Of the bondholders, 38.4% reside in Argentina, 15.6% in Italy and 10.3% in Switzerland.",
            "Sales rose 45% in March, 40% in April and 30% in May.",
            "Some 60% of men, 70% of women and 50% of children agreed.",
        ] {
            assert!(checks(&Sum, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn stays_silent_on_lists_without_totals() {
        for text in [
            "He scored 12 goals and 9 assists in 21 games.",
            "Shares rose 12% and 9% on Monday.",
            "Exports rose to £24.8bn and imports to £27.9bn.",
        ] {
            assert!(checks(&Sum, text).is_empty(), "{text}");
        }
    }
}
