//! Reading and writing numbers without Rust's float parser and float formatter.
//!
//! `str::parse::<f64>` brings its tables and its slow path along (about 15 KB of gzip in each
//! browser app that links it, measured on the form: 213.3 → 198.6 KB). Every number typed in
//! Meedoen (hours a week, amounts, a scenario's levers) has few digits, and for those the
//! value below is the same. Writing a float (`format!("{v:.1}")`, `v.to_string()`) likewise
//! brings core's shortest and exact float formatters (Grisu and Dragon, with their tables); the
//! screens only ever write a number with a fixed number of decimals, which [`fixed`] does with
//! a few whole-number operations and the same result.

/// A number as a person types it, after the caller trimmed it and made a decimal comma a point:
/// an optional sign, digits, and at most one decimal point, such as `8`, `12.5`, `.5` or `-1`.
/// No exponent, no `inf` or `NaN`: those are not numbers a person types into a form.
///
/// The value equals Rust's float parser's for up to 15 significant digits: the digits are read
/// as a whole number `m` below 2^53 and divided by 10^k (k ≤ 22), both exact, so the one
/// division rounds correctly. Decimals beyond that are dropped. A whole part of 15 digits or
/// more from 900,719,925,474,099 up reads as infinite, which every caller refuses.
pub fn parse_decimal(t: &str) -> Option<f64> {
    const EXACT: u64 = 1 << 53;
    let (negative, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (whole, decimals) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && decimals.is_empty() || !digits(whole) || !digits(decimals) {
        return None;
    }
    let mut m: u64 = 0;
    for b in whole.bytes() {
        m = m * 10 + u64::from(b - b'0');
        if m >= EXACT / 10 {
            return Some(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            });
        }
    }
    let mut k = 0;
    for b in decimals.bytes() {
        if m >= EXACT / 10 || k == 22 {
            break;
        }
        m = m * 10 + u64::from(b - b'0');
        k += 1;
    }
    let v = m as f64 / 10f64.powi(k);
    Some(if negative { -v } else { v })
}

/// `v` with exactly `decimals` decimals: the same text as `format!("{v:.decimals$}")` for every
/// `f64` (a point, a `-` before every negative value and `-0.0`, `NaN`, `inf`, `-inf`, and
/// ties rounded to even on the exact binary value), without core's float formatter.
///
/// A float is `m · 2^e` exactly. The text's digits are `m · 10^decimals · 2^e` rounded to a
/// whole number, worked out exactly on a small big number (limbs of 32 bits).
pub fn fixed(v: f64, decimals: usize) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    let mut out = String::new();
    if v.is_sign_negative() {
        out.push('-');
    }
    if v.is_infinite() {
        out.push_str("inf");
        return out;
    }
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (m, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1u64 << 52, biased - 1075)
    };
    let mut n = Big(vec![m as u32, (m >> 32) as u32]);
    for _ in 0..decimals {
        n.mul_small(10);
    }
    if e >= 0 {
        n.shl(e as usize);
    } else {
        n.shr_rounded((-e) as usize);
    }
    let mut digits = n.into_digits();
    while digits.len() <= decimals {
        digits.insert(0, b'0');
    }
    let point = digits.len() - decimals;
    out.extend(digits[..point].iter().map(|&d| char::from(d)));
    if decimals > 0 {
        out.push('.');
        out.extend(digits[point..].iter().map(|&d| char::from(d)));
    }
    out
}

/// `v` as a person writes it: rounded to at most `max_decimals` decimals as [`fixed`] rounds,
/// without trailing zeros, and a whole number without a point (`12`, `12.5`, `0.25`). A
/// negative value that rounds to zero is written `0`. Choose `max_decimals` for the kind of
/// number: for what a person typed it gives back what they typed (up to that many decimals).
pub fn plain(v: f64, max_decimals: usize) -> String {
    let mut s = fixed(v, max_decimals);
    if v.is_finite() && s.contains('.') {
        let kept = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(kept);
    }
    if s == "-0" {
        s.remove(0);
    }
    s
}

/// A whole number of any size, little-endian limbs of 32 bits (for [`fixed`] only).
struct Big(Vec<u32>);

impl Big {
    fn mul_small(&mut self, k: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let x = u64::from(*limb) * u64::from(k) + carry;
            *limb = x as u32;
            carry = x >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn shl(&mut self, bits: usize) {
        for _ in 0..bits / 32 {
            self.0.insert(0, 0);
        }
        let s = bits % 32;
        if s > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let x = *limb;
                *limb = (x << s) | carry;
                carry = x >> (32 - s);
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
    }

    fn bit(&self, i: usize) -> bool {
        self.0.get(i / 32).is_some_and(|l| l >> (i % 32) & 1 == 1)
    }

    /// Divides by 2^bits, rounding half to even.
    fn shr_rounded(&mut self, bits: usize) {
        let half = self.bit(bits - 1);
        let below = (0..bits - 1).any(|i| self.bit(i));
        let limbs = (bits / 32).min(self.0.len());
        self.0.drain(..limbs);
        let s = bits % 32;
        if s > 0 {
            let mut carry = 0u32;
            for limb in self.0.iter_mut().rev() {
                let x = *limb;
                *limb = (x >> s) | carry;
                carry = x << (32 - s);
            }
        }
        let odd = self.0.first().is_some_and(|l| l & 1 == 1);
        if half && (below || odd) {
            for limb in &mut self.0 {
                let (x, overflow) = limb.overflowing_add(1);
                *limb = x;
                if !overflow {
                    return;
                }
            }
            self.0.push(1);
        }
    }

    /// The decimal digits (ASCII), most significant first; `0` for zero.
    fn into_digits(mut self) -> Vec<u8> {
        let mut digits = Vec::new();
        loop {
            while self.0.last() == Some(&0) {
                self.0.pop();
            }
            if self.0.is_empty() {
                break;
            }
            let mut rest = 0u64;
            for limb in self.0.iter_mut().rev() {
                let x = (rest << 32) | u64::from(*limb);
                *limb = (x / 10) as u32;
                rest = x % 10;
            }
            digits.push(b'0' + rest as u8);
        }
        if digits.is_empty() {
            digits.push(b'0');
        }
        digits.reverse();
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::{fixed, parse_decimal, plain};

    /// The same text as `format!("{v:.d$}")`, for whole numbers, halves (ties go to even on the
    /// exact value), the numbers people type and the report's percentages, the extremes, and
    /// floats of every size drawn from their bits.
    #[test]
    fn fixed_is_the_float_formatter() {
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.125,
            0.375,
            0.05,
            0.15,
            0.25,
            0.35,
            1.005,
            2.675,
            12.5,
            -0.04,
            -1.0,
            80.0,
            99.95,
            33.333_333_333_333_336,
            66.666_666_666_666_67,
            0.1 + 0.2,
            1e15,
            1e21,
            123_456_789.987_654_32,
            9_007_199_254_740_993.0,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            f64::EPSILON,
        ];
        for whole in 0..200 {
            for part in 0..40 {
                values.push(f64::from(whole) + f64::from(part) / 40.0);
                values.push(f64::from(whole * 7 + part) * 100.0 / 613.0);
            }
        }
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let v = f64::from_bits(state);
            if v.is_finite() {
                values.push(v);
            }
        }
        for &v in &values {
            for d in [0usize, 1, 2, 3, 6] {
                assert_eq!(fixed(v, d), format!("{v:.d$}"), "{v:e} with {d} decimals");
            }
        }
        for d in [0, 1, 3] {
            for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                assert_eq!(fixed(v, d), format!("{v:.d$}"));
            }
        }
        assert_eq!(fixed(0.1, 25), format!("{:.25}", 0.1));
    }

    #[test]
    fn plain_writes_a_number_as_a_person_does() {
        for (v, d, text) in [
            (12.0, 6, "12"),
            (12.5, 6, "12.5"),
            (0.1, 6, "0.1"),
            (0.1 + 0.2, 6, "0.3"),
            (7.75, 1, "7.8"),
            (-0.04, 1, "0"),
            (-1.5, 2, "-1.5"),
            (f64::from(0.1f32), 4, "0.1"),
            (f64::from(1.5f32), 4, "1.5"),
            (40.0, 0, "40"),
        ] {
            assert_eq!(plain(v, d), text, "{v} with at most {d} decimals");
        }
        // What a person typed (up to six decimals) comes back as typed.
        for t in ["8", "12.5", "0.25", "7.123456", "-3.75", "1234567.5"] {
            assert_eq!(plain(parse_decimal(t).unwrap(), 6), t);
        }
    }

    /// What a person may type gives Rust's float parser's value, and what is not a
    /// number is refused.
    #[test]
    fn decimal_is_the_float_parser() {
        let mut typed: Vec<String> = [
            "0",
            "8",
            "80",
            "80.0",
            "12.5",
            ".5",
            "5.",
            "007",
            "+8",
            "-1",
            "-0",
            "0.1",
            "0.2",
            "0.3",
            "7.75",
            "79.999999999999",
            "80.00000000000001",
            "123456789012345",
            "1.23456789012345",
            "0.000000000000001",
            "99999999999999.9",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for whole in 0..=100u32 {
            for hundredths in 0..100u32 {
                typed.push(format!("{whole}.{hundredths:02}"));
                typed.push(format!("{whole}.{hundredths}"));
            }
        }
        for t in &typed {
            assert_eq!(parse_decimal(t), t.parse::<f64>().ok(), "{t:?}");
        }
        for t in [
            "", ".", "-", "+", "1.2.3", "1e3", "inf", "NaN", "8 uur", "½", "1,5", " 8",
        ] {
            assert_eq!(parse_decimal(t), None, "{t:?}");
        }
        assert_eq!(parse_decimal("1234567890123456789"), Some(f64::INFINITY));
        assert_eq!(
            parse_decimal("-1234567890123456789"),
            Some(f64::NEG_INFINITY)
        );
        // Decimals beyond what 2^53 holds are dropped, not rounded: at most one unit in the
        // 15th digit away.
        let long = parse_decimal("12.3456789012345678901").unwrap();
        assert!((long - 12.345_678_901_234_567).abs() < 1e-13);
    }
}
