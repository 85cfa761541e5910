//! The output of an inventory-retrieval job: the vault's archives in
//! Glacier's JSON or CSV layout.
//!
//! JSON: `{"VaultARN": ..., "InventoryDate": ..., "ArchiveList": [{"ArchiveId",
//! "ArchiveDescription", "CreationDate", "Size", "SHA256TreeHash"}, ...]}`.
//! CSV: a header line `ArchiveId,ArchiveDescription,CreationDate,Size,SHA256TreeHash`,
//! then one line per archive, the description always quoted (`"` doubled).

use crate::aws_dates;
use crate::store::{Archive, InventoryFormat};
use serde_json::{json, Value};
use std::time::SystemTime;

/// A vault's archives at one moment, oldest first.
#[derive(Debug)]
pub struct Inventory<'a> {
    /// The vault's ARN.
    pub vault_arn: &'a str,
    /// When it was taken.
    pub date: SystemTime,
    /// The archives, oldest first.
    pub archives: Vec<&'a Archive>,
}

impl Inventory<'_> {
    /// The inventory in `format`.
    pub fn render(&self, format: InventoryFormat) -> Vec<u8> {
        match format {
            InventoryFormat::Json => self.json().to_string().into_bytes(),
            InventoryFormat::Csv => self.csv().into_bytes(),
        }
    }

    fn json(&self) -> Value {
        let list: Vec<Value> = self
            .archives
            .iter()
            .map(|archive| {
                json!({
                    "ArchiveId": archive.id,
                    "ArchiveDescription": archive.description,
                    "CreationDate": aws_dates::extended(archive.created),
                    "Size": archive.size(),
                    "SHA256TreeHash": archive.tree_hash,
                })
            })
            .collect();
        json!({
            "VaultARN": self.vault_arn,
            "InventoryDate": aws_dates::extended(self.date),
            "ArchiveList": list,
        })
    }

    fn csv(&self) -> String {
        let mut text =
            String::from("ArchiveId,ArchiveDescription,CreationDate,Size,SHA256TreeHash\n");
        for archive in &self.archives {
            // Ids and hashes are url-safe base64 and hex; only the
            // description (printable ASCII) needs quoting.
            text.push_str(&format!(
                "{},\"{}\",{},{},{}\n",
                archive.id,
                archive.description.replace('"', "\"\""),
                aws_dates::extended(archive.created),
                archive.size(),
                archive.tree_hash
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive_memory::ArchiveMemory;
    use axum::body::Bytes;
    use std::time::Duration;

    fn archive(id: &str, description: &str, data: &'static [u8]) -> Archive {
        let memory = ArchiveMemory::new(1 << 20);
        Archive {
            id: id.to_owned(),
            description: description.to_owned(),
            created: SystemTime::UNIX_EPOCH + Duration::from_millis(1_486_728_000_221),
            tree_hash: crate::tree_hash::to_hex(&crate::tree_hash::tree_hash(data)),
            data: memory
                .reserve(data.len() as u64)
                .unwrap()
                .hold(Bytes::from_static(data)),
        }
    }

    #[test]
    fn both_layouts() {
        let (a, b) = (
            archive("A1", "photos \"2017\", part 1", b"abc"),
            archive("B2", "", b"x"),
        );
        let inventory = Inventory {
            vault_arn: "arn:aws:glacier:us-west-2:012345678901:vaults/v",
            date: SystemTime::UNIX_EPOCH + Duration::from_secs(1_486_728_060),
            archives: vec![&a, &b],
        };
        let json: Value = serde_json::from_slice(&inventory.render(InventoryFormat::Json)).unwrap();
        assert_eq!(
            json["VaultARN"],
            "arn:aws:glacier:us-west-2:012345678901:vaults/v"
        );
        assert_eq!(json["InventoryDate"], "2017-02-10T12:01:00.000Z");
        assert_eq!(
            json["ArchiveList"][0]["ArchiveDescription"],
            "photos \"2017\", part 1"
        );
        assert_eq!(json["ArchiveList"][0]["Size"], 3);
        assert_eq!(
            json["ArchiveList"][0]["CreationDate"],
            "2017-02-10T12:00:00.221Z"
        );
        assert_eq!(json["ArchiveList"][1]["ArchiveId"], "B2");
        let csv = String::from_utf8(inventory.render(InventoryFormat::Csv)).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "ArchiveId,ArchiveDescription,CreationDate,Size,SHA256TreeHash"
        );
        assert_eq!(
            lines[1],
            format!(
                "A1,\"photos \"\"2017\"\", part 1\",2017-02-10T12:00:00.221Z,3,{}",
                a.tree_hash
            )
        );
        assert!(lines[2].starts_with("B2,\"\",2017-"), "{}", lines[2]);
        assert_eq!(lines.len(), 3);
    }
}
