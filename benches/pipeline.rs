//! How fast is the pipeline? Placeholder until the benchmark lands.
fn main() {}
