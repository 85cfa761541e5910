//! A service crate of the workspace that derives its errors from the
//! workspace's shared `spec/glacier.md` (the path is relative to this
//! crate's Cargo.toml), without copying it.

use errtable::ErrorTable;
use std::collections::BTreeSet;

/// The vault service's view of the Glacier table.
#[derive(ErrorTable)]
#[error_table(spec = "../../spec/glacier.md")]
pub struct Vaults;

/// An in-memory set of vault names, with a limit.
#[derive(Debug, Default)]
pub struct VaultStore {
    names: BTreeSet<String>,
    limit: usize,
}

impl VaultStore {
    /// A store that holds at most `limit` vaults.
    pub fn with_limit(limit: usize) -> Self {
        VaultStore {
            names: BTreeSet::new(),
            limit,
        }
    }

    /// Creates a vault; fails with LimitExceededException when full.
    pub fn create(&mut self, name: &str) -> Result<(), VaultsError> {
        if self.names.len() >= self.limit && !self.names.contains(name) {
            return Err(VaultsError::new(
                VaultsException::LimitExceededException,
                format!(
                    "The maximum number of vaults ({}) has been reached",
                    self.limit
                ),
            ));
        }
        self.names.insert(name.to_owned());
        Ok(())
    }

    /// Describes a vault; fails with ResourceNotFoundException when absent.
    pub fn describe(&self, name: &str) -> Result<&str, VaultsError> {
        self.names.get(name).map(String::as_str).ok_or_else(|| {
            VaultsError::new(
                VaultsException::ResourceNotFoundException,
                format!(
                    "Vault not found for ARN: arn:aws:glacier:us-west-2:012345678901:vaults/{name}"
                ),
            )
        })
    }
}
