//! Vaults and jobs, in memory. The demo keeps no archives: a retrieval job
//! accepts any archive id and its output is never produced.

use crate::time;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

/// All vaults of the account, by name (so listings come out sorted, as
/// Glacier lists them).
#[derive(Debug, Default)]
pub struct Store {
    pub vaults: BTreeMap<String, Vault>,
}

/// A vault and its jobs, oldest first.
#[derive(Debug)]
pub struct Vault {
    pub name: String,
    pub arn: String,
    pub created: SystemTime,
    pub jobs: Vec<Job>,
}

/// What a job does, with what it needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// `archive-retrieval` or `select`: reads one archive.
    Retrieval {
        select: bool,
        archive_id: String,
        tier: Tier,
        byte_range: Option<String>,
    },
    /// `inventory-retrieval`: lists the vault.
    Inventory { format: String },
}

/// How fast a retrieval is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    Expedited,
    Standard,
    Bulk,
}

impl Tier {
    pub fn parse(text: &str) -> Option<Tier> {
        match text {
            "Expedited" => Some(Tier::Expedited),
            "Standard" => Some(Tier::Standard),
            "Bulk" => Some(Tier::Bulk),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Expedited => "Expedited",
            Tier::Standard => "Standard",
            Tier::Bulk => "Bulk",
        }
    }
}

/// A job of a vault.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: String,
    pub action: Action,
    pub description: Option<String>,
    pub sns_topic: Option<String>,
    pub created: SystemTime,
    /// How long the job stays in progress.
    pub duration: Duration,
}

impl Job {
    /// Whether the job has finished by `now`; demo jobs always succeed.
    pub fn completed(&self, now: SystemTime) -> bool {
        now.duration_since(self.created).unwrap_or_default() >= self.duration
    }

    /// `InProgress` or `Succeeded`.
    pub fn status_code(&self, now: SystemTime) -> &'static str {
        if self.completed(now) {
            "Succeeded"
        } else {
            "InProgress"
        }
    }

    /// The job as DescribeJob and ListJobs return it (`GlacierJobDescription`).
    pub fn describe(&self, vault_arn: &str, now: SystemTime) -> Value {
        let completed = self.completed(now);
        let mut job = json!({
            "JobId": self.id,
            "JobDescription": self.description,
            "VaultARN": vault_arn,
            "CreationDate": time::extended(self.created),
            "Completed": completed,
            "StatusCode": self.status_code(now),
            "StatusMessage": if completed { "Succeeded" } else { "In progress" },
            "CompletionDate": completed.then(|| time::extended(self.created + self.duration)),
            "SNSTopic": self.sns_topic,
            "ArchiveId": Value::Null,
            "ArchiveSizeInBytes": Value::Null,
            "InventorySizeInBytes": Value::Null,
            "SHA256TreeHash": Value::Null,
            "ArchiveSHA256TreeHash": Value::Null,
            "RetrievalByteRange": Value::Null,
            "Tier": Value::Null,
        });
        match &self.action {
            Action::Retrieval {
                select,
                archive_id,
                tier,
                byte_range,
            } => {
                job["Action"] = json!(if *select {
                    "Select"
                } else {
                    "ArchiveRetrieval"
                });
                job["ArchiveId"] = json!(archive_id);
                job["Tier"] = json!(tier.as_str());
                job["RetrievalByteRange"] = json!(byte_range);
            }
            Action::Inventory { format } => {
                job["Action"] = json!("InventoryRetrieval");
                job["InventorySizeInBytes"] = json!(if completed { Some(0) } else { None });
                job["InventoryRetrievalParameters"] = json!({ "Format": format });
            }
        }
        job
    }

    /// An expedited retrieval that is still running: what takes capacity.
    pub fn holds_expedited_capacity(&self, now: SystemTime) -> bool {
        matches!(
            self.action,
            Action::Retrieval {
                tier: Tier::Expedited,
                ..
            }
        ) && !self.completed(now)
    }
}

impl Vault {
    /// The vault as DescribeVault and ListVaults return it.
    pub fn describe(&self) -> Value {
        json!({
            "VaultARN": self.arn,
            "VaultName": self.name,
            "CreationDate": time::extended(self.created),
            "LastInventoryDate": Value::Null,
            "NumberOfArchives": 0,
            "SizeInBytes": 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(action: Action) -> Job {
        Job {
            id: "J".into(),
            action,
            description: Some("d".into()),
            sns_topic: None,
            created: SystemTime::UNIX_EPOCH,
            duration: Duration::from_secs(60),
        }
    }

    #[test]
    fn jobs_complete_after_their_duration() {
        let job = job(Action::Inventory {
            format: "JSON".into(),
        });
        let start = SystemTime::UNIX_EPOCH;
        let running = job.describe("arn", start + Duration::from_secs(59));
        assert_eq!(running["StatusCode"], "InProgress");
        assert_eq!(running["Completed"], false);
        assert_eq!(running["CompletionDate"], Value::Null);
        assert_eq!(running["Action"], "InventoryRetrieval");
        let done = job.describe("arn", start + Duration::from_secs(60));
        assert_eq!(done["StatusCode"], "Succeeded");
        assert_eq!(done["CompletionDate"], "1970-01-01T00:01:00.000Z");
        assert_eq!(done["InventoryRetrievalParameters"]["Format"], "JSON");
    }

    #[test]
    fn only_running_expedited_retrievals_hold_capacity() {
        let retrieval = |tier| {
            job(Action::Retrieval {
                select: false,
                archive_id: "A".into(),
                tier,
                byte_range: None,
            })
        };
        let start = SystemTime::UNIX_EPOCH;
        assert!(retrieval(Tier::Expedited).holds_expedited_capacity(start));
        assert!(
            !retrieval(Tier::Expedited).holds_expedited_capacity(start + Duration::from_secs(60))
        );
        assert!(!retrieval(Tier::Bulk).holds_expedited_capacity(start));
        let described = retrieval(Tier::Expedited).describe("arn", start);
        assert_eq!(described["Action"], "ArchiveRetrieval");
        assert_eq!(described["Tier"], "Expedited");
    }
}
