//! The citizen service number (BSN): 9 digits passing the 11-check. Passing the check does
//! not mean the number exists.

/// Why a BSN is not valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BsnError {
    #[error("a BSN has 8 or 9 digits")]
    Length,
    #[error("a BSN contains digits only")]
    NotDigits,
    #[error("this BSN fails the 11-check")]
    Check,
}

impl BsnError {
    /// The message for users, in Dutch and English.
    pub fn text(self) -> crate::Text {
        use crate::Text;
        match self {
            BsnError::Length => Text::fixed(
                "Een BSN bestaat uit 8 of 9 cijfers.",
                "A BSN has 8 or 9 digits.",
            ),
            BsnError::NotDigits => Text::fixed(
                "Een BSN bevat alleen cijfers.",
                "A BSN contains digits only.",
            ),
            BsnError::Check => Text::fixed(
                "Dit BSN klopt niet: de elfproef faalt. Controleer de cijfers.",
                "This BSN fails the 11-check. Check the digits.",
            ),
        }
    }
}

/// A BSN that passed the 11-check, stored as 9 digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bsn([u8; 9]);

impl Bsn {
    /// Parse 8 or 9 digits (an 8-digit number gets a leading zero); spaces and dots are ignored.
    pub fn parse(input: &str) -> Result<Bsn, BsnError> {
        let cleaned: String = input.chars().filter(|c| !matches!(c, ' ' | '.')).collect();
        if !cleaned.chars().all(|c| c.is_ascii_digit()) {
            return Err(BsnError::NotDigits);
        }
        let padded = match cleaned.len() {
            9 => cleaned,
            8 => format!("0{cleaned}"),
            _ => return Err(BsnError::Length),
        };
        let mut d = [0u8; 9];
        for (i, b) in padded.bytes().enumerate() {
            d[i] = b - b'0';
        }
        let sum: i32 = d
            .iter()
            .zip([9, 8, 7, 6, 5, 4, 3, 2, -1])
            .map(|(&x, w)| x as i32 * w)
            .sum();
        if sum % 11 != 0 || d == [0; 9] {
            return Err(BsnError::Check);
        }
        Ok(Bsn(d))
    }

    /// The last `n` digits, for search and for masked display.
    pub fn last_digits(&self, n: usize) -> String {
        self.to_string()[9 - n.min(9)..].to_string()
    }
}

impl std::fmt::Display for Bsn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for x in self.0 {
            write!(f, "{x}")?;
        }
        Ok(())
    }
}
