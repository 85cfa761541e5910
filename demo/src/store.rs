//! Vaults, their archives, jobs and settings, and the account's data
//! retrieval policy, all in memory. What the handlers return as JSON is
//! built here, in the shapes of botocore's Glacier model.

use crate::archive_memory::HeldBytes;
use crate::aws_dates;
use crate::inventory::Inventory;
use axum::body::Bytes;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// How long Glacier counts a retrieval against a `BytesPerHour` policy.
pub const RETRIEVAL_WINDOW: Duration = Duration::from_secs(3600);

/// Everything the account has.
#[derive(Debug, Default)]
pub struct Store {
    /// The vaults by name, so listings come out sorted, as Glacier lists them.
    pub vaults: BTreeMap<String, Vault>,
    /// The account's data retrieval policy.
    pub retrieval_policy: RetrievalPolicy,
    /// Archive retrievals of the last [`RETRIEVAL_WINDOW`]: when, how many
    /// bytes; for `BytesPerHour`.
    pub recent_retrievals: VecDeque<(SystemTime, u64)>,
}

/// A vault, its archives, jobs (oldest first) and settings.
#[derive(Debug)]
pub struct Vault {
    /// The vault's name.
    pub name: String,
    /// `arn:aws:glacier:REGION:ACCOUNT:vaults/NAME`.
    pub arn: String,
    /// When CreateVault made it.
    pub created: SystemTime,
    /// The archives by id; shared with the retrieval jobs that read them.
    pub archives: HashMap<String, Arc<Archive>>,
    /// The jobs, oldest first.
    pub jobs: Vec<Job>,
    /// When an inventory was last taken.
    pub last_inventory: Option<SystemTime>,
    /// The access policy document, as sent.
    pub access_policy: Option<String>,
    /// The vault's tags.
    pub tags: BTreeMap<String, String>,
}

/// An archive, as uploaded.
#[derive(Debug)]
pub struct Archive {
    /// The id UploadArchive returned.
    pub id: String,
    /// `x-amz-archive-description`, printable ASCII.
    pub description: String,
    /// When it was uploaded.
    pub created: SystemTime,
    /// Lower-case hexadecimal.
    pub tree_hash: String,
    /// The bytes, counted against `--archive-memory`.
    pub data: HeldBytes,
}

impl Archive {
    /// The archive's size in bytes.
    pub fn size(&self) -> u64 {
        self.data.bytes().len() as u64
    }
}

/// What a job does, as InitiateJob asked.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// `archive-retrieval` or `select`: reads one archive.
    Retrieval {
        /// Whether it is a select job.
        select: bool,
        /// The archive it reads.
        archive_id: String,
        /// How fast.
        tier: Tier,
        /// `RetrievalByteRange`, as sent.
        byte_range: Option<String>,
    },
    /// `inventory-retrieval`: lists the vault.
    Inventory {
        /// The output's layout.
        format: InventoryFormat,
    },
}

/// The two inventory formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InventoryFormat {
    /// `{"VaultARN": ..., "ArchiveList": [...]}`.
    Json,
    /// A header line, then one line per archive.
    Csv,
}

impl InventoryFormat {
    /// `JSON` or `CSV`, as InitiateJob names it.
    pub fn as_str(self) -> &'static str {
        match self {
            InventoryFormat::Json => "JSON",
            InventoryFormat::Csv => "CSV",
        }
    }

    /// The `Content-Type` of the job's output.
    pub fn content_type(self) -> &'static str {
        match self {
            InventoryFormat::Json => "application/json",
            InventoryFormat::Csv => "text/csv",
        }
    }
}

/// How fast a retrieval is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// Minutes in Glacier; limited by `--expedited-capacity` here.
    Expedited,
    /// The default.
    Standard,
    /// The cheapest.
    Bulk,
}

impl Tier {
    /// The tier named `text`, as InitiateJob spells it.
    pub fn parse(text: &str) -> Option<Tier> {
        match text {
            "Expedited" => Some(Tier::Expedited),
            "Standard" => Some(Tier::Standard),
            "Bulk" => Some(Tier::Bulk),
            _ => None,
        }
    }

    /// The tier's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Expedited => "Expedited",
            Tier::Standard => "Standard",
            Tier::Bulk => "Bulk",
        }
    }
}

/// What GetJobOutput returns once the job has completed.
#[derive(Debug, Clone)]
pub enum JobOutput {
    /// Bytes `start..=end` of an archive, held by the job as Glacier holds
    /// a job's output: deleting the archive does not take it away.
    Archive {
        /// The archive read.
        archive: Arc<Archive>,
        /// The first byte of the output.
        start: u64,
        /// The last byte of the output.
        end: u64,
        /// The range's tree hash, when the range is one node of the
        /// archive's tree (Glacier gives it then, so a client can check).
        range_tree_hash: Option<String>,
    },
    /// The vault's inventory when the job was initiated, rendered.
    Inventory {
        /// The layout of `body`.
        format: InventoryFormat,
        /// The rendered inventory.
        body: Bytes,
    },
    /// Select jobs write to their OutputLocation, not here.
    Select,
}

/// A job of a vault.
#[derive(Debug, Clone)]
pub struct Job {
    /// The id InitiateJob returned.
    pub id: String,
    /// What InitiateJob asked for.
    pub action: Action,
    /// `Description`, printable ASCII.
    pub description: Option<String>,
    /// `SNSTopic`, reported as given (the demo sends no notifications).
    pub sns_topic: Option<String>,
    /// When it was initiated.
    pub created: SystemTime,
    /// How long the job stays in progress.
    pub duration: Duration,
    /// What GetJobOutput returns once it has completed.
    pub output: JobOutput,
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
            "CreationDate": aws_dates::extended(self.created),
            "Completed": completed,
            "StatusCode": self.status_code(now),
            "StatusMessage": if completed { "Succeeded" } else { "In progress" },
            "CompletionDate": completed.then(|| aws_dates::extended(self.created + self.duration)),
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
                job["InventoryRetrievalParameters"] = json!({ "Format": format.as_str() });
            }
        }
        match &self.output {
            JobOutput::Archive {
                archive,
                start,
                end,
                range_tree_hash,
            } => {
                job["ArchiveSizeInBytes"] = json!(archive.size());
                job["ArchiveSHA256TreeHash"] = json!(archive.tree_hash);
                job["RetrievalByteRange"] = json!(format!("{start}-{end}"));
                job["SHA256TreeHash"] = json!(range_tree_hash);
            }
            JobOutput::Inventory { body, .. } if completed => {
                job["InventorySizeInBytes"] = json!(body.len());
            }
            JobOutput::Inventory { .. } | JobOutput::Select => {}
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
    /// An empty vault.
    pub fn new(name: &str, arn: String, created: SystemTime) -> Vault {
        Vault {
            name: name.to_owned(),
            arn,
            created,
            archives: HashMap::new(),
            jobs: Vec::new(),
            last_inventory: None,
            access_policy: None,
            tags: BTreeMap::new(),
        }
    }

    /// The vault as DescribeVault and ListVaults return it.
    pub fn describe(&self) -> Value {
        json!({
            "VaultARN": self.arn,
            "VaultName": self.name,
            "CreationDate": aws_dates::extended(self.created),
            "LastInventoryDate": self.last_inventory.map(aws_dates::extended),
            "NumberOfArchives": self.archives.len(),
            "SizeInBytes": self.archives.values().map(|archive| archive.size()).sum::<u64>(),
        })
    }

    /// The vault's inventory now, oldest archive first.
    pub fn inventory(&self, now: SystemTime) -> Inventory<'_> {
        let mut archives: Vec<&Archive> = self.archives.values().map(Arc::as_ref).collect();
        archives.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
        Inventory {
            vault_arn: &self.arn,
            date: now,
            archives,
        }
    }
}

/// The account's data retrieval policy (one rule, as Glacier allows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RetrievalPolicy {
    /// Glacier's default: retrievals within the free tier. The demo bills
    /// nothing, so every retrieval is within it.
    #[default]
    FreeTier,
    /// No limit.
    None,
    /// At most this many bytes retrieved per hour.
    BytesPerHour(u64),
}

impl RetrievalPolicy {
    /// The policy as GetDataRetrievalPolicy returns it.
    pub fn describe(self) -> Value {
        let rule = match self {
            RetrievalPolicy::FreeTier => json!({ "Strategy": "FreeTier" }),
            RetrievalPolicy::None => json!({ "Strategy": "None" }),
            RetrievalPolicy::BytesPerHour(bytes) => {
                json!({ "Strategy": "BytesPerHour", "BytesPerHour": bytes })
            }
        };
        json!({ "Policy": { "Rules": [rule] } })
    }
}

impl Store {
    /// Whether a retrieval of `bytes` at `now` stays within the policy;
    /// forgets retrievals older than the window on the way.
    pub fn retrieval_allowed(&mut self, bytes: u64, now: SystemTime) -> bool {
        while let Some(&(when, _)) = self.recent_retrievals.front() {
            if now.duration_since(when).unwrap_or_default() < RETRIEVAL_WINDOW {
                break;
            }
            self.recent_retrievals.pop_front();
        }
        match self.retrieval_policy {
            RetrievalPolicy::FreeTier | RetrievalPolicy::None => true,
            RetrievalPolicy::BytesPerHour(limit) => {
                let recent: u64 = self.recent_retrievals.iter().map(|(_, b)| b).sum();
                recent.saturating_add(bytes) <= limit
            }
        }
    }

    /// Counts a retrieval for [`Store::retrieval_allowed`].
    pub fn record_retrieval(&mut self, bytes: u64, now: SystemTime) {
        self.recent_retrievals.push_back((now, bytes));
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
            output: JobOutput::Inventory {
                format: InventoryFormat::Json,
                body: Bytes::from_static(b"{}"),
            },
        }
    }

    #[test]
    fn jobs_complete_after_their_duration() {
        let job = job(Action::Inventory {
            format: InventoryFormat::Json,
        });
        let start = SystemTime::UNIX_EPOCH;
        let running = job.describe("arn", start + Duration::from_secs(59));
        assert_eq!(running["StatusCode"], "InProgress");
        assert_eq!(running["Completed"], false);
        assert_eq!(running["CompletionDate"], Value::Null);
        assert_eq!(running["InventorySizeInBytes"], Value::Null);
        assert_eq!(running["Action"], "InventoryRetrieval");
        let done = job.describe("arn", start + Duration::from_secs(60));
        assert_eq!(done["StatusCode"], "Succeeded");
        assert_eq!(done["CompletionDate"], "1970-01-01T00:01:00.000Z");
        assert_eq!(done["InventoryRetrievalParameters"]["Format"], "JSON");
        assert_eq!(done["InventorySizeInBytes"], 2);
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

    #[test]
    fn bytes_per_hour_counts_the_last_hour_only() {
        let mut store = Store {
            retrieval_policy: RetrievalPolicy::BytesPerHour(100),
            ..Store::default()
        };
        let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert!(store.retrieval_allowed(100, start));
        store.record_retrieval(60, start);
        assert!(store.retrieval_allowed(40, start));
        assert!(!store.retrieval_allowed(41, start + Duration::from_secs(3599)));
        assert!(store.retrieval_allowed(100, start + RETRIEVAL_WINDOW));
        assert!(store.recent_retrievals.is_empty());
        store.retrieval_policy = RetrievalPolicy::None;
        assert!(store.retrieval_allowed(u64::MAX, start));
    }
}
