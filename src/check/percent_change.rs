//! `percent-change`: STUB, implemented by the check-rules work.

use super::{Check, Context, Rule};

pub struct PercentChange;

impl Rule for PercentChange {
    fn id(&self) -> &'static str {
        "percent-change"
    }

    fn summary(&self) -> &'static str {
        "TODO"
    }

    fn explain(&self) -> &'static str {
        "TODO"
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Check>) {}
}
