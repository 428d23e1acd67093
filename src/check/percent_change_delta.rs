//! `percent-change-delta`: STUB, implemented by the check-rules work.

use super::{Check, Context, Rule};

pub struct PercentChangeDelta;

impl Rule for PercentChangeDelta {
    fn id(&self) -> &'static str {
        "percent-change-delta"
    }

    fn summary(&self) -> &'static str {
        "TODO"
    }

    fn explain(&self) -> &'static str {
        "TODO"
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Check>) {}
}
