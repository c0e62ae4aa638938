//! The JSON forms of field types that plain serde does not give as dApps need them
//! (`serialize_with`): numbers as decimal strings, bytes and hashes as 0x-hex (through
//! `sp_core::bytes` and `H256`'s own serializer).

use core::fmt::Display;
use serde::{Serialize, Serializer};
use sp_core::H256;

/// Bytes that serialize as 0x-prefixed hex.
pub struct Bytes<'a>(pub &'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        sp_core::bytes::serialize(self.0, s)
    }
}

/// A number (balance, weight) as a decimal string: JavaScript loses digits past 2^53.
pub fn dec<S: Serializer, T: Display>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// A hash as 0x-prefixed hex.
pub fn hash<S: Serializer>(h: &H256, s: S) -> Result<S::Ok, S::Error> {
    h.serialize(s)
}

/// Bytes as 0x-prefixed hex.
pub fn bytes<S: Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
    Bytes(b).serialize(s)
}

/// Optional bytes as 0x-prefixed hex or null.
pub fn opt_bytes<S: Serializer>(b: &Option<alloc::vec::Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
    b.as_deref().map(Bytes).serialize(s)
}
