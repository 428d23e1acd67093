//! Byte flags of a 64-byte block packed into a `u64`, one bit per byte.
//!
//! Input: 64 flag bytes, each 0 or the [`ROW_BIT`] of its position (written by
//! element-wise code that the compiler vectorises: `u8::from(test).wrapping_neg()
//! & ROW_BIT[i]`). Output: a `u64` whose bit `i` is set when byte `i`'s flag is.
//! Used by the two scanners that classify the text 64 bytes at a time: the
//! segmenter's candidates and the extractor's stops.
//!
//! Why this shape: safe Rust without a SIMD crate has no movemask. Packing each
//! row of eight 0-or-1 bytes with a multiply costs about 45 instructions a
//! block; combining the rows by OR (their bits differ) and transposing the 8x8
//! bit matrix costs about 25, and nothing at all when no byte is flagged.

/// Bytes classified at a time: one bit each in a `u64`.
pub(crate) const BLOCK: usize = 64;

/// Per byte of a block, the bit that [`gather`] moves to the byte's place:
/// byte `8k + j` carries bit `k`.
pub(crate) const ROW_BIT: [u8; BLOCK] = {
    let mut t = [0u8; BLOCK];
    let mut i = 0;
    while i < BLOCK {
        t[i] = 1 << (i / 8);
        i += 1;
    }
    t
};

/// Eight bytes as a `u64`, the first in the low byte.
#[inline]
pub(crate) fn word(bytes: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(bytes);
    u64::from_le_bytes(w)
}

/// One bit per byte of a block from its flags (byte `i` is [`ROW_BIT`]`[i]`
/// or 0): bit `i` of the answer for byte `i`.
///
/// The eight 8-byte rows are combined by OR into one `u64` (vector code the compiler
/// emits; the rows' bits differ), whose bit `8j + k` is then byte `8k + j`'s
/// flag: a transposition of the 8x8 bit matrix (three rounds of swapping
/// blocks across the diagonal) puts it at bit `8k + j`.
#[inline]
pub(crate) fn gather(flags: &[u8; BLOCK]) -> u64 {
    let mut x = flags.chunks_exact(8).fold(0, |acc, row| acc | word(row));
    if x == 0 {
        return 0;
    }
    let t = (x ^ (x >> 7)) & 0x00AA_00AA_00AA_00AA;
    x ^= t ^ (t << 7);
    let t = (x ^ (x >> 14)) & 0x0000_CCCC_0000_CCCC;
    x ^= t ^ (t << 14);
    let t = (x ^ (x >> 28)) & 0x0000_0000_F0F0_F0F0;
    x ^ t ^ (t << 28)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gathers_every_single_bit_and_random_flags() {
        for i in 0..BLOCK {
            let mut f = [0u8; BLOCK];
            f[i] = ROW_BIT[i];
            assert_eq!(gather(&f), 1 << i);
        }
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..10_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut f = [0u8; BLOCK];
            for (i, c) in f.iter_mut().enumerate() {
                *c = if x >> i & 1 == 1 { ROW_BIT[i] } else { 0 };
            }
            assert_eq!(gather(&f), x);
        }
    }
}
