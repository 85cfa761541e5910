//! Generated error tables shaped like real AWS ones: long shared prefixes
//! (`InvalidParameter...`, `ResourceNotFound...`), a few statuses.

const PREFIXES: [&str; 10] = [
    "InvalidParameter",
    "InvalidParameterCombination",
    "ResourceNotFound",
    "ResourceInUse",
    "ServiceQuotaExceeded",
    "ProvisionedThroughputExceeded",
    "InvalidRequest",
    "DBInstanceNotFound",
    "InsufficientDBInstanceCapacity",
    "InvalidDBClusterState",
];

const MIDDLES: [&str; 20] = [
    "",
    "ForVault",
    "ForJob",
    "ForArchive",
    "ForPolicy",
    "ForTag",
    "ForUpload",
    "ForRegion",
    "ForAccount",
    "ForKey",
    "ForStream",
    "ForTable",
    "ForIndex",
    "ForBackup",
    "ForSnapshot",
    "ForCluster",
    "ForInstance",
    "ForSubnet",
    "ForGroup",
    "ForRole",
];

const STATUSES: [(u16, &str); 7] = [
    (400, "400 Bad Request"),
    (403, "403 Forbidden"),
    (404, "404 Not Found"),
    (409, "409 Conflict"),
    (429, "429 Too Many Requests"),
    (500, "500 Internal Server Error"),
    (503, "503 Service Unavailable"),
];

/// The code of row `i`: unique for any `i`.
pub fn code(i: usize) -> String {
    let round = i / (PREFIXES.len() * MIDDLES.len());
    let version = if round == 0 {
        String::new()
    } else {
        format!("V{round}")
    };
    format!(
        "{}{}{}Exception",
        PREFIXES[i % PREFIXES.len()],
        MIDDLES[(i / PREFIXES.len()) % MIDDLES.len()],
        version
    )
}

/// A Markdown spec of `rows` rows.
pub fn markdown(rows: usize) -> String {
    let mut out = String::from(
        "# Generated errors\n\n| Code | Description | HTTP Status Code | Type |\n| --- | --- | --- | --- |\n",
    );
    for i in 0..rows {
        let (status, cell) = STATUSES[i % STATUSES.len()];
        let kind = if status >= 500 { "Server" } else { "Client" };
        out.push_str(&format!(
            "| {} | Returned if generated condition number {i} holds\\. | {cell} | {kind} |\n",
            code(i)
        ));
    }
    out
}
